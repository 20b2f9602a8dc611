"""The translation status as a writer reads it in a terminal: `make status` (a table of languages
× articles, then each stale section with its English change) and `make diff` (one page)."""

from __future__ import annotations

from .sections import SectionChange
from .status import IN_STEP, MISSING, PENDING, STALE, PageStatus, Status

INDENT = "    "


def cell(page: PageStatus) -> str:
    if page.state == STALE and page.sections:
        return f"stale ({len(page.sections)})"
    return page.state


def table(status: Status) -> str:
    """Languages across, articles down; a stale cell counts its stale sections."""
    header = ["article", *status.languages]
    rows = [[article, *(cell(status.page(lang, article)) for lang in status.languages)]
            for article in status.articles]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    return "\n".join("  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip()
                     for row in [header, *rows])


def what_to_do(page: PageStatus) -> str:
    if page.state == MISSING:
        return (f"no translation yet; readers get the English page with a notice. To translate it: copy "
                f"{page.source} to {page.translation}, translate it, then `make record FILE={page.file}`")
    if page.state == PENDING and page.still_english:
        return (f"still the English text of {page.source}, never recorded; translate it (or delete it: readers "
                f"then get the English page with a notice), then `make record FILE={page.file}`")
    if page.state == PENDING:
        return (f"never recorded as in step with {page.source}; once it is translated and "
                f"`make check` is clean, `make record FILE={page.file}`")
    if page.state == STALE:
        return f"bring these sections in step, then `make record FILE={page.file}`"
    return f"in step with {page.source}"


def page_changes(page: PageStatus) -> str:
    """A stale page: each section the English changed, the change as a diff and, for each change,
    the line of the translation it lands on."""
    since = f"recorded against {page.source} as it was at {page.since[:10]}" if page.since else \
        f"recorded against version {page.recorded} of {page.source}"
    changed = f"; the English last changed on {page.changed_on}" if page.changed_on else \
        "; the English has changes not committed yet"
    lines = [f"{page.translation}: stale, {since}{changed}"]
    if not page.history_known:
        lines.append(f"{INDENT}git has no version of {page.source} with the hash {page.recorded} (was the English "
                     f"committed before it was recorded?): compare the two files by hand, then "
                     f"`make record FILE={page.file}`")
        return "\n".join(lines)
    if not page.sections:
        lines.append(f"{INDENT}no section's text changed (only spacing): `make record FILE={page.file}`")
        return "\n".join(lines)
    for change in page.sections:
        lines += [INDENT + line for line in section_change(page, change)]
    lines.append(f"{INDENT}then `make record FILE={page.file}`")
    return "\n".join(lines)


def section_change(page: PageStatus, change: SectionChange) -> list[str]:
    heading = f' "{change.heading}"' if change.heading else ""
    if change.kind == "added":
        where = (f"goes after line {change.hunks[0].translation_line - 1} of {page.translation}"
                 if change.translation_line is None else f"is at {page.translation}:{change.translation_line}")
        head = f"{change.anchor}{heading}: new in {page.source}:{change.english_line}; its translation {where}"
    elif change.kind == "removed":
        where = f"; remove it from {page.translation}:{change.translation_line}" if change.translation_line else ""
        head = f"{change.anchor}{heading}: removed from {page.source}{where}"
    else:
        where = f" ({page.translation}:{change.translation_line})" if change.translation_line else \
            f"; {page.translation} has no such section"
        head = f"{change.anchor}{heading}: changed in English{where}"
    lines = [head]
    for hunk in change.hunks:
        if change.kind == "changed":
            landing = (f"{hunk.position} {page.translation}:{hunk.translation_line} "
                       f"({_excerpt(hunk.translation_text)})" if hunk.exact else
                       f"in its section, {page.translation}:{hunk.translation_line}")
            lines.append(f"{INDENT}{page.source}:{hunk.english_line}, in the translation {landing}:")
        lines += [INDENT + INDENT + line for line in hunk.lines]
    return lines


def _excerpt(text: str, length: int = 80) -> str:
    return f'"{text}"' if len(text) <= length else f'"{text[:length].rsplit(" ", 1)[0]} …"'


def summary(status: Status, blocking: bool) -> str:
    debt = status.debt
    if not debt:
        return "every translation is in step with English"
    counts = ", ".join(f"{sum(1 for page in debt if page.state == state)} {state}"
                       for state in (STALE, MISSING, PENDING) if any(page.state == state for page in debt))
    verdict = ("`make check` fails on it (l10n.yml: block_on_pending: true)" if blocking else
               "readers get the English, or the translation as it is, until then; `make check` passes "
               "(l10n.yml: block_on_pending: false)")
    return f"{len(debt)} translation{'s' * (len(debt) != 1)} pending ({counts}): {verdict}"


def report(status: Status, blocking: bool, data: str = "") -> str:
    """All of `make status`: the table, what to do about each page not in step, the data texts
    (data_report), the summary."""
    parts = [f"Translations of docs/{status.source_language}/, by language and article:", "", table(status)]
    for page in status.debt:
        parts.append("")
        parts.append(page_changes(page) if page.state == STALE else f"{page.translation}: {what_to_do(page)}")
    parts += (["", data] if data else []) + ["", summary(status, blocking)]
    return "\n".join(parts)


def page_report(page: PageStatus) -> str:
    """`make diff FILE=…`: one page's changes, or what else it needs."""
    if page.state == IN_STEP:
        return f"{page.translation} is in step with {page.source}"
    if page.state == STALE:
        return page_changes(page)
    return f"{page.translation}: {what_to_do(page)}"


def data_report(texts, record, languages: tuple[str, ...]) -> str:
    """The texts of data/ not in step with their English (data/translated-from.yml), by language."""
    from .data_texts import IN_STEP as DATA_IN_STEP, state

    lines = []
    for lang in languages:
        for text in texts:
            found = state(text, lang, record)
            if found != DATA_IN_STEP:
                lines.append(f"data/{text.file}:{text.line}: {text.key}.{lang}: {found}")
    if not lines:
        return "Data texts: every translation is recorded in step with its English (data/translated-from.yml)"
    return ("Data texts not in step (translate them, then `make record FILE=data/<file>.yml`, or use "
            "`make l10n-export`):\n" + "\n".join("  " + line for line in lines))

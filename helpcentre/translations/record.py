"""`make record FILE=it/x.md`: mark a translation as in step with its English, by writing the
English version's hash as `source_hash:` in its front matter. It is the only command that writes a
translation, and it changes only that line.

It refuses, and writes nothing, when the translation is plainly not in step yet:
- a section the English changed since the last record is the same in the translation as it was
  then (the English moved on and the translation did not);
- the translation, or a section of it, is still the English text;
- its structure differs from the English (a heading, a macro, a link or a number).
`FORCE=1` (`--force`) records anyway: for an English change that needs no translation (a typo
fixed in English), or a difference the translator has checked.
"""

from __future__ import annotations

from pathlib import Path

from ..data import DataError, load_data
from . import history
from .check import compare_pages, correct_calls
from .markdown import RECORD_KEY, parse_page, source_hash
from .policy import ERROR, Config, Finding, UsageError, display, language_of, source_path
from .sections import section_text, split
from .status import STALE, page_status


class Refused(Exception):
    """The translation is not in step yet; the message names each reason and what to do."""


def differences(config: Config, translation: Path) -> list[Finding]:
    """The errors still between a translation and its English, version aside: what `make check`
    would report for the page once it is recorded."""
    source = source_path(config, translation)
    try:
        data = load_data(config.site.data, config.languages)
    except DataError:
        data = None  # the check reports it
    ours, theirs = parse_page(source, display(config, source)), parse_page(translation, display(config, translation))
    correct_calls(ours, data)
    correct_calls(theirs, data)
    found = compare_pages(config, language_of(config, translation), ours, theirs)
    found += [Finding(ours.display, problem.line, "macro-call", problem.message, config.source)
              for problem in ours.call_problems]
    return [finding for finding in found if config.severity[finding.code] == ERROR]


def untouched_sections(config: Config, translation: Path) -> list[str]:
    """The sections the English changed since the record whose translation has not changed since
    then either (git says how the translation was when it was recorded). [] when that is unknown."""
    source = source_path(config, translation)
    article = source.relative_to(config.site.docs / config.source).as_posix().removesuffix(".md")
    status = page_status(config, language_of(config, translation), article, source)
    if status.state != STALE or not status.sections:
        return []
    then = history.translation_when_recorded(config.root, translation, status.recorded)
    if then is None:
        return []
    now_text = translation.read_text(encoding="utf-8").replace("\r\n", "\n")
    before, after = split(then.text), split(now_text)
    return [change.anchor for change in status.sections if change.kind == "changed"
            and change.id in before and change.id in after
            and section_text(then.text, before[change.id]) == section_text(now_text, after[change.id])]


def record(config: Config, translation: Path, force: bool = False) -> str:
    """Write the English's current hash into the translation's front matter, or refuse (Refused)."""
    source = source_path(config, translation)
    if not source.is_file():
        raise UsageError(f"{display(config, translation)}: its source {display(config, source)} does not exist")
    shown = display(config, translation)
    file = Path(*Path(shown).parts[1:]).as_posix()  # docs/it/x.md -> it/x.md, as make takes it
    new = source_hash(source.read_text(encoding="utf-8-sig"))
    page = parse_page(translation, shown)
    if page.recorded == new:
        return f"{shown}:{page.recorded_line}: {RECORD_KEY} already {new}; nothing changed"
    if not force:
        reasons = []
        untouched = untouched_sections(config, translation)
        if untouched:
            reasons.append(f"the English changed {', '.join(untouched)} since this translation was recorded, and "
                           f"the translation there is as it was then: see `make diff FILE={file}`")
        reasons += [finding.text() for finding in differences(config, translation)]
        if reasons:
            raise Refused(f"{shown}: not recorded, it is not in step with {display(config, source)} yet:\n  "
                          + "\n  ".join(reasons)
                          + f"\nFix these, or, if the translation is right as it is, "
                            f"`make record FILE={file} FORCE=1`")
    return _write(config, translation, page, new, source)


def _write(config: Config, translation: Path, page, new: str, source: Path) -> str:
    raw = translation.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    lines = raw.splitlines(keepends=True)
    entry = f"{RECORD_KEY}: {new}{newline}"
    if page.recorded is not None:
        lines[page.recorded_line - 1] = entry
        message = f"{page.display}:{page.recorded_line}: {RECORD_KEY} {page.recorded} -> {new} ({display(config, source)})"
    elif page.front_end:
        index = page.front_end - 1  # just before the closing ---
        lines.insert(index, entry)
        message = f"{page.display}:{index + 1}: added {RECORD_KEY}: {new} ({display(config, source)})"
    else:
        lines[0:0] = ["---" + newline, entry, "---" + newline]
        message = f"{page.display}:2: added front matter with {RECORD_KEY}: {new} ({display(config, source)})"
    translation.write_bytes("".join(lines).encode("utf-8"))
    return message

"""Translation consistency: where the translated pages and data disagree with the English source.

Each finding is one line, `path:line: [code] message`; the policy (helpcentre/translations/
policy.py, l10n.yml) says which are errors.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from ..data import PLACEHOLDER, DataError, HelpData, load_data, read_yaml_with_lines
from .. import template_syntax
from ..macro_calls import call_problems
from ..site import DATA_DIR, DOCS_DIR
from . import history, typography
from ..review import KEYS as REVIEW_KEYS
from .data_texts import RECORD_FILE, read_record
from .markdown import FRONT_MATTER, RECORD_KEY, Item, Page, fact_key, facts, parse_page
from .sections import INTRODUCTION, split
from .status import MISSING, PENDING, STALE, PageStatus, page_status
from .policy import CONFIG_FILE, ERROR, OFF, WARNING, Config, Finding, UsageError, display, load_config
from .policy import PENDING as PENDING_SEVERITY
from .terminology import LabelFinder

# A heading as the check keys it: "## { #id }" or "## (no id)".
HEADING_KEY = re.compile(r"^(?P<level>#+) (?:\{ #(?P<id>[\w-]+) \}|(?P<none>\(no id\)))$")

# ---------------------------------------------------------------------------
# Comparing a translation with its source
# ---------------------------------------------------------------------------


def compare_pages(config: Config, lang: str, source: Page, page: Page,
                  behind: frozenset[str] = frozenset()) -> list[Finding]:
    """What differs between a translation and its English, structure and text. `behind`: the
    sections the English changed since the translation was recorded; a difference there is the
    translation being behind (its `stale` finding says so, with the change), not a mistake.
    Calls in a section where the English calls something that does not exist are not compared
    (the English is wrong there, and says so), nor are they in the translation reported twice."""
    findings: list[Finding] = []
    broken = source.broken_calls

    def add(line: int, code: str, message: str, *sections: str) -> None:
        if behind.intersection(sections) or (code == "macro" and broken.intersection(sections)):
            return
        findings.append(Finding(page.display, line, code, message, lang))

    # A translation inherits its English article's review date and owner (helpcentre/review.py).
    missing_keys = [key for key in source.front_keys if key not in page.front_keys and key not in REVIEW_KEYS]
    extra_keys = [key for key in page.front_keys
                  if key not in source.front_keys and key != RECORD_KEY and key not in REVIEW_KEYS]
    for key in (key for key in page.front_keys if key in REVIEW_KEYS):
        add(page.front_keys[key], "front-matter", f"front matter has '{key}': a translation inherits it from "
            f"{source.display}; remove it here and write it there", INTRODUCTION)
    for key in missing_keys:
        add(max(page.front_end, 1), "front-matter",
            f"front matter lacks '{key}' ({source.display}:{source.front_keys[key]})", INTRODUCTION)
    for key in extra_keys:
        add(page.front_keys[key], "front-matter", f"front matter has '{key}', which {source.display} does not",
            INTRODUCTION)

    findings += untranslated(lang, source, page)
    _compare_sequences(source, page, add)
    _compare_sections(source, page, add)
    # A wrong call that the comparison names already (it says what the English calls there): once.
    compared = {finding.line for finding in findings if finding.code == "macro"}
    findings += [Finding(page.display, problem.line, "macro-call", problem.message, lang)
                 for problem in page.call_problems if problem.line not in compared]
    return findings


def untranslated(lang: str, source: Page, page: Page) -> list[Finding]:
    """A translation that is still the English text: the whole page (a straight copy), or a section
    of it with the English words (pasted in to translate later). Readers would get English marked
    as their language, without the notice an untranslated page has."""
    if page.body.strip() and page.body == source.body:
        return [Finding(page.display, page.front_end + 1, "untranslated",
                        f"the text is still the English of {source.display}: translate it, or delete this file "
                        f"so that readers get the English page with a notice until it is translated", lang)]
    shared = set(page.text.split("\n")) & set(source.text.split("\n"))
    if not any(WORD.search(NOT_PROSE.sub(" ", line)) for line in shared):
        return []  # not one line of words in common: nothing can be left in English
    ours, theirs = split(source.text), split(page.text)
    found = []
    for section_id, section in theirs.items():
        english = ours.get(section_id)
        words = _prose(page.text, section)
        if english and sum(len(line.split()) for line in words) >= UNTRANSLATED_WORDS \
                and words == _prose(source.text, english):
            where = f"section #{section_id}" if section_id else "the introduction"
            line = section.heading_line if section_id else page.front_end + 1
            found.append(Finding(page.display, line, "untranslated",
                                 f"{where} is still the English text of {source.display}:{english.start}; "
                                 f"translate it", lang))
    return found


# A section is "still English" when its prose is the English's word for word, and long enough not to
# be a name or a label that both languages write alike.
UNTRANSLATED_WORDS = 4
NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{[ \t]*#[^}]*\}|<[^<>]*>|\]\([^)]*\)")
WORD = re.compile(r"[^\W\d_]{2,}")


def _prose(text: str, section) -> list[str]:
    """A section's words, line by line: not its front matter, its heading's id, macro calls, template
    tags, HTML tags or link targets."""
    lines = text.split("\n")[section.start - 1:section.end]
    front = FRONT_MATTER.match(text) if section.id == INTRODUCTION else None
    if front:
        lines = lines[len((front.group("body") or "").splitlines()) + 2:]
    words = [" ".join(WORD.findall(NOT_PROSE.sub(" ", line))) for line in lines]
    return [line for line in words if line]


def _compare_sequences(source: Page, page: Page, add) -> None:
    """Headings, block macros, admonitions, lists, tables and code blocks: same ones, same order."""
    kinds = sorted({item.kind for item in source.ordered + page.ordered})
    for kind in kinds:
        ours = [item for item in source.ordered if item.kind == kind]
        theirs = [item for item in page.ordered if item.kind == kind]
        matcher = difflib.SequenceMatcher(None, [i.key for i in ours], [i.key for i in theirs], autojunk=False)
        missing: list[tuple[int, Item]] = []  # (block, source item)
        extra: list[tuple[int, Item]] = []
        anchors: dict[int, tuple[int, str]] = {}  # block -> translation line (and section) to report a missing item at
        for block, (op, i1, i2, j1, j2) in enumerate(matcher.get_opcodes()):
            if op == "equal":
                continue
            missing += [(block, item) for item in ours[i1:i2]]
            extra += [(block, item) for item in theirs[j1:j2]]
            anchor = theirs[j1] if j1 < len(theirs) else theirs[-1] if theirs else None
            anchors[block] = (anchor.line, anchor.section) if anchor else (page.front_end + 1, INTRODUCTION)
        extra_keys = Counter(item.key for _, item in extra)
        missing_keys = Counter(item.key for _, item in missing)
        moved = extra_keys & missing_keys
        for _, item in extra:
            if moved[item.key]:
                moved[item.key] -= 1
                origin = next(o for _, o in missing if o.key == item.key)
                add(item.line, kind, f"{item.shown} is out of order ({source.display} has it at line {origin.line})",
                    item.section, origin.section)
        moved = extra_keys & missing_keys
        missing = [(b, i) for b, i in missing if not _take(moved, i.key)]
        moved = extra_keys & missing_keys
        extra = [(b, i) for b, i in extra if not _take(moved, i.key)]
        for block in sorted({b for b, _ in missing} | {b for b, _ in extra}):
            gone = [i for b, i in missing if b == block]
            new = [i for b, i in extra if b == block]
            for before, after in zip(gone, new):
                add(after.line, kind, _instead(source, before, after), before.section, after.section)
            for before in gone[len(new):]:
                add(anchors[block][0], kind, f"missing {before.shown} ({source.display}:{before.line})",
                    before.section, anchors[block][1])
            for after in new[len(gone):]:
                add(after.line, kind, f"{after.shown} is not in {source.display}", after.section)


def _instead(source: Page, before: Item, after: Item) -> str:
    """An item of the translation where the English has another. A heading whose id alone differs
    gets the fix: ids are the same in every language (links to a section work in all of them)."""
    ours, theirs = HEADING_KEY.match(before.key), HEADING_KEY.match(after.key)
    if before.kind == "heading" and ours and theirs and ours.group("level") == theirs.group("level") \
            and ours.group("id") and theirs.group("id"):
        return (f"{after.shown}: its id is not the English one, {{ #{ours.group('id')} }} "
                f"({source.display}:{before.line}); a heading id is the same in every language, so that a link "
                f"to the section works in all of them: write {{ #{ours.group('id')} }}")
    return f"{after.shown} where {source.display}:{before.line} has {before.shown}"


def _take(counter: Counter, key: str) -> bool:
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


def _compare_sections(source: Page, page: Page, add) -> None:
    """Inline macros, links, images and facts: the same ones in each section, in any order
    (sentence order differs between languages). Sections only one side has are reported as headings."""
    shared = ({""} | set(source.section_lines)) & ({""} | set(page.section_lines))

    def grouped(items: list[Item]) -> dict[tuple[str, str, str], list[Item]]:
        groups: dict[tuple[str, str, str], list[Item]] = {}
        for item in items:
            if item.section in shared:
                groups.setdefault((item.section, item.kind, item.key), []).append(item)
        return groups

    ours, theirs = grouped(source.unordered), grouped(page.unordered)
    for key in sorted(ours.keys() | theirs.keys(), key=lambda k: (k[0], k[1], k[2])):
        section, kind, _ = key
        have, want = theirs.get(key, []), ours.get(key, [])
        where = f"section #{section}" if section else "the introduction"
        for item in want[len(have):]:
            line = page.section_lines.get(section, page.front_end + 1)
            add(line, kind, f"{where} lacks {item.shown} ({source.display}:{item.line})", section)
        for item in have[len(want):]:
            add(item.line, kind, f"{item.shown} is not in {where} of {source.display}", section)


# ---------------------------------------------------------------------------
# Articles: missing, orphaned, stale, drifted
# ---------------------------------------------------------------------------


def article_findings(config: Config, languages: Iterable[str], data: HelpData | None
                     ) -> tuple[list[Finding], dict[str, dict[str, Page]]]:
    docs = config.root / DOCS_DIR
    pages: dict[str, dict[str, Page]] = {}
    for lang in config.languages:
        folder = docs / lang
        pages[lang] = {
            path.relative_to(folder).as_posix(): parse_page(path, display(config, path))
            for path in sorted(folder.rglob("*.md"))
        } if folder.is_dir() else {}
    findings: list[Finding] = [
        Finding(page.display, line, "page-invalid", why, lang)
        for lang in languages for page in pages[lang].values() for line, why in page.invalid
    ]
    # Every page's calls first: a misspelt macro is reported where it is written (compare_pages
    # reports a translation's), and compared as the macro meant.
    for by_path in pages.values():
        for page in by_path.values():
            correct_calls(page, data)
    sources = pages[config.source]
    if config.source in languages:
        findings += [Finding(page.display, problem.line, "macro-call", problem.message, config.source)
                     for page in sources.values() for problem in page.call_problems]
    for lang in languages:
        if lang == config.source:
            continue
        translated = pages[lang]
        untranslated = [rel for rel in sources if rel not in translated]
        for rel in sources:
            page = translated.get(rel)
            status = page_status(config, lang, rel.removesuffix(".md"), sources[rel].path, sources[rel].text,
                                 page.text if page else None)
            findings += state_findings(status)
            if rel in translated:
                behind = frozenset(change.id for change in status.sections)
                compared = compare_pages(config, lang, sources[rel], translated[rel], behind)
                findings += compared + template_findings(config, status, sources[rel], translated[rel], compared)
        for rel, page in translated.items():
            if rel in sources:
                continue
            renamed = _likely_rename(page, [sources[r] for r in untranslated])
            hint = (f"; was it renamed to {renamed.display}? then `git mv` this file to "
                    f"{DOCS_DIR}/{lang}/{Path(renamed.display).name}") if renamed else \
                "; delete it or restore the source"
            findings.append(Finding(page.display, 1, "orphan",
                                    f"its source {DOCS_DIR}/{config.source}/{rel} does not exist{hint}", lang))
    return findings, pages


def state_findings(status: PageStatus) -> list[Finding]:
    """A translation behind its English: missing, never recorded, or stale section by section."""
    lang, make = status.language, f"FILE={status.file}"
    if status.state == MISSING:
        return [Finding(status.translation, 1, "missing", f"no translation of {status.source}", lang)]
    if status.state == PENDING:
        return [Finding(status.translation, 1, "unrecorded", f"records no version of {status.source}; once it "
                        f"is translated and in step, run `make record {make}`", lang)]
    if status.state != STALE:
        return []
    if not status.sections:
        reason = ("no version of it in git has this hash, so the changes cannot be shown" if not status.history_known
                  else "no section's text changed")
        return [Finding(status.translation, status.recorded_line, "stale",
                        f"{status.source} changed since this translation was recorded ({status.recorded} -> "
                        f"{status.current}); {reason}; see `make diff {make}`", lang)]
    findings = []
    for change in status.sections:
        what = {"changed": f"changed in {status.source}", "added": f"new in {status.source}:{change.english_line}",
                "removed": f"removed from {status.source}"}[change.kind]
        line = change.translation_line or change.hunks[0].translation_line
        findings.append(Finding(status.translation, line, "stale",
                                f"{change.anchor}: {what} since this translation was recorded; "
                                f"see `make diff {make}`", lang))
    return findings


def template_findings(config: Config, status: PageStatus, source: Page, page: Page,
                      compared: list[Finding]) -> list[Finding]:
    """Template code in a translation that its English does not have, read from Jinja's tokens
    (helpcentre/template_syntax.py), so that a {{ … }} or {% … %} broken over lines counts like any
    other: a translation brings no code of its own. A stale translation may still hold what its
    English had when it was recorded (from git). A line the comparison of calls has named already
    is not named twice. A call the English misspells is taken as the one meant, as the comparison
    of calls takes it (correct_calls): the translation that has it right is not blamed."""
    ours, theirs = _as_meant(source), page_text(page)
    extra = template_syntax.added(theirs, ours)
    if extra and status.state == STALE and status.recorded:
        then = history.english_then(config.root, source.path, status.recorded)
        if then is not None:
            front = FRONT_MATTER.match(then.text)
            extra = template_syntax.added(theirs, ours, then.text[front.end():] if front else then.text)
    named = {finding.line for finding in compared if finding.code in ("macro", "macro-call")}
    return [Finding(page.display, construct.line, "template",
                    f"{construct.shown}: template code that {source.display} does not have; a translation keeps "
                    "the English's {{ … }} and {% … %} as they are and brings none of its own", status.language)
            for construct in extra if construct.line not in named]


def page_text(page: Page) -> str:
    """What of a page is rendered as a template: its text without the front matter (YAML, blanked
    so that lines keep their numbers)."""
    if not page.front_end:
        return page.text
    return "\n" * page.front_end + page.text.split("\n", page.front_end)[-1]


def _as_meant(page: Page) -> str:
    """The page's text with each misspelt macro name or id it calls replaced by the one meant."""
    lines = page_text(page).split("\n")
    for problem in page.call_problems:
        if problem.wrong and problem.right and 0 < problem.line <= len(lines):
            written, meant = ((f"{problem.wrong}(", f"{problem.right}(") if problem.is_name
                              else (f"'{problem.wrong}'", f"'{problem.right}'"))
            lines[problem.line - 1] = lines[problem.line - 1].replace(written, meant)
    return "\n".join(lines)


def correct_calls(page: Page, data: HelpData | None) -> None:
    """Read the page's calls of a name that is not a macro, or of an id the data does not have,
    into page.call_problems. A misspelt one is compared from here on as the call it is close to:
    the mistake is reported once, where it is written, and the pages that have it right are not
    blamed. The sections of the English where a call is wrong beyond guessing go into
    page.broken_calls: their calls are not compared until the English is right."""
    page.call_problems = call_problems(page_text(page), data)
    for problem in page.call_problems:
        if not problem.wrong:
            continue
        written = f"{problem.wrong}(" if problem.is_name else f"'{problem.wrong}'"
        meant = f"{problem.right}(" if problem.is_name else f"'{problem.right}'"
        for items in (page.ordered, page.unordered):
            for index, item in enumerate(items):
                if item.kind == "macro" and item.line == problem.line and written in item.key:
                    if problem.right:
                        items[index] = replace(item, key=item.key.replace(written, meant))
                    else:
                        page.broken_calls |= {item.section}


def _likely_rename(page: Page, candidates: list[Page]) -> Page | None:
    """The untranslated source whose headings and block macros best match this orphan."""
    shape = [item.key for item in page.ordered]
    best, best_ratio = None, 0.6
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, shape, [item.key for item in candidate.ordered]).ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best


# ---------------------------------------------------------------------------
# Terminology: product labels written by hand instead of label('id')
# ---------------------------------------------------------------------------


def terminology_findings(config: Config, pages: dict[str, dict[str, Page]], labels: dict[str, dict[str, str]],
                         languages: Iterable[str]) -> list[Finding]:
    findings = []
    for lang in languages:
        finder = LabelFinder({label_id: texts[lang] for label_id, texts in labels.items() if lang in texts})
        for page in pages.get(lang, {}).values():
            for number, text, starts in page.prose:
                for label, label_ids in finder.find(text, starts):
                    macros = " or ".join(f"{{{{ label('{label_id}') }}}}" for label_id in label_ids)
                    findings.append(Finding(page.display, number, "terminology",
                                            f"'{label}' is a product label: write {macros}", lang))
    return findings


# ---------------------------------------------------------------------------
# Typography: the spacing each language's punctuation needs (French only for now)
# ---------------------------------------------------------------------------


def typography_findings(pages: dict[str, dict[str, Page]], languages: Iterable[str]) -> list[Finding]:
    findings = []
    for lang in languages:
        if lang not in typography.LANGUAGES:
            continue
        for page in pages.get(lang, {}).values():
            for number, problem in typography.page_problems(page.text):
                findings.append(Finding(page.display, number, "typography", problem.message(), lang))
    return findings


# ---------------------------------------------------------------------------
# Shared data: every text in data/*.yml that has one entry per language
# ---------------------------------------------------------------------------


def data_findings(config: Config, languages: tuple[str, ...]) -> tuple[list[Finding], dict[str, dict[str, str]]]:
    data_dir = config.root / DATA_DIR
    if not data_dir.is_dir():
        return [], {}
    findings: list[Finding] = []
    labels: dict[str, dict[str, str]] = {}
    finders: dict[str, LabelFinder] = {}
    # The record of which data translation is in step is keyed by language, but holds no texts.
    files = [path for path in sorted(data_dir.glob("*.yml")) if path.name != RECORD_FILE]
    label_file = data_dir / "labels.yml"
    if label_file.is_file():
        try:
            value, _ = read_yaml_with_lines(label_file, f"{DATA_DIR}/labels.yml")
            labels = {key: {lang: text for lang, text in entry.items() if isinstance(text, str)}
                      for key, entry in (value or {}).items() if isinstance(entry, dict)}
        except DataError:
            pass  # reported below with the file's own findings
    for lang in languages:
        finders[lang] = LabelFinder({key: texts[lang] for key, texts in labels.items() if lang in texts})

    for path in files:
        shown = f"{DATA_DIR}/{path.name}"
        try:
            value, lines = read_yaml_with_lines(path, shown)
        except DataError as error:
            findings.append(_data_error(config, str(error)))
            continue
        for key_path, texts in _translation_units(value, (), config.languages):
            findings += _compare_unit(config, shown, lines, key_path, texts, languages,
                                      None if path == label_file else finders)
    try:
        load_data(data_dir, config.languages)
    except DataError as error:
        finding = _data_error(config, str(error))
        if not any((f.path, f.line) == (finding.path, finding.line) for f in findings):
            findings.append(finding)
    try:  # which data translations are in step: a misspelt language there would be ignored
        read_record(data_dir, config.languages)
    except DataError as error:
        findings.append(_data_error(config, str(error)))
    return findings, labels


def _data_error(config: Config, message: str) -> Finding:
    """The first line of a DataError (one that lists several problems ends with a summary;
    each of its lines is a finding of its own already, `data-missing`)."""
    message = message.splitlines()[0] if message else message
    match = re.match(r"(?P<path>[^:]+):(?P<line>\d+): (?P<message>.*)", message, re.S)
    if not match:
        return Finding(message.split(":")[0], 1, "data-invalid", message, config.source)
    return Finding(match.group("path"), int(match.group("line")), "data-invalid", match.group("message"), config.source)


def _translation_units(node: Any, path: tuple[str, ...], languages: tuple[str, ...]):
    """Every mapping keyed by language codes (as data/messages.yml's are) is one text."""
    if isinstance(node, dict):
        if any(lang in node for lang in languages):
            yield path, node
            return
        for key, child in node.items():
            yield from _translation_units(child, path + (str(key),), languages)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _translation_units(child, path + (str(index),), languages)


def _compare_unit(config: Config, shown: str, lines: dict, path: tuple[str, ...], texts: dict,
                  languages: Iterable[str], finders: dict[str, LabelFinder] | None) -> list[Finding]:
    findings: list[Finding] = []
    where = ".".join(path)
    source_text = texts.get(config.source)

    def line_of(*keys: str) -> int:
        return lines.get(path + keys) or lines.get(path) or 1

    for lang in languages:
        text = texts.get(lang)
        if lang not in texts:
            findings.append(Finding(shown, line_of(), "data-missing", f"{where} has no '{lang}' text", lang))
            continue
        if text is None and lang != config.source:
            findings.append(Finding(shown, line_of(lang), "pending",
                                    f"{where}.{lang} is not translated yet ({lang}: ~): readers see the "
                                    f"{config.source} text", lang))
            continue
        if not isinstance(text, str) or not text.strip():
            findings.append(Finding(shown, line_of(lang), "data-empty", f"{where}.{lang} is empty", lang))
            continue
        if finders is not None:
            for label, label_ids in finders[lang].find(text, True):
                placeholders = " or ".join(f"{{label:{label_id}}}" for label_id in label_ids)
                findings.append(Finding(shown, line_of(lang), "terminology",
                                        f"{where}.{lang}: '{label}' is a product label: write {placeholders}",
                                        lang))
            # Labels are the product's own words, exactly as on screen: only our texts are checked.
            if lang in typography.LANGUAGES:
                for problem in typography.problems(text):
                    findings.append(Finding(shown, line_of(lang), "typography", f"{where}.{lang}: {problem.message()}",
                                            lang))
        if lang == config.source or not isinstance(source_text, str):
            continue
        line = line_of(lang)
        ours = Counter(m.group(0) for m in PLACEHOLDER.finditer(source_text))
        theirs = Counter(m.group(0) for m in PLACEHOLDER.finditer(text))
        if ours != theirs:
            findings.append(Finding(shown, line, "placeholder",
                                    f"{where}.{lang} has {_listed(theirs)}; {config.source} has {_listed(ours)}", lang))
        for kind in ("number", "url", "email"):
            ours_f = Counter(fact_key(k, v) for k, v in facts(source_text) if k == kind)
            theirs_f = Counter(fact_key(k, v) for k, v in facts(text) if k == kind)
            if ours_f != theirs_f:
                findings.append(Finding(shown, line, kind, f"{where}.{lang} has {_listed(theirs_f)}; "
                                        f"{config.source} has {_listed(ours_f)}", lang))
        allowed = config.same_as_source.get("all", set()) | config.same_as_source.get(lang, set())
        if text.strip() == source_text.strip() and text.strip() not in allowed:
            findings.append(Finding(shown, line, "same-as-source",
                                    f"{where}.{lang} is the same as {config.source} ('{text.strip()}'); translate it, "
                                    f"or list it under same_as_source in {CONFIG_FILE} if it is rightly the same",
                                    lang))
    return findings


def _listed(counter: Counter) -> str:
    return ", ".join(sorted(counter.elements())) or "none"


# ---------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------


@dataclass
class Report:
    findings: list[Finding]
    languages: tuple[str, ...]
    fail_on: str
    block_on_pending: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def pending(self) -> list[Finding]:
        """Translation debt: translations missing or behind English."""
        return [f for f in self.findings if f.severity == PENDING_SEVERITY]

    @property
    def failed(self) -> bool:
        return bool(self.errors or (self.fail_on == WARNING and self.warnings)
                    or (self.block_on_pending and self.pending))

    def summary(self) -> str:
        if not self.findings:
            return "all translations consistent"
        parts = []
        for name, found in (("error", self.errors), ("warning", self.warnings), ("pending", self.pending)):
            if found:
                codes = ", ".join(sorted({f.code for f in found}))
                plural = "s" * (len(found) != 1 and name != "pending")
                parts.append(f"{len(found)} {name}{plural} ({codes})")
        langs = [lang for lang in self.languages if any(f.language == lang for f in self.findings)]
        verdict = "fails" if self.failed else "passes"
        if self.pending and not self.errors:
            verdict += (" (l10n.yml: block_on_pending: true)" if self.block_on_pending else
                        "; pending translations are listed by `make status`")
        return f"{'; '.join(parts)} in {', '.join(langs)}: the check {verdict}"


def check(root: Path, lang: str | None = None, strict: bool = False) -> Report:
    """Run every check over a project and return its findings, grouped by language."""
    config = load_config(root)
    if lang is not None and lang not in config.languages:
        raise UsageError(f"--lang {lang}: not a language of this site ({', '.join(config.languages)})")
    languages = (lang,) if lang else config.languages
    try:
        data = load_data(config.root / DATA_DIR, config.languages)
    except DataError:
        data = None  # data_findings reports it; page calls are checked without their ids
    findings, pages = article_findings(config, languages, data)
    data_found, labels = data_findings(config, languages)
    findings += data_found
    findings += terminology_findings(config, pages, labels, languages)
    findings += typography_findings(pages, languages)
    if lang:  # broken data breaks every language: always show it
        findings = [f for f in findings if f.language == lang or f.code == "data-invalid"]
    order = {language: index for index, language in enumerate(config.languages)}
    placed = []
    for finding in findings:
        severity = config.severity[finding.code]
        if severity != OFF:
            placed.append(Finding(**{**asdict(finding), "severity": severity}))
    placed.sort(key=lambda f: (order.get(f.language, 99), f.path, f.line))
    return Report(placed, config.languages, WARNING if strict else config.fail_on, config.block_on_pending)

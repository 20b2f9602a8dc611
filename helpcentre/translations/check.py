"""Translation consistency: where the translated pages and data disagree with the English source.

Each finding is one line, `path:line: [code] message`; the policy (helpcentre/translations/
policy.py, l10n.yml) says which are errors.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable

from ..data import PLACEHOLDER, DataError, load_data, read_yaml_with_lines
from ..site import DATA_DIR, DOCS_DIR
from . import typography
from .markdown import RECORD_KEY, Item, Page, fact_key, facts, parse_page, source_hash
from .policy import CONFIG_FILE, ERROR, OFF, WARNING, Config, Finding, UsageError, display, load_config
from .terminology import LabelFinder

# ---------------------------------------------------------------------------
# Comparing a translation with its source
# ---------------------------------------------------------------------------


def compare_pages(config: Config, lang: str, source: Page, page: Page) -> list[Finding]:
    findings: list[Finding] = []

    def add(line: int, code: str, message: str) -> None:
        findings.append(Finding(page.display, line, code, message, lang))

    if page.recorded is None:
        add(1, "unrecorded", f"records no version of {source.display}; once it matches, run "
            f"`make record FILE={lang}/{_relative(page)}`")
    else:
        current = source_hash(source.text)
        if page.recorded != current:
            add(page.recorded_line, "stale",
                f"{source.display} changed since this translation was recorded ({page.recorded} -> {current}); "
                f"see `make diff FILE={lang}/{_relative(page)}`")

    missing_keys = [key for key in source.front_keys if key not in page.front_keys]
    extra_keys = [key for key in page.front_keys if key not in source.front_keys and key != RECORD_KEY]
    for key in missing_keys:
        add(max(page.front_end, 1), "front-matter",
            f"front matter lacks '{key}' ({source.display}:{source.front_keys[key]})")
    for key in extra_keys:
        add(page.front_keys[key], "front-matter", f"front matter has '{key}', which {source.display} does not")

    if page.body.strip() and page.body == source.body:
        add(page.front_end + 1, "same-as-source", f"the text is identical to {source.display}: not translated yet")

    _compare_sequences(source, page, add)
    _compare_sections(source, page, add)
    return findings


def _relative(page: Page) -> str:
    return Path(*Path(page.display).parts[2:]).as_posix()


def _compare_sequences(source: Page, page: Page, add) -> None:
    """Headings, block macros, admonitions, lists, tables and code blocks: same ones, same order."""
    kinds = sorted({item.kind for item in source.ordered + page.ordered})
    for kind in kinds:
        ours = [item for item in source.ordered if item.kind == kind]
        theirs = [item for item in page.ordered if item.kind == kind]
        matcher = difflib.SequenceMatcher(None, [i.key for i in ours], [i.key for i in theirs], autojunk=False)
        missing: list[tuple[int, Item]] = []  # (block, source item)
        extra: list[tuple[int, Item]] = []
        anchors: dict[int, int] = {}          # block -> translation line to report a missing item at
        for block, (op, i1, i2, j1, j2) in enumerate(matcher.get_opcodes()):
            if op == "equal":
                continue
            missing += [(block, item) for item in ours[i1:i2]]
            extra += [(block, item) for item in theirs[j1:j2]]
            anchors[block] = (theirs[j1].line if j1 < len(theirs) else
                              theirs[-1].line if theirs else page.front_end + 1)
        extra_keys = Counter(item.key for _, item in extra)
        missing_keys = Counter(item.key for _, item in missing)
        moved = extra_keys & missing_keys
        for _, item in extra:
            if moved[item.key]:
                moved[item.key] -= 1
                origin = next(o for _, o in missing if o.key == item.key)
                add(item.line, kind, f"{item.shown} is out of order ({source.display} has it at line {origin.line})")
        moved = extra_keys & missing_keys
        missing = [(b, i) for b, i in missing if not _take(moved, i.key)]
        moved = extra_keys & missing_keys
        extra = [(b, i) for b, i in extra if not _take(moved, i.key)]
        for block in sorted({b for b, _ in missing} | {b for b, _ in extra}):
            gone = [i for b, i in missing if b == block]
            new = [i for b, i in extra if b == block]
            for before, after in zip(gone, new):
                add(after.line, kind, f"{after.shown} where {source.display}:{before.line} has {before.shown}")
            for before in gone[len(new):]:
                add(anchors[block], kind, f"missing {before.shown} ({source.display}:{before.line})")
            for after in new[len(gone):]:
                add(after.line, kind, f"{after.shown} is not in {source.display}")


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
            add(line, kind, f"{where} lacks {item.shown} ({source.display}:{item.line})")
        for item in have[len(want):]:
            add(item.line, kind, f"{item.shown} is not in {where} of {source.display}")


# ---------------------------------------------------------------------------
# Articles: missing, orphaned, stale, drifted
# ---------------------------------------------------------------------------


def article_findings(config: Config, languages: Iterable[str]) -> tuple[list[Finding], dict[str, dict[str, Page]]]:
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
    sources = pages[config.source]
    for lang in languages:
        if lang == config.source:
            continue
        translated = pages[lang]
        untranslated = [rel for rel in sources if rel not in translated]
        for rel in untranslated:
            findings.append(Finding(f"{DOCS_DIR}/{lang}/{rel}", 1, "missing",
                                    f"no translation of {sources[rel].display}", lang))
        for rel, page in translated.items():
            if rel in sources:
                findings += compare_pages(config, lang, sources[rel], page)
                continue
            renamed = _likely_rename(page, [sources[r] for r in untranslated])
            hint = (f"; was it renamed to {renamed.display}? then `git mv` this file to "
                    f"{DOCS_DIR}/{lang}/{Path(renamed.display).name}") if renamed else \
                "; delete it or restore the source"
            findings.append(Finding(page.display, 1, "orphan",
                                    f"its source {DOCS_DIR}/{config.source}/{rel} does not exist{hint}", lang))
    return findings, pages


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
    files = sorted(data_dir.glob("*.yml"))
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

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def failed(self) -> bool:
        return bool(self.errors or (self.fail_on == WARNING and self.warnings))

    def summary(self) -> str:
        if not self.findings:
            return "all translations consistent"
        parts = []
        for name, found in (("error", self.errors), ("warning", self.warnings)):
            if found:
                codes = ", ".join(sorted({f.code for f in found}))
                parts.append(f"{len(found)} {name}{'s' * (len(found) != 1)} ({codes})")
        langs = [lang for lang in self.languages if any(f.language == lang for f in self.findings)]
        verdict = "fails" if self.failed else "passes"
        return f"{'; '.join(parts)} in {', '.join(langs)}: the check {verdict}"


def check(root: Path, lang: str | None = None, strict: bool = False) -> Report:
    """Run every check over a project and return its findings, grouped by language."""
    config = load_config(root)
    if lang is not None and lang not in config.languages:
        raise UsageError(f"--lang {lang}: not a language of this site ({', '.join(config.languages)})")
    languages = (lang,) if lang else config.languages
    findings, pages = article_findings(config, languages)
    data, labels = data_findings(config, languages)
    findings += data
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
    return Report(placed, config.languages, WARNING if strict else config.fail_on)



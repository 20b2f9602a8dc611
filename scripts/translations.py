"""Translation consistency: where the Italian and French pages and data disagree with English.

Verbs (`scripts/translations.py <verb> --help` says more):
  check                 every finding as `path:line: [code] message`, then a one-line summary
  diff <lang>/<slug>.md  what changed in the English source since the translation was recorded
  record <lang>/<slug>.md  write the English source's current hash into that page's front matter
  bench                 time `check` on a synthetic site of 1000 articles x 3 languages

A translation records the version of its source it matches as `source_hash:` in its
front matter (sha256 of the English file, first 12 hex digits). `diff` finds the
English text that hash stands for in git history, so nothing else has to be stored.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python scripts/translations.py`
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from macros.data import PLACEHOLDER, DataError, load_data, read_yaml_with_lines  # noqa: E402
from scripts.l10n.markdown import (  # noqa: E402
    RECORD_KEY, RECORD_LINE, Item, Page, fact_key, facts, parse_page, source_hash,
)
from scripts.l10n import typography  # noqa: E402
from scripts.l10n.terminology import LabelFinder  # noqa: E402

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

CONFIG_FILE = "l10n.yml"
DOCS_DIR = "docs"
DATA_DIR = "data"
ERROR, WARNING, OFF = "error", "warning", "off"

# Every finding's code, with its default severity; l10n.yml may change any of them.
DEFAULT_SEVERITY = {
    "missing": ERROR,          # a source article without a translation
    "orphan": ERROR,           # a translation whose source does not exist (or was renamed)
    "stale": WARNING,          # the source changed since the recorded version
    "unrecorded": WARNING,     # the translation records no source version
    "front-matter": ERROR,     # front-matter keys differ
    "heading": ERROR,          # heading ids, order or levels differ
    "macro": ERROR,            # {{ ... }} calls or {% ... %} tags differ
    "admonition": ERROR,       # !!! / ??? boxes differ
    "list": ERROR,             # list shapes differ
    "table": ERROR,            # table shapes differ
    "code-block": ERROR,       # fenced code blocks differ
    "link": ERROR,             # link targets differ
    "image": ERROR,            # image sources differ
    "number": ERROR,           # numbers differ (a "10%" that became "15%")
    "url": ERROR,              # URLs differ
    "email": ERROR,            # e-mail addresses differ
    "placeholder": ERROR,      # {product} / {label:id} placeholders in data differ
    "data-missing": ERROR,     # a data text lacks a language
    "data-empty": ERROR,       # a data text is empty in a language
    "data-invalid": ERROR,     # the data does not load (macros/data.py says why)
    "page-invalid": ERROR,     # an article does not read: not UTF-8, or front matter that is not YAML
    "same-as-source": WARNING, # a translation identical to English, not allowlisted
    "terminology": ERROR,      # a product label written by hand instead of label('id')
    "typography": ERROR,       # French: a plain space or none before ; : ? ! (or inside « »)
}


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    code: str
    message: str
    language: str
    severity: str = ERROR

    def text(self) -> str:
        return f"{self.path}:{self.line}: [{self.code}] {self.message}"


@dataclass
class Config:
    root: Path
    source: str
    languages: tuple[str, ...]
    severity: dict[str, str]
    fail_on: str
    same_as_source: dict[str, set[str]]

    @property
    def translations(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.source)


class UsageError(Exception):
    """The command cannot run as asked; the message says why."""


# ---------------------------------------------------------------------------
# Paths: one helper maps a translation to its source, everything reuses it
# ---------------------------------------------------------------------------


def source_path(translation: Path, source_language: str = "en") -> Path:
    """docs/<lang>/<rel>.md -> docs/<source>/<rel>.md (absolute or relative, as given)."""
    parts = translation.parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] == DOCS_DIR and index + 1 < len(parts):
            return Path(*parts[: index + 1], source_language, *parts[index + 2 :])
    raise UsageError(f"{translation}: not under {DOCS_DIR}/<language>/")


def resolve_translation(config: Config, argument: str) -> Path:
    """Accept it/slug.md, docs/it/slug.md or a path; return the translation's absolute path."""
    candidate = Path(argument)
    if not candidate.is_absolute():
        parts = candidate.parts
        if parts and parts[0] != DOCS_DIR:
            candidate = Path(DOCS_DIR, *parts)
        candidate = config.root / candidate
    try:
        language = candidate.relative_to(config.root / DOCS_DIR).parts[0]
    except (ValueError, IndexError):
        raise UsageError(f"{argument}: expected <language>/<page>.md, e.g. it/cancel-account.md") from None
    if language not in config.translations:
        raise UsageError(f"{argument}: '{language}' is not a translation language ({', '.join(config.translations)})")
    if not candidate.is_file():
        raise UsageError(f"{display(config, candidate)}: no such translation")
    return candidate


def display(config: Config, path: Path) -> str:
    return path.relative_to(config.root).as_posix()


def language_of(config: Config, path: Path) -> str:
    return path.relative_to(config.root / DOCS_DIR).parts[0]


# ---------------------------------------------------------------------------
# Configuration: languages from mkdocs.yml, policy from l10n.yml
# ---------------------------------------------------------------------------


class _PermissiveLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name or !ENV tags; the languages never do."""


_PermissiveLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_config(root: Path) -> Config:
    root = root.resolve()
    policy: dict[str, Any] = {}
    config_path = root / CONFIG_FILE
    if config_path.is_file():
        policy = (yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}).get("translations") or {}
    source = policy.get("source_language", "en")
    languages = _site_languages(root, source)

    severity = dict(DEFAULT_SEVERITY)
    for code, level in (policy.get("severity") or {}).items():
        if code not in DEFAULT_SEVERITY:
            raise UsageError(f"{CONFIG_FILE}: translations.severity: unknown code '{code}'; "
                             f"known codes: {', '.join(DEFAULT_SEVERITY)}")
        if level not in (ERROR, WARNING, OFF):
            raise UsageError(f"{CONFIG_FILE}: translations.severity.{code}: expected error, warning or off")
        severity[code] = level
    fail_on = policy.get("fail_on", ERROR)
    if fail_on not in (ERROR, WARNING):
        raise UsageError(f"{CONFIG_FILE}: translations.fail_on: expected error or warning, found {fail_on!r}")

    same: dict[str, set[str]] = {}
    for key, terms in (policy.get("same_as_source") or {}).items():
        if key != "all" and key not in languages:
            raise UsageError(f"{CONFIG_FILE}: translations.same_as_source: '{key}' is not a language "
                             f"of this site ({', '.join(languages)}) nor 'all'")
        same[key] = {str(term) for term in terms or ()}
    return Config(root, source, languages, severity, fail_on, same)


def _site_languages(root: Path, source: str) -> tuple[str, ...]:
    """The i18n plugin's languages in mkdocs.yml, else the folders under docs/; source first."""
    found: list[str] = []
    mkdocs_file = root / "mkdocs.yml"
    if mkdocs_file.is_file():
        site = yaml.load(mkdocs_file.read_text(encoding="utf-8"), Loader=_PermissiveLoader) or {}
        for plugin in site.get("plugins") or ():
            if isinstance(plugin, dict) and "i18n" in plugin:
                found = [lang["locale"] for lang in plugin["i18n"].get("languages", ())
                         if lang.get("build", True)]
    if not found and (root / DOCS_DIR).is_dir():
        found = sorted(path.name for path in (root / DOCS_DIR).iterdir() if path.is_dir())
    return (source,) + tuple(lang for lang in found if lang != source)


# ---------------------------------------------------------------------------
# Comparing a translation with its source
# ---------------------------------------------------------------------------


def compare_pages(config: Config, lang: str, source: Page, page: Page) -> list[Finding]:
    findings: list[Finding] = []

    def add(line: int, code: str, message: str) -> None:
        findings.append(Finding(page.display, line, code, message, lang))

    if page.recorded is None:
        add(1, "unrecorded", f"records no version of {source.display}; once it matches, run "
            f"`scripts/translations.py record {lang}/{_relative(page)}`")
    else:
        current = source_hash(source.text)
        if page.recorded != current:
            add(page.recorded_line, "stale",
                f"{source.display} changed since this translation was recorded ({page.recorded} -> {current}); "
                f"see `scripts/translations.py diff {lang}/{_relative(page)}`")

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
    match = re.match(r"(?P<path>[^:]+):(?P<line>\d+): (?P<message>.*)", message, re.S)
    if not match:
        return Finding(message.split(":")[0], 1, "data-invalid", message, config.source)
    return Finding(match.group("path"), int(match.group("line")), "data-invalid", match.group("message"), config.source)


def _translation_units(node: Any, path: tuple[str, ...], languages: tuple[str, ...]):
    """Every mapping keyed by language codes (as macros/data.py's messages are) is one text."""
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


def check(root: Path = ROOT, lang: str | None = None, strict: bool = False) -> Report:
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


# ---------------------------------------------------------------------------
# diff and record
# ---------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise UsageError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def recorded_source_text(config: Config, source: Path, recorded: str) -> tuple[str, str] | None:
    """(commit, text) of the English page as it was when its hash was `recorded`, from git history."""
    top = Path(_git(config.root, "rev-parse", "--show-toplevel").strip())
    relative = source.resolve().relative_to(top.resolve()).as_posix()
    log = _git(config.root, "log", "--follow", "--format=%H", "--name-only", "--", relative)
    entries = [chunk.split() for chunk in log.strip().split("\n\n") if chunk.strip()]
    # git log prints "<hash>\n\n<path>" per commit: rebuild the pairs.
    flat = [token for chunk in entries for token in chunk]
    for commit, path in zip(flat[::2], flat[1::2]):
        shown = subprocess.run(["git", "-C", str(top), "show", f"{commit}:{path}"], capture_output=True)
        if shown.returncode == 0:
            text = shown.stdout.decode("utf-8")
            if source_hash(text) == recorded:
                return commit, text
    return None


def diff(config: Config, translation: Path) -> tuple[int, str]:
    """What changed in the English source since the translation's recorded version."""
    source = source_path(translation, config.source)
    if not source.is_file():
        raise UsageError(f"{display(config, translation)}: its source {display(config, source)} does not exist")
    page = parse_page(translation, display(config, translation))
    current = source.read_text(encoding="utf-8")
    if page.recorded is None:
        raise UsageError(f"{page.display}: records no source version, so there is nothing to compare with; "
                         f"check it against {display(config, source)} and run `record`")
    if page.recorded == source_hash(current):
        return 0, f"{page.display} is up to date with {display(config, source)}"
    found = recorded_source_text(config, source, page.recorded)
    if found is None:
        raise UsageError(f"{page.display}: no version of {display(config, source)} in git history has the hash "
                         f"{page.recorded}; compare the two files by hand, then run `record`")
    commit, old = found
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), current.splitlines(keepends=True),
        fromfile=f"{display(config, source)} @ {commit[:10]} (recorded {page.recorded})",
        tofile=f"{display(config, source)} (now {source_hash(current)})",
    )
    return 0, "".join(lines).rstrip("\n")


def structure_findings(config: Config, translation: Path) -> list[Finding]:
    """What still differs between one translation and its source, version aside."""
    source = source_path(translation, config.source)
    found = compare_pages(config, language_of(config, translation),
                          parse_page(source, display(config, source)),
                          parse_page(translation, display(config, translation)))
    return [f for f in found if f.code not in ("stale", "unrecorded") and config.severity[f.code] != OFF]


def record(config: Config, translation: Path) -> str:
    """Write the source's current hash into the translation's front matter; touch only that line."""
    source = source_path(translation, config.source)
    if not source.is_file():
        raise UsageError(f"{display(config, translation)}: its source {display(config, source)} does not exist")
    new = source_hash(source.read_text(encoding="utf-8"))
    raw = translation.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    page = parse_page(translation, display(config, translation))
    lines = raw.splitlines(keepends=True)
    entry = f"{RECORD_KEY}: {new}{newline}"
    if page.recorded is not None:
        index = page.recorded_line - 1
        if page.recorded == new:
            return f"{page.display}:{page.recorded_line}: {RECORD_KEY} already {new}; nothing changed"
        lines[index] = entry
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


# ---------------------------------------------------------------------------
# Benchmark: a synthetic site of N articles in every language
# ---------------------------------------------------------------------------


def make_synthetic_site(destination: Path, articles: int = 1000) -> Path:
    """Copy the real configuration and data, and write `articles` pages per language,
    each a real article under a new name with its translations recorded."""
    for name in ("mkdocs.yml", CONFIG_FILE):
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, destination / name)
    shutil.copytree(ROOT / DATA_DIR, destination / DATA_DIR)
    config = load_config(ROOT)
    models = sorted((ROOT / DOCS_DIR / config.source).glob("*.md"))
    for lang in config.languages:
        (destination / DOCS_DIR / lang).mkdir(parents=True)
    for number in range(articles):
        model = models[number % len(models)]
        slug = f"{model.stem}-{number:04d}.md"
        english = model.read_text(encoding="utf-8")
        (destination / DOCS_DIR / config.source / slug).write_text(english, encoding="utf-8")
        for lang in config.translations:
            translated = ROOT / DOCS_DIR / lang / model.name
            if not translated.is_file():
                continue  # the synthetic site inherits the real one's gaps
            text = translated.read_text(encoding="utf-8")
            text = RECORD_LINE.sub(f"{RECORD_KEY}: {source_hash(english)}", text)
            (destination / DOCS_DIR / lang / slug).write_text(text, encoding="utf-8")
    return destination


def benchmark(articles: int = 1000, repeat: int = 3) -> dict[str, float]:
    """Seconds for `check` on a synthetic site: the best in-process run and the whole command,
    wall-clock and CPU (CPU time is what a busy shared machine does not inflate)."""
    with tempfile.TemporaryDirectory() as folder:
        site = make_synthetic_site(Path(folder), articles)
        wall, cpu = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            report = check(site)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--root", str(site), "check"], capture_output=True)
        command = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"articles": articles, "pages": articles * len(load_config(ROOT).languages),
            "findings": len(report.findings),
            "check_seconds": round(min(wall), 3), "check_cpu_seconds": round(min(cpu), 3),
            "command_seconds": round(command, 3),
            "command_cpu_seconds": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 3)}


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/translations.py", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to check (default: this one)")
    verbs = parser.add_subparsers(dest="verb", required=True)
    check_verb = verbs.add_parser("check", help="List where translations disagree with the English source.")
    check_verb.add_argument("--format", choices=("text", "json"), default="text")
    check_verb.add_argument("--lang", help="only this language (e.g. it)")
    check_verb.add_argument("--strict", action="store_true", help="fail on warnings too")
    diff_verb = verbs.add_parser("diff", help="Show what changed in the English source since a translation's "
                                              "recorded version.")
    diff_verb.add_argument("page", help="the translation, e.g. it/cancel-account.md")
    record_verb = verbs.add_parser("record", help="After bringing a translation in step, record the English "
                                                  "source's current version in its front matter.")
    record_verb.add_argument("page", help="the translation, e.g. it/cancel-account.md")
    bench_verb = verbs.add_parser("bench", help="Time the check on a synthetic site of N articles per language.")
    bench_verb.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args(argv)

    try:
        if args.verb == "check":
            report = check(args.root, args.lang, args.strict)
            if args.format == "json":
                print(json.dumps({"findings": [asdict(f) for f in report.findings], "summary": report.summary(),
                                  "errors": len(report.errors), "warnings": len(report.warnings),
                                  "failed": report.failed}, ensure_ascii=False, indent=2))
            else:
                for finding in report.findings:
                    print(finding.text())
                print(report.summary())
            return 1 if report.failed else 0
        config = load_config(args.root)
        if args.verb == "diff":
            status, output = diff(config, resolve_translation(config, args.page))
            print(output)
            return status
        if args.verb == "record":
            page = resolve_translation(config, args.page)
            print(record(config, page))
            # Recording says "in step"; if the structure still differs, say so (the record stands).
            for finding in structure_findings(config, page):
                print(f"still differs: {finding.text()}", file=sys.stderr)
            return 0
        print(json.dumps(benchmark(args.articles)))
        return 0
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

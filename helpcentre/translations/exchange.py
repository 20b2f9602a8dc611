"""`make l10n-export` and `make l10n-import` (issue 16): translations go out to a CAT tool (memoQ,
Trados, Phrase, Weblate, Crowdin, Poedit) as one gettext PO file per language, and come back into
docs/<lang>/ and data/, recorded as in step.

Why PO through Babel: every one of those tools reads PO, Babel (already installed) reads and writes
it, and gettext's `msgfmt --check` validates it. In the file:
- one entry per segment (helpcentre/translations/segments.py) or data text, msgctxt
  `docs/it/pause-billing.md #pause 2` or `data/notes.yml pause_instead.text`, `#:` the English line;
- a stale segment carries its translation as a draft (`#, fuzzy`) and the English it was made from
  (`#| msgid`), and an extracted comment (`#.`) shows the English change;
- macro calls, {label:…}-style placeholders, link targets and HTML tags are listed in a `#.` comment
  and flagged for Weblate (`placeholders:r"…"`); the import checks them whatever the tool did.

An import is all or nothing: it refuses, naming each segment, a file that is not a PO file from
`make l10n-export`, one for another language, an English source that changed since the export, a
lost or changed placeholder, or a result that `make check` finds broken; then no file is changed.
A fuzzy or empty entry is not imported (the tool's "needs review" and "not translated").
"""

from __future__ import annotations

import codecs
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, normalize, read_po, write_po

from .. import template_syntax
from ..data import DataError, read_utf8
from ..mojibake import mojibake
from ..review import without_review_keys
from ..site import DATA_DIR, DOCS_DIR, babel_locale
from . import data_texts as texts_model, history
from .data_texts import DataText, data_texts, read_record, record_texts, text_when_recorded, with_translations
from .policy import Config, UsageError
from .sections import split
from .segments import PLACEHOLDER, Segment, by_key, placeholders, replaced, segments, shape
from .status import IN_STEP, MISSING, PENDING, STALE, article_files, page_status

PROJECT = "help-centre"
# A line of a PO entry: a keyword and a whole string, or a string continuing the one above. Babel
# reads an unterminated string without a word; gettext refuses it, and so does the import.
PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$')
PLACEHOLDER_FLAG = f'placeholders:r"{PLACEHOLDER.pattern}"'  # Weblate's check and highlighting
CHARSET = re.compile(r"charset=([^\s\\\";]+)", re.I)  # in the header's Content-Type


class Refused(Exception):
    """The file is not imported; the message names each problem (segment, line in the file)."""


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------


@dataclass
class Export:
    catalog: Catalog
    pages: int = 0
    data: int = 0

    @property
    def segments(self) -> int:
        return len(self.catalog)


def export(config: Config, lang: str, everything: bool = False) -> Export:
    """A catalog of every segment of `lang` that is missing, stale or pending (all with everything)."""
    _language(config, lang)
    catalog = Catalog(locale=babel_locale(lang), project=PROJECT, version=config.source, fuzzy=False,
                      header_comment=f"# The help centre in {lang}: {'every segment' if everything else 'what is missing or stale'}"
                                     f", from `make l10n-export`.\n# Translate msgstr; clear `fuzzy` when a draft is right. "
                                     f"Keep every placeholder listed.\n# Bring it back with `make l10n-import FILE=…`.\n#")
    result = Export(catalog)
    for article, source in article_files(config).items():
        added = _export_page(config, catalog, lang, article, source, everything)
        result.pages += bool(added)
    record = read_record(config.site.data, config.site.languages)
    for text in data_texts(config.site.data, config.site.languages):
        state = texts_model.state(text, lang, record)
        if state == IN_STEP and not everything:
            continue
        previous = _english_then(config, text, record.get(lang, {}).get(text.file, {}).get(text.key)) \
            if state == STALE else None
        notes = [f"{state}: {text.file}, line {text.line}"]
        if previous is not None:
            notes += _change(previous, text.english)
        _add(catalog, text.english, text.translations.get(lang) or "", text.context,
             [(f"{DATA_DIR}/{text.file}", text.line)], notes, fuzzy=state in (STALE, PENDING),
             previous=previous if previous is not None and previous != text.english else None)
        result.data += 1
    return result


def _export_page(config: Config, catalog: Catalog, lang: str, article: str, source: Path, everything: bool) -> int:
    status = page_status(config, lang, article, source)
    if status.state == IN_STEP and not everything:
        return 0
    english_text = source.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    english = segments(english_text)
    translation_path = config.root / status.translation
    theirs = segments(translation_path.read_text(encoding="utf-8-sig")) if translation_path.is_file() else []
    drafts = by_key(theirs)
    then_list: list[Segment] = []
    if status.state == STALE and status.since:
        version = history.english_then(config.root, source, status.recorded)
        then_list = segments(version.text) if version else []
    then = by_key(then_list)
    moved = _matched_in_reshaped_sections(english, then_list, theirs) if status.state == STALE else {}
    changed_sections = {change.id for change in status.sections}
    added = 0
    for segment in english:
        same_shape = shape(english, segment.section) == shape(theirs, segment.section)
        if same_shape:
            draft, old = drafts.get(segment.key), then.get(segment.key)
            stale = status.state == STALE and (not status.history_known or old is None
                                               or (segment.section in changed_sections and old.text != segment.text))
        else:
            # The English section gained or lost a paragraph: every segment of it goes, each with the
            # translation of the English segment it was (when git has that English).
            old = moved.get(segment.key)
            draft = drafts.get(old.key) if old else None
            stale = status.state == STALE and (old is None or old.text != segment.text)
        wanted = everything or status.state in (MISSING, PENDING) or stale or \
            (status.state == STALE and not same_shape)
        if not wanted:
            continue
        notes = [f"{segment.kind} in {'#' + segment.section if segment.section else 'the title and introduction'}"]
        if stale and old is not None and old.text != segment.text:
            notes += _change(old.text, segment.text)
        elif stale and old is None:
            notes.append("English: new" if status.history_known else "English: changed (its earlier version is "
                                                                       "not in git)")
        _add(catalog, segment.text, draft.text if draft else "", f"{status.translation} {segment.key}",
             [(status.source, segment.line)], notes, fuzzy=bool(draft) and (stale or status.state == PENDING),
             previous=old.text if stale and old is not None and old.text != segment.text else None)
        added += 1
    return added


def _matched_in_reshaped_sections(english: list[Segment], then: list[Segment],
                                  theirs: list[Segment]) -> dict[str, Segment]:
    """For each section whose English gained or lost segments since the translation matched it:
    each English segment now -> the English segment it was then (same kind, matched in order)."""
    matched: dict[str, Segment] = {}
    for section in dict.fromkeys(segment.section for segment in english):
        if shape(english, section) == shape(theirs, section) or shape(then, section) != shape(theirs, section):
            continue
        before = [segment for segment in then if segment.section == section]
        after = [segment for segment in english if segment.section == section]
        pairs = difflib.SequenceMatcher(None, [(s.kind, s.text) for s in before], [(s.kind, s.text) for s in after],
                                        autojunk=False)
        for op, i1, i2, j1, j2 in pairs.get_opcodes():
            if op in ("equal", "replace"):
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    if before[i].kind == after[j].kind:
                        matched[after[j].key] = before[i]
    return matched


def _add(catalog: Catalog, english: str, draft: str, context: str, locations, notes: list[str], fuzzy: bool,
         previous: str | None) -> None:
    kept = sorted(placeholders(english))
    if kept:
        notes = notes + ["keep: " + "  ".join(kept)]
    flags = [PLACEHOLDER_FLAG] if kept else []
    message = Message(english, draft, locations=locations, flags=flags, auto_comments=notes,
                      previous_id=previous or (), context=context)
    # Babel guesses python-format from a "%" ("50% off") and python-brace-format from "{product}";
    # these texts are not Python formats (placeholders are checked on import, our way).
    message.flags.difference_update({"python-format", "python-brace-format"})
    if fuzzy:
        message.flags.add("fuzzy")
    catalog[english] = message  # keyed by (msgid, msgctxt): one entry per context


def _change(old: str, new: str) -> list[str]:
    """The English change, word by word: [-removed-] {+added+}."""
    before, after = old.split(" "), new.split(" ")
    shown = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            shown += before[i1:i2]
            continue
        if i2 > i1:
            shown.append("[-" + " ".join(before[i1:i2]) + "-]")
        if j2 > j1:
            shown.append("{+" + " ".join(after[j1:j2]) + "+}")
    return ["English change: " + " ".join(shown)]


def _english_then(config: Config, text: DataText, recorded: str | None) -> str | None:
    """The English a data text's translation was recorded against, from git."""
    old = text_when_recorded(config.root, config.site.data, text, recorded, config.site.languages) if recorded else None
    return old.english if old else None


def write_catalog(catalog: Catalog, path: Path) -> None:
    """The PO file, one line per string (no wrapping: a CAT tool shows segments whole). Babel 2.18
    wraps `#| msgid` as a comment, which breaks a long one in the middle of its string (msgfmt then
    refuses the file), so the previous English is written here, just above each msgctxt."""
    for message in catalog:  # Babel adds them again to a catalog it reads (see _add)
        message.flags.difference_update({"python-format", "python-brace-format"})
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=False)
    previous = {f"msgctxt {normalize(message.context, width=0)}": message.previous_id[0]
                for message in catalog if message.id and message.context and message.previous_id}
    lines = []
    for line in buffer.getvalue().decode("utf-8").split("\n"):
        if line in previous:
            lines.append(f"#| msgid {normalize(previous[line], prefix='#| ', width=0)}")
        lines.append(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("\n".join(lines).encode("utf-8"))


def _language(config: Config, lang: str) -> None:
    if lang not in config.translations:
        raise UsageError(f"LANG={lang}: not a translation language of this site "
                         f"({', '.join(config.translations)})")


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


@dataclass
class Imported:
    lang: str
    written: list[str] = field(default_factory=list)     # files changed
    recorded: list[str] = field(default_factory=list)    # what `record` said
    not_imported: int = 0                                 # fuzzy or empty entries
    incomplete: list[str] = field(default_factory=list)  # new pages not written: not all translated


def read_catalog(path: Path, shown: str) -> Catalog:
    if not path.is_file():
        raise UsageError(f"{shown}: no such file (give the .po file make l10n-export wrote)")
    raw = path.read_bytes()
    if raw[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"):
        raise Refused(f"{shown}: a compiled .mo file, not a PO file: give the .po file your tool saved; "
                      "nothing was imported")
    head = raw[:200].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<xliff") or head.startswith(b"{"):
        raise Refused(f"{shown}: not a PO file (it looks like {'JSON' if head.startswith(b'{') else 'XML/XLIFF'}); "
                      "export from your tool as gettext PO, the format make l10n-export wrote")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise Refused(f"{shown}:{line}: not UTF-8 text; save the PO file as UTF-8; nothing was imported") from None
    problem = po_syntax(text)
    if problem:
        raise Refused(f"{shown}:{problem[0]}: not a valid PO file: {problem[1]}; nothing was imported")
    declared = header_charset(text)
    if declared and not _is_utf8(declared[1]):
        # Babel would decode the file with it, and every "è" would come in as "Ã¨".
        raise Refused(f"{shown}:{declared[0]}: its header says charset={declared[1]}; the help centre reads PO "
                      "files as UTF-8 only: save it from your tool as UTF-8 (charset=UTF-8); nothing was imported")
    try:
        catalog = read_po(io.BytesIO(raw), abort_invalid=True)
    except PoFileError as error:
        raise Refused(f"{shown}: not a valid PO file: {error}; nothing was imported") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise Refused(f"{shown}: not a valid PO file ({error}); nothing was imported") from None
    if catalog.project != PROJECT:
        raise Refused(f"{shown}: not a PO file from make l10n-export (its Project-Id-Version is "
                      f"{catalog.project or 'missing'!r}, expected {PROJECT!r}); nothing was imported")
    return catalog


def header_charset(text: str) -> tuple[int, str] | None:
    """The charset the file's header declares (its Content-Type), with its line; None when it
    declares none. The header is the first entry, the one whose msgid is empty."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("msgid ") and line.strip() != 'msgid ""':
            return None  # past the header
        declared = CHARSET.search(line) if "Content-Type:" in line else None
        if declared:
            return number, declared.group(1)
    return None


def _is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def po_syntax(text: str) -> tuple[int, str] | None:
    """The first line that breaks the PO syntax, and what was expected: each entry is [msgctxt]
    msgid [msgid_plural] msgstr, each keyword with a string in double quotes (continued on the lines
    below it), and no (msgctxt, msgid) twice. Babel reads some of these without a word (a msgstr
    with no msgid joins the next entry; a second entry replaces the first); gettext refuses them."""
    expected = ("msgctxt", "msgid")
    seen: dict[tuple[str, str], int] = {}
    context = identifier = None
    current, start, count = None, 0, 0
    for number, line in enumerate(text.splitlines() + [""], 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue  # comments, and obsolete entries (#~) as gettext writes them
        if not PO_LINE.match(stripped):
            return number, (f"expected a keyword (msgctxt, msgid, msgstr) and a string in double quotes, or a "
                            f"string continuing the one above; found {stripped[:60]!r}")
        keyword = stripped.split(None, 1)[0] if not stripped.startswith('"') else None
        if keyword is None:
            if current is None:
                return number, "a string with no keyword before it"
            if current == "msgctxt":
                context += stripped[1:-1]
            elif current == "msgid":
                identifier += stripped[1:-1]
            continue
        plural, keyword = "[" in keyword, keyword.split("[")[0]
        if keyword not in expected:
            return number, f"{keyword} where {' or '.join(expected)} was expected"
        value = stripped.split(None, 1)[1][1:-1]
        if keyword == "msgctxt":
            context, expected = value, ("msgid",)
        elif keyword == "msgid":
            identifier, start, expected = value, number, ("msgid_plural", "msgstr")
            context = context if current == "msgctxt" else None
        elif keyword == "msgid_plural":
            expected = ("msgstr",)
        else:
            if current in ("msgid", "msgid_plural"):
                key = (context or "", identifier or "")
                if key in seen and identifier:
                    return start, f"a second entry for the segment {context or identifier!r} (the first is at line {seen[key]})"
                seen[key] = start
                count += 1
            expected = ("msgctxt", "msgid", "msgstr") if plural else ("msgctxt", "msgid")
        current = keyword
    if current in ("msgctxt", "msgid", "msgid_plural"):
        return len(text.splitlines()), f"the file ends before the msgstr of the entry at line {start}"
    if not count:
        return 1, "no entries at all"
    return None


def import_file(config: Config, path: Path, shown: str) -> Imported:
    catalog = read_catalog(path, shown)
    lang = str(catalog.locale) if catalog.locale else ""
    if lang not in config.translations:
        raise Refused(f"{shown}: its Language is {lang or 'missing'!r}, not one of this site's translations "
                      f"({', '.join(config.translations)}); nothing was imported")
    problems: list[str] = []
    result = Imported(lang)
    pages: dict[str, dict[str, str]] = {}         # article -> key -> words
    data_words: dict[str, dict[str, str]] = {}    # data file -> key -> words
    data_by_context = {text.context: text for text in data_texts(config.site.data, config.site.languages)}
    files = article_files(config)
    english_cache: dict[str, dict[str, Segment]] = {}
    translation_cache: dict[str, dict[str, Segment]] = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        where = f"{shown}:{message.lineno}"
        context = message.context or ""
        file, _, key = context.partition(" ")
        words = message.string if isinstance(message.string, str) else ""
        if file.startswith(f"{DATA_DIR}/"):
            text = data_by_context.get(context)
            if text is None:
                problems.append(f"{where}: {context}: no such text in data/ any more; export again")
                continue
            english, current = text.english, text.translations.get(lang)
        else:
            parts = Path(file).parts
            article = Path(*parts[2:]).as_posix().removesuffix(".md") if len(parts) > 2 else ""
            if len(parts) < 3 or parts[0] != DOCS_DIR or article not in files:
                problems.append(f"{where}: {context or '(no msgctxt)'}: not a segment of this help centre "
                                "(expected msgctxt `docs/<lang>/<article>.md <segment>`)")
                continue
            if parts[1] != lang:
                problems.append(f"{where}: {context}: a segment of {parts[1]}, in a file for {lang}")
                continue
            if article not in english_cache:
                english_cache[article] = by_key(segments(files[article].read_text(encoding="utf-8-sig")))
                translation = config.root / file
                translation_cache[article] = by_key(segments(translation.read_text(encoding="utf-8-sig"))) \
                    if translation.is_file() else {}
            segment = english_cache[article].get(key)
            if segment is None:
                problems.append(f"{where}: {context}: the English no longer has this segment; export again")
                continue
            english = segment.text
            current_segment = translation_cache[article].get(key)
            current = current_segment.text if current_segment else None
        if message.id != english:
            problems.append(f"{where}: {context}: the English changed since the export:\n"
                            f"      exported: {message.id}\n      now:      {english}\n"
                            "    export again (make l10n-export) and translate the new text")
            continue
        if message.fuzzy or not words.strip():
            result.not_imported += 1
            continue
        garbled = mojibake(words)
        if garbled and not mojibake(english):
            problems.append(f"{where}: {context}: '{garbled}' is UTF-8 read with the wrong charset (as 'Ã¨' is "
                            "'è'): save the file from your tool as UTF-8, or correct the text there")
            continue
        if words != current and placeholders(words) != placeholders(english):
            lost = placeholders(english) - placeholders(words)
            extra = placeholders(words) - placeholders(english)
            problems.append(f"{where}: {context}: placeholders must stay as in the English"
                            + (f"; missing: {'  '.join(sorted(lost.elements()))}" if lost else "")
                            + (f"; not in the English: {'  '.join(sorted(extra.elements()))}" if extra else ""))
            continue
        code = template_code_problem(words, english) if words != current else None
        if code:
            problems.append(f"{where}: {context}: {code}")
            continue
        if file.startswith(f"{DATA_DIR}/"):
            data_words.setdefault(data_by_context[context].file, {})[key] = words
        else:
            pages.setdefault(article, {})[key] = words
    if problems:
        raise Refused(f"{shown}: not imported, nothing was changed:\n  " + "\n  ".join(problems))
    _apply(config, lang, pages, data_words, files, result)
    return result


def template_code_problem(words: str, english: str) -> str | None:
    """The template code a translated segment has that its English does not, or lacks, however it
    is spaced or broken over lines (Jinja's tokens, not the placeholder pattern): a page is rendered
    as a template, so a translator's words must bring no code of their own."""
    extra, lost = template_syntax.added(words, english), template_syntax.missing(words, english)
    if not extra and not lost:
        return None
    return ("template code must stay exactly as in the English: a translation brings no {{ … }}, {% … %} "
            "or {# … #} of its own"
            + (f"; not in the English: {'  '.join(construct.shown for construct in extra)}" if extra else "")
            + (f"; missing: {'  '.join(construct.shown for construct in lost)}" if lost else ""))


def _apply(config: Config, lang: str, pages: dict, data_words: dict, files: dict[str, Path], result: Imported) -> None:
    """Write the new words, record what is now in step, and run the check; on any failure put every
    file back as it was."""
    from .check import check as run_check
    from .record import Refused as RecordRefused, record

    originals: dict[Path, bytes | None] = {}

    def write(path: Path, text: str) -> None:
        """Write a file as its writer saved it: Windows line ends and a byte-order mark are kept."""
        if path not in originals:
            originals[path] = path.read_bytes() if path.is_file() else None
        old = originals[path]
        text = text.replace("\r\n", "\n")
        if old is not None:
            if old.decode("utf-8-sig").replace("\r\n", "\n") == text:
                return
            if b"\r\n" in old:
                text = text.replace("\n", "\r\n")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((codecs.BOM_UTF8 if old and old.startswith(codecs.BOM_UTF8) else b"") + text.encode("utf-8"))
        result.written.append(config.site.display(path))

    to_record: list[Path] = []
    try:
        for article, words in pages.items():
            source = files[article]
            translation = config.site.docs / lang / source.relative_to(config.site.docs / config.source)
            english_text = source.read_text(encoding="utf-8-sig")
            english = segments(english_text)
            if translation.is_file():
                current_text = translation.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
                theirs = segments(current_text)
                if [(s.key, s.kind) for s in theirs] == [(s.key, s.kind) for s in english]:
                    new_text = replaced(current_text, words)
                else:
                    new_text = _rebuilt(english_text, english, current_text, theirs, words, result, translation, config)
                    if new_text is None:
                        continue
            else:
                if any(segment.key not in words for segment in english):
                    result.incomplete.append(f"{config.site.display(translation)}: not written, "
                                             f"{sum(s.key not in words for s in english)} of {len(english)} "
                                             "segments still to translate")
                    continue
                # A new translation has the English front matter, less what it inherits (review_by, owner).
                new_text = without_review_keys(replaced(english_text, words))
            write(translation, new_text)
            status = page_status(config, lang, article, source)
            if status.state != IN_STEP and _complete(config, lang, article, source, words):
                to_record.append(translation)
        texts = data_texts(config.site.data, config.site.languages)
        for file, words in data_words.items():
            path = config.site.data / file
            raw = read_utf8(path, f"{DATA_DIR}/{file}")  # as data_texts read it: the spans are in this text
            write(path, with_translations(raw, [text for text in texts if text.file == file], lang, words))
        record_path = config.site.data / texts_model.RECORD_FILE
        originals.setdefault(record_path, record_path.read_bytes() if record_path.is_file() else None)
        texts = data_texts(config.site.data, config.site.languages)
        imported = [text for text in texts if text.key in data_words.get(text.file, {})]
        if record_texts(config.site.data, config.site.languages, imported, (lang,)):
            result.written.append(config.site.display(record_path))
        for translation in to_record:
            try:
                result.recorded.append(record(config, translation, force=True))
            except (RecordRefused, UsageError) as error:
                raise Refused(str(error)) from None
        report = run_check(config.root, lang)
        if report.failed:
            raise Refused("the translations would break `make check`:\n  "
                          + "\n  ".join(finding.text() for finding in report.errors))
    except BaseException as error:
        for path, content in originals.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(content)
        if isinstance(error, (Refused, DataError)):
            raise Refused(f"not imported, nothing was changed: {error}") from None
        raise


def _complete(config: Config, lang: str, article: str, source: Path, words: dict[str, str]) -> bool:
    """Whether every segment an export would send for this page came back translated."""
    catalog = Catalog(locale=babel_locale(lang))
    _export_page(config, catalog, lang, article, source, everything=False)
    return all((message.context or "").partition(" ")[2] in words for message in catalog if message.id)


def _rebuilt(english_text: str, english: list[Segment], translation_text: str, theirs: list[Segment],
             words: dict[str, str], result: Imported, translation: Path, config: Config) -> str | None:
    """A translation some of whose sections no longer match the English one for one (the English
    gained or lost a paragraph there): those sections are the English's with the imported words,
    every other section is the translation's own lines (with any imported words). None (and a note)
    when a segment of a reshaped section did not come back."""
    reshaped = {segment.section for segment in english if shape(english, segment.section) != shape(theirs, segment.section)}
    missing = [segment.key for segment in english if segment.section in reshaped and segment.key not in words]
    if missing:
        result.incomplete.append(f"{config.site.display(translation)}: not written, its English changed shape; "
                                 f"segments still to translate: {', '.join(missing)}")
        return None
    section_of = {segment.key: segment.section for segment in english}
    ours = without_review_keys(replaced(english_text, {key: text for key, text in words.items()
                                                       if section_of.get(key) in reshaped}))
    own = replaced(translation_text, {key: text for key, text in words.items() if section_of.get(key) not in reshaped})
    our_lines, own_lines = ours.split("\n"), own.split("\n")
    own_sections = split(own)
    lines, position = [], 0
    for section_id, section in split(ours).items():
        lines += our_lines[position:section.start - 1]  # blank lines between sections
        if section_id in reshaped or section_id not in own_sections:
            lines += our_lines[section.start - 1:section.end]
        else:
            kept = own_sections[section_id]
            lines += own_lines[kept.start - 1:kept.end]
        position = section.end
    lines += our_lines[position:]
    return "\n".join(lines)  # a reshaped introduction loses source_hash:, which `record` writes again

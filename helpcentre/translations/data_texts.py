"""The texts of data/*.yml one by one, for translators (issue 16): each text's key, its English, its
translations (None: `~`, not translated yet), and where each is written in its file, so that an
import can put a new translation in place of the old one and leave every other byte as it was.

Whether a data text's translation is in step is recorded explicitly, as a page's `source_hash:`
is: data/translated-from.yml holds, per language, file and key, the hash of the English text the
translation was made from. `make record FILE=data/notes.yml` and `make l10n-import` write it; a
diff of it shows a reviewer which translations were declared in step.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..data import DATA_FILES, DataError, YamlSource, compose_yaml, read_utf8
from .markdown import HASH_LENGTH

RECORD_FILE = "translated-from.yml"
RECORD_HEADER = """\
# Which English text each translation in data/ was made from: per language, file and key, the hash
# of the English text when the translation was recorded as in step. Written by
# `make record FILE=data/<file>.yml` and by `make l10n-import`; not edited by hand. A text whose
# English changed since shows as stale in `make status`, and the sections that render it show
# readers a notice (helpcentre/translations/data_texts.py).
"""
IN_STEP, STALE, MISSING, PENDING = "in step", "stale", "missing", "pending"


@dataclass
class DataText:
    file: str                 # labels.yml
    key: str                  # billing_upgrade, procedures.cancel_account.confirm.text
    english: str
    translations: dict[str, str | None] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # lang -> its value's characters
    line: int = 0             # the English text's line (1-based)
    insert_at: int = 0        # where a language with no entry at all goes (a character offset)
    indent: str = ""

    @property
    def context(self) -> str:
        return f"data/{self.file} {self.key}"


def text_hash(english: str) -> str:
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def data_texts(data_dir: Path, languages: tuple[str, ...]) -> list[DataText]:
    """Every text of data/*.yml that has one entry per language, file by file, in file order."""
    found: list[DataText] = []
    for name in DATA_FILES:
        path = data_dir / f"{name}.yml"
        if not path.is_file():
            continue
        found += parse_texts(path.name, read_utf8(path, f"data/{name}.yml"), languages)
    return found


def parse_texts(file: str, text: str, languages: tuple[str, ...]) -> list[DataText]:
    """The texts of one data file's text (as it is now, or as git had it)."""
    try:  # libyaml's nodes: the same character offsets as PyYAML's, twenty times faster
        root = compose_yaml(text)
    except yaml.YAMLError as error:
        raise DataError(f"data/{file}: not valid YAML ({getattr(error, 'problem', error)})") from None
    found: list[DataText] = []
    if root is not None:
        _walk(root, (), file, text, languages, found)
    return found


def _walk(node, path: tuple[str, ...], file: str, text: str, languages, found: list[DataText]) -> None:
    if isinstance(node, yaml.MappingNode):
        keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
        if keys and languages[0] in keys and all(key in languages for key in keys):
            _text(node, path, file, text, languages, found)
            return
        for key, value in node.value:
            _walk(value, path + (str(key.value),), file, text, languages, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            label = str(index)
            if isinstance(item, yaml.MappingNode):
                label = next((value.value for key, value in item.value if key.value == "id"
                              and isinstance(value, yaml.ScalarNode)), label)
            _walk(item, path + (label,), file, text, languages, found)


def _text(node, path, file, text, languages, found) -> None:
    entry = DataText(file, ".".join(path), "")
    for key, value in node.value:
        if not isinstance(value, yaml.ScalarNode):
            continue
        words = _scalar_value(value, text)
        if key.value == languages[0]:
            entry.english, entry.line = str(words or ""), key.start_mark.line + 1
            entry.indent = " " * key.start_mark.column
        else:
            entry.translations[key.value] = None if words is None else str(words)
            entry.spans[key.value] = (value.start_mark.index, value.end_mark.index)
    entry.insert_at = node.end_mark.index
    # A flow mapping ({en: …}) has no line of its own to add a language on.
    entry.indent = entry.indent if node.flow_style is not True else ""
    found.append(entry)


def _scalar_value(node: yaml.ScalarNode, text: str):
    """What yaml.safe_load reads a scalar as: its own string when YAML takes it as text, as nearly
    every text is (no second parse); else the typed value of its source (yes, 3, null)."""
    if not node.value:
        return None
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return yaml.safe_load(text[node.start_mark.index:node.end_mark.index])


# ---------------------------------------------------------------------------
# What was recorded
# ---------------------------------------------------------------------------


def read_record(data_dir: Path, languages: tuple[str, ...]) -> dict[str, dict[str, dict[str, str]]]:
    """{language: {file: {key: hash of the English}}}; {} when nothing was recorded yet. A key that
    is not one of the site's translation languages, or a file that is not a data file with texts,
    raises DataError at its line, with what is expected: misspelt, it would be ignored, and every
    translation it records would silently count as never recorded."""
    path = data_dir / RECORD_FILE
    if not path.is_file():
        return {}
    source = YamlSource(path, f"data/{RECORD_FILE}")  # not the cached read: this file is rewritten as it is used
    value = source.value or {}
    translations = tuple(languages[1:])
    files_with_texts = tuple(f"{name}.yml" for name in DATA_FILES)
    written_by = "the file is written by make record and make l10n-import"
    if not isinstance(value, dict):
        raise source.error((), f"expected the site's translation languages ({', '.join(translations)}); {written_by}")
    record: dict[str, dict[str, dict[str, str]]] = {}
    for lang, files in value.items():
        if lang not in translations:
            raise source.error((lang,), f"'{lang}' is not a translation language of this site (expected "
                                        f"{', '.join(translations) or 'none'}); {written_by}")
        if not isinstance(files or {}, dict):
            raise source.error((lang,), f"expected data files ({', '.join(files_with_texts)}); {written_by}")
        for file, keys in (files or {}).items():
            if file not in files_with_texts:
                raise source.error((lang, file), f"'{file}' is not a data file with texts (expected "
                                                 f"{', '.join(files_with_texts)}); {written_by}")
            if not isinstance(keys or {}, dict):
                raise source.error((lang, file), f"expected 'key: hash' lines; {written_by}")
            record.setdefault(str(lang), {})[str(file)] = {str(key): str(hash_) for key, hash_ in (keys or {}).items()}
    return record


def write_record(data_dir: Path, record: dict[str, dict[str, dict[str, str]]], order: list[DataText]) -> None:
    """data/translated-from.yml, in a stable order (language, then the texts' order in data/). A key
    no text of data/ has any more (a text removed, or moved: procedures.x.confirm.text became
    procedures.x.steps.confirm.text) records nothing and is left out."""
    position = {(text.file, text.key): index for index, text in enumerate(order)}
    lines = [RECORD_HEADER.rstrip("\n")]
    for lang in sorted(record):
        lines.append(f"{lang}:")
        for file in sorted(record[lang], key=lambda name: (DATA_FILES + (name,)).index(name.removesuffix(".yml"))):
            keys = sorted((key for key in record[lang][file] if (file, key) in position),
                          key=lambda key: position[(file, key)])
            if not keys:
                continue
            lines.append(f"  {file}:")
            lines += [f"    {key}: {record[lang][file][key]}" for key in keys]
    (data_dir / RECORD_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def state(text: DataText, lang: str, record: dict) -> str:
    if text.translations.get(lang) is None:
        return MISSING
    recorded = record.get(lang, {}).get(text.file, {}).get(text.key)
    if recorded is None:
        return PENDING
    return IN_STEP if recorded == text_hash(text.english) else STALE


def record_texts(data_dir: Path, languages: tuple[str, ...], which: list[DataText], langs: tuple[str, ...]) -> int:
    """Record the given texts as in step in the given languages (those translated); how many."""
    record = read_record(data_dir, languages)
    count = 0
    for text in which:
        for lang in langs:
            if text.translations.get(lang) is None:
                continue
            files = record.setdefault(lang, {}).setdefault(text.file, {})
            if files.get(text.key) != text_hash(text.english):
                files[text.key] = text_hash(text.english)
                count += 1
    write_record(data_dir, record, data_texts(data_dir, languages))
    return count


def with_translations(raw: str, texts: list[DataText], lang: str, new: dict[str, str]) -> str:
    """A data file's text with new translations (by key) in one language; every other byte as it was."""
    edits: list[tuple[int, int, str]] = []
    for text in texts:
        words = new.get(text.key)
        if words is None or words == text.translations.get(lang):
            continue
        value = yaml_value(words)
        if lang in text.spans:
            start, end = text.spans[lang]
            edits.append((start, end, value))
        else:
            at = text.insert_at
            prefix = "" if raw[:at].endswith("\n") else "\n"
            edits.append((at, at, f"{prefix}{text.indent}{lang}: {value}\n"))
    for start, end, value in sorted(edits, reverse=True):
        raw = raw[:start] + value + raw[end:]
    return raw


def yaml_value(words: str) -> str:
    from .segments import one_line, yaml_scalar

    return yaml_scalar(one_line(words))


# ---------------------------------------------------------------------------
# `make record FILE=data/notes.yml`
# ---------------------------------------------------------------------------


def text_when_recorded(root: Path, data_dir: Path, text: DataText, recorded: str,
                       languages: tuple[str, ...]) -> DataText | None:
    """The text as git had it when its English was the recorded one (the newest such version)."""
    from . import history

    for version in history.versions(root, data_dir / text.file):
        try:
            found = parse_texts(text.file, version.text, languages)
        except DataError:
            continue
        old = next((old for old in found if old.key == text.key), None)
        if old is not None and text_hash(old.english) == recorded:
            return old
    return None


def record_file(root: Path, data_dir: Path, languages: tuple[str, ...], file: str, langs: tuple[str, ...],
                force: bool = False) -> list[str]:
    """Record every translated text of one data file as in step, in the given languages; what was
    recorded, one line each. Refuses (ValueError) a text whose English changed since it was recorded
    while its translation stayed as it was then, unless forced."""
    texts = [text for text in data_texts(data_dir, languages) if text.file == file]
    record = read_record(data_dir, languages)
    untouched = []
    for text in texts:
        for lang in langs:
            if state(text, lang, record) != STALE or force:
                continue
            old = text_when_recorded(root, data_dir, text, record[lang][file][text.key], languages)
            if old is not None and old.translations.get(lang) == text.translations.get(lang):
                untouched.append(f"data/{file}:{text.line}: {text.key}.{lang}: the English changed since it was "
                                 f"recorded, and the translation is as it was then")
    if untouched:
        raise ValueError("\n  ".join(untouched))
    done = []
    for text in texts:
        for lang in langs:
            if state(text, lang, record) in (STALE, PENDING):
                done.append(f"data/{file}:{text.line}: {text.key}.{lang} recorded as in step")
    record_texts(data_dir, languages, texts, langs)
    return done

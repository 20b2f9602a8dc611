"""`make add-language LANG=de NAME=Deutsch`: everything a new language needs, in one step.

- mkdocs.yml: the language under `plugins: i18n: languages:`, with its site name, description
  and section titles still in English, to translate (the only list of the site's languages:
  nginx, the checks and the tests read it from there);
- docs/<lang>/: where its articles go; until one is there, readers get the English article;
- data/: every text gets `<lang>: ~`, pending: readers see the English text until a translator
  writes it there, and `make check` lists each one as `pending` with its file and line;
- the notice above an untranslated article, in the new language from the first build
  (helpcentre/new_language_notices.yml, or NOTICE="…"): the only text readers need in their
  own language before anything is translated;
- its links for support agents, published (data/published-links.txt).

All or nothing: every edit is made first in a copy of the project, which must load and build in
the new language (that build also gives the links to publish); only then are the project's own
files changed, all at once (helpcentre/project_writes.py: each file renamed into place, the
language enabled in mkdocs.yml last, the preview waiting meanwhile, everything put back if
anything fails). The files are edited as text, line by line, so that comments and layout stay
as the writers left them.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import links
from .data import DATA_FILES, DataError, load_data, read_utf8
from .project_writes import Write, write_all
from .search_language import has_material_translation, search_language, theme_folders
from .search_terms import FILE as SEARCH_TERMS_FILE, load_for_site
from .site import CONFIG_FILE, DATA_DIR, DOCS_DIR, SiteError, babel_locale, load_site

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # de, pt-BR, zh-Hant
NOTICE = ("untranslated_notice",)
NOTICES_FILE = Path(__file__).with_name("new_language_notices.yml")
PENDING = "~"
KEEP_FOLDER = ".gitkeep"  # git keeps no empty folder; MkDocs and nginx leave dotfiles out
# Not copied for the trial build: the environment, git, builds, caches, the translators' files.
NOT_COPIED = {".git", ".venv", "site", "node_modules", "l10n", "__pycache__"}


class LanguageError(ValueError):
    """The language cannot be added; the message says why and what to do."""


@dataclass
class Added:
    """What add_language did, and what is left to translate."""

    code: str
    name: str
    entry_line: int                                   # mkdocs.yml: the language's entry
    to_translate: list[str]                           # its keys there still in English
    pending: dict[str, int] = field(default_factory=dict)  # data file -> texts left pending
    notice_line: int = 0
    notice_given: bool = False                        # NOTICE= on the command line, not our table
    articles: int = 0                                 # articles of the default language
    published: int = 0                                # links published for support agents
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# The scaffold
# ---------------------------------------------------------------------------


def add_language(root: Path, code: str, name: str | None = None, notice: str | None = None) -> Added:
    """Add the language `code` to the project at `root`; raises LanguageError, changing nothing,
    when it cannot (and changes nothing either when anything else fails)."""
    root = root.resolve()
    try:
        site = load_site(root)
    except SiteError as error:
        raise LanguageError(str(error)) from None
    code = code.strip()
    if not LANGUAGE_CODE.match(code):
        raise LanguageError(f"LANG={code}: expected a language code such as de, pt-BR or zh-Hant")
    if code in site.languages:
        raise LanguageError(f"LANG={code}: the site has this language already ({', '.join(site.languages)})")
    locale = _babel_locale(code)
    name = (name or "").strip() or _own_name(locale)
    notice, notice_given = _notice(code, locale, site.default, notice)

    config_path = root / CONFIG_FILE
    config_text, entry_line, to_translate = _with_language_entry(read_utf8(config_path, CONFIG_FILE), code, name)
    added = Added(code, name, entry_line, to_translate, notice_given=notice_given,
                  articles=len(list((site.docs / site.default).rglob("*.md"))))
    # In the order they are written: the language is enabled (mkdocs.yml) last of all but the
    # links, which name its pages.
    edited: dict[Path, str] = {}
    folder = site.docs / code
    if not folder.is_dir() or not any(folder.iterdir()):
        edited[folder / KEEP_FOLDER] = ""
    folders = theme_folders()
    for file in [*(f"{name}.yml" for name in DATA_FILES), SEARCH_TERMS_FILE]:
        path = site.data / file
        if not path.is_file():
            continue  # the trial below names what is missing
        shown = f"{DATA_DIR}/{file}"
        text, pending, notice_line = _with_language_texts(read_utf8(path, shown), shown, site.default, code,
                                                           notice if file == "messages.yml" else None)
        edited[path] = text
        added.pending[shown] = pending
        added.notice_line = notice_line or added.notice_line
    if not added.notice_line:
        raise LanguageError(f"{DATA_DIR}/messages.yml: no '{'.'.join(NOTICE)}' message with a {site.default} text "
                            "to add the new language's notice to")
    edited[config_path] = config_text

    manifest = site.data / links.MANIFEST_FILE
    manifest_text, added.published = _trial(root, edited, site.languages + (code,), code)
    edited[manifest] = manifest_text
    write_all(root, [Write(path, text.encode("utf-8")) for path, text in edited.items()])

    searching = search_language(code, folders)
    if searching.plain:
        added.warnings.append(searching.warning())
    if not has_material_translation(code, folders):
        added.warnings.append(f"theme: Material has no translation for '{code}': its own words (the search box's "
                              f"placeholder, the navigation's labels) stay in English; to translate them, add "
                              f"partials/languages/{code}.html to the theme's custom_dir (Material's \"Custom "
                              f"translations\")")
    return added


def _babel_locale(code: str):
    """The language as CLDR knows it (the dates in each article are written with it)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(babel_locale(code))
    except (UnknownLocaleError, ValueError):
        raise LanguageError(f"LANG={code}: not a language the date formats (CLDR, through Babel) know; "
                            "check the code (de, pt-BR, zh-Hant)") from None


def _own_name(locale) -> str:
    """The language's name in the language itself (Deutsch, Polski), as the switcher shows it."""
    own = locale.get_display_name(locale) or str(locale)
    return own[:1].upper() + own[1:]


def _notice(code: str, locale, default: str, given: str | None) -> tuple[str, bool]:
    if given and given.strip():
        return given.strip(), True
    notices = yaml.safe_load(NOTICES_FILE.read_text(encoding="utf-8")) if default == "en" else {}
    # pt-BR, then zh-TW as CLDR writes it (zh-Hant: the script it is written in), then pt or zh.
    for candidate in (code, f"{locale.language}-{locale.script}" if locale.script else "", locale.language):
        if candidate in notices:
            return notices[candidate], False
    raise LanguageError(
        f"LANG={code}: write the notice readers see above an article that is not translated yet, in the new "
        f"language, and give it as NOTICE=\"…\" (in English: \"This article is not available in your language "
        f"yet, so it is shown in English.\"); helpcentre/{NOTICES_FILE.name} has no '{code}' notice")


# ---------------------------------------------------------------------------
# The trial: the project with every edit, in a copy, must load and build in the new language
# ---------------------------------------------------------------------------


def _trial(root: Path, edited: dict[Path, str], languages: tuple[str, ...], code: str) -> tuple[str, int]:
    """Make every edit in a copy of the project, check that it loads and that the new language
    builds, and publish its links there: the links manifest's new text and how many were new.
    Raises LanguageError, the project untouched, when it does not."""
    with tempfile.TemporaryDirectory(prefix="help-add-language-") as folder:
        copy = Path(folder) / "project"
        shutil.copytree(root, copy, symlinks=True, ignore=_not_copied(root))
        for path, text in edited.items():
            target = copy / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            site = load_site(copy)
            if site.languages != languages:
                raise LanguageError(f"{CONFIG_FILE}: the language was not added where expected "
                                    f"(languages found: {', '.join(site.languages)})")
            load_data(site.data, languages)
            load_for_site(site)
        except (SiteError, DataError) as error:
            raise LanguageError(f"{code} could not be added; nothing was changed:\n{error}") from None
        from .build import build_one

        built = Path(folder) / "site"
        outcome = build_one(copy / CONFIG_FILE, code, built)  # in a process of its own, under the build's limits
        if not outcome.built:
            shown = "\n".join(str(problem) for problem in outcome.problems) or "the build stopped without a message"
            raise LanguageError(f"{code} could not be added, the site does not build in it; nothing was "
                                f"changed:\n{shown}")
        index = json.loads((built / links.part_name(code)).read_text(encoding="utf-8"))
        manifest = site.data / links.MANIFEST_FILE
        known = set(links.read_manifest(manifest))
        new = links.published_entries(index) - known
        links.write_manifest(manifest, known | new)
        return manifest.read_text(encoding="utf-8"), len(new)


def _not_copied(root: Path):
    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == root
        return {name for name in names if name == "__pycache__" or (top and (name in NOT_COPIED or name.startswith(".")))}
    return ignore


# ---------------------------------------------------------------------------
# mkdocs.yml: the language's entry
# ---------------------------------------------------------------------------


def _with_language_entry(text: str, code: str, name: str) -> tuple[str, int, list[str]]:
    """mkdocs.yml with the language added last under plugins: i18n: languages:, its line, and
    the keys of its entry still in English."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # composed only: MkDocs' own tags need no constructor
    languages = _languages_node(root)
    if languages.flow_style or not languages.value:
        raise LanguageError(f"{CONFIG_FILE}: plugins: i18n: languages: expected a list with one '- locale:' entry "
                            "per line, as the file has it")
    first, last = languages.value[0], languages.value[-1]
    from mkdocs.utils.yaml import yaml_load

    config = yaml_load(text) or {}  # MkDocs' reader: !ENV and !relative as MkDocs reads them
    line_text = text.splitlines()[first.start_mark.line]
    dash = line_text.rfind("-", 0, first.start_mark.column)
    inner = " " * first.start_mark.column
    titles = _nav_titles(config.get("nav") or [])
    entry = [f"{' ' * dash}- locale: {code}", f"{inner}name: {_scalar(name)}", f"{inner}build: true",
             f"{inner}# Written by `make add-language` in {_default_of(languages)}: translate these.",
             f"{inner}site_name: {_scalar(str(config.get('site_name', '')))}"]
    to_translate = ["site_name"]
    if config.get("site_description"):
        entry.append(f"{inner}site_description: {_scalar(str(config['site_description']))}")
        to_translate.append("site_description")
    if titles:
        entry.append(f"{inner}nav_translations:")
        entry += [f"{inner}  {_scalar(title)}: {_scalar(title)}" for title in titles]
        to_translate += [f"nav_translations: {title}" for title in titles]
    at = _end_of_line(text, _last_value(last).end_mark.index)
    return text[:at] + "".join(line + "\n" for line in entry) + text[at:], text[:at].count("\n") + 1, to_translate


def _languages_node(root) -> yaml.SequenceNode:
    for key, value in getattr(root, "value", []):
        if key.value != "plugins" or not isinstance(value, yaml.SequenceNode):
            continue
        for plugin in value.value:
            for name, options in getattr(plugin, "value", []) if isinstance(plugin, yaml.MappingNode) else []:
                if name.value == "i18n" and isinstance(options, yaml.MappingNode):
                    for option, node in options.value:
                        if option.value == "languages" and isinstance(node, yaml.SequenceNode):
                            return node
    raise LanguageError(f"{CONFIG_FILE}: plugins: expected the i18n plugin with its languages")


def _default_of(languages: yaml.SequenceNode) -> str:
    for entry in languages.value:
        values = {key.value: value.value for key, value in entry.value if isinstance(value, yaml.ScalarNode)}
        if values.get("default") in ("true", "True"):
            return values.get("locale", "the default language")
    return "the default language"


def _nav_titles(nav) -> list[str]:
    """Every title the navigation gives (sections, and pages given a title), once each, in order."""
    titles: list[str] = []
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, dict):
            for title, children in item.items():
                if title not in titles:
                    titles.append(str(title))
                titles += [child for child in _nav_titles(children) if child not in titles]
    return titles


def _scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when YAML reads it back the same, else double-quoted."""
    try:
        if text and yaml.safe_load(f"key: {text}") == {"key": text} and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def _last_value(node):
    """The last scalar inside a node: a block's own end lies past the comments that follow it."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _end_of_line(text: str, index: int) -> int:
    """Where the line holding the last character before `index` (not a blank) ends, its newline included."""
    last = len(text[:index].rstrip())
    newline = text.find("\n", last)
    return len(text) if newline == -1 else newline + 1


# ---------------------------------------------------------------------------
# data/*.yml: a pending text for every entry
# ---------------------------------------------------------------------------


def _with_language_texts(text: str, shown: str, default: str, code: str,
                         notice: str | None) -> tuple[str, int, int]:
    """A data file with `<code>: ~` added to every text it has in the default language (the
    notice's text instead, in messages.yml); how many were added, and the notice's line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise LanguageError(f"{shown}: not valid YAML ({getattr(error, 'problem', error)}); fix it first") from None
    insertions: list[tuple[int, str]] = []
    notice_at = None
    for path, unit in _units(root, (), default):
        if any(key.value == code for key, _ in unit.value):
            continue
        value = json.dumps(notice, ensure_ascii=False) if notice is not None and path == NOTICE else PENDING
        if unit.flow_style:  # {en: …, it: …}
            close = text.rindex("}", 0, unit.end_mark.index)
            insertions.append((close, f", {code}: {value}"))
        else:
            indent = " " * unit.value[0][0].start_mark.column
            insertions.append((_end_of_line(text, _last_value(unit).end_mark.index), f"{indent}{code}: {value}\n"))
        if path == NOTICE and notice is not None:
            notice_at = insertions[-1][0]
    pending = len(insertions) - (notice_at is not None)
    for index, inserted in sorted(insertions, reverse=True):
        text = text[:index] + inserted + text[index:]
    notice_line = 0
    if notice_at is not None:
        before = sum(len(inserted) for index, inserted in insertions if index < notice_at)
        notice_line = text[:notice_at + before].count("\n") + 1
    return text, pending, notice_line


def _units(node, path: tuple[str, ...], default: str, seen: set[int] | None = None):
    """Every mapping with a text in the default language (one text per language), with its key
    path; once each, however many aliases (*name) repeat it."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys = [key.value for key, _ in node.value]
        if default in keys:
            yield path, node
            return
        for key, value in node.value:
            yield from _units(value, path + (str(key.value),), default, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            yield from _units(value, path + (str(index),), default, seen)


# ---------------------------------------------------------------------------
# What is left to translate
# ---------------------------------------------------------------------------


def report(added: Added, default: str, default_name: str) -> str:
    """What add-language did, and what is left to translate, with files and lines."""
    pending = sum(added.pending.values())
    lines = [f"add-language: {added.name} ({added.code}) added.", "", "Left to translate:",
             f"  {CONFIG_FILE}:{added.entry_line}: its entry: " + ", ".join(added.to_translate),
             f"  {DOCS_DIR}/{added.code}/: {added.articles} articles (copy each from {DOCS_DIR}/{default}/, "
             f"translate it, then `make record FILE={added.code}/<article>.md`)",
             f"  {DATA_DIR}/: {pending} texts written `{added.code}: ~` (readers see the {default_name} text until then): "
             + ", ".join(f"{file} {count}" for file, count in added.pending.items() if count)]
    source = "as given (NOTICE=)" if added.notice_given else f"from helpcentre/{NOTICES_FILE.name}"
    lines += [f"  {DATA_DIR}/messages.yml:{added.notice_line}: the notice above an untranslated article, "
              f"{source}: have a translator check it"]
    lines += ["  `make check` lists each one with its file and line.", ""]
    lines += [f"warning: {warning}" for warning in added.warnings]
    commit = ", ".join([CONFIG_FILE, f"{DATA_DIR}/", f"{DOCS_DIR}/{added.code}/"])
    lines += [f"{DATA_DIR}/{links.MANIFEST_FILE}: {added.published} links of the new language published for support agents.",
              f"The site builds in {added.name} now: every page in {default_name}, under the notice in "
              f"{added.name}, until its translations arrive. Commit {commit}."]
    return "\n".join(lines)

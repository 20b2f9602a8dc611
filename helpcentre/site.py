"""The site's basic facts, each worked out in one place: its languages, where an article's file
and page are in each language, and an article's stable id.

Every hook, macro, script and test asks here, so that a fourth language, or a page moved to
a sub-folder, is a change to mkdocs.yml and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ENGINE = Path(__file__).resolve().parent  # this package: its theme, templates and nginx configuration
CONFIG_FILE = "mkdocs.yml"
DOCS_DIR = "docs"
DATA_DIR = "data"
# `make build` and the preview build one language per process; this names it (helpcentre/plugin.py).
BUILD_LANGUAGE_VARIABLE = "HELP_BUILD_LANGUAGE"
# MkDocs 1.6 prints a banner about MkDocs 2.0 on every run, Material on import: noise here.
QUIET_ENVIRONMENT = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
                     "PYTHONDONTWRITEBYTECODE": "1"}


def babel_locale(lang: str) -> str:
    """A site language (pt-BR, zh-Hant, as mkdocs.yml writes it) as Babel's locales write it
    (pt_BR, zh_Hant): the dates and the translators' catalogs are made with it."""
    return lang.replace("-", "_")


def project_root(start: Path | None = None) -> Path:
    """The help centre commands act on: the folder with mkdocs.yml that holds the current folder (as
    git finds its repository), or the current folder when none does."""
    here = (start or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if (folder / CONFIG_FILE).is_file()), here)


class SiteError(ValueError):
    """mkdocs.yml does not say what the help centre needs to know; the message says what."""


@dataclass(frozen=True)
class Site:
    """A help centre: a folder with mkdocs.yml, docs/<language>/ and data/."""

    root: Path
    languages: tuple[str, ...]           # the default language first, then as listed
    names: dict[str, str] = field(default_factory=dict, compare=False)  # locale -> its own name
    site_url: str = ""

    # --- Languages ---------------------------------------------------------------

    @property
    def default(self) -> str:
        return self.languages[0]

    @property
    def translations(self) -> tuple[str, ...]:
        return self.languages[1:]

    def prefix(self, lang: str) -> str:
        """The URL folder of a language's pages: '' for the default language, 'it/' for Italian."""
        return "" if lang == self.default else f"{lang}/"

    # --- Files ---------------------------------------------------------------------

    @property
    def docs(self) -> Path:
        return self.root / DOCS_DIR

    @property
    def data(self) -> Path:
        return self.root / DATA_DIR

    def source(self, lang: str, article: str) -> Path:
        """docs/<lang>/<article>.md"""
        return self.docs / lang / f"{article}.md"

    def language_of(self, path: Path) -> str | None:
        """The language folder a file under docs/ is in (docs/it/x.md -> 'it'), None elsewhere."""
        try:
            return path.resolve().relative_to(self.docs.resolve()).parts[0]
        except (ValueError, IndexError):
            return None

    def source_of(self, translation: Path) -> Path:
        """A translation's English (default language) file: docs/it/x.md -> docs/en/x.md."""
        lang = self.language_of(translation)
        if lang is None:
            raise SiteError(f"{translation}: not under {DOCS_DIR}/<language>/")
        relative = translation.resolve().relative_to((self.docs / lang).resolve())
        return self.docs / self.default / relative

    def display(self, path: Path) -> str:
        """A path as writers know it, relative to the project: docs/it/x.md."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    # --- Articles and their pages ------------------------------------------------------

    def articles(self) -> list[str]:
        """Every article's id, from the default language's files (docs/en/**.md), sorted: the site's
        own list, which commands and tests read instead of keeping a copy."""
        folder = self.docs / self.default
        return sorted(self.article_id(path.relative_to(folder).as_posix()) for path in folder.rglob("*.md"))

    def article_id(self, src_uri: str) -> str:
        """The stable id of an article: its path under its language folder without .md
        (it/cancel-account.md and cancel-account.md -> cancel-account)."""
        parts = PurePosixPath(src_uri).parts
        if parts and parts[0] in self.languages:
            parts = parts[1:]
        return PurePosixPath(*parts).as_posix().removesuffix(".md")

    def page_path(self, lang: str, article: str) -> str:
        """The URL path, relative to site_url, of an article in a language (directory URLs):
        'it/cancel-account/', '' for the default language's home page."""
        prefix = self.prefix(lang)
        if article == "index" or article == "README":
            return prefix
        for name in ("/index", "/README"):
            if article.endswith(name):
                return f"{prefix}{article.removesuffix(name.lstrip('/'))}"
        return f"{prefix}{article}/"

    def url(self, lang: str, article: str) -> str:
        return self.site_url.rstrip("/") + "/" + self.page_path(lang, article)


# ---------------------------------------------------------------------------
# Where the facts come from: mkdocs.yml, read once by MkDocs or by us
# ---------------------------------------------------------------------------


def site_from_config(config) -> Site:
    """The site of a loaded MkDocs configuration (the plugin, the macros, the build)."""
    i18n = config["plugins"]["i18n"].config
    return _site(Path(config["config_file_path"]).parent,
                 [(lang.locale, lang.name, lang.default) for lang in i18n.languages],
                 config.get("site_url") or "")


def load_site(root: Path) -> Site:
    """The site described by <root>/mkdocs.yml, for commands that do not build (the translation
    check, the nginx configuration). MkDocs' own YAML reader, so !ENV and INHERIT work alike."""
    from mkdocs.utils.yaml import yaml_load

    path = root / CONFIG_FILE
    try:
        with path.open(encoding="utf-8") as source:
            config = yaml_load(source) or {}
    except FileNotFoundError:
        raise SiteError(f"{CONFIG_FILE}: not found in {root}") from None
    except Exception as error:  # noqa: BLE001 - YAML's and MkDocs' errors alike: one message
        raise SiteError(f"{CONFIG_FILE}: cannot be read ({error})") from None
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            languages = plugin["i18n"].get("languages") or []
            try:
                listed = [(entry["locale"], entry.get("name", entry["locale"]), bool(entry.get("default")))
                          for entry in languages]
            except (TypeError, KeyError):
                raise SiteError(f"{CONFIG_FILE}: plugins: i18n: languages: each needs a 'locale:'") from None
            return _site(root, listed, config.get("site_url") or "")
    raise SiteError(f"{CONFIG_FILE}: plugins: expected the i18n plugin with its languages")


def _site(root: Path, languages: list[tuple[str, str, bool]], site_url: str) -> Site:
    defaults = [locale for locale, _, default in languages if default]
    if len(defaults) != 1:
        raise SiteError(f"{CONFIG_FILE}: plugins: i18n: languages: expected one with 'default: true', "
                        f"found {len(defaults)}")
    ordered = defaults + [locale for locale, _, default in languages if not default]
    return Site(root=root.resolve(), languages=tuple(ordered),
                names={locale: name for locale, name, _ in languages}, site_url=site_url)

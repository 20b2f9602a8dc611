"""What a saved file concerns in the preview (helpcentre/preview.py): which languages build again,
and which of their pages they render again."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .data import DATA_FILES
from .language_process import Request
from .site import CONFIG_FILE, DATA_DIR, DOCS_DIR, Site

# Files at the project's root that every language's build reads; the others there (README.md...) are not.
WHOLE_SITE_FILES = (CONFIG_FILE, "l10n.yml")


def requests_for(site: Site, changed: Iterable[Path], languages: Iterable[str],
                 data_languages: Iterable[str] | None = None) -> dict[str, Request]:
    """What each built language renders again for these changed files (absolute paths); a change in
    data/ concerns `data_languages` (default: all), those whose text it changed."""
    languages = tuple(languages)
    data_languages = languages if data_languages is None else tuple(data_languages)
    pages: dict[str, set[str]] = {lang: set() for lang in languages}
    touched: set[str] = set()
    data_changed = everything = False
    for path in changed:
        try:
            parts = path.relative_to(site.root).parts
        except ValueError:
            continue
        if not parts or ignored(parts):
            continue
        if parts[0] == DOCS_DIR:
            lang = parts[1] if len(parts) > 2 else None
            if lang not in site.languages or path.suffix != ".md":
                touched.update(languages)  # an image, or a file the source check names: each language copies or checks it
                continue
            article = site.article_id(PurePosixPath(*parts[2:]).as_posix())
            # An English edit concerns its translations too: whether a section is behind the English
            # (the readers' notice, helpcentre/page_content.py) is worked out from it.
            shown = site.languages if lang == site.default else languages_showing(site, lang, article)
            for shown_in in shown:
                if shown_in in pages:
                    pages[shown_in].add(site.page_path(shown_in, article) + "index.html")
        elif parts[0] == DATA_DIR and path.suffix == ".yml" and path.stem in DATA_FILES:
            data_changed = True  # helpcentre/data_use.py finds the pages that used what changed
        elif len(parts) == 1 and parts[0] not in WHOLE_SITE_FILES:
            continue  # README.md and the like
        else:
            everything = True  # mkdocs.yml, the theme, data read outside the macros (search terms, redirects)
    return {lang: Request(everything, frozenset(pages[lang]), data_changed and lang in data_languages)
            for lang in languages
            if pages[lang] or lang in touched or (data_changed and lang in data_languages) or everything}


def saved_languages(site: Site, changed: Iterable[Path]) -> set[str]:
    """The languages of the saved articles (docs/it/x.md: Italian): their pages build first."""
    found = set()
    for path in changed:
        try:
            parts = path.relative_to(site.docs).parts
        except ValueError:
            continue
        if len(parts) > 1 and parts[0] in site.languages and path.suffix == ".md" and not ignored(parts):
            found.add(parts[0])
    return found


def languages_showing(site: Site, lang: str, article: str) -> list[str]:
    """The languages whose page of the article is made from docs/<lang>/<article>.md: that language,
    and, for the default language's file, each language with no translation of it."""
    if lang != site.default:
        return [lang]
    return [lang] + [other for other in site.translations if not site.source(other, article).exists()]


def ignored(parts: tuple[str, ...]) -> bool:
    """Editors' swap and backup files, and Python's caches (watchmedo restarts on Python code)."""
    name = parts[-1]
    return name.startswith(".") or name.endswith(("~", ".pyc", ".py")) or "__pycache__" in parts

"""What a hook or a macro needs to know about the build in progress: the site, the language
being built, the shared data, and the file a writer edits for a page.

mkdocs-static-i18n builds one language after another with the same configuration object, so
the language is asked for when it is needed, never remembered from on_config (define_env and
on_config see the previous language)."""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import data_use
from .data import DataError, HelpData, load_data
from .search_terms import SearchTerms, load_for_site
from .site import Site, site_from_config


def site(config) -> Site:
    """The site of this configuration. Asked for many times on every page: worked out once per
    configuration object (the preview loads a new one when mkdocs.yml changes)."""
    cached = _sites.get(id(config))
    if cached is None or cached[0]() is not config:
        _sites.clear()  # one configuration at a time: the previous one is gone
        _sites[id(config)] = cached = (weakref.ref(config), site_from_config(config))
    return cached[1]


_sites: dict[int, tuple[weakref.ref, Site]] = {}


def language(config) -> str:
    """The language being built. mkdocs-static-i18n sets the theme's language for each build
    (reconfigure_material); a page's file.locale is its *source* language instead, English
    on a page that falls back to the English text."""
    return config.theme["language"]


def data(config) -> HelpData:
    """The validated shared data, with the texts of the language being built and of the default
    language it falls back to; a mistake in data/ stops the build with its file and line (every
    text this language lacks at once, and no other language's). In the preview, each read of it
    is noted against the page being rendered (helpcentre/data_use.py)."""
    here = site(config)
    try:
        loaded = _load_data_cached(here.data, here.languages, _built_languages(here, config))
    except DataError as error:
        raise PluginError(str(error)) from None
    return data_use.observed(loaded) if data_use.recording() else loaded


def search_terms(config) -> SearchTerms:
    """The customers' words (data/search-terms.yml) for the language being built and the default
    language; a mistake stops the build with its file and line."""
    here = site(config)
    try:
        return load_for_site(here, _built_languages(here, config))
    except DataError as error:
        raise PluginError(str(error)) from None


def check_data(config) -> None:
    """Load everything in data/ this language's build reads, and stop the build with every
    mistake found at once: texts that lack this language in data/*.yml and in
    data/search-terms.yml are listed together, each with its file and line, and so is a mistake in
    data/translated-from.yml."""
    problems = []
    for load in (data, search_terms, translation_record):
        try:
            load(config)
        except PluginError as error:
            problems.append(str(error))
    if problems:
        raise PluginError("\n".join(problems))


def translation_record(config) -> None:
    """data/translated-from.yml, which the stale-section notices read: a language or a file in it
    that the site does not have stops the build at its line (helpcentre/translations/data_texts.py)."""
    from .translations.data_texts import read_record

    here = site(config)
    try:
        read_record(here.data, here.languages)
    except DataError as error:
        raise PluginError(str(error)) from None


def _built_languages(here: Site, config) -> tuple[str, ...]:
    """The languages whose texts this build shows: the one being built, and the default one
    its untranslated pages and texts fall back to."""
    return tuple(dict.fromkeys((here.default, language(config))))


def rebuilds_only_some_pages(files) -> bool:
    """Whether this is a preview's dirty rebuild, which renders only the pages whose source changed:
    what a language's build makes from all its pages (its link index, its sitemap) is then left
    as the last full build made it."""
    return any(file.page is None or file.page.content is None for file in files.documentation_pages())


def source_name(file, config) -> str:
    """The file a writer edits, as they know it: docs/it/x.md, or docs/en/x.md for a page that
    falls back to English (its src_uri says it/x.md)."""
    project = site(config).root
    if file.abs_src_path and Path(file.abs_src_path).is_relative_to(project):
        return Path(file.abs_src_path).relative_to(project).as_posix()
    return f"docs/{file.src_uri}"


# Hooks ask for the data on every page; parsing the YAML each time was most of the build time
# (300 pages: 9 s of 16 s). It is reused while no file in data/ has changed (name, size,
# modification time), so an edit in the preview still shows at once.
_data_cache: dict = {}


def _load_data_cached(data_dir: Path, languages: tuple[str, ...], required: tuple[str, ...]) -> HelpData:
    stamp = tuple(sorted((entry.name, entry.stat().st_mtime_ns, entry.stat().st_size)
                         for entry in os.scandir(data_dir) if entry.name.endswith(".yml")))
    key = (str(data_dir), languages, required)
    cached = _data_cache.get(key)
    if cached is None or cached[0] != stamp:
        _data_cache[key] = cached = (stamp, load_data(data_dir, languages, required))
    return cached[1]

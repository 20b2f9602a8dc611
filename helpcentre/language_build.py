"""One language's build: everything it needs to know, worked out once when it starts.

mkdocs-static-i18n builds one language after another with the same configuration object (and
`make build` and the preview build one language per process), so the plugin makes one of these
at the start of each language's build (on_pre_build) and every step of that build reads it: the
site, the language, the shared data, the customers' words, the redirects, the translation policy,
when each page last changed. Before anything is read, the article files this build renders and
the data it shows are checked, and every mistake stops the build with its file and line.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import links, sitemap, sources
from .data import DataError, HelpData, load_data
from .last_updated import commit_dates
from .search_language import SearchLanguage, search_language
from .search_terms import SearchTerms, load_for_site
from .site import Site, site_from_config
from .translations.data_texts import read_record
from .translations.notices import DataBehind, data_behind
from .translations.policy import Config as TranslationPolicy, UsageError, load_config as load_policy


@dataclass
class LanguageBuild:
    site: Site
    lang: str
    data: HelpData                      # its texts and the default language's (observed in the preview)
    terms: SearchTerms                  # the customers' words (data/search-terms.yml)
    redirects: links.Redirects          # data/redirects.yml
    searching: SearchLanguage           # lunr's language for its index, or plain words
    translated: dict[str, tuple[str, ...]]  # article -> the languages it is written in
    dates: dict[Path, datetime.date]    # source file -> the date of its last commit
    policy: TranslationPolicy | None    # l10n.yml, in a translation's build (the stale-section notices)
    kept: "KeptWhileDataUnchanged"      # what is read from data/, kept from one build to the next
    # Filled in as the build goes on:
    files: object = None                # MkDocs' Files of this build, once sorted by language
    fingerprinted: dict = field(default_factory=dict)  # site path -> the File that publishes it (assets: ?h=)
    hashes: dict = field(default_factory=dict)          # site path -> its content hash, once a page names it
    fallbacks: set[str] = field(default_factory=set)    # URL paths of its pages that show the default language's text
    index_part: dict | None = None      # its part of the link index, whole once every page's Markdown is rendered
    language_pages: dict = field(default_factory=dict)  # page URL -> its languages (sitemap.LanguagePage)
    search_seen: int = 0                # entries of Material's search index already kept with their page
    search_text: str = ""               # its search index, as written
    nav_order: list[str] = field(default_factory=list)  # its articles, in the navigation's order
    _behind: DataBehind | None = None

    @property
    def default(self) -> str:
        return self.site.default

    @property
    def prefix(self) -> str:
        return self.site.prefix(self.lang)

    def message(self, *keys: str) -> str:
        return self.data.message(self.lang, *keys)

    def source_name(self, file) -> str:
        """The file a writer edits, as they know it: docs/it/x.md, or docs/en/x.md for a page that
        falls back to English (its src_uri says it/x.md)."""
        if file.abs_src_path and Path(file.abs_src_path).is_relative_to(self.site.root):
            return Path(file.abs_src_path).relative_to(self.site.root).as_posix()
        return f"docs/{file.src_uri}"

    def article(self, file) -> str:
        return self.site.article_id(file.src_uri)

    def shown_from_default(self, file) -> bool:
        """Whether a page shows the default language's text (no translation yet)."""
        return file.locale != self.lang

    def data_behind(self) -> DataBehind:
        """The data texts whose translation is behind the English, read when a page first asks."""
        if self._behind is None:
            self._behind = self.kept.get(self.site, ("behind", self.lang), lambda: data_behind(self.policy, self.lang))
        return self._behind


def start(config, lang: str, kept: KeptWhileDataUnchanged) -> LanguageBuild:
    """Check what this language's build reads and load it (see the module's docstring); `kept`: what
    the plugin keeps of data/ from one build to the next."""
    site = site_from_config(config)
    check_sources(site, lang, config)
    built = tuple(dict.fromkeys((site.default, lang)))  # its texts, and those it falls back to
    problems = []
    data = terms = None
    try:
        data = kept.data(site, built)
    except DataError as error:
        problems.append(str(error))
    try:
        terms = load_for_site(site, built)
    except DataError as error:
        problems.append(str(error))
    try:  # which data translation is in step (the stale-section notices): a misspelt language would be ignored
        read_record(site.data, site.languages)
    except DataError as error:
        problems.append(str(error))
    if problems:  # every text this language lacks, in data/*.yml and search-terms.yml, at once
        raise PluginError("\n".join(problems))
    policy = None
    if lang != site.default:
        try:
            policy = load_policy(site.root, site)
        except UsageError as error:
            raise PluginError(str(error)) from None
    return LanguageBuild(
        site=site, lang=lang, data=data, terms=terms, redirects=_redirects(site), kept=kept,
        searching=search_language(lang, config.theme.dirs),
        translated=sitemap.translations(site),
        dates=commit_dates(site.docs, sorted({lang, site.default})),
        policy=policy,
    )


def check_sources(site: Site, lang: str, config) -> None:
    """The article files this language's build renders (helpcentre/sources.py), and that nothing
    outside docs/, the theme's folder or data/ is published; every problem at once."""
    # What is published from: docs/ (each language's folder in it), the theme's folder, data/.
    copied = [site.docs, *([Path(config.theme.custom_dir)] if config.theme.custom_dir else []), site.data]
    outside = [problem for folder in copied for problem in sources.links_out_of(folder, site.root)]
    if outside:  # before any file is read: reading follows the link
        raise PluginError("\n".join(outside))
    articles = sources.built_here(site, lang)
    problems = sources.outside_languages(site) + sources.same_url(site, lang, articles)
    for path in articles:
        problems.extend(sources.check_article(path, site.display(path)))
    if not problems:  # a translation's heading ids are the English ones: one message, before any link warns
        redirects = _redirects(site)
        for path in articles:
            if site.language_of(path) == lang:
                old_ids = set(redirects.aliases(site.article_id(path.relative_to(site.docs / lang).as_posix())))
                problems.extend(sources.ids_not_in_english(site, lang, path, old_ids))
    if problems:
        raise PluginError("\n".join(problems))


def _redirects(site: Site) -> links.Redirects:
    try:
        return links.load_redirects(site.data)
    except DataError as error:
        raise PluginError(str(error)) from None


# ---------------------------------------------------------------------------
# What is read from data/, kept while data/ is unchanged
# ---------------------------------------------------------------------------


class KeptWhileDataUnchanged:
    """What is made from data/ (the parsed data, which texts are behind their English), kept while no
    file in it changes (name, size, modification time): every language's build asks for it, and the
    preview builds after every save. Parsing it again for each page was most of the build time once
    (300 pages: 9 s of 16 s); working out the texts behind their English, 0.7 s of a preview's save."""

    def __init__(self):
        self._kept: dict = {}

    def get(self, site: Site, key: tuple, make):
        stamp = tuple(sorted((entry.name, entry.stat().st_mtime_ns, entry.stat().st_size)
                             for entry in os.scandir(site.data) if entry.name.endswith(".yml")))
        key = (str(site.data), *key)
        kept = self._kept.get(key)
        if kept is None or kept[0] != stamp:
            self._kept[key] = kept = (stamp, make())
        return kept[1]

    def data(self, site: Site, required: tuple[str, ...]) -> HelpData:
        return self.get(site, ("data", site.languages, required), lambda: load_data(site.data, site.languages, required))

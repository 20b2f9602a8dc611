"""One search index per language (helpcentre/search_index.py), and each page's Material
configuration pointed at it.

Each page's (and not-found page's) Material config also names our search worker, which adds
accent folding, stemmed query words and typo tolerance to Material's
(overrides/assets/javascripts/workers/help-search.js), and Material's "nothing found" line
in our words (search_none.title in data/messages.yml).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode

from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from helpcentre import building, search_index
from helpcentre.search_language import search_language
from helpcentre.material_seams import Seam

MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
CONFIG_SEAM = Seam("hooks/search_per_language.py", "base.html (block 'config')",
                   'the page\'s config <script id="__config" type="application/json"> with "base", "search" '
                   'and "translations": {"search.result.none"}')
OUR_WORKER = "help-search.js"
log = get_plugin_logger("help-centre")

_default_index: list[str] = []  # the default language's index, put back after the other languages
# The language of each build under way, innermost last. In the single-process build the other
# languages are built inside the default language's on_post_build, and the configuration then
# says the last of them is current: the default language's last step needs to know it is its own.
_builds: list[str] = []


def on_pre_build(config):
    lang = building.language(config)
    _builds.append(lang)
    searching = search_language(lang, config.theme.dirs)
    if searching.plain:  # not a failure (strict builds stop on warnings): said once per build of it
        log.info(searching.warning())


def on_post_page(output, page, config):
    return with_search_config(output, config, f"the page of {building.source_name(page.file, config)}")


def on_post_template(output, template_name, config):
    # The not-found page too (before hooks/not_found_per_language.py saves each language's copy).
    return with_search_config(output, config, "the theme's 404.html") if template_name == "404.html" else output


def with_search_config(output: str, config, where: str) -> str:
    lang = building.language(config)
    nothing_found = building.data(config).message(lang, "search_none", "title")
    return rebased_search(output, building.site(config).prefix(lang), nothing_found, where)


def rebased_search(output: str, prefix: str, nothing_found: str, where: str) -> str:
    """The page with Material's config pointing at the language's index (`base` + prefix) and our
    worker, and Material's "nothing found" line in our plain words (overrides/partials/search-none.html
    follows it). Material must write that config once, with those keys, or the build stops."""

    def rebase(match: re.Match) -> str:
        app = json.loads(match.group(2))
        translations = app.get("translations")
        if not {"base", "search"} <= app.keys() or not isinstance(translations, dict) \
                or "search.result.none" not in translations:
            raise CONFIG_SEAM.failure(f"has the keys {sorted(app)}", where)
        if prefix:
            app["base"] = f"{app['base'].rstrip('/')}/{prefix}"
        app["search"] = search_worker(app["search"])
        translations["search.result.none"] = nothing_found
        return match.group(1) + json.dumps(app, ensure_ascii=False) + match.group(3)

    return CONFIG_SEAM.sub(MATERIAL_CONFIG, rebase, output, where=where)


def search_worker(material_worker: str) -> str:
    """Our worker (overrides/assets/javascripts/workers/help-search.js: accents, stems, typos),
    next to Material's, which it loads: its file name, with Material's hash, goes in ?material=."""
    folder, _, name = material_worker.rpartition("/")
    return f"{folder}/{OUR_WORKER}?{urlencode({'material': name})}"


@event_priority(-50)  # after Material's search plugin wrote this build's index (priority 0)
def _write_language_index(config):
    site = building.site(config)
    lang = building.language(config)
    site_dir = Path(config["site_dir"])
    terms = building.search_terms(config)
    words = {site.page_path(site.default, article): by_language[lang]
             for article, by_language in terms.words.items() if lang in by_language}  # none while pending
    source_words = {} if lang == site.default else {site.page_path(site.default, article): by_language[site.default]
                                                     for article, by_language in terms.words.items()}
    ignored = [*terms.ignored[lang], *building.data(config).product_name.lower().split()]
    material = json.loads((site_dir / search_index.INDEX).read_text(encoding="utf-8"))
    searching = search_language(lang, config.theme.dirs)
    text = search_index.dumps(search_index.language_index(material, lang, site.prefix(lang), words, ignored,
                                                          searching, source_words))
    target = site_dir / site.prefix(lang) / search_index.INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if lang == site.default:
        _default_index[:] = [text]


@event_priority(-110)  # last: after mkdocs-static-i18n's own step (priority -100)
def _root_index_is_the_default_languages(config):
    """Material, and mkdocs-static-i18n after it, write an index at the root in every language's
    build: the root is the default language's. In the single-process build the other languages
    are built inside the default language's build, which ends last and puts its own back."""
    site = building.site(config)
    root_index = Path(config["site_dir"]) / search_index.INDEX
    if _builds.pop() != site.default:
        root_index.unlink(missing_ok=True)
    elif _default_index:
        root_index.write_text(_default_index.pop(), encoding="utf-8")


on_post_build = CombinedEvent(_write_language_index, _root_index_is_the_default_languages)

"""The customers' words (data/search-terms.yml, helpcentre/search_terms.py), checked before
anything is built: an unknown article or language, or words for a page kept out of search, stop
the build with the file, the line and the ids that exist. hooks/search_per_language.py puts
them in each language's index.

Templates get `nothing_found_articles(nav)`: the pages a search that finds nothing offers
(overrides/partials/search-none.html), in the page's language.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from helpcentre import building
from helpcentre.data import DataError
from helpcentre.search_terms import SearchTerms, load_for_site


def search_terms(config) -> SearchTerms:
    try:
        return load_for_site(building.site(config))
    except DataError as error:
        raise PluginError(str(error)) from None


def on_pre_build(config):
    search_terms(config)


def on_env(env, config, files):
    terms = search_terms(config)
    site = building.site(config)

    def nothing_found_articles(nav) -> list:
        pages = {site.article_id(page.file.src_uri): page for page in nav.pages}
        return [pages[wanted] for wanted in terms.nothing_found if wanted in pages]

    env.globals["nothing_found_articles"] = nothing_found_articles
    return env

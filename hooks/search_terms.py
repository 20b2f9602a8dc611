"""Templates get `nothing_found_articles(nav)`: the pages a search that finds nothing offers
(overrides/partials/search-none.html), in the page's language, from the customers' words
(data/search-terms.yml, helpcentre/search_terms.py). hooks/search_per_language.py puts the
words in each language's index; hooks/validate_sources.py checks the file with the rest of
data/ before anything is built.
"""

from __future__ import annotations

from helpcentre import building


def on_env(env, config, files):
    terms = building.search_terms(config)
    site = building.site(config)
    offered: dict[int, list] = {}  # by navigation: one per build, asked for by every page

    def nothing_found_articles(nav) -> list:
        if id(nav) not in offered:
            offered.clear()
            pages = {site.article_id(page.file.src_uri): page for page in nav.pages}
            offered[id(nav)] = [pages[wanted] for wanted in terms.nothing_found if wanted in pages]
        return offered[id(nav)]

    env.globals["nothing_found_articles"] = nothing_found_articles
    return env

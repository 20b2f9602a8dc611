"""The customers' words in each language's search index (data/search-terms.yml, issue 12).

- Before anything is built, the file is checked: an unknown article or language, or words
  for a page kept out of search, stop the build with the file, the line and the ids that
  exist. An article renamed with a redirect (data/redirects.yml) keeps its words.
- After hooks/search_per_language.py has split the index, each article's words for a
  language go into that language's index, in the `keywords` field of the article's own
  entry (the one for the whole page, not a section): mkdocs.yml ranks that field below
  titles and headings, and Material never shows it in results.
- Each index's config lists the words a query leaves out (`ignored_words`, and the
  product's name), for our search worker.
- Templates get `nothing_found_articles(nav)`: the pages a search that finds nothing offers
  (overrides/partials/search-none.html), in the page's language.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils.meta import get_data

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import site_data, site_languages  # noqa: E402
from macros.data import DataError  # noqa: E402
from macros.links import MANIFEST_FILE, article_id, load_redirects, page_path, read_manifest  # noqa: E402
from macros.search_terms import DISPLAY, SearchTerms, load_search_terms  # noqa: E402

FIELD = "keywords"  # declared with its boost under plugins: search: fields: in mkdocs.yml
IGNORED = "ignored_words"  # in each index's config: words a query leaves out
INDEX = Path("search") / "search_index.json"


def search_terms(config) -> SearchTerms:
    languages = site_languages(config)
    default = languages[0]
    data = Path(config["config_file_path"]).parent / "data"
    docs = Path(config["docs_dir"]) / default
    articles = {article_id(path.relative_to(docs).as_posix(), languages) for path in docs.rglob("*.md")}
    try:
        redirects = load_redirects(data)
        moved = {old: redirects.final_article(old) for old in redirects.pages}
        others = tuple(f"/{lang}/" for lang in languages[1:])
        published = {entry.split("#")[0].strip("/") for entry in read_manifest(data / MANIFEST_FILE)
                     if not entry.startswith(others)}
        terms = load_search_terms(data, articles, languages, moved, gone=published - articles - set(moved))
    except DataError as error:
        raise PluginError(str(error)) from None
    for article in terms.words:
        _, meta = get_data((docs / f"{article}.md").read_text(encoding="utf-8"))
        if (meta.get("search") or {}).get("exclude"):
            raise PluginError(f"{DISPLAY}:{terms.line_of(article)}: articles.{terms.written[article]}: the page is "
                              "kept out of search (search: exclude in its front matter), so its words would find nothing")
    return terms


def on_pre_build(config):
    search_terms(config)


def on_env(env, config, files):
    terms = search_terms(config)
    languages = site_languages(config)

    def nothing_found_articles(nav) -> list:
        pages = {article_id(page.file.src_uri, languages): page for page in nav.pages}
        return [pages[wanted] for wanted in terms.nothing_found if wanted in pages]

    env.globals["nothing_found_articles"] = nothing_found_articles
    return env


# After hooks/search_per_language.py (-110), which writes each language's index; listed
# after it in mkdocs.yml too, for scripts/build.py, which runs whole-site steps in that order.
@event_priority(-120)
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    terms = search_terms(config)
    languages = site_languages(config)
    default = languages[0]
    product = site_data(config).product_name
    site = Path(config["site_dir"])
    for lang in languages:
        path = site / ("" if lang == default else lang) / INDEX
        index = json.loads(path.read_text(encoding="utf-8"))
        pages = {doc["location"]: doc for doc in index["docs"]}
        for article, words in terms.words.items():
            # An untranslated article is indexed once, in English: its words go there only.
            page = pages.get(page_path(default, article, default))
            if page is not None:
                page[FIELD] = words[lang]
        # Read by our search worker (overrides/assets/javascripts/workers/help-search.js).
        index["config"][IGNORED] = [*terms.ignored[lang], *product.lower().split()]
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

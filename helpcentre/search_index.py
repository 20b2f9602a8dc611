"""One search index per language, made from what Material's search plugin wrote for that
language's build: a reader searches only the articles of the language they read.

Material writes search/search_index.json for every build, at the site's root. Each language's
build turns its own into <lang>/search/search_index.json (the default language's stays at
the root): locations relative to the language's root, its own lunr language (or plain words,
helpcentre/search_language.py), no page that only
shows the English text (the English index has it), and the customers' words for each article
(data/search-terms.yml) in the `keywords` field, which mkdocs.yml ranks below titles.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping

from .search_language import SearchLanguage

INDEX = Path("search") / "search_index.json"
FIELD = "keywords"         # declared with its boost under plugins: search: fields: in mkdocs.yml
IGNORED = "ignored_words"  # in each index's config: words a query leaves out (our search worker)
MATERIAL_CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")  # what Material's index says of its search


def language_index(material: dict, lang: str, prefix: str, fallback_pages: set[str],
                   words: Mapping[str, str], ignored: list[str], searching: SearchLanguage | None = None) -> dict:
    """This language's index from the one Material wrote for its build.

    `fallback_pages`: URL paths of pages that show the default language's text; `words`: the
    customers' words by URL path of the article's page (relative to the language's root);
    `searching`: lunr's language for it (helpcentre/search_language.py; by default lunr's
    language of the same code)."""
    searching = searching or SearchLanguage(lang, lang)
    docs = []
    for doc in material["docs"]:
        page = doc["location"].split("#", 1)[0]
        if page in fallback_pages:
            continue
        location = doc["location"][len(prefix):] if prefix and doc["location"].startswith(prefix) else doc["location"]
        entry = {**doc, "location": location}
        if "#" not in location and location in words:  # the whole page's entry, not a section's
            entry[FIELD] = words[location]
        docs.append(entry)
    return {"config": {**searching.index_config(material["config"]), IGNORED: ignored}, "docs": docs}


def dumps(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))

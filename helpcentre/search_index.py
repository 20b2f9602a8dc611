"""One search index per language, made from what Material's search plugin wrote for that
language's build: a reader searches only the pages of the language they read.

Material writes search/search_index.json for every build, at the site's root. Each language's
build turns its own into <lang>/search/search_index.json (the default language's stays at
the root): locations relative to the language's root, its own lunr language (or plain words,
helpcentre/search_language.py), and for each article:

- its page as the reader sees it, in English while it is not translated: a page shown to a
  reader is found from their search box, in the words it is shown in (issue 27);
- the customers' words in the language (data/search-terms.yml) in the `keywords` field, which
  mkdocs.yml ranks below titles;
- in every language but the default one, the default language's customers' words too, in
  `source_keywords`, ranked below the language's own: customers type English words on the
  Italian or French site ("trial", "refund", "downgrade"), and a language whose words are still
  to be written has those at least.

Its config also carries the words a query leaves out (`ignored_words`) and how words are folded
(`folding`, helpcentre/search_folding.py), which our search worker reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping

from .search_folding import worker_rules
from .search_language import SearchLanguage

INDEX = Path("search") / "search_index.json"
FIELD = "keywords"                # declared with its boost under plugins: search: fields: in mkdocs.yml
SOURCE_FIELD = "source_keywords"  # the default language's words, declared there too
IGNORED = "ignored_words"         # in each index's config: words a query leaves out (our search worker)
FOLDING = "folding"               # in each index's config: how words are folded (our search worker)
MATERIAL_CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")  # what Material's index says of its search


def language_index(material: dict, lang: str, prefix: str, words: Mapping[str, str], ignored: list[str],
                   searching: SearchLanguage | None = None, source_words: Mapping[str, str] | None = None) -> dict:
    """This language's index from the one Material wrote for its build.

    `words`: the customers' words by URL path of the article's page (relative to the language's
    root); `source_words`: the default language's, the same way (for another language);
    `searching`: lunr's language for it (helpcentre/search_language.py; by default lunr's
    language of the same code)."""
    searching = searching or SearchLanguage(lang, lang)
    source_words = source_words or {}
    docs = []
    for doc in material["docs"]:
        location = doc["location"][len(prefix):] if prefix and doc["location"].startswith(prefix) else doc["location"]
        entry = {**doc, "location": location}
        if "#" not in location:  # the whole page's entry, not a section's
            if location in words:
                entry[FIELD] = words[location]
            if location in source_words:
                entry[SOURCE_FIELD] = source_words[location]
        docs.append(entry)
    config = {**searching.index_config(material["config"]), IGNORED: ignored, FOLDING: worker_rules()}
    return {"config": config, "docs": docs}


def dumps(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))

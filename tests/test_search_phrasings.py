"""What customers type, in their words and language, finds the article (issue 12): every phrasing
of tests/search_phrasings.yml brings its article into the first three results.

The phrasings are searched by the site's own search worker (Material's, wrapped by ours), run on the
built index in Node as a browser runs it (scripts/search_worker.js): a few seconds for all of them,
where typing each into Chromium took minutes. tests/test_search_browser.py shows, in Chromium
through nginx, that the search box gives exactly the worker's answers, and `make search-quality`
measures every phrasing in Chromium."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ARTICLES as PAGES, DEFAULT_LANGUAGE, LANGUAGES, ROOT
from scripts.search_quality import HELD_OUT as HELD_OUT_FILE, TOP, load_phrasings

PHRASINGS = load_phrasings()
ARTICLES = [article for article in PAGES if article != "index"]
WORKER = ROOT / "scripts" / "search_worker.js"


def worker_search(site, lang: str, searches: list[str]) -> dict[str, list[str]]:
    """Each search's articles, in the order the site's worker ranks them."""
    result = subprocess.run(["node", str(WORKER), str(site), lang, *searches], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(zip(searches, json.loads(result.stdout)))


@pytest.fixture(scope="module")
def found(site) -> dict[str, dict[str, list[str]]]:
    """Every phrasing of both sets, searched once per language."""
    held_out = load_phrasings(HELD_OUT_FILE)
    return {lang: worker_search(site, lang, sorted({words for phrasings in (PHRASINGS, held_out)
                                                   for lines in phrasings.get(lang, {}).values() for words in lines}))
            for lang in LANGUAGES}


def test_every_article_has_ten_phrasings_in_every_language():
    """Every article of the content brief; a new one (`make new`) gets its phrasings once customers'
    searches show how they ask for it."""
    assert set(PHRASINGS) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert set(PHRASINGS[lang]) <= set(ARTICLES), lang
        assert sorted(PHRASINGS[lang]) == sorted(PHRASINGS[DEFAULT_LANGUAGE]), lang
        for article, lines in PHRASINGS[lang].items():
            assert len(set(lines)) >= 10, (lang, article, len(set(lines)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_customers_words_find_the_article(found, lang):
    missed = [f"{words!r}: expected {article} in the first {TOP}, found {found[lang][words][:5]}"
              for article, lines in PHRASINGS[lang].items() for words in lines
              if article not in found[lang][words][:TOP]]
    assert missed == [], f"{lang}: {len(missed)} phrasings miss their article:\n" + "\n".join(missed)


# --- The held-out set (issue 27) -------------------------------------------------------------------
# tests/search_phrasings_held_out.yml: 120 phrasings written before the search of issue 27 was
# tuned, and never used to tune it (no word of data/search-terms.yml comes from it). Before issue 27:
# 94 in the top three, 87 first. The goal is 118 and 108; the search reaches 116 and 111
# (112 before issue 24 rewrote the cancelling article for every plan).
# The four it misses are words no article and no customers' words have ("chargeback" in three
# languages, "sabbatical"): a writer adds them to data/search-terms.yml, as for any miss.
HELD_OUT = load_phrasings(HELD_OUT_FILE)
HELD_OUT_FLOOR = {"top three": 116, "first": 111}


def test_the_held_out_phrasings_find_their_article(found):
    ranks = [(article, found[lang][words]) for lang, articles in HELD_OUT.items()
             for article, lines in articles.items() for words in lines]
    reached = {"top three": sum(article in ranks_[:TOP] for article, ranks_ in ranks),
               "first": sum(ranks_[:1] == [article] for article, ranks_ in ranks)}
    assert len(ranks) == 120 and all(reached[key] >= HELD_OUT_FLOOR[key] for key in reached), reached

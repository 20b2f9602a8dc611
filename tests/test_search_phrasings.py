"""In Chromium through nginx: what customers type, in their words and language, finds the
article. Every phrasing of tests/search_phrasings.yml is typed into the search box of a page
in its language and must bring its article into the first three results (issue 12)."""

from __future__ import annotations

import pytest

from conftest import ARTICLES as PAGES, LANGUAGES
from scripts.search_quality import HELD_OUT as HELD_OUT_FILE, TOP, load_phrasings, search_boxes

PHRASINGS = load_phrasings()
ARTICLES = [article for article in PAGES if article != "index"]
CASES = [(lang, article, words) for lang, articles in PHRASINGS.items()
         for article, lines in articles.items() for words in lines]


@pytest.fixture(scope="module")
def box(nginx_site, browser):
    with search_boxes(browser, nginx_site) as box:
        yield box


def test_every_article_has_ten_phrasings_in_every_language():
    """Every article of the content brief; a new one (`make new`) gets its phrasings once customers'
    searches show how they ask for it."""
    assert set(PHRASINGS) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert set(PHRASINGS[lang]) <= set(ARTICLES), lang
        assert sorted(PHRASINGS[lang]) == sorted(PHRASINGS["en"]), lang
        for article, lines in PHRASINGS[lang].items():
            assert len(set(lines)) >= 10, (lang, article, len(set(lines)))


@pytest.mark.parametrize("lang,article,words", CASES, ids=[f"{lang}-{article}-{words}" for lang, article, words in CASES])
def test_customers_words_find_the_article(box, lang, article, words):
    found = box(lang).search(words)
    assert article in found[:TOP], f"{lang} {words!r}: expected {article} in the first {TOP}, found {found[:5]}"


# --- The held-out set (issue 27) -------------------------------------------------------------------
# tests/search_phrasings_held_out.yml: 120 phrasings written before the search of issue 27 was
# tuned, and never used to tune it (no word of data/search-terms.yml comes from it). Before issue 27:
# 94 in the top three, 87 first. The goal is 118 and 108; the search reaches 116 and 111
# (112 before issue 24 rewrote the cancelling article for every plan).
# The four it misses are words no article and no customers' words have ("chargeback" in three
# languages, "sabbatical"): a writer adds them to data/search-terms.yml, as for any miss.
HELD_OUT = load_phrasings(HELD_OUT_FILE)
HELD_OUT_FLOOR = {"top three": 116, "first": 111}


def test_the_held_out_phrasings_find_their_article(box):
    ranks = [(article, box(lang).search(words)) for lang, articles in HELD_OUT.items()
             for article, lines in articles.items() for words in lines]
    reached = {"top three": sum(article in found[:TOP] for article, found in ranks),
               "first": sum(found[:1] == [article] for article, found in ranks)}
    assert len(ranks) == 120 and all(reached[key] >= HELD_OUT_FLOOR[key] for key in reached), reached

"""The built site's search, read from its files (issue 12): the customers' words are in each
language's index, on the article's own entry, below titles; pages use our search worker and
say "nothing found" in our words; the home page puts search first, then the task cards."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, language_dir, read_page
from helpcentre.data import load_data
from helpcentre.search_terms import load_search_terms

DATA = load_data(ROOT / "data", LANGUAGES)
ARTICLES = sorted(path.stem for path in (ROOT / "docs" / "en").glob("*.md"))
TERMS = load_search_terms(ROOT / "data", ARTICLES, LANGUAGES)
TASKS = ("leaving", "changing-your-plan", "special-accounts")


def search_index(site: Path, lang: str) -> dict:
    return json.loads((language_dir(site, lang) / "search" / "search_index.json").read_text(encoding="utf-8"))


def material_config(soup) -> dict:
    return json.loads(soup.find("script", id="__config").string)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_article_entry_holds_its_customers_words_in_that_language(site, lang):
    docs = {doc["location"]: doc for doc in search_index(site, lang)["docs"]}
    for article, words in TERMS.words.items():
        assert docs[f"{article}/"]["keywords"] == words[lang], (lang, article)
    with_words = sorted(location for location, doc in docs.items() if "keywords" in doc)
    assert with_words == sorted(f"{article}/" for article in TERMS.words), "only the article's own entry"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_ranks_the_words_below_titles_and_lists_what_queries_leave_out(site, lang):
    config = search_index(site, lang)["config"]
    assert config["lang"] == [lang]
    assert 0 < config["fields"]["keywords"]["boost"] < config["fields"]["title"]["boost"]
    assert "stemmer" in config["pipeline"] and "stopWordFilter" in config["pipeline"]
    assert "'" in config["separator"]  # l'account, d'essai: two words
    assert set(TERMS.ignored[lang]) < set(config["ignored_words"])
    assert {"acme", "campaigns"} <= set(config["ignored_words"])  # the product's name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_is_not_a_search_result(site, lang):
    locations = {doc["location"].split("#")[0] for doc in search_index(site, lang)["docs"]}
    assert "" not in locations and "agents/" not in locations


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", ["index", "pause-billing"])
def test_pages_use_our_search_worker_and_our_nothing_found_line(site, lang, slug):
    page = read_page(site, lang, slug)
    config = material_config(page)
    folder = language_dir(site, lang) / ("" if slug == "index" else slug)
    worker = urlparse(config["search"])
    assert worker.path.endswith("/workers/help-search.js")
    assert (folder / worker.path).resolve().is_file()
    material = parse_qs(worker.query)["material"][0]
    assert (folder / worker.path).resolve().with_name(material).is_file(), "Material's worker, which ours loads"
    assert config["translations"]["search.result.none"] == DATA.message(lang, "search_none", "title")
    # Issue 24: results are counted in articles, in our words, not Material's "documents".
    assert config["translations"]["search.result.one"] == DATA.message(lang, "search_found", "one")
    assert config["translations"]["search.result.other"] == DATA.message(lang, "search_found", "other")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_carries_the_nothing_found_offer_in_its_language(site, lang):
    home = "/" if lang == DEFAULT_LANGUAGE else f"/{lang}/"
    for slug in ("index", "trial-accounts"):
        page = read_page(site, lang, slug)
        offer = page.find("template", id="help-search-none")
        assert offer is not None, slug
        address = "https://help.example" + home + ("" if slug == "index" else f"{slug}/")
        links = [urljoin(address, a["href"]) for a in offer.find_all("a", href=True)]
        paths = [urlparse(link).path for link in links]
        assert paths[:3] == [f"{home}{article}/" for article in TERMS.nothing_found], slug
        assert any(link.startswith("mailto:") for link in links)
        assert DATA.message(lang, "search_none", "text") in offer.get_text(" ")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_not_found_page_searches_its_own_language(site, lang):
    page = BeautifulSoup((language_dir(site, lang) / "404.html").read_text(encoding="utf-8"), "html.parser")
    config = material_config(page)
    assert config["base"] == ("/" if lang == DEFAULT_LANGUAGE else f"/{lang}/")
    assert config["search"].startswith("/assets/javascripts/workers/help-search.js?material=")
    assert config["translations"]["search.result.none"] == DATA.message(lang, "search_none", "title")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_puts_search_first_then_the_task_cards_then_support(site, lang):
    article = read_page(site, lang, "index").find("article")
    blocks = [child for child in article.children if getattr(child, "name", None)]
    heading = next(i for i, block in enumerate(blocks) if block.name == "h1")
    form = blocks[heading + 1]
    assert form.name == "form" and form["role"] == "search" and form["action"] == "./"
    assert form.find("input", attrs={"name": "q", "type": "search"})
    label = form.find("label", attrs={"for": form.find("input")["id"]})
    assert label.get_text(strip=True) == DATA.message(lang, "search_box", "label")
    assert form.find("button", type="submit").get_text(strip=True) == DATA.message(lang, "search_box", "button")

    grid = blocks[heading + 2]
    assert "grid" in grid["class"]
    cards = grid.find_all("div", class_="card", recursive=False)
    assert [card.find("h2")["id"] for card in cards] == list(TASKS)
    linked = {a["href"].strip("./").split("/")[0] for card in cards for a in card.find_all("a", href=True)
              if not a["href"].startswith("#")}
    assert linked == set(TERMS.words), "every article, in a card"
    support = article.find("h2", id="contact-support")
    assert grid.sourceline < support.sourceline
    assert support.find_next("a", href=lambda href: href and href.startswith("mailto:"))



@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE])
def test_each_article_entry_holds_the_default_languages_words_too_below_its_own(site, lang):
    """Issue 27: customers type English words on the Italian and French sites ("trial", "refund")."""
    index = search_index(site, lang)
    docs = {doc["location"]: doc for doc in index["docs"]}
    for article, words in TERMS.words.items():
        assert docs[f"{article}/"]["source_keywords"] == words[DEFAULT_LANGUAGE], (lang, article)
    assert not any("source_keywords" in doc for location, doc in docs.items() if "#" in location)
    fields = index["config"]["fields"]
    assert 0 < fields["source_keywords"]["boost"] < fields["keywords"]["boost"]
    assert not any("source_keywords" in doc for doc in search_index(site, DEFAULT_LANGUAGE)["docs"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_index_carries_how_words_are_folded_and_no_trimmer_that_knows_one_script(site, lang):
    from helpcentre.search_folding import worker_rules

    config = search_index(site, lang)["config"]
    assert config["folding"] == json.loads(json.dumps(worker_rules()))
    assert "trimmer" not in config["pipeline"]

"""In Chromium through nginx: search finds only the page language's articles, a missing URL
shows that language's 404, and the switcher keeps the article and the section, with every language
as the one left and the one chosen.

Search and the 404 page run the same code in every language: each is shown once here, the languages
taking turns. What differs by language is read in each: its own index and the search root its pages
give Material (tests/test_language_search_and_404.py), its 404 page and where that page's search
goes (tests/test_search_site.py), and nginx answering with it (tests/test_nginx.py)."""

from __future__ import annotations

import pytest
import yaml

from browser_checks import watch
from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, SITE, home, page_path, turn, written
from helpcentre.data import load_data

DATA = load_data(ROOT / "data", LANGUAGES)


def title(lang: str, slug: str) -> str:
    return yaml.safe_load((SITE.source(lang, slug)).read_text(encoding="utf-8").split("---")[1])["title"]


# A language still all in English has no page of its own for its search to find.
@pytest.mark.parametrize("lang", [turn(1) if written(turn(1), "pause-billing") else DEFAULT_LANGUAGE])
def test_search_returns_only_the_page_language(nginx_site, page, lang):
    seen = watch(page)
    expected = title(lang, "pause-billing")
    word = max(expected.split(), key=len)  # its title's longest word: "fatturazione"
    page.goto(nginx_site + page_path(lang, "pause-billing"))
    page.click("input.md-search__input")  # at desktop width the search box is in the header
    page.locator("input.md-search__input").press_sequentially(word)  # Material searches on keyup
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert hrefs
    for href in hrefs:
        path = href.removeprefix(nginx_site)
        other = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE and path.startswith(f"/{code}/")]
        assert other == ([] if lang == DEFAULT_LANGUAGE else [lang]), href
    assert expected in page.locator(".md-search-result").inner_text()
    assert seen.console_errors == [] and seen.outside_requests == []


@pytest.mark.parametrize("lang", [turn(2)])
def test_a_missing_url_shows_its_languages_404_whose_search_opens_the_languages_search(nginx_site, page, lang):
    response = page.goto(f"{nginx_site}{home(lang)}ce-lien-est-casse/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == DATA.message(lang, "not_found", "title")
    words = DATA.plans["trial"][lang]  # any words of the language: "Prova gratuita"
    page.fill("#help-not-found-query", words)
    page.click(".help-not-found__search button")
    page.wait_for_url(f"{nginx_site}{home(lang)}**")
    assert page.locator("input.md-search__input").input_value() == words


@pytest.mark.parametrize("start,target", list(zip(LANGUAGES, LANGUAGES[1:] + LANGUAGES[:1])))
def test_switcher_keeps_article_and_section(nginx_site, page, start, target):
    seen = watch(page)
    page.goto(f"{nginx_site}{page_path(start, 'pause-billing')}#resume")
    page.hover(".md-header .md-select")
    page.click(f'.md-header .md-select a[hreflang="{target}"]')
    page.wait_for_url(f"{nginx_site}{page_path(target, 'pause-billing')}#resume")
    assert page.locator("html").get_attribute("lang") == target
    assert seen.console_errors == []
    # The choice is remembered: the root URL now opens that language.
    page.goto(nginx_site + "/")
    assert page.url == nginx_site + home(target)

"""In Chromium through nginx: search finds only the page language's articles, a missing URL
shows that language's 404, and the switcher keeps the article and the section."""

from __future__ import annotations

import pytest

from browser_checks import watch
from conftest import LANGUAGES

# A word each language's articles use, with the title of an article it finds.
SEARCHES = {"en": ("billing", "Pause billing"), "it": ("fatturazione", "Sospendere la fatturazione"),
            "fr": ("facturation", None)}


def home(lang: str) -> str:
    return "/" if lang == "en" else f"/{lang}/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_returns_only_the_page_language(nginx_site, page, lang):
    seen = watch(page)
    word, title = SEARCHES[lang]
    page.goto(f"{nginx_site}{home(lang)}pause-billing/")
    page.click("input.md-search__input")  # at desktop width the search box is in the header
    page.locator("input.md-search__input").press_sequentially(word)  # Material searches on keyup
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert hrefs
    for href in hrefs:
        path = href.removeprefix(nginx_site)
        other = [code for code in LANGUAGES if code != "en" and path.startswith(f"/{code}/")]
        assert other == ([] if lang == "en" else [lang]), href
    if title:
        assert title in page.locator(".md-search-result").inner_text()
    assert seen.console_errors == [] and seen.outside_requests == []


def test_a_missing_french_url_shows_the_french_404(nginx_site, page):
    response = page.goto(f"{nginx_site}/fr/ce-lien-est-casse/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Page introuvable"
    page.fill("#help-not-found-query", "résilier")
    page.click(".help-not-found__search button")
    page.wait_for_url(f"{nginx_site}/fr/**")
    assert page.locator("input.md-search__input").input_value() == "résilier"


@pytest.mark.parametrize("start,target", [("en", "it"), ("it", "fr"), ("fr", "en")])
def test_switcher_keeps_article_and_section(nginx_site, page, start, target):
    seen = watch(page)
    page.goto(f"{nginx_site}{home(start)}pause-billing/#resume")
    page.hover(".md-header .md-select")
    page.click(f'.md-header .md-select a[hreflang="{target}"]')
    page.wait_for_url(f"{nginx_site}{home(target)}pause-billing/#resume")
    assert page.locator("html").get_attribute("lang") == target
    assert seen.console_errors == []
    # The choice is remembered: the root URL now opens that language.
    page.goto(nginx_site + "/")
    assert page.url == nginx_site + home(target)

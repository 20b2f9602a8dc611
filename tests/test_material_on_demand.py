"""In Chromium through nginx: Material's script (search, header title, table of contents that
follows the reader) is not fetched to read an article; the reader's first tap, key or focus
fetches it once, and search then works, on a phone as on a desk."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from browser_checks import watch

ARTICLE = "/fr/pause-billing/"
PHONE = {"width": 390, "height": 844}


def bundle_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: "/assets/javascripts/bundle." in request.url and requests.append(request.url))
    return requests


def wait_for_material(page) -> None:
    # The loader drops `help-pending` once the bundle has run; Material's focus-visible
    # polyfill marks <html> when it starts.
    page.wait_for_function("() => !document.documentElement.classList.contains('help-pending')"
                           " && document.documentElement.classList.contains('js-focus-visible')")


def bundles_on_the_page(page) -> int:
    """How many times the loader has put Material's script into the page."""
    return page.evaluate("() => document.querySelectorAll('script[src*=\"/bundle.\"]').length")


def test_reading_an_article_fetches_no_material_script(nginx_site, page):
    seen = watch(page)
    fetched = bundle_requests(page)
    page.clock.install()
    page.set_viewport_size(PHONE)
    page.goto(nginx_site + ARTICLE)
    page.clock.run_for(60_000)  # a minute of reading, without a tap or a key: no timer fetches it either
    assert fetched == [] and bundles_on_the_page(page) == 0
    classes = page.locator("html").get_attribute("class").split()
    assert "js" in classes and "no-js" not in classes and "help-pending" in classes
    # The search button Material hides without JavaScript is there to be tapped.
    assert page.locator('label.md-header__button[for="__search"]').is_visible()
    assert seen.console_errors == []


@pytest.mark.parametrize("reach", ["key", "tap", "wheel"])
def test_the_first_reach_fetches_material_once(nginx_site, page, reach):
    seen = watch(page)
    fetched = bundle_requests(page)
    page.goto(nginx_site + ARTICLE)
    if reach == "key":
        page.keyboard.press("Tab")
    elif reach == "tap":
        page.mouse.click(600, 400)
    else:
        page.mouse.wheel(0, 200)
    wait_for_material(page)
    page.keyboard.press("Tab")
    page.mouse.click(600, 400)
    assert bundles_on_the_page(page) == 1  # later keys and taps ask for it no more
    assert len(fetched) == 1, fetched
    assert seen.console_errors == [] and seen.outside_requests == []


def test_material_fetched_after_the_page_has_loaded_runs_whole(nginx_site, page):
    """Material sets up what follows the reader (header title, table of contents) when its
    document$ gets the document, which it takes from DOMContentLoaded: long past when the
    reader first reaches for the page, so the loader hands it over."""
    seen = watch(page)
    page.goto(nginx_site + ARTICLE)
    page.keyboard.press("Tab")
    wait_for_material(page)
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_selector(".md-header__title--active", timeout=5_000)
    page.wait_for_selector(".md-sidebar--secondary .md-nav__link--active", timeout=5_000)
    assert seen.console_errors == []


def test_search_on_a_phone_before_material_has_loaded(nginx_site, page):
    """The tap on the search button is what fetches Material: the field still takes the focus
    (so the phone's keyboard comes up) and what the reader types is searched."""
    seen = watch(page)
    page.set_viewport_size(PHONE)
    page.goto(nginx_site + ARTICLE)
    page.click('label.md-header__button[for="__search"]')
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("facturation")
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for(timeout=10_000)
    assert all(results.nth(i).get_attribute("href").startswith(f"{nginx_site}/fr/") for i in range(results.count()))
    assert seen.console_errors == []


def test_a_search_url_fetches_material_at_once(nginx_site, page):
    """?q= (the not-found page's form) opens the search without waiting for the reader."""
    fetched = bundle_requests(page)
    page.goto(nginx_site + "/it/?q=fatturazione")
    wait_for_material(page)
    assert len(fetched) == 1
    assert page.locator("input.md-search__input").input_value() == "fatturazione"
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)


@pytest.mark.parametrize("key", ["/", "s"])
def test_a_search_shortcut_as_first_key_opens_the_search(nginx_site, page, key):
    """The key that fetched Material is pressed again for it: the reader need not press twice."""
    seen = watch(page)
    page.goto(nginx_site + ARTICLE)
    page.keyboard.press(key)
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")
    assert page.locator("input.md-search__input").input_value() == ""  # the key itself is not typed
    assert page.locator("#__search").is_checked()
    assert seen.console_errors == []


def test_the_next_page_shortcut_as_first_key(nginx_site, page):
    page.goto(nginx_site + ARTICLE)
    following = urljoin(page.url, page.locator("link[rel=next]").get_attribute("href"))
    assert following != page.url
    page.keyboard.press("n")
    page.wait_for_url(following)


def test_printing_before_material_has_loaded_opens_collapsed_blocks(nginx_site, page):
    """Material opens <details> for printing; a reader who prints without touching the page
    has not fetched it, so the loader does the same."""
    page.goto(nginx_site + ARTICLE)
    page.evaluate("""() => {
        const details = document.createElement("details");
        details.innerHTML = "<summary>More</summary><p>Printed too</p>";
        document.querySelector("article").append(details);
    }""")
    page.pdf()  # Chromium fires beforeprint for it
    assert page.evaluate("() => document.querySelector('article details').open")
    assert "help-pending" in page.locator("html").get_attribute("class")

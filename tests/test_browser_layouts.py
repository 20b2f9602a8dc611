"""Phone and print layouts of an article per language, through nginx, with screenshots saved
for a person to look at (pytest's temporary folder, printed with -s)."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, TRANSLATIONS, page_path

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def article(lang: str) -> str:
    return page_path(lang, "pause-billing")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_layout_fits_the_screen(nginx_site, browser, tmp_path, lang):
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(nginx_site + article(lang))
        page.screenshot(path=tmp_path / f"{lang}-{name}.png", full_page=True)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert page.locator("article h1").is_visible()
        context.close()
    print(f"screenshots: {tmp_path}")


def test_print_layout_keeps_the_article_and_drops_the_chrome(nginx_site, page):
    page.goto(nginx_site + article(TRANSLATIONS[0]))
    page.emulate_media(media="print")
    assert page.locator("article h1").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert len(page.pdf()) > 1000  # Chromium lays the page out for print without error

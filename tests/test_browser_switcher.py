"""In Chromium: choosing another language in the switcher opens the same article in it."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES
from conftest import page_path as article_path


@pytest.mark.parametrize("start,target", [(a, b) for a in LANGUAGES for b in LANGUAGES if a != b])
def test_switcher_opens_the_same_article(site_server, page, start, target):
    page.goto(site_server + article_path(start, "pause-billing"))
    page.hover(".md-header .md-select")
    page.click(f'.md-header .md-select a[hreflang="{target}"]')
    page.wait_for_load_state()
    assert page.url == site_server + article_path(target, "pause-billing")
    assert page.locator("html").get_attribute("lang") == target

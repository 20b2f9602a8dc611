"""In Chromium through nginx, on every page of every language and every 404: zero axe-core
violations (WCAG 2.0/2.1/2.2 A and AA, best practices), no console error, no request leaving
127.0.0.1, no Content-Security-Policy violation."""

from __future__ import annotations

import pytest

from browser_checks import axe_violations, csp_violations, watch
from conftest import LANGUAGES
from test_site import EXPECTED_ARTICLES


def path_of(lang: str, slug: str) -> str:
    prefix = "/" if lang == "en" else f"/{lang}/"
    return prefix if slug == "index" else f"{prefix}{slug}/"


PAGES = [path_of(lang, slug) for lang in LANGUAGES for slug in sorted(EXPECTED_ARTICLES)]
NOT_FOUND = [("/" if lang == "en" else f"/{lang}/") + "no-such-article/" for lang in LANGUAGES]


@pytest.mark.parametrize("path", PAGES + NOT_FOUND)
def test_page_is_clean_in_the_browser(nginx_site, page, path):
    seen = watch(page)
    page.goto(nginx_site + path, wait_until="networkidle")
    assert axe_violations(page) == []
    assert csp_violations(page) == []
    assert seen.outside_requests == []
    expected_errors = 1 if path in NOT_FOUND else 0  # the browser logs the 404 status itself
    assert len(seen.console_errors) == expected_errors, seen.console_errors

"""In Chromium through nginx, on every page of every language and every 404: zero axe-core
violations (WCAG 2.0/2.1/2.2 A and AA, best practices), no console error, no request leaving
127.0.0.1, no Content-Security-Policy violation."""

from __future__ import annotations

import pytest

from browser_checks import axe_violations, csp_violations, watch
from conftest import ARTICLES, LANGUAGES, home, page_path


# Every article, and the support agents' link page (agents use it all day; it is a page like the others).
PAGES = [page_path(lang, slug) for lang in LANGUAGES for slug in list(ARTICLES) + ["agents"]]
NOT_FOUND = [home(lang) + "no-such-article/" for lang in LANGUAGES]


@pytest.mark.parametrize("path", PAGES + NOT_FOUND)
def test_page_is_clean_in_the_browser(nginx_site, page, path):
    """Each page as it first shows: its own content, before the reader's first key press loads
    Material's script (see material-on-demand.js)."""
    seen = watch(page)
    page.goto(nginx_site + path)
    assert axe_violations(page) == [], "before Material's script"
    assert csp_violations(page) == []
    assert seen.outside_requests == []
    expected_errors = 1 if path in NOT_FOUND else 0  # the browser logs the 404 status itself
    assert len(seen.console_errors) == expected_errors, seen.console_errors


# What Material's script adds (the header's title, the search, the table of contents that follows
# the reader) is the same on every page: checked once Material has loaded, on an article and on the
# not-found page of each language.
WITH_MATERIAL = [page_path(lang, "cancel-account") for lang in LANGUAGES] + NOT_FOUND


@pytest.mark.parametrize("path", WITH_MATERIAL)
def test_page_is_clean_once_materials_script_has_loaded(nginx_site, page, path):
    seen = watch(page)
    page.goto(nginx_site + path)
    page.keyboard.press("Shift")
    page.wait_for_function("() => !document.documentElement.classList.contains('help-pending')")
    assert axe_violations(page) == [], "with Material's script"
    assert csp_violations(page) == [] and seen.outside_requests == []
    assert len(seen.console_errors) == (1 if path in NOT_FOUND else 0), seen.console_errors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_plan_chooser_state_is_clean(nginx_site, page, lang):
    """Choosing a plan hides parts of the page and relabels it: each state gets its own axe run."""
    seen = watch(page)
    page.goto(nginx_site + page_path(lang, "cancel-account"))
    options = page.eval_on_selector_all("[data-plan-picker] select option", "options => options.map(o => o.value)")
    assert len(options) >= 4, options  # all plans, then each plan
    for plan in options[1:] + options[:1]:  # every plan, then back to all plans
        page.select_option("[data-plan-picker] select", plan)
        page.wait_for_function("plan => (document.documentElement.dataset.plan || '') === plan", arg=plan)
        assert axe_violations(page) == [], f"plan {plan!r}"
    assert csp_violations(page) == []
    assert seen.console_errors == []

"""In Chromium through nginx, on every page of every language and every 404: zero axe-core
violations (WCAG 2.0/2.1/2.2 A and AA, best practices), no console error, no request leaving
127.0.0.1, no Content-Security-Policy violation."""

from __future__ import annotations

import pytest

from browser_checks import axe_violations, csp_violations, watch
from conftest import ARTICLES, LANGUAGES, home, page_path


# Every article, and the support agents' link page (agents use it all day; it is a page like the others).
PAGES = {lang: [page_path(lang, slug) for slug in list(ARTICLES) + ["agents"]] + [home(lang) + "no-such-article/"]
         for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_clean_in_the_browser(nginx_site, page, lang):
    """Every page of a language as it first shows: its own content, before the reader's first key
    press loads Material's script (see material-on-demand.js). One tab goes from page to page, as a
    reader does, and every page's findings are listed at once."""
    seen = watch(page)
    found = {}
    for path in PAGES[lang]:
        page.goto(nginx_site + path)
        problems = axe_violations(page) + csp_violations(page)
        if problems:
            found[path] = problems
    assert found == {}
    assert seen.outside_requests == []
    assert len(seen.console_errors) == 1, seen.console_errors  # the browser logs the 404 status itself


# What Material's script adds (the header's title, the search, the table of contents that follows
# the reader) is the same on every page: checked once Material has loaded, on an article and on the
# not-found page of each language.
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_are_clean_once_materials_script_has_loaded(nginx_site, page, lang):
    seen = watch(page)
    found = {}
    for path in (page_path(lang, "cancel-account"), home(lang) + "no-such-article/"):
        page.goto(nginx_site + path)
        page.keyboard.press("Shift")
        page.wait_for_function("() => !document.documentElement.classList.contains('help-pending')")
        problems = axe_violations(page) + csp_violations(page)
        if problems:
            found[path] = problems
    assert found == {} and seen.outside_requests == []
    assert len(seen.console_errors) == 1, seen.console_errors  # the 404 status


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

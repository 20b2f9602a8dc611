"""In Chromium: the plan chooser shows only what applies to the chosen plan, remembers the
choice across articles and languages, follows ?plan=, works from the keyboard, and leaves
everything visible and labelled without JavaScript or on paper."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, ROOT, page_path, turn
from helpcentre.data import load_data

DATA = load_data(ROOT / "data", LANGUAGES)
PLAN_ARTICLES = ("cancel-account", "pause-billing", "downgrade-plan")
SELECT = "[data-plan-picker] select"
# plans.js does the same in every language, and the translation check keeps every language's
# plan-limited parts those of English (tests/test_plans_markup.py reads them in each): each behaviour
# is shown once, the languages taking turns, each article once in each kind of test; what a reader
# hears or reads in their language is checked in each language.
def one_article_each(first_turn: int) -> list[tuple[str, str]]:
    return [(turn(first_turn + number), slug) for number, slug in enumerate(PLAN_ARTICLES)]


def article_url(server: str, lang: str, slug: str, query: str = "") -> str:
    return server + page_path(lang, slug) + query


def plan_limited_parts(page):
    """(data-plans, visible, hidden from assistive technology) for each plan-limited part."""
    return page.eval_on_selector_all(
        "article [data-plans]",
        """elements => elements.map(element => [
            element.getAttribute('data-plans'),
            element.checkVisibility(),
            element.closest('[hidden]') !== null,
        ])""",
    )


def assert_only_plan_shows(page, plan: str | None):
    parts = plan_limited_parts(page)
    assert parts, "the article has no plan-limited part"
    for plans, visible, hidden in parts:
        applies = plan is None or plan in plans.split()
        assert visible == applies, f"data-plans={plans!r} visible={visible} with plan {plan!r}"
        assert hidden == (not applies), f"data-plans={plans!r} hidden={hidden} with plan {plan!r}"


def chosen(page) -> tuple[str, str | None]:
    """What the chooser shows and what <html data-plan> tells other scripts."""
    return page.input_value(SELECT), page.get_attribute("html", "data-plan")


@pytest.mark.parametrize("lang,slug", one_article_each(0))
def test_plan_in_the_url_shows_only_what_applies_to_it(site_server, page, lang, slug):
    page.goto(article_url(site_server, lang, slug, "?plan=trial"))
    assert page.is_visible("[data-plan-picker]")
    assert chosen(page) == ("trial", "trial")
    assert_only_plan_shows(page, "trial")


# The first procedure or note a reader sees under a heading: "steps", a note's id, or None.
FIRST_SHOWN_UNDER = """(id) => {
    const heading = document.getElementById(id);
    const walker = document.createTreeWalker(heading.closest("article"), NodeFilter.SHOW_ELEMENT);
    walker.currentNode = heading;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (/^H[1-6]$/.test(node.tagName)) return null;
        if (!node.checkVisibility()) continue;
        if (node.matches("ol.procedure")) return "steps";
        if (node.matches("[data-note]")) return node.dataset.note;
    }
    return null;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_plan_sees_its_own_way_to_cancel_first(site_server, page, lang):
    """Issue 24: under "How to cancel", the chosen plan's own way comes first (the steps for the
    plans they are for, the plan's note for every other), and a plan that cancels through support
    or its reseller is never shown the self-service "Confirm cancellation"."""
    limited = DATA.procedure_plans["cancel_account"]
    confirm = DATA.labels["confirm_cancellation"][lang]
    for plan in DATA.plans:
        page.goto(article_url(site_server, lang, "cancel-account", f"?plan={plan}"))
        assert chosen(page) == (plan, plan)
        expected = "steps" if plan in limited.plans else limited.instead[plan]
        assert page.evaluate(FIRST_SHOWN_UNDER, "steps") == expected, plan
        if plan not in limited.plans:
            assert confirm not in page.inner_text("article"), plan
    page.select_option(SELECT, "")  # all plans: the steps first, on the first screen
    assert page.evaluate(FIRST_SHOWN_UNDER, "steps") == "steps"


@pytest.mark.parametrize("lang", [turn(0)])
def test_hidden_sections_leave_the_table_of_contents(site_server, page, lang):
    page.goto(article_url(site_server, lang, "pause-billing", "?plan=trial"))
    toc = ".md-sidebar--secondary .md-nav__link"
    assert not page.is_visible(f'{toc}[href="#pause"]')
    assert not page.is_visible(f'{toc}[href="#resume"]')
    assert page.is_visible(f'{toc}[href="#other-plans"]')
    assert page.is_visible(f'{toc}[href="#while-paused"]')
    page.select_option(SELECT, "")
    assert page.is_visible(f'{toc}[href="#pause"]')


@pytest.mark.parametrize("lang", [turn(1)])
def test_the_choice_persists_to_another_article_and_language(site_server, page, lang):
    page.goto(article_url(site_server, lang, "cancel-account"))
    page.select_option(SELECT, "trial")
    assert page.url.endswith("?plan=trial"), "a chosen plan stays in the URL for copied links"
    other = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
    page.goto(article_url(site_server, other, "downgrade-plan"))
    assert chosen(page) == ("trial", "trial")
    assert "plan=trial" in page.url
    assert_only_plan_shows(page, "trial")


@pytest.mark.parametrize("lang", [turn(2)])
def test_the_url_wins_over_the_remembered_choice(site_server, page, lang):
    page.goto(article_url(site_server, lang, "pause-billing", "?plan=monthly"))
    page.goto(article_url(site_server, lang, "cancel-account", "?plan=reseller#by-plan"))
    assert chosen(page) == ("reseller", "reseller")
    assert page.url.endswith("?plan=reseller#by-plan"), "the section anchor survives"
    assert_only_plan_shows(page, "reseller")


@pytest.mark.parametrize("lang", [turn(3)])
def test_an_unknown_plan_is_ignored_and_the_chooser_stays_on_all(site_server, page, lang):
    page.goto(article_url(site_server, lang, "pause-billing", "?plan=monthly"))
    page.goto(article_url(site_server, lang, "pause-billing", "?plan=weekly"))
    assert chosen(page) == ("", None)
    assert "plan=" not in page.url
    assert_only_plan_shows(page, None)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_keyboard_alone_changes_the_plan_and_it_is_announced(site_server, page, lang):
    page.goto(article_url(site_server, lang, "cancel-account"))
    for _ in range(80):  # Tab through the header and navigation to the chooser
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-plan-picker] select')"):
            break
    else:
        pytest.fail("Tab never reaches the plan chooser")
    plan_ids = list(DATA.plans)
    for _ in range(plan_ids.index("trial") + 1):  # "all plans" comes first
        page.keyboard.press("ArrowDown")
    assert chosen(page) == ("trial", "trial")
    assert_only_plan_shows(page, "trial")
    status = page.locator('[data-plan-picker] [role="status"]')
    expected = DATA.message(lang, "plan_picker", "announce_plan").replace("{plan}", DATA.plans["trial"][lang])
    assert status.text_content() == expected
    page.keyboard.press("Home")
    assert chosen(page) == ("", None)
    assert status.text_content() == DATA.message(lang, "plan_picker", "announce_all")
    assert_only_plan_shows(page, None)


@pytest.mark.parametrize("lang,slug", one_article_each(1))
def test_without_javascript_everything_shows_labelled(site_server, browser, lang, slug):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(article_url(site_server, lang, slug, "?plan=trial"))
        assert not page.is_visible("[data-plan-picker]"), "a chooser that cannot work must not show"
        assert_only_plan_shows(page, None)
        applies_to = DATA.message(lang, "applies_to")
        labels = page.eval_on_selector_all(
            "article [data-plans]",
            """elements => elements.map(element => {
                const label = element.querySelector('.plan-scope');
                return label && label.checkVisibility() ? label.textContent : null;
            })""",
        )
        assert all(label and applies_to in label for label in labels), labels
    finally:
        context.close()


@pytest.mark.parametrize("lang", [turn(4)])
def test_print_shows_every_plan(site_server, page, lang):
    page.goto(article_url(site_server, lang, "pause-billing", "?plan=trial"))
    assert_only_plan_shows(page, "trial")
    page.emulate_media(media="print")
    visible = [visible for _, visible, _ in plan_limited_parts(page)]
    assert visible and all(visible)
    assert not page.is_visible("[data-plan-picker]")


@pytest.mark.parametrize("lang", [turn(5)])
def test_a_link_to_a_section_the_remembered_plan_hides_shows_all_plans(site_server, page, lang):
    page.goto(article_url(site_server, lang, "pause-billing", "?plan=trial"))
    page.goto(article_url(site_server, lang, "pause-billing", "#resume"))
    assert chosen(page) == ("", None)
    assert page.is_visible("#resume")
    page.goto(article_url(site_server, lang, "downgrade-plan"))
    assert chosen(page) == ("trial", "trial"), "the remembered choice is kept for other pages"


@pytest.mark.parametrize("lang", [turn(6)])
def test_an_article_about_one_kind_of_account_shows_its_subject_whatever_the_chosen_plan(site_server, page, lang):
    page.goto(article_url(site_server, lang, "cancel-account", "?plan=monthly"))
    assert chosen(page) == ("monthly", "monthly")
    page.goto(article_url(site_server, lang, "trial-accounts"))
    assert page.locator("[data-plan-picker]").count() == 0
    assert_only_plan_shows(page, None)

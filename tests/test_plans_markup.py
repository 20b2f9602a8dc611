"""Plan-aware reading, as HTML: the markup contract tools and plans.js rely on, checked on
the real build (data-plans ids, the chooser, "Applies to" labels), and the writer's macro."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markupsafe import escape

from conftest import LANGUAGES, ROOT, build_site, copy_project, read_page
from helpcentre import render
from helpcentre.data import load_data

DATA = load_data(ROOT / "data", LANGUAGES)
# Articles written with plan-limited sections (plan_section), in every language.
SECTION_ARTICLES = ("pause-billing", "downgrade-plan")


def slugs():
    return sorted(path.stem for path in (ROOT / "docs" / "en").glob("*.md"))


def each_page():
    return [(lang, slug) for lang in LANGUAGES for slug in slugs()]


def plan_limited(page: BeautifulSoup):
    return page.select("article [data-plans]")


def plans_of(element) -> list[str]:
    return element["data-plans"].split()


@pytest.mark.parametrize("lang,slug", each_page())
def test_every_data_plans_value_lists_known_plan_ids(site, lang, slug):
    for element in plan_limited(read_page(site, lang, slug)):
        plans = plans_of(element)
        assert plans, f"{lang}/{slug}: empty data-plans on <{element.name}>"
        assert set(plans) <= set(DATA.plans), f"{lang}/{slug}: unknown plan in {element['data-plans']!r}"
        assert len(plans) == len(set(plans))


@pytest.mark.parametrize("lang,slug", each_page())
def test_the_chooser_is_on_exactly_the_pages_whose_content_differs_by_plan(site, lang, slug):
    page = read_page(site, lang, slug)
    pickers = page.select("[data-plan-picker]")
    if len({plan for element in plan_limited(page) for plan in plans_of(element)}) >= 2:
        assert len(pickers) == 1, f"{lang}/{slug} has plan-limited content but {len(pickers)} choosers"
        # Near the top: straight after the article title.
        assert pickers[0].find_previous_sibling().name == "h1"
    else:
        assert pickers == [], f"{lang}/{slug} is about one plan at most, yet has a chooser"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_articles_that_differ_by_plan_have_a_chooser(site, lang):
    for slug in ("cancel-account", "pause-billing", "downgrade-plan"):
        assert read_page(site, lang, slug).select_one("[data-plan-picker]"), f"{lang}/{slug}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_articles_about_one_kind_of_account_have_no_chooser(site, lang):
    # A reader who chose "monthly" must still see the trial note on the trial article.
    for slug in ("trial-accounts", "reseller-accounts", "commit-annually-pay-monthly"):
        assert read_page(site, lang, slug).select_one("[data-plan-picker]") is None, f"{lang}/{slug}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chooser_is_a_labelled_select_of_all_plans_in_the_page_language(site, lang):
    picker = read_page(site, lang, "cancel-account").select_one("[data-plan-picker]")
    # Shown from the start, so the article does not shift when plans.js runs; without
    # JavaScript a <noscript> stylesheet hides it (test_browser_plans.py checks it in Chromium).
    assert not picker.has_attr("hidden")
    select = picker.select_one("select")
    label = picker.select_one(f'label[for="{select["id"]}"]')
    assert label.get_text(strip=True) == DATA.message(lang, "plan_picker", "label")
    options = [(option["value"], option.get_text(strip=True)) for option in select.select("option")]
    assert options == [("", DATA.message(lang, "all_plans"))] + [
        (plan_id, names[lang]) for plan_id, names in DATA.plans.items()
    ]
    status = picker.select_one('[role="status"]')
    assert status["aria-live"] == "polite"
    assert status["data-message-all"] == DATA.message(lang, "plan_picker", "announce_all")
    assert status["data-message-plan"] == DATA.message(lang, "plan_picker", "announce_plan")
    assert "{plan}" in status["data-message-plan"]


def test_the_chooser_wording_stays_out_of_search_results(site):
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "plan-picker" not in index
    for lang in LANGUAGES:
        assert DATA.message(lang, "plan_picker", "label").rstrip(":\u00a0\u202f") not in index


@pytest.mark.parametrize("lang,slug", each_page())
def test_every_plan_limited_part_says_which_plans_it_applies_to(site, lang, slug):
    applies_to = DATA.message(lang, "applies_to")
    for element in plan_limited(read_page(site, lang, slug)):
        scope = element.select_one(".plan-scope")
        assert scope is not None, f"{lang}/{slug}: <{element.name} data-plans> has no 'Applies to' label"
        expected = f"{applies_to} {render.PLAN_SEPARATOR.join(DATA.plans[plan][lang] for plan in plans_of(element))}"
        assert expected in scope.get_text(), f"{lang}/{slug}: {scope.get_text()!r}"


@pytest.mark.parametrize("slug", SECTION_ARTICLES)
def test_sections_are_limited_to_the_same_plans_in_every_language(site, slug):
    def structure(lang):
        page = read_page(site, lang, slug)
        return [
            (section["data-plans"], [heading["id"] for heading in section.select("h2, h3")])
            for section in page.select("article .plan-section")
        ]

    english = structure("en")
    assert english, f"{slug} has no plan-limited section"
    for lang in LANGUAGES:
        assert structure(lang) == english, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_plan_section_keeps_its_heading_in_the_table_of_contents(site, lang):
    page = read_page(site, lang, "pause-billing")
    section = page.select_one('article .plan-section[data-plans="monthly"]')
    heading = section.find("h2")
    assert heading["id"] == "pause"
    # The label sits under the heading, and the section's Markdown was rendered.
    assert heading.find_next_sibling().get("class") == ["plan-scope"]
    assert section.select_one('ol.procedure[data-procedure="pause_billing"]')
    assert page.select_one('.md-sidebar--secondary a.md-nav__link[href="#pause"]')


# --- The writer's macro ---------------------------------------------------------


def test_plan_section_puts_the_label_under_the_heading_and_keeps_markdown_intact():
    body = "\n## Title { #t }\n\n- item\n    - nested\n"
    html = render.plan_section_html(DATA, "fr", ("trial", "reseller"), body)
    lines = html.splitlines()
    assert lines[0] == '<div class="plan-section" data-plans="trial reseller" markdown>'
    assert lines[2] == "## Title { #t }"
    assert lines[4] == f'<p class="plan-scope">{escape(DATA.message("fr", "applies_to"))} Essai gratuit · Compte géré par un revendeur</p>'
    assert "    - nested" in lines
    assert lines[-1] == "</div>"


def test_plan_section_without_a_heading_starts_with_the_label():
    html = render.plan_section_html(DATA, "it", ("monthly",), "Some text.")
    assert html.splitlines()[2].startswith('<p class="plan-scope">')


def test_plan_section_rejects_an_unknown_plan_listing_the_known_ones():
    with pytest.raises(render.UnknownIdError) as error:
        render.plan_section_html(DATA, "en", ("monthly", "weekly"), "x")
    assert "weekly" in str(error.value) and "annual_commit_monthly_pay" in str(error.value)


def _break_pause_billing(tmp_path, lang, old, new):
    project = copy_project(tmp_path / "project")
    article = project / "docs" / lang / "pause-billing.md"
    text = article.read_text(encoding="utf-8")
    assert old in text
    article.write_text(text.replace(old, new, 1), encoding="utf-8")
    return build_site(project, tmp_path / "site")


def test_unknown_plan_in_a_section_fails_the_build_naming_the_page(tmp_path):
    result = _break_pause_billing(tmp_path, "it", "plan_section('monthly')", "plan_section('weekly')")
    assert result.returncode != 0
    assert "docs/it/pause-billing.md" in result.stderr
    assert "unknown plan 'weekly'" in result.stderr and "trial" in result.stderr


def test_a_section_without_plans_fails_the_build_saying_how_to_write_it(tmp_path):
    result = _break_pause_billing(tmp_path, "fr", "plan_section('monthly')", "plan_section()")
    assert result.returncode != 0
    assert "docs/fr/pause-billing.md" in result.stderr
    assert "{% call plan_section('<plan id>'" in result.stderr

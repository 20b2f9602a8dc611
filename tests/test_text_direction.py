"""Right-to-left pages (issue 27), without a browser: each language's direction from CLDR, every run
of text in the other direction isolated in HTML (`dir`, <bdi>) and in the agents' plain-text
replies (FSI … PDI), and the data texts still in English marked as such on an Arabic page."""

from __future__ import annotations

import shutil

import pytest

from conftest import LANGUAGES, ROOT
from helpcentre import render, replies
from helpcentre.data import load_data
from helpcentre.material.seams import MaterialChanged
from helpcentre.new_language import _with_language_texts
from helpcentre.text_direction import (FSI, PDI, direction, isolated_against, mark_directions, text_direction,
                                       with_html_direction)


@pytest.mark.parametrize("language, expected", [
    ("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("ar-EG", "rtl"),
    ("en", "ltr"), ("de", "ltr"), ("ja", "ltr"), ("pt-BR", "ltr"), ("zh-Hant", "ltr"), ("xx", "ltr"),
])
def test_each_languages_direction_is_cldrs(language, expected):
    assert direction(language) == expected


def test_a_texts_own_direction_is_its_first_letters_as_with_dir_auto():
    assert text_direction("12. Sign in") == "ltr" and text_direction("« إلغاء »") == "rtl"
    assert text_direction("12:00 – 18:00") is None


# --- HTML ------------------------------------------------------------------------------------


def test_html_gets_the_pages_direction_and_the_build_stops_when_material_moves_it():
    page = '<!doctype html>\n<html lang="ar" class="no-js">\n<body dir="rtl"></body></html>'
    assert '<html lang="ar" dir="rtl" class="no-js">' in with_html_direction(page, "rtl", "a page")
    with pytest.raises(MaterialChanged, match=r"helpcentre/text_direction.py: the <html lang=.*found not at all"):
        with_html_direction("<html class='no-js'><body></body></html>", "rtl", "a page")


ARABIC_PAGE = """<body dir="rtl">
<nav><span class="md-ellipsis">
  Leaving
</span><span class="md-ellipsis">الرئيسية</span><a href="x">English</a></nav>
<ol><li>افتح <b class="ui-label">Billing &amp; Upgrade</b> ثم اختر</li><li>Sign in first.</li></ol>
<p>Acme Campaigns هو البرنامج</p>
<div lang="en" dir="ltr"><p>Choose <bdi>السنوية</bdi> or <span class="plan">الشهرية</span>.</p>
<ul><li>Sign in.</li></ul></div>
<script>var english = "text";</script>
</body>"""


def test_every_run_against_the_page_is_isolated_inline_with_dir_and_in_a_block_with_bdi():
    marked = mark_directions(ARABIC_PAGE, "rtl")
    # Inline: dir on the element itself (HTML isolates an element with dir).
    assert '<span class="md-ellipsis" dir="ltr">\n  Leaving\n</span>' in marked
    assert '<a href="x" dir="ltr">English</a>' in marked
    assert '<b class="ui-label" dir="ltr">Billing &amp; Upgrade</b>' in marked
    # A block keeps the page's alignment and list marker: <bdi dir> around its content.
    assert '<li><bdi dir="ltr">Sign in first.</bdi></li>' in marked
    # Its own direction already: an Arabic title, an Arabic sentence naming the product.
    assert '<span class="md-ellipsis">الرئيسية</span>' in marked and "<p>Acme Campaigns هو البرنامج</p>" in marked
    assert '<li>افتح <b class="ui-label" dir="ltr">' in marked
    # Inside a part that says its direction, runs are marked against it; <bdi> isolates itself.
    assert '<span class="plan" dir="rtl">الشهرية</span>' in marked and "<bdi>السنوية</bdi>" in marked
    assert "<ul><li>Sign in.</li></ul>" in marked
    assert '<script>var english = "text";</script>' in marked


def test_a_left_to_right_page_without_right_to_left_letters_is_left_as_it_is():
    page = (ROOT / "helpcentre" / "theme" / "main.html").read_text(encoding="utf-8")
    assert mark_directions(page, "ltr") is page


def test_an_arabic_name_in_an_english_page_is_marked_right_to_left():
    marked = mark_directions('<ul><li><a href="/ar/">العربية</a></li><li><a href="/">English</a></li></ul>', "ltr")
    assert marked == '<ul><li><a href="/ar/" dir="rtl">العربية</a></li><li><a href="/">English</a></li></ul>'


def test_plain_text_isolates_a_line_only_when_all_its_letters_run_the_other_way():
    assert isolated_against("The full article:", "rtl") == f"{FSI}The full article:{PDI}"
    assert isolated_against("افتح Billing", "rtl") == "افتح Billing"
    assert isolated_against("Cancel", "ltr") == "Cancel" and isolated_against("2026", "rtl") == "2026"


# --- Data texts still in English, on an Arabic page and in its replies -------------------------------


@pytest.fixture(scope="module")
def arabic_data(tmp_path_factory):
    """The site's data with Arabic added as `make add-language` adds it (every text pending), and
    one step and one label translated, as a translator would begin."""
    folder = tmp_path_factory.mktemp("data")
    shutil.copytree(ROOT / "data", folder, dirs_exist_ok=True)
    for path in folder.glob("*.yml"):
        text, _, _ = _with_language_texts(path.read_text(encoding="utf-8"), path.name, "en", "ar", None)
        path.write_text(text, encoding="utf-8")
    labels = folder / "labels.yml"
    labels.write_text(labels.read_text(encoding="utf-8").replace("ar: ~", "ar: الفوترة والترقية", 1), encoding="utf-8")
    return load_data(folder, (*LANGUAGES, "ar"))


def test_a_pending_step_on_an_arabic_page_is_marked_english_and_left_to_right(arabic_data):
    html = render.procedure_html(arabic_data, "ar", "cancel_account")
    assert '<li id="cancel-account-open-billing"><span lang="en" dir="ltr">Sign in' in html
    assert arabic_data.shown_language(arabic_data.labels["billing_upgrade"], "ar") == "ar"


def test_a_translated_label_inside_an_english_step_is_marked_right_to_left(arabic_data):
    label = render.label_html(arabic_data, "ar", "billing_upgrade")
    assert label == '<b class="ui-label" dir="rtl">الفوترة والترقية</b>'
    pending = next(label_id for label_id, texts in arabic_data.labels.items() if "ar" in texts.pending)
    assert render.label_html(arabic_data, "ar", pending).startswith('<b class="ui-label" lang="en" dir="ltr">')


def test_the_same_data_on_a_left_to_right_page_gets_no_direction(arabic_data):
    assert " dir=" not in render.procedure_html(arabic_data, "it", "cancel_account")
    assert render.plan_name(arabic_data, "fr", "monthly") == arabic_data.plans["monthly"]["fr"]


def test_a_plan_name_in_a_sentence_is_its_own_run_where_arabic_is_involved(arabic_data):
    assert render.plan_name(arabic_data, "ar", "monthly") == f'<bdi lang="en">{arabic_data.plans["monthly"]["en"]}</bdi>'


def test_an_arabic_reply_keeps_each_english_run_whole_between_fsi_and_pdi(arabic_data):
    placement = replies.Placement("cancel_account", "steps")
    text = replies.reply_text(arabic_data, "ar", placement, (), "", "Cancel step by step",
                              "https://help.example/ar/cancel-account/")
    lines = text.splitlines()
    assert lines[0] == f"{FSI}Cancel step by step{PDI}"
    first_step = next(line for line in lines if line.startswith("1. "))
    assert first_step.startswith(f"1. {FSI}Sign in") and first_step.endswith(f"{PDI}")
    # The translated label inside the English step is a run of its own inside that run.
    assert f"{FSI}الفوترة والترقية{PDI}" in first_step
    # Every English line is isolated whole, the "Applies to" lines of the plans' steps and notes too.
    assert all(line.startswith(FSI) or line.split(". ", 1)[-1].startswith(FSI) for line in lines if line), text
    assert lines[-1] == f"{FSI}The full article:{PDI} {FSI}https://help.example/ar/cancel-account/#steps{PDI}"


def test_a_reply_in_a_left_to_right_language_has_no_isolates(arabic_data):
    text = replies.reply_text(arabic_data, "fr", replies.Placement("cancel_account", "steps"), (), "", "Étapes",
                              "https://help.example/fr/cancel-account/")
    assert FSI not in text and PDI not in text


# --- "Copy reply" says when a reply is not all translated (issue 27) ---------------------------------


def test_a_reply_is_untranslated_while_its_article_or_a_text_it_shows_is(arabic_data):
    placement = replies.Placement("cancel_account", "steps")
    notes = (replies.NotePlacement("trial_no_cancel"),)
    assert replies.untranslated(arabic_data, "ar", placement, notes, fallback=False)  # its steps are pending
    assert replies.untranslated(arabic_data, "it", placement, notes, fallback=True)  # the article is English
    assert not replies.untranslated(arabic_data, "it", placement, notes, fallback=False)


def test_a_run_beside_text_of_the_other_direction_gets_a_bdi_of_its_own():
    """An English message before an Arabic date, in one paragraph: the paragraph has both, so only the
    English run is isolated; an <option> holds text only, so it says its dir itself."""
    marked = mark_directions('<p class="help-updated">Last updated: <time>٧ ديسمبر ٢٠٢٦</time></p>'
                             '<select><option>English</option><option>العربية</option></select>', "rtl")
    assert marked == ('<p class="help-updated"><bdi dir="ltr">Last updated: </bdi><time>٧ ديسمبر ٢٠٢٦</time></p>'
                      '<select><option dir="ltr">English</option><option>العربية</option></select>')


def test_a_block_holding_blocks_gets_dir_itself_as_a_bdi_may_hold_only_phrasing_content():
    marked = mark_directions('<ul><li>Leaving<ul><li>Cancel</li></ul></li></ul>', "rtl")
    assert marked == '<ul><li dir="ltr">Leaving<ul><li>Cancel</li></ul></li></ul>'


def test_a_language_material_has_no_words_for_gets_its_code_and_direction_and_materials_english():
    """Pashto: Material has no partials/languages/ps.html; the build gives one after every theme
    folder (helpcentre/material/language_words.py), and Material's own fallback gives the English words."""
    from jinja2 import DictLoader, Environment

    from helpcentre.material.language_words import PARTIAL, with_missing_language
    from helpcentre.search_language import theme_folders

    folders = theme_folders()
    site = DictLoader({"partials/languages/en.html": '{% macro t(key) %}{{ {"search.placeholder": "Search"}[key] }}'
                                                     "{% endmacro %}"})
    env = Environment(loader=with_missing_language(site, "ps", folders))
    words = env.from_string('{% import "' + PARTIAL.format("ps") + '" as lang %}'
                            '{% import "partials/languages/en.html" as fallback %}'
                            '{{ lang.t("language") }} {{ lang.t("direction") }} '
                            '{{ lang.t("search.placeholder") or fallback.t("search.placeholder") }}').render()
    assert words == "ps rtl Search"
    assert with_missing_language(site, "ar", folders) is site  # Material has Arabic: nothing added

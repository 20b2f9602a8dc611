"""Unit tests of the pure macro functions, per language, without MkDocs."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT
from helpcentre import render
from helpcentre.data import HelpData, Note, ProcedurePlans, Step, load_data

DATA = load_data(ROOT / "data", LANGUAGES)


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def small_data(**changes) -> HelpData:
    """A tiny data set whose every string says which language it is in."""
    base = dict(
        languages=LANGUAGES,
        product_name="Acme",
        support_email="help@example.test",
        support_hours={lang: f"hours-{lang}" for lang in LANGUAGES},
        plans={"monthly": {lang: f"monthly-{lang}" for lang in LANGUAGES},
               "trial": {lang: f"trial-{lang}" for lang in LANGUAGES}},
        labels={"billing": {lang: f"Billing-{lang}" for lang in LANGUAGES}},
        procedures={"leave": (
            Step(id="open", text={lang: f"open {{label:billing}} in {{product}} ({lang})" for lang in LANGUAGES}),
            Step(id="trial-only", text={lang: f"trial step ({lang})" for lang in LANGUAGES}, plans=("trial",)),
        )},
        notes={"pause": Note(kind="tip", text={lang: f"pause-{lang}" for lang in LANGUAGES}, plans=("monthly", "trial")),
               "everyone": Note(kind="info", text={lang: f"all-{lang}" for lang in LANGUAGES})},
        messages={
            "note_title": {kind: {lang: f"{kind}-{lang}" for lang in LANGUAGES} for kind in ("note", "tip", "info", "warning")},
            "applies_to": {lang: f"applies-{lang}:" for lang in LANGUAGES},
        },
    )
    base.update(changes)
    return HelpData(**base)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_procedure_is_an_ordered_list_in_the_language(lang):
    steps = parse(render.procedure_html(small_data(), lang, "leave")).select("ol.procedure > li")
    assert [step.get_text() for step in steps] == [
        f"open Billing-{lang} in Acme ({lang})",
        f"trial step ({lang}) (applies-{lang}: trial-{lang})",
    ]
    assert steps[0].select_one("b.ui-label").get_text() == f"Billing-{lang}"
    assert not steps[0].has_attr("data-plans")
    assert steps[1]["data-plans"] == "trial"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_procedure_and_steps_have_the_same_anchors_in_every_language(lang):
    """Issue 17: #<procedure>-steps for the list, #<procedure>-<step id> for each step, from the data."""
    listing = parse(render.procedure_html(small_data(), lang, "leave")).select_one("ol.procedure")
    assert listing["id"] == "leave-steps"
    assert [step["id"] for step in listing.select("li")] == ["leave-open", "leave-trial-only"]
    real = parse(render.procedure_html(DATA, lang, "cancel_account")).select_one("ol.procedure")
    assert real["id"] == "cancel-account-steps"
    assert [step["id"] for step in real.select("li")] == [
        f"cancel-account-{step.id}" for step in DATA.procedures["cancel_account"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_note_is_an_admonition_titled_in_the_language_naming_its_plans(lang):
    box = parse(render.note_html(small_data(), lang, "pause")).select_one("div.admonition")
    assert box["class"] == ["admonition", "tip", "plan-note"]
    assert box["data-plans"] == "monthly trial"
    assert box.select_one(".admonition-title").get_text() == f"tip-{lang}"
    assert box.select_one(".plan-scope").get_text() == f"applies-{lang}: monthly-{lang} · trial-{lang}"
    assert box.find_all("p")[-1].get_text() == f"pause-{lang}"


def limited_data() -> HelpData:
    """small_data with the procedure's steps for the monthly plan only: a monthly alternative
    after them, and the trial's note instead."""
    data = small_data()
    notes = {**data.notes,
             "pause_monthly": Note(kind="tip", text={lang: f"pause-{lang}" for lang in LANGUAGES}, plans=("monthly",)),
             "trial_way": Note(kind="info", text={lang: f"trial-way-{lang}" for lang in LANGUAGES}, plans=("trial",))}
    return small_data(notes=notes, procedure_plans={"leave": ProcedurePlans(
        plans=("monthly",), instead={"trial": "trial_way"}, alternatives=("pause_monthly",))})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_steps_for_some_plans_say_so_and_give_every_other_plan_its_note(lang):
    """Issue 24: the steps in a block for their plans, labelled; then their alternatives; then each
    other plan's note, all inside the procedure's own wrapper."""
    wrapper = parse(render.procedure_html(limited_data(), lang, "leave")).select_one("[data-procedure-by-plan]")
    assert wrapper["data-procedure-by-plan"] == "leave" and not wrapper.has_attr("data-plans")
    steps, *notes = wrapper.find_all(recursive=False)
    assert steps["data-plans"] == "monthly"
    assert steps.select_one(".plan-scope").get_text() == f"applies-{lang}: monthly-{lang}"
    assert steps.select_one("ol.procedure")["id"] == "leave-steps" and not steps.select_one("ol").has_attr("data-plans")
    assert [(note["data-note"], note["data-plans"]) for note in notes] == [("pause_monthly", "monthly"), ("trial_way", "trial")]


def test_steps_for_every_plan_have_no_wrapper():
    html = render.procedure_html(small_data(), "en", "leave")
    assert "data-procedure-by-plan" not in html and parse(html).find().name == "ol"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_note_for_every_plan_has_no_plan_scope(lang):
    box = parse(render.note_html(small_data(), lang, "everyone")).select_one("div.admonition")
    assert not box.has_attr("data-plans")
    assert box.select_one(".plan-scope") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_label_and_plan_are_in_the_language(lang):
    assert parse(render.label_html(small_data(), lang, "billing")).get_text() == f"Billing-{lang}"
    assert render.plan_name(small_data(), lang, "trial") == f"trial-{lang}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_data_renders_every_id_in_every_language(lang):
    for procedure_id, steps in DATA.procedures.items():
        items = parse(render.procedure_html(DATA, lang, procedure_id)).select("li")
        assert len(items) == len(steps)
    for note_id, note in DATA.notes.items():
        text = parse(render.note_html(DATA, lang, note_id)).get_text()
        assert note.text[lang].split("{")[0] in text
        if lang != "en":
            assert note.text["en"].split("{")[0] not in text


@pytest.mark.parametrize(
    "function,kind,wanted",
    [(render.procedure_html, "procedure", "leaving"), (render.note_html, "note", "pauze"),
     (render.label_html, "label", "biling"), (render.plan_name, "plan", "yearly")],
)
def test_unknown_id_names_the_id_and_the_known_ids(function, kind, wanted):
    with pytest.raises(render.UnknownIdError) as error:
        function(small_data(), "it", wanted)
    message = str(error.value)
    assert f"unknown {kind} '{wanted}'" in message
    known = {"procedure": ["leave"], "note": ["everyone", "pause"], "label": ["billing"], "plan": ["monthly", "trial"]}[kind]
    assert message.endswith(f"known {kind}s: {', '.join(known)}")


def test_data_text_is_escaped_and_cannot_become_markup():
    hostile = small_data(labels={"billing": {lang: '<img src=x onerror="alert(1)"> *bold* _x_' for lang in LANGUAGES}})
    html = render.label_html(hostile, "fr", "billing")
    page = parse(html)
    assert page.find("img") is None
    assert page.get_text() == '<img src=x onerror="alert(1)"> *bold* _x_'
    assert "*" not in html and "_" not in html.replace("ui-label", "")


def test_support_links_the_address_and_gives_the_hours_in_the_language():
    link = parse(render.support_html(small_data(), "it"))
    assert link.select_one("a")["href"] == "mailto:help@example.test"
    assert "hours-it" in link.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_support_placeholder_in_a_data_text_gives_the_address_and_hours(lang):
    """A note or step that says "contact support" writes {support}: the reader gets the address."""
    data = small_data(notes={"ask": Note(kind="warning", text={code: f"Write to {{support}} ({code})." for code in LANGUAGES})})
    box = parse(render.note_html(data, lang, "ask"))
    link = box.select_one("a.support-contact")
    assert link["href"] == "mailto:help@example.test" and link.get_text() == "help@example.test"
    assert box.find_all("p")[-1].get_text() == f"Write to help@example.test (hours-{lang}) ({lang})."


def test_an_unknown_placeholder_in_data_names_the_ones_that_exist(tmp_path):
    import shutil

    from helpcentre.data import DataError

    shutil.copytree(ROOT / "data", tmp_path / "data")
    steps = tmp_path / "data" / "procedures.yml"
    text = steps.read_text(encoding="utf-8")
    assert "choose {label:billing_upgrade}" in text
    steps.write_text(text.replace("choose {label:billing_upgrade}", "choose {suport}", 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_data(tmp_path / "data", LANGUAGES)
    assert "unknown placeholder {suport}; use {product}, {support} or {label:<id>}" in str(error.value)

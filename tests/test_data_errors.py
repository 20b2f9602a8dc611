"""Broken shared data stops the build with one message naming the file, the line and what is expected."""

from __future__ import annotations

import shutil

import pytest

from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT
from helpcentre.data import DataError, load_data


@pytest.fixture
def data_dir(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, needle):
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def load_error(data_dir) -> str:
    with pytest.raises(DataError) as error:
        load_data(data_dir, LANGUAGES)
    return str(error.value)


def test_real_data_loads():
    data = load_data(ROOT / "data", LANGUAGES)
    assert set(data.plans) == {"monthly", "annual_commit_monthly_pay", "trial", "reseller"}


def test_yaml_that_does_not_parse(data_dir):
    edit(data_dir / "labels.yml", "  it: Esporta", "  it: [Esporta")
    assert load_error(data_dir).startswith("data/labels.yml:")
    assert "not valid YAML" in load_error(data_dir)


def test_missing_language(data_dir):
    path = data_dir / "labels.yml"
    line = line_of(path, "reports:")
    edit(path, "  fr: Rapports\n", "")
    assert load_error(data_dir) == (
        f"data/labels.yml:{line}: reports: missing the language(s) fr; every entry needs {', '.join(LANGUAGES)}\n"
        "1 text lacks a language: write it, or `fr: ~` to show the en text until it is translated")


def test_every_text_missing_a_language_is_listed_at_once_with_its_line(data_dir):
    """Not the first one only: a translator sees the whole list in one build, in the files' order."""
    removed = [("plans.yml", "monthly:", "    it: Mensile", "monthly.name: missing the language(s) it"),
               ("labels.yml", "reports:", "  fr: Rapports\n", "reports: missing the language(s) fr"),
               ("notes.yml", "primary_admin_only:", "    fr: Seul l'administrateur", "primary_admin_only.text: missing"),
               ("messages.yml", "  note:", "    it: Nota\n", "note_title.note: missing the language(s) it")]
    expected = []
    for file, entry, old, problem in removed:
        path = data_dir / file
        line = line_of(path, entry) + (2 if file == "notes.yml" else 1 if file == "plans.yml" else 0)
        text = path.read_text(encoding="utf-8")
        start = text.index(old)
        edit(path, text[start:text.index("\n", start) + 1], "")
        expected.append(f"data/{file}:{line}: {problem}")
    listed = load_error(data_dir).splitlines()
    assert len(listed) == 5, listed
    for line, wanted in zip(listed, expected):
        assert line.startswith(wanted), (line, wanted)
    assert listed[4] == "4 texts lack a language: write them, or `it: ~` or `fr: ~` to show the en text until they are translated"


def test_a_languages_build_needs_only_its_own_texts_and_the_defaults(data_dir):
    """The Italian build does not fail over a missing French text: the French build does."""
    edit(data_dir / "labels.yml", "  fr: Rapports\n", "")
    italian = load_data(data_dir, LANGUAGES, required=(DEFAULT_LANGUAGE, "it"))
    assert italian.labels["reports"]["it"] == "Report"
    with pytest.raises(DataError, match="reports: missing the language"):
        load_data(data_dir, LANGUAGES, required=(DEFAULT_LANGUAGE, "fr"))


def test_a_pending_text_shows_the_default_languages_text(data_dir):
    """`it: ~`: not translated yet; Italian readers see the English text until it is."""
    edit(data_dir / "labels.yml", "  it: Report\n", "  it: ~\n")
    edit(data_dir / "messages.yml", "    it: Nota\n", "    it:\n")
    data = load_data(data_dir, LANGUAGES)
    assert data.labels["reports"]["it"] == data.labels["reports"][DEFAULT_LANGUAGE] == "Reports"
    assert data.message("it", "note_title", "note") == "Note"
    assert data.labels["reports"]["fr"] == "Rapports"


def test_the_default_language_cannot_be_pending(data_dir):
    path = data_dir / "labels.yml"
    edit(path, "  en: Reports\n", "  en: ~\n")
    line = line_of(path, "  en: ~")
    assert load_error(data_dir) == f"data/labels.yml:{line}: reports.en: expected text, found nothing"


def test_empty_string(data_dir):
    path = data_dir / "plans.yml"
    edit(path, "    it: Mensile senza vincoli", '    it: ""')
    line = line_of(path, 'it: ""')
    assert load_error(data_dir) == f"data/plans.yml:{line}: monthly.name.it: expected text, found an empty string"


def test_wrong_type_for_steps(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "  pause_billing:\n    - id: open-billing\n      step: open_billing",
         "  pause_billing: Open billing\n  unused:\n    - id: open-billing\n      step: open_billing")
    line = line_of(path, "pause_billing: Open billing")
    assert load_error(data_dir) == f"data/procedures.yml:{line}: procedures.pause_billing: expected a list of steps, found text"


def test_note_for_a_plan_that_does_not_exist(data_dir):
    path = data_dir / "notes.yml"
    edit(path, "plans: [trial]", "plans: [trail]")
    line = line_of(path, "plans: [trail]")
    assert load_error(data_dir) == (
        f"data/notes.yml:{line}: trial_no_cancel.plans.0: unknown plan 'trail'; "
        "known plans: monthly, annual_commit_monthly_pay, trial, reseller"
    )


def test_duplicate_id(data_dir):
    path = data_dir / "labels.yml"
    edit(path, "reports:\n", "export:\n  en: a\n  it: b\n  fr: c\nreports:\n")
    second = [number for number, text in enumerate(path.read_text().splitlines(), 1) if text == "export:"][1]
    assert load_error(data_dir) == f"data/labels.yml:{second}: the file has the key 'export' twice; ids must be unique"


def test_unknown_label_reference_in_a_step(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "{label:pause_billing} and confirm", "{label:pause} and confirm")
    line = line_of(path, "{label:pause} and confirm")
    message = load_error(data_dir)
    assert message.startswith(f"data/procedures.yml:{line}: procedures.pause_billing.1.text.en: unknown label 'pause'")


def test_unknown_note_kind(data_dir):
    path = data_dir / "notes.yml"
    edit(path, "  kind: tip\n", "  kind: hint\n")
    line = line_of(path, "kind: hint")
    assert load_error(data_dir) == f"data/notes.yml:{line}: pause_instead.kind: kind must be one of note, tip, info, warning, found 'hint'"


# --- Issue 17: every step has an id, its anchor on the page, written like a heading id ---------


def test_a_step_without_an_id(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "      - id: confirm\n        text:", "      - text:")
    line = line_of(path, "{label:confirm_cancellation}. Until") - 1  # the step's "- text:" line
    assert load_error(data_dir) == (
        f"data/procedures.yml:{line}: procedures.cancel_account.steps.4: a step needs 'id: <words-joined-by-hyphens>', "
        "its anchor on the page (the same in every language; never rename a published one)")


@pytest.mark.parametrize("bad", ["Confirm", "confirm_cancellation", "steps", "'7'", "-confirm"])
def test_a_step_id_that_is_not_an_anchor(data_dir, bad):
    path = data_dir / "procedures.yml"
    edit(path, "      - id: confirm\n", f"      - id: {bad}\n")
    line = line_of(path, f"- id: {bad}")
    assert load_error(data_dir).startswith(
        f"data/procedures.yml:{line}: procedures.cancel_account.steps.4.id: a step id is lower-case words joined by hyphens")


def test_a_step_id_used_twice_in_a_procedure(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "      - id: confirm\n", "      - id: follow-screens\n")
    line = [number for number, text in enumerate(path.read_text().splitlines(), 1)
            if text == "      - id: follow-screens"][1]
    assert load_error(data_dir) == (f"data/procedures.yml:{line}: procedures.cancel_account.steps.4.id: the step id "
                                    "'follow-screens' is already used in this procedure; each step needs its own")


def test_the_same_step_id_in_two_procedures_is_fine(data_dir):
    """open-billing is in three procedures: the anchors differ (#pause-billing-open-billing)."""
    data = load_data(data_dir, LANGUAGES)
    assert [step.id for step in data.procedures["pause_billing"]][0] == [step.id for step in data.procedures["resume_billing"]][0]


# --- Issue 14: the schema is closed; a key nobody reads is a mistake, not a silent pass -----


@pytest.mark.parametrize("file,old,new,where", [
    ("notes.yml", "  plans: [monthly]\n", "  plan: [monthly]\n", "pause_instead.plan: unknown key 'plan'; allowed keys: kind, text, plans"),
    ("product.yml", "  email:", "  mail:", "support.mail: unknown key 'mail'; allowed keys: email, hours"),
    ("product.yml", "name:", "nmae:", "nmae: unknown key 'nmae'; allowed keys: name, support"),
    ("plans.yml", "  name:\n    en: Monthly", "  names:\n    en: Monthly", "monthly.names: unknown key 'names'; allowed keys: name"),
    ("procedures.yml", "        step: open_billing\n", "        step: open_billing\n        plan: [trial]\n",
     "procedures.cancel_account.steps.0.plan: unknown key 'plan'; allowed keys: id, step, text, plans"),
    ("procedures.yml", "    plans: [monthly]\n", "    plan: [monthly]\n",
     "procedures.cancel_account.plan: unknown key 'plan'; allowed keys: plans, instead, steps, alternatives"),
    ("procedures.yml", "procedures:\n", "procedure:\n", "procedure: unknown key 'procedure'; allowed keys: steps, procedures"),
    ("messages.yml", "applies_to:", "aplies_to:", "aplies_to: unknown key 'aplies_to'; allowed keys: note_title, applies_to"),
    ("messages.yml", "  tip:\n", "  hint:\n", "note_title.hint: unknown key 'hint'; allowed keys: note, tip, info, warning"),
])
def test_an_unknown_key_names_its_line_and_the_allowed_keys(data_dir, file, old, new, where):
    path = data_dir / file
    edit(path, old, new)
    line = line_of(path, where.split(":")[0].split(".")[-1] + ":")  # the unknown key's own line
    assert load_error(data_dir).startswith(f"data/{file}:{line}: {where}")


def test_a_data_file_nobody_reads(data_dir):
    (data_dir / "note.yml").write_text("pause_instead:\n  kind: tip\n", encoding="utf-8")
    assert load_error(data_dir).startswith("data/note.yml: not a data file the help centre reads (product.yml,")


def test_a_data_file_that_is_not_utf8(data_dir):
    path = data_dir / "plans.yml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Mensuel", "Réglé au mois").encode("latin-1"))
    line = next(number for number, text in enumerate(path.read_bytes().split(b"\n"), 1) if b"R\xe9gl" in text)
    assert load_error(data_dir) == (f"data/plans.yml:{line}: not UTF-8 text (byte 0xe9); "
                                    "save the file with the UTF-8 encoding")


# --- Issue 24: a procedure for some plans only gives every other plan its own way ---------------


def test_a_plan_with_neither_the_steps_nor_a_note_instead(data_dir):
    """A trial reader would find nothing where the steps are."""
    path = data_dir / "procedures.yml"
    edit(path, "      trial: trial_no_cancel\n", "")
    line = line_of(path, "    instead:")
    assert load_error(data_dir) == (
        f"data/procedures.yml:{line}: procedures.cancel_account.instead: no way for trial: the steps are for "
        "monthly only, so give each other plan '<plan id>: <note id>', the note that says what to do instead")


def test_a_note_instead_that_is_for_another_plan(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "      trial: trial_no_cancel\n", "      trial: reseller_handles_it\n")
    line = line_of(path, "      trial: reseller_handles_it")
    assert load_error(data_dir) == (
        f"data/procedures.yml:{line}: procedures.cancel_account.instead.trial: the note 'reseller_handles_it' is "
        "for reseller, not 'trial'; give 'trial' a note that applies to it")


def test_an_unknown_note_instead_says_which_was_meant(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "      trial: trial_no_cancel\n", "      trial: trial_no_cancle\n")
    line = line_of(path, "trial_no_cancle")
    assert load_error(data_dir).startswith(
        f"data/procedures.yml:{line}: procedures.cancel_account.instead.trial: unknown note 'trial_no_cancle'; "
        "did you mean 'trial_no_cancel'? known notes: primary_admin_only, ")


def test_a_plan_given_both_the_steps_and_a_note(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "      trial: trial_no_cancel\n", "      trial: trial_no_cancel\n      monthly: pause_instead\n")
    line = line_of(path, "      monthly: pause_instead")
    assert load_error(data_dir) == (
        f"data/procedures.yml:{line}: procedures.cancel_account.instead.monthly: the steps are for 'monthly' "
        "(plans:): a plan has the steps or a note instead, not both")


def test_an_alternative_for_a_plan_the_steps_are_not_for(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "    alternatives: [pause_instead]\n", "    alternatives: [annual_through_support]\n")
    line = line_of(path, "    alternatives: [annual")
    assert load_error(data_dir) == (
        f"data/procedures.yml:{line}: procedures.cancel_account.alternatives.0: the note 'annual_through_support' "
        "is for annual_commit_monthly_pay; an alternative shows after the steps, so it is for some of their "
        "plans (monthly) only")


def test_a_procedure_for_some_plans_says_how_it_is_written(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "    steps:\n      - id: open-billing", "    stages:\n      - id: open-billing")
    line = line_of(path, "stages:")
    assert load_error(data_dir) == (
        f"data/procedures.yml:{line}: procedures.cancel_account.stages: unknown key 'stages'; "
        "allowed keys: plans, instead, steps, alternatives")
    edit(path, "    stages:\n", "    steps:\n")
    edit(path, "    instead:\n      annual_commit_monthly_pay: annual_through_support\n      trial: trial_no_cancel\n"
               "      reseller: reseller_handles_it\n", "")
    assert load_error(data_dir) == (f"data/procedures.yml:{line_of(path, '  cancel_account:')}: "
        "procedures.cancel_account: a procedure for some plans only has 'plans: [<plan id>, …]' (whom the steps "
        "are for), 'instead:' (each other plan: '<plan id>: <note id>') and 'steps:' (the list)")

"""Broken shared data stops the build with one message naming the file, the line and what is expected."""

from __future__ import annotations

import shutil

import pytest

from conftest import LANGUAGES, ROOT
from macros.data import DataError, load_data


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
    assert load_error(data_dir) == f"data/labels.yml:{line}: reports: missing the language(s) fr; every entry needs en, it, fr"


def test_empty_string(data_dir):
    path = data_dir / "plans.yml"
    edit(path, "    it: Mensile", '    it: ""')
    line = line_of(path, 'it: ""')
    assert load_error(data_dir) == f"data/plans.yml:{line}: monthly.name.it: expected text, found an empty string"


def test_wrong_type_for_steps(data_dir):
    path = data_dir / "procedures.yml"
    edit(path, "  pause_billing:\n    - step: open_billing", "  pause_billing: Open billing\n  unused:\n    - step: open_billing")
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

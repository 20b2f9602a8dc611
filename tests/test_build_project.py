"""Builds of a throwaway copy of the project: fallback pages, and mistakes that must stop the build."""

from __future__ import annotations

from conftest import build_site, copy_project, read_page
from macros.data import load_data
from conftest import LANGUAGES


def test_untranslated_page_renders_shared_data_in_the_page_language(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "it" / "trial-accounts.md").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    data = load_data(project / "data", LANGUAGES)
    page = read_page(tmp_path / "site", "it", "trial-accounts")
    assert page.html["lang"] == "it"
    note = page.select_one('div.plan-note[data-note="trial_no_cancel"]')
    assert note.select_one(".admonition-title").get_text() == data.message("it", "note_title", "info")
    assert data.notes["trial_no_cancel"].text["it"].split(":")[0] in note.get_text()
    steps = page.select('ol.procedure[data-procedure="export_contacts"] > li')
    assert steps[0].select_one(".ui-label").get_text() == data.labels["contacts"]["it"]


def test_unknown_id_in_a_page_fails_the_build_naming_page_id_and_known_ids(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "fr" / "cancel-account.md"
    page.write_text(page.read_text(encoding="utf-8").replace("note('trial_no_cancel')", "note('trial_no_cancl')"))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "docs/fr/cancel-account.md: note('trial_no_cancl'): unknown note 'trial_no_cancl'; known notes: "
        "annual_through_support, downgrade_through_support, pause_instead, pause_monthly_only, "
        "primary_admin_only, reseller_handles_it, trial_no_cancel"
    ) in result.stderr


def test_macro_called_without_its_id_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "it" / "pause-billing.md"
    page.write_text(page.read_text(encoding="utf-8").replace("procedure('pause_billing')", "procedure()"))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/it/pause-billing.md: procedure(): expected procedure('<procedure id>')" in result.stderr


def test_undefined_name_in_a_page_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "trial-accounts.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ prodcut() }}\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "'prodcut' is undefined" in result.stderr


def test_broken_data_fails_the_build_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    labels = project / "data" / "labels.yml"
    labels.write_text(labels.read_text(encoding="utf-8").replace("  fr: Rapports\n", ""))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/labels.yml:" in result.stderr and "reports: missing the language(s) fr" in result.stderr


def test_link_to_a_missing_section_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "it" / "before-you-cancel.md"
    page.write_text(page.read_text(encoding="utf-8").replace("cancel-account.md#steps", "cancel-account.md#passi"))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "passi" in result.stderr

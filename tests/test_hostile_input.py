"""Markup in data or front matter shows as text and never runs, in a real browser."""

from __future__ import annotations

import yaml

from conftest import build_site, copy_project, serve_directory

ATTACK = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_data(path, keys, value):
    """Change one value in a data file of the throwaway project (comments are not needed there)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_markup_in_data_and_front_matter_is_shown_as_text(tmp_path, page):
    project = copy_project(tmp_path / "project")
    set_data(project / "data" / "labels.yml", ["contacts", "it"], ATTACK)
    set_data(project / "data" / "notes.yml", ["primary_admin_only", "text", "it"], ATTACK)
    set_data(project / "data" / "plans.yml", ["trial", "name", "it"], ATTACK)
    replace_in(project / "docs" / "it" / "trial-accounts.md", "\ntitle: ", f"\ntitle: '{ATTACK}'\noriginal_title: ")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    with serve_directory(tmp_path / "site") as base:
        for path in ("/it/trial-accounts/", "/it/cancel-account/", "/it/before-you-cancel/"):
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, f"markup ran on {path}"
            assert page.locator("img[src=x]").count() == 0
        page.goto(base + "/it/before-you-cancel/")
        assert ATTACK in page.locator("ol.procedure").inner_text()
        page.goto(base + "/it/cancel-account/")
        assert ATTACK in page.locator('[data-note="primary_admin_only"]').inner_text()
        assert ATTACK in page.locator('[data-note="trial_no_cancel"] .plan-scope').inner_text()
        page.goto(base + "/it/trial-accounts/")
        assert ATTACK in page.title()

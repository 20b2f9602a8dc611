"""A writer's loop, with the commands the README gives, in a copy of the project: `make new`, write
a two-section article, `make links`, then a green `make check` and `make build`, and no other file
edited by hand (issue 18)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from commands import make
from conftest import QUIET_ENV, ROOT, copy_project, read_page

GIT = ["git", "-c", "user.name=Writer", "-c", "user.email=w@example.com", "-c", "init.defaultBranch=main"]
ARTICLE = """\
---
title: Export your contacts
description: Download every contact of your {product} account as a CSV file, on any plan.
---

# Export your contacts

You can download all your contacts as one CSV file, at any time and on every plan.

## Download the file { #download }

{{ procedure('export_contacts') }}

## What the file holds { #what-it-holds }

One row per contact, with the address, the name and the tags you gave them.
"""


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project with its Makefile and environment, committed to a fresh git repository."""
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to((ROOT / ".venv").resolve())
    (project / ".gitignore").write_text("site/\n.venv\n__pycache__/\n", encoding="utf-8")
    subprocess.run([*GIT, "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-qm", "the help centre"], cwd=project, check=True)
    return project


def changed_files(project: Path) -> set[str]:
    status = subprocess.run([*GIT, "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    return {line[3:] for line in status.splitlines()}


@pytest.mark.long_running
def test_a_new_article_from_make_new_to_a_green_check_and_build(project):
    created = make(project, "new", "SLUG=export-contacts", "TITLE=Export your contacts")
    assert created.returncode == 0, created.stderr
    page = project / "docs" / "en" / "export-contacts.md"
    assert page.is_file()
    assert "under 'Special accounts', the last section" in created.stdout  # no terminal: the default, said
    assert "make links" in created.stdout and "permanent" in created.stdout
    assert "      - export-contacts.md\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")

    # The template builds at once (the preview shows it), but its placeholder id is not published.
    refused = make(project, "links")
    assert refused.returncode != 0
    assert "docs/en/export-contacts.md:10" in refused.stderr and "template" in refused.stderr

    page.write_text(ARTICLE, encoding="utf-8")
    built = make(project, "build")
    assert built.returncode == 0, built.stderr
    # In each of 3 languages: the page, its 2 sections, the procedure's list and its 3 steps.
    assert ("21 new addresses not published for support agents yet (/export-contacts/, "
            "/export-contacts/#download, /export-contacts/#export-contacts-export and 18 more): when their ids "
            "are final, run `make links`") in built.stderr

    published = make(project, "links")
    assert published.returncode == 0, published.stderr
    manifest = (project / "data" / "published-links.txt").read_text(encoding="utf-8")
    for lang in ("", "it/", "fr/"):
        for section in ("", "#download", "#what-it-holds"):
            assert f"/{lang}export-contacts/{section}\n" in manifest

    checked = make(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "docs/it/export-contacts.md:1: [missing] no translation of docs/en/export-contacts.md" in checked.stdout
    assert "the check passes" in checked.stdout

    built = make(project, "build")
    assert built.returncode == 0, built.stderr
    assert "not published" not in built.stderr
    for lang in ("en", "it", "fr"):
        html = read_page(project / "site", lang, "export-contacts")
        assert [h2["id"] for h2 in html.select("article h2")] == ["download", "what-it-holds"]
        assert html.select_one('ol.procedure[data-procedure="export_contacts"]')

    assert changed_files(project) == {"docs/en/export-contacts.md", "mkdocs.yml", "data/published-links.txt"}


def test_make_new_refuses_what_would_break_the_site(project):
    taken = make(project, "new", "SLUG=pause-billing", "TITLE=Pause")
    assert taken.returncode != 0 and "docs/en/pause-billing.md exists already" in taken.stderr
    wrong = make(project, "new", "SLUG=Export_Contacts", "TITLE=Export")
    assert wrong.returncode != 0 and "SLUG=Export_Contacts: expected lower-case English words" in wrong.stderr
    section = make(project, "new", "SLUG=export-contacts", "TITLE=Export", "SECTION=Leavng")
    assert section.returncode != 0 and "did you mean 'Leaving'?" in section.stderr
    assert "Traceback" not in taken.stderr + wrong.stderr + section.stderr
    assert changed_files(project) == set()


def test_make_new_puts_the_article_in_the_section_asked_for(project):
    title = 'Export: your "contacts" & $HOME'
    created = make(project, "new", "SLUG=export-contacts", f"TITLE={title}", "SECTION=Leaving")
    assert created.returncode == 0, created.stderr
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - after-you-cancel.md\n      - export-contacts.md\n  - Changing your plan:" in config
    built = make(project, "build")
    assert built.returncode == 0, built.stderr
    assert read_page(project / "site", "en", "export-contacts").h1.get_text(strip=True).startswith(title)

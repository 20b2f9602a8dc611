"""Markup in data or front matter shows as text and never runs, in a real browser."""

from __future__ import annotations

import subprocess

import pytest
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


# Issue 25: every text of data/ in a language, messages included, set to markup that would run,
# one tag of it left unclosed as a translator's tool might leave it. Served by a plain static
# server, so that no Content-Security-Policy is what stops it: only escaping does.
UNCLOSED = "<img src=x class=pw onerror=window.__pwned=1;// "
EVERY_TEXT_ATTACK = f'<script>window.__pwned=1</script><img src=x class="pw" onerror="window.__pwned=1"> {UNCLOSED}'
POISONED_FILES = ("labels", "plans", "notes", "procedures", "messages", "product")


def poison_every_text(project, lang):
    """Every `lang:` text in data/ becomes the attack, keeping only its {placeholders} (the build
    checks them); returns how many texts were changed."""
    import re

    count = 0

    def walk(node):
        nonlocal count
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if key == lang and isinstance(value, str):
                node[key] = " ".join(re.findall(r"\{[^{}]*\}", value) + [EVERY_TEXT_ATTACK])
                count += 1
            else:
                walk(value)

    for name in POISONED_FILES:
        path = project / "data" / f"{name}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        walk(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return count


def test_no_text_from_data_reaches_a_page_as_markup(tmp_path, page):
    from bs4 import BeautifulSoup

    project = copy_project(tmp_path / "project")
    assert poison_every_text(project, "it") > 90
    (project / "docs" / "it" / "trial-accounts.md").unlink()  # shown in English, under the notice
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    pages = sorted((tmp_path / "site" / "it").rglob("*.html"))
    assert len(pages) > 10
    for html in pages:  # every page, <template> contents and Material's JSON config included
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        where = html.relative_to(tmp_path / "site")
        assert not soup.select("img[src=x], .pw"), f"{where}: an element from data/"
        for script in soup.find_all("script"):
            assert "__pwned" not in (script.string or "") or script.get("type") == "application/json", \
                f"{where}: a script from data/"
    with serve_directory(tmp_path / "site") as base:
        for path in ("/it/", "/it/trial-accounts/", "/it/cancel-account/", "/it/pause-billing/", "/it/agents/",
                     "/it/404.html"):
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, f"markup from data/ ran on {path}"
            assert page.locator("img[src=x], .pw").count() == 0, path
        page.goto(base + "/it/trial-accounts/")
        assert EVERY_TEXT_ATTACK.strip() in page.locator(".help-untranslated").inner_text()
        assert EVERY_TEXT_ATTACK.strip() in page.locator(".help-contact").inner_text()


def test_a_message_goes_out_escaped_and_only_our_own_markup_fills_its_placeholders():
    """render.message_html, the one way a message reaches a page (the theme's message(), the
    stale-section notice, the copy-link buttons, the feedback box)."""
    from markupsafe import Markup

    from helpcentre.render import message_html
    from test_macros import small_data

    data = small_data(messages={"stale_section": {"text": {lang: f"{UNCLOSED}on {{date}} <b>{{title}}"
                                                              for lang in ("en", "it", "fr")}}})
    html = message_html(data, "it", "stale_section", "text", date=Markup("<time>1 May</time>"), title="<i>x</i>")
    assert html == ("&lt;img src=x class=pw onerror=window.__pwned=1;// on <time>1 May</time> "
                    "&lt;b&gt;&lt;i&gt;x&lt;/i&gt;")


# --- Values given to make (issue 25) ------------------------------------------------------
# Each value a writer gives make reaches its tool as one word, exactly as typed, and never through
# the shell or make's own functions: a command inside one does not run, and make fails as the tool
# refuses the value.
from commands import real_make  # noqa: E402 (make itself is what is tested here)
from test_writer_loop import GIT, project  # noqa: E402,F401 (project is a fixture)

MAKE_INJECTIONS = {
    "a command after a language code": ("add-language", "LANG=de; touch pwned"),
    "a command substituted in a language's name": ("add-language", "LANG=xx", "NAME=$(touch pwned)"),
    "a command in backquotes in a notice": ("add-language", "LANG=xx", 'NOTICE=Nuovo `touch pwned`'),
    "make's own $(shell) in a language code": ("add-language", "LANG=$(shell touch pwned)"),
    "a double quote closed early": ("add-language", 'LANG=de"; touch pwned; "'),
    "a command after the language to export": ("l10n-export", "LANG=it; touch pwned"),
    "a single quote closed early": ("l10n-export", "LANG=it'; touch pwned; '"),
    "a command in the language of a data record": ("record", "FILE=data/notes.yml", "LANG=it$(touch pwned)"),
    "make's $(shell) in a file to diff": ("diff", "FILE=$(shell touch pwned)"),
    "a command after the feedback log": ("feedback-report", "LOG=missing.log; touch pwned"),
    "a command after the preview's port": ("serve", "PORT=1; touch pwned"),
    "a command in the benchmark's options": ("bench", "BENCH_ARGS=--sizes $(touch pwned)"),
}


def tracked_changes(project):
    return subprocess.run([*GIT, "status", "--porcelain", "--untracked-files=all"], cwd=project,
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("arguments", MAKE_INJECTIONS.values(), ids=MAKE_INJECTIONS.keys())
def test_a_value_given_to_make_never_runs_as_a_command(project, arguments):
    result = real_make(project, *arguments)

    assert not list(project.rglob("pwned")), f"a command in a make variable ran:\n{result.stdout}{result.stderr}"
    assert result.returncode != 0, f"the tool refused but make exited 0:\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    assert tracked_changes(project) == ""

"""A writer's mistakes in articles stop the build with one message naming the file, the line and
what is expected (broken shared data is covered in test_data_errors.py and test_build_project.py)."""

from __future__ import annotations

import pytest

from conftest import build_site, copy_project


def rewrite(project, relative, old, new):
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project, relative, needle):
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def add_file(project, relative, content):
    (project / relative).parent.mkdir(parents=True, exist_ok=True)
    (project / relative).write_text(content, encoding="utf-8")


CASES = {
    "front matter that does not parse": (
        lambda p: rewrite(p, "docs/it/trial-accounts.md", "title: ", "title: [Account"),
        lambda p: f"docs/it/trial-accounts.md:{line_of(p, 'docs/it/trial-accounts.md', 'title: [')}: front matter is not valid YAML",
    ),
    "front matter without a required key": (
        lambda p: rewrite(p, "docs/fr/reseller-accounts.md", "description:", "summary:"),
        "docs/fr/reseller-accounts.md:1: front matter needs 'description:' with text",
    ),
    "a heading id used twice on a page": (
        lambda p: rewrite(p, "docs/en/after-you-cancel.md", "{ #tell-contacts }", "{ #check-statement }"),
        lambda p: (
            f"docs/en/after-you-cancel.md:{line_of(p, 'docs/en/after-you-cancel.md', '## Let your contacts')}: "
            f"heading id 'check-statement' is already used on line {line_of(p, 'docs/en/after-you-cancel.md', '## Check your')}; "
            "ids must be unique on a page"
        ),
    ),
    "a section heading without an id": (
        lambda p: rewrite(p, "docs/it/after-you-cancel.md", " { #tell-contacts }", ""),
        lambda p: f"docs/it/after-you-cancel.md:{line_of(p, 'docs/it/after-you-cancel.md', '## Avvisa')}: heading '## Avvisa",
    ),
    "an article in a language folder the site does not know": (
        lambda p: add_file(p, "docs/de/cancel-account.md", "---\ntitle: Konto\ndescription: x\n---\n# Konto\n"),
        "docs/de/cancel-account.md:1: 'de' is not a language of this site (en, it, fr)",
    ),
    "two articles published at the same URL": (
        lambda p: add_file(p, "docs/en/pause-billing/index.md", (p / "docs/en/pause-billing.md").read_text()),
        "docs/en/pause-billing/index.md:1: publishes the same URL /pause-billing/ as docs/en/pause-billing.md",
    ),
    "a Jinja syntax error in an article": (
        lambda p: rewrite(p, "docs/fr/pause-billing.md", "{{ procedure('pause_billing') }}", "{{ procedure('pause_billing') }"),
        "fr/pause-billing.md",
    ),
    "a link to a missing article": (
        lambda p: rewrite(p, "docs/en/index.md", "(pause-billing.md)", "(pause.md)"),
        "'pause.md'",
    ),
    "an include that reaches outside the repository": (
        lambda p: rewrite(p, "docs/en/trial-accounts.md", "# Trial accounts", "# Trial accounts\n\n{% include '../../../../etc/passwd' %}"),
        "etc/passwd",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_mistake_stops_the_build_with_a_clear_message(tmp_path, case):
    mutate, expected = CASES[case]
    project = copy_project(tmp_path / "project")
    mutate(project)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0, f"{case}: the build passed"
    if callable(expected):
        expected = expected(project)
    assert expected in result.stderr, result.stderr[-3000:]

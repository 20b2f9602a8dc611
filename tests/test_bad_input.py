"""A writer's mistakes stop `make build` with one message naming the file, the line (or the data
key) and what is expected, and the site already published stays exactly as it was.
(Every way shared data can be wrong is covered, faster, in test_data_errors.py.)"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import QUIET_ENV, copy_project


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
    "an unknown placeholder in front matter": (
        lambda p: rewrite(p, "docs/it/pause-billing.md", "{product}", "{prodotto}"),
        "docs/it/pause-billing.md: description: unknown placeholder {prodotto}; front matter knows only {product}",
    ),
    "a link to a missing article": (
        lambda p: rewrite(p, "docs/en/index.md", "(pause-billing.md)", "(pause.md)"),
        "'pause.md'",
    ),
    "an include that reaches outside the repository": (
        lambda p: rewrite(p, "docs/en/trial-accounts.md", "# Trial accounts", "# Trial accounts\n\n{% include '../../../../etc/passwd' %}"),
        "etc/passwd",
    ),
    "a link to a missing section": (
        lambda p: rewrite(p, "docs/it/before-you-cancel.md", "cancel-account.md#steps", "cancel-account.md#passi"),
        "'cancel-account.md#passi'",
    ),
    "a macro called with an unknown id": (
        lambda p: rewrite(p, "docs/fr/cancel-account.md", "note('trial_no_cancel')", "note('trial_no_cancl')"),
        "docs/fr/cancel-account.md: note('trial_no_cancl'): unknown note 'trial_no_cancl'; known notes: "
        "annual_through_support, downgrade_through_support, pause_instead, pause_monthly_only, "
        "primary_admin_only, reseller_handles_it, trial_no_cancel",
    ),
    "a macro called without its argument": (
        lambda p: rewrite(p, "docs/it/pause-billing.md", "procedure('pause_billing')", "procedure()"),
        "docs/it/pause-billing.md: procedure(): expected procedure('<procedure id>')",
    ),
    "a typo in a macro's name": (
        lambda p: rewrite(p, "docs/en/trial-accounts.md", "# Trial accounts", "# Trial accounts\n\n{{ prodcut() }}"),
        "'prodcut' is undefined",
    ),
    "a data entry missing a language": (
        lambda p: rewrite(p, "data/labels.yml", "  fr: Rapports\n", ""),
        lambda p: f"data/labels.yml:{line_of(p, 'data/labels.yml', 'reports:')}: reports: missing the language(s) fr",
    ),
    "mkdocs.yml that does not parse": (
        lambda p: rewrite(p, "mkdocs.yml", "site_name: Acme", "site_name: [Acme"),
        "build: mkdocs.yml: MkDocs encountered an error parsing the configuration file",
    ),
    "a wrong value in mkdocs.yml": (
        lambda p: rewrite(p, "mkdocs.yml", "site_url: https://help.acme-campaigns.example/", "site_url: 5"),
        "Config value 'site_url': Expected a string",
    ),
    # Issue 12: the customers' words for search (data/search-terms.yml).
    "search words for an article that does not exist": (
        lambda p: rewrite(p, "data/search-terms.yml", "\n  trial-accounts:\n", "\n  trial-account:\n"),
        lambda p: (f"data/search-terms.yml:{line_of(p, 'data/search-terms.yml', '  trial-account:')}: "
                   "articles.trial-account: unknown article 'trial-account'; known articles: after-you-cancel, "
                   "agents, before-you-cancel, cancel-account, commit-annually-pay-monthly, downgrade-plan, index, "
                   "pause-billing, reseller-accounts, trial-accounts"),
    ),
    "search words in a language the site does not have": (
        lambda p: rewrite(p, "data/search-terms.yml", "  downgrade-plan:\n    en:", "  downgrade-plan:\n    es: bajar\n    en:"),
        lambda p: (f"data/search-terms.yml:{line_of(p, 'data/search-terms.yml', 'es: bajar')}: "
                   "articles.downgrade-plan.es: 'es' is not a language of this site (en, it, fr)"),
    ),
    "search words for a page kept out of search": (
        lambda p: rewrite(p, "data/search-terms.yml", "\narticles:\n", "\narticles:\n  agents:\n    en: links\n    it: link\n    fr: liens\n"),
        lambda p: (f"data/search-terms.yml:{line_of(p, 'data/search-terms.yml', '  agents:')}: articles.agents: "
                   "the page is kept out of search (search: exclude in its front matter)"),
    ),
    "data YAML that does not parse": (
        lambda p: rewrite(p, "data/plans.yml", "name:", "name: [", ),
        "data/plans.yml:",
    ),
}


def make_build(project: Path) -> subprocess.CompletedProcess:
    """What `make build` runs: every language in parallel, site/ replaced only on success."""
    return subprocess.run([sys.executable, "scripts/build.py", "--site-dir", "site"], cwd=project,
                          env=QUIET_ENV, capture_output=True, text=True, timeout=300)


def fingerprint(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    """The site as the last good `make build` left it, copied into each broken project."""
    project = copy_project(tmp_path_factory.mktemp("good") / "project")
    result = make_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.parametrize("case", CASES)
def test_mistake_stops_the_build_with_a_clear_message_and_publishes_nothing(tmp_path, published_site, case):
    mutate, expected = CASES[case]
    project = copy_project(tmp_path / "project")
    shutil.copytree(published_site, project / "site")
    before = fingerprint(project / "site")
    mutate(project)

    result = make_build(project)

    assert result.returncode == 1, f"{case}: the build passed"
    if callable(expected):
        expected = expected(project)
    assert expected in result.stderr, result.stderr[-3000:]
    assert "site is unchanged" in result.stderr
    assert fingerprint(project / "site") == before, f"{case}: the published site changed"
    assert not list(project.glob(".site-build-*")), "the failed build left its work folder behind"

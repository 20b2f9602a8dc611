"""A writer's mistakes, and hostile page text, stop `make build` with one message naming the file,
the line (the author's own line, front matter counted) and what is expected; no traceback, and the
site already published stays exactly as it was. `mkdocs build --strict` prints the same message.
(Every way shared data can be wrong is covered, faster, in test_data_errors.py; every way page
text can try to run code, in test_page_text.py.)"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpcentre import page_text
from conftest import DEFAULT_LANGUAGE, LANGUAGES, QUIET_ENV, TRANSLATIONS, build_site, copy_project, unknown_language

OTHER = unknown_language()  # a language code the site does not have
SITE_LANGUAGES = ", ".join(LANGUAGES)


def rewrite(project, relative, old, new):
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project, relative, needle):
    lines = (project / relative).read_bytes().decode("utf-8", errors="replace").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def theme_folder(project) -> Path:
    """The project's own theme folder (custom_dir: overrides), as a site with its own overrides has."""
    (project / "overrides" / "assets").mkdir(parents=True, exist_ok=True)
    rewrite(project, "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    return project / "overrides"


def add_file(project, relative, content):
    (project / relative).parent.mkdir(parents=True, exist_ok=True)
    (project / relative).write_text(content, encoding="utf-8")


def after_title(project, relative, text):
    """Add a paragraph of page text right after the article's title, whatever its words."""
    title = next(line for line in (project / relative).read_text(encoding="utf-8").splitlines()
                 if line.startswith("# "))
    rewrite(project, relative, title + "\n", f"{title}\n\n{text}\n")


def front_matter_end(project, relative):
    """The line of the --- that closes the front matter."""
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, 1) if line == "---"][1]


def as_latin1(project, relative):
    """Save a file the way an old Windows editor does: Windows-1252, not UTF-8."""
    path = project / relative
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))


def first_accent(project, relative):
    """The line of the first byte that is not ASCII (in Latin-1, the first that is not UTF-8)."""
    lines = (project / relative).read_bytes().split(b"\n")
    return next(number for number, line in enumerate(lines, 1) if max(line, default=0) > 127)


def secret(project):
    """A file beside the project that must never be published (an SSH key, say)."""
    path = project.parent / "id_rsa.txt"
    path.write_text("-----BEGIN OPENSSH PRIVATE KEY----- not for the web\n", encoding="utf-8")
    return path


def moved_out(project, folder):
    """The project's folder moved outside the project, a symbolic link left in its place, and a
    secret put in it (as if the link had always led to a folder of secrets)."""
    outside = project.parent / f"outside-{Path(folder).name}"
    (project / folder).rename(outside)
    (project / folder).symlink_to(outside)
    shutil.copy(secret(project), outside / "id_rsa.txt")


# Page text that tries to run a command; the test checks that the command never ran.
ATTACK = "{{ cycler.__init__.__globals__.os.popen('touch pwned').read() }}"
ALLOWED = "page text may call only the macros label, note, plan, plan_section, procedure, product, search_box, support"

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
        lambda p: add_file(p, f"docs/{OTHER}/cancel-account.md", "---\ntitle: Konto\ndescription: x\n---\n# Konto\n"),
        f"docs/{OTHER}/cancel-account.md:1: '{OTHER}' is not a language of this site ({SITE_LANGUAGES})",
    ),
    "two articles published at the same URL": (
        lambda p: add_file(p, "docs/en/pause-billing/index.md", (p / "docs/en/pause-billing.md").read_text()),
        "docs/en/pause-billing/index.md:1: publishes the same URL /pause-billing/ as docs/en/pause-billing.md",
    ),
    "a Jinja syntax error in an article": (
        lambda p: rewrite(p, "docs/fr/pause-billing.md", "{{ procedure('pause_billing') }}", "{{ procedure('pause_billing') }"),
        lambda p: f"docs/fr/pause-billing.md:{line_of(p, 'docs/fr/pause-billing.md', 'procedure(')}: "
                  "a {{ … }} or {% … %} is not written right: unexpected '}'",
    ),
    "an {% if %} never closed": (
        lambda p: after_title(p, "docs/it/pause-billing.md", "{% if plan('trial') == 'Prova' %}\nSolo per le prove."),
        lambda p: f"docs/it/pause-billing.md:{line_of(p, 'docs/it/pause-billing.md', '{% if plan(')}: "
                  "{% if %} is never closed: write {% endif %} where its part ends, as in {% if … %} … {% endif %}",
    ),
    "a {% call %} never closed": (
        lambda p: rewrite(p, "docs/fr/pause-billing.md", "{% endcall %}\n", "\n"),
        lambda p: f"docs/fr/pause-billing.md:{line_of(p, 'docs/fr/pause-billing.md', '{% call plan_section')}: "
                  "{% call %} is never closed: write {% endcall %} where its part ends, as in "
                  "{% call plan_section('<plan id>', …) %} … {% endcall %}, each on a line of its own",
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
        lambda p: after_title(p, "docs/en/trial-accounts.md", "{% include '../../../../etc/passwd' %}"),
        lambda p: f"docs/en/trial-accounts.md:{line_of(p, 'docs/en/trial-accounts.md', 'include')}: "
                  "page text cannot include, import or extend files ('../../../../etc/passwd')",
    ),
    "loops inside loops that would render for hours": (
        lambda p: after_title(p, "docs/it/pause-billing.md",
                              "{% for a in 'x' * 99999 %}{% for b in 'x' * 99999 %}{{ b }}{% endfor %}{% endfor %}"),
        lambda p: f"docs/it/pause-billing.md:{line_of(p, 'docs/it/pause-billing.md', '{% for a in')}: "
                  f"the page was still rendering after {page_text.RENDER_SECONDS} s",
    ),
    "a link to a missing section": (
        lambda p: rewrite(p, "docs/it/before-you-cancel.md", "cancel-account.md#steps", "cancel-account.md#passi"),
        "'cancel-account.md#passi'",
    ),
    "a macro called with an unknown id": (
        lambda p: rewrite(p, "docs/fr/cancel-account.md", "note('primary_admin_only')", "note('primary_admin_onyl')"),
        lambda p: f"docs/fr/cancel-account.md:{line_of(p, 'docs/fr/cancel-account.md', 'primary_admin_onyl')}: "
        "note('primary_admin_onyl'): unknown note 'primary_admin_onyl'; did you mean 'primary_admin_only'? known notes: "
        "annual_through_support, pause_instead, pause_monthly_only, "
        "primary_admin_only, reseller_handles_it, trial_no_cancel",
    ),
    "a macro called without its argument": (
        lambda p: rewrite(p, "docs/it/pause-billing.md", "procedure('pause_billing')", "procedure()"),
        lambda p: f"docs/it/pause-billing.md:{line_of(p, 'docs/it/pause-billing.md', 'procedure()')}: "
                  "procedure(): expected procedure('<procedure id>') on a line of its own",
    ),
    "a typo in a macro's name": (
        lambda p: after_title(p, "docs/en/trial-accounts.md", "{{ prodcut() }}"),
        lambda p: f"docs/en/trial-accounts.md:{line_of(p, 'docs/en/trial-accounts.md', 'prodcut')}: "
                  f"'prodcut' is not a macro; did you mean product(…)? {ALLOWED}",
    ),
    "a misspelt macro name in an Italian article": (
        lambda p: rewrite(p, "docs/it/pause-billing.md", "{{ procedure('pause_billing') }}", "{{ procedur('pause_billing') }}"),
        lambda p: f"docs/it/pause-billing.md:{line_of(p, 'docs/it/pause-billing.md', 'procedur(')}: "
                  f"'procedur' is not a macro; did you mean procedure(…)? {ALLOWED}",
    ),
    "a French heading given its own id, on a section not published yet": (
        lambda p: (rewrite(p, "docs/fr/after-you-cancel.md", "{ #tell-contacts }", "{ #prevenez-vos-contacts }"),
                   rewrite(p, "data/published-links.txt", "/fr/after-you-cancel/#tell-contacts\n", "")),
        lambda p: f"docs/fr/after-you-cancel.md:{line_of(p, 'docs/fr/after-you-cancel.md', 'prevenez-vos-contacts')}: "
                  "the heading { #prevenez-vos-contacts } has another id than in docs/en/after-you-cancel.md "
                  "({ #tell-contacts }); write { #tell-contacts } there",
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
        lambda p: rewrite(p, "data/search-terms.yml", "  downgrade-plan:\n    en:", f"  downgrade-plan:\n    {OTHER}: bajar\n    en:"),
        lambda p: (f"data/search-terms.yml:{line_of(p, 'data/search-terms.yml', f'{OTHER}: bajar')}: "
                   f"articles.downgrade-plan.{OTHER}: '{OTHER}' is not a language of this site ({SITE_LANGUAGES})"),
    ),
    "search words for a page kept out of search": (
        lambda p: rewrite(p, "data/search-terms.yml", "\narticles:\n",
                          "\narticles:\n  agents:\n" + "".join(f"    {lang}: links\n" for lang in LANGUAGES)),
        lambda p: (f"data/search-terms.yml:{line_of(p, 'data/search-terms.yml', '  agents:')}: articles.agents: "
                   "the page is kept out of search (search: exclude in its front matter)"),
    ),
    "data YAML that does not parse": (
        lambda p: rewrite(p, "data/plans.yml", "name:", "name: [", ),
        "data/plans.yml:",
    ),

    # --- Page text is data, not code (issue 14) -------------------------------------
    "Italian page text climbing from a Jinja global to os": (
        lambda p: after_title(p, "docs/it/trial-accounts.md", ATTACK),
        lambda p: f"docs/it/trial-accounts.md:{line_of(p, 'docs/it/trial-accounts.md', 'cycler')}: "
                  f"'cycler' is undefined; {ALLOWED}",
    ),
    "page text reaching into a macro's Python attributes": (
        lambda p: after_title(p, "docs/fr/trial-accounts.md", "{{ procedure.__globals__['os'] }}"),
        lambda p: f"docs/fr/trial-accounts.md:{line_of(p, 'docs/fr/trial-accounts.md', '__globals__')}: "
                  f"access to attribute '__globals__' of 'function' object is unsafe; {ALLOWED}",
    ),
    "page text printing the configuration": (
        lambda p: after_title(p, "docs/en/pause-billing.md", "{{ config.plugins }}"),
        lambda p: f"docs/en/pause-billing.md:{line_of(p, 'docs/en/pause-billing.md', 'config.plugins')}: "
                  f"'config' is undefined; {ALLOWED}",
    ),
    "a format-string trick": (
        lambda p: after_title(p, "docs/it/pause-billing.md", "{{ '{0.__class__}'.format(plan('trial')) }}"),
        lambda p: f"docs/it/pause-billing.md:{line_of(p, 'docs/it/pause-billing.md', '.format(')}: "
                  f"access to attribute 'format' of 'str' object is unsafe; {ALLOWED}",
    ),
    "a value that would fill the build machine's memory": (
        lambda p: after_title(p, "docs/fr/index.md", "{{ 'x' * 10**10 }}"),
        lambda p: f"docs/fr/index.md:{line_of(p, 'docs/fr/index.md', '10**10')}: "
                  "'*' would make a value too large for a page",
    ),
    "front matter asking mkdocs-macros to render the page itself": (
        lambda p: rewrite(p, "docs/it/index.md", "\ntitle:", "\nrender_macros: true\ntitle:"),
        lambda p: f"docs/it/index.md:{line_of(p, 'docs/it/index.md', 'render_macros')}: render_macros: remove it",
    ),
    "a symbolic link in docs/ to a file outside it": (
        lambda p: os.symlink("/etc/passwd", p / "docs" / "en" / "passwd"),
        "docs/en/passwd: a symbolic link to /etc/passwd, outside docs/",
    ),
    "a symbolic link in the theme's overrides/ to a file outside it": (
        lambda p: os.symlink("/etc/passwd", theme_folder(p) / "assets" / "passwd.txt"),
        "overrides/assets/passwd.txt: a symbolic link to /etc/passwd, outside overrides/",
    ),
    "a symbolic link in docs/ to nothing": (
        lambda p: os.symlink("old-name.md", p / "docs" / "fr" / "renamed.md"),
        "docs/fr/renamed.md: a symbolic link to old-name.md, which does not exist",
    ),
    # Issue 25: a published folder that is itself a link, and a file with a second name elsewhere.
    "the theme's overrides/ itself a link to a folder outside the project": (
        lambda p: (theme_folder(p), moved_out(p, "overrides")),
        lambda p: f"overrides/: a symbolic link to {(p.parent / 'outside-overrides').resolve()}, outside the project",
    ),
    "docs/ itself a link to a folder outside the project": (
        lambda p: moved_out(p, "docs"),
        lambda p: f"docs/: a symbolic link to {(p.parent / 'outside-docs').resolve()}, outside the project",
    ),
    "a language's folder a link to a folder outside docs/": (
        lambda p: moved_out(p, "docs/it"),
        lambda p: f"docs/it: a symbolic link to {(p.parent / 'outside-it').resolve()}, outside docs/",
    ),
    "data/ itself a link to a folder outside the project": (
        lambda p: moved_out(p, "data"),
        lambda p: f"data/: a symbolic link to {(p.parent / 'outside-data').resolve()}, outside the project",
    ),
    "a hard link in docs/ to a file outside it": (
        lambda p: os.link(secret(p), p / "docs" / "en" / "id_rsa.txt"),
        "docs/en/id_rsa.txt: a hard link (the file has 2 names, and another may be outside docs/",
    ),
    # --- One message, not a traceback ---------------------------------------------
    "an unknown id in procedure()": (
        lambda p: rewrite(p, "docs/fr/pause-billing.md", "procedure('pause_billing')", "procedure('pause_bill')"),
        lambda p: f"docs/fr/pause-billing.md:{line_of(p, 'docs/fr/pause-billing.md', 'pause_bill')}: "
                  "procedure('pause_bill'): unknown procedure 'pause_bill'; did you mean 'pause_billing'? known procedures: "
                  "cancel_account, export_contacts, pause_billing, resume_billing",
    ),
    "a macro called with a keyword": (
        lambda p: rewrite(p, "docs/it/cancel-account.md", "note('primary_admin_only')", "note(id='primary_admin_only')"),
        lambda p: f"docs/it/cancel-account.md:{line_of(p, 'docs/it/cancel-account.md', 'note(id=')}: "
                  "note(id='primary_admin_only'): expected note('<note id>') on a line of its own",
    ),
    "a mistake in an English page that Italian shows untranslated": (
        lambda p: ((p / "docs/it/trial-accounts.md").unlink(),
                   rewrite(p, "docs/en/trial-accounts.md", "{{ note('trial_no_cancel') }}", "{{ note('trial_no_cancl') }}")),
        lambda p: f"docs/en/trial-accounts.md:{line_of(p, 'docs/en/trial-accounts.md', 'trial_no_cancl')}: "
                  "note('trial_no_cancl'): unknown note",
    ),
    "an unknown plan in plan_section()": (
        lambda p: rewrite(p, "docs/en/downgrade-plan.md", "plan_section('trial', 'reseller')", "plan_section('trial', 'resseller')"),
        lambda p: f"docs/en/downgrade-plan.md:{line_of(p, 'docs/en/downgrade-plan.md', 'resseller')}: "
                  "plan_section('trial', 'resseller'): unknown plan 'resseller'",
    ),
    "an unknown note inside a plan_section() block": (
        lambda p: rewrite(p, "docs/fr/pause-billing.md", "note('trial_no_cancel')", "note('trial_no_cancl')"),
        lambda p: f"docs/fr/pause-billing.md:{line_of(p, 'docs/fr/pause-billing.md', 'trial_no_cancl')}: "
                  "note('trial_no_cancl'): unknown note 'trial_no_cancl'",
    ),
    "an article saved as Latin-1": (
        lambda p: as_latin1(p, "docs/it/commit-annually-pay-monthly.md"),
        lambda p: f"docs/it/commit-annually-pay-monthly.md:{first_accent(p, 'docs/it/commit-annually-pay-monthly.md')}: "
                  "not UTF-8 text (byte 0x",
    ),
    "a data file saved as Latin-1": (
        lambda p: as_latin1(p, "data/labels.yml"),
        lambda p: f"data/labels.yml:{first_accent(p, 'data/labels.yml')}: not UTF-8 text (byte 0x",
    ),
    "a translation gives a published section another id than English": (
        lambda p: rewrite(p, "docs/fr/after-you-cancel.md", "{ #tell-contacts }", "{ #prevenez-vos-contacts }"),
        lambda p: f"docs/fr/after-you-cancel.md:{line_of(p, 'docs/fr/after-you-cancel.md', 'prevenez-vos-contacts')}: "
                  "the heading { #prevenez-vos-contacts } has another id than in docs/en/after-you-cancel.md "
                  "({ #tell-contacts }); write { #tell-contacts } there",
    ),
    "a heading id written {#id}, without the space": (
        lambda p: rewrite(p, "docs/it/after-you-cancel.md", "{ #tell-contacts }", "{#tell-contacts}"),
        lambda p: f"docs/it/after-you-cancel.md:{line_of(p, 'docs/it/after-you-cancel.md', '{#tell-contacts}')}: "
                  "{#tell-contacts} starts a template comment; write a heading id with spaces: { #tell-contacts }",
    ),
    # --- Silent passes that now stop the build ---------------------------------------
    "a misspelt language in data/translated-from.yml": (
        lambda p: rewrite(p, "data/translated-from.yml", f"\n{TRANSLATIONS[0]}:\n", f"\n{TRANSLATIONS[0]}x:\n"),
        lambda p: (f"data/translated-from.yml:{line_of(p, 'data/translated-from.yml', TRANSLATIONS[0] + 'x:')}: "
                   f"{TRANSLATIONS[0]}x: '{TRANSLATIONS[0]}x' is not a translation language of this site "
                   f"(expected {', '.join(TRANSLATIONS)})"),
    ),
    "a misspelt key in data/ (plan: for plans:)": (
        lambda p: rewrite(p, "data/notes.yml", "  plans: [monthly]", "  plan: [monthly]"),
        lambda p: f"data/notes.yml:{line_of(p, 'data/notes.yml', 'plan: [monthly]')}: "
                  "pause_instead.plan: unknown key 'plan'; allowed keys: kind, text, plans",
    ),
    "a data file the help centre does not read": (
        lambda p: add_file(p, "data/note.yml", "pause_instead:\n  kind: tip\n"),
        "data/note.yml: not a data file the help centre reads",
    ),
    "note() inside a sentence": (
        lambda p: rewrite(p, "docs/fr/cancel-account.md", "{{ note('primary_admin_only') }}",
                          "Attention : {{ note('primary_admin_only') }}"),
        lambda p: f"docs/fr/cancel-account.md:{line_of(p, 'docs/fr/cancel-account.md', 'Attention : {{')}: "
                  "note(…) must stand on a line of its own",
    ),
    "an article with only front matter": (
        lambda p: (p / "docs/it/reseller-accounts.md").write_text(
            (p / "docs/it/reseller-accounts.md").read_text(encoding="utf-8").split("\n---\n")[0] + "\n---\n\n",
            encoding="utf-8"),
        lambda p: f"docs/it/reseller-accounts.md:{front_matter_end(p, 'docs/it/reseller-accounts.md') + 1}: "
                  "the article has no text after its front matter",
    ),
}


def make_build(project: Path) -> subprocess.CompletedProcess:
    """What `make build` runs: every language in parallel, site/ replaced only on success."""
    return subprocess.run([sys.executable, "-m", "helpcentre", "build", "--site-dir", "site"], cwd=project,
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


# The check of the sources (helpcentre/sources.py) reports every mistake it finds at once, before
# anything is built: these cases share a build each (each mistake in a file of its own).
GROUPS = {
    "every mistake the source check finds": (
        "front matter that does not parse",
        "front matter without a required key",
        "a heading id used twice on a page",
        "a section heading without an id",
        "an article in a language folder the site does not know",
        "two articles published at the same URL",
        "an article saved as Latin-1",
        "an article with only front matter",
    ),
    "every symbolic link that leaves a published folder": (
        "a symbolic link in docs/ to a file outside it",
        "a symbolic link in the theme's overrides/ to a file outside it",
        "a symbolic link in docs/ to nothing",
        "a language's folder a link to a folder outside docs/",
        "a hard link in docs/ to a file outside it",
    ),
    "every published folder that is itself a link out of the project": (
        "the theme's overrides/ itself a link to a folder outside the project",
        "docs/ itself a link to a folder outside the project",
        "data/ itself a link to a folder outside the project",
    ),
}
GROUPED = {case for cases in GROUPS.values() for case in cases}


def expected_messages(project: Path, cases) -> list[str]:
    return [expected(project) if callable(expected) else expected for expected in (CASES[case][1] for case in cases)]


def languages_concerned(messages: list[str]) -> tuple[str, ...] | None:
    """The languages whose builds meet these mistakes: the language of each article a message names
    (docs/it/x.md); every language when one names none (data/, a link: one language may be the only
    one that stops)."""
    named = [re.match(r"docs/([^/]+)/", message) for message in messages]
    if not all(named):
        return None
    return tuple(dict.fromkeys(match[1] if match[1] in LANGUAGES else DEFAULT_LANGUAGE for match in named))


# Mistakes in mkdocs.yml stop `make build` before any language starts: said by the command itself.
CONFIGURATION_CASES = ("mkdocs.yml that does not parse", "a wrong value in mkdocs.yml")


@pytest.mark.parametrize("cases", [pytest.param((case,), id=case) for case in CASES
                                   if case not in GROUPED and case not in CONFIGURATION_CASES]
                         + [pytest.param(cases, id=name) for name, cases in GROUPS.items()])
def test_mistake_stops_the_build_with_a_clear_message_and_publishes_nothing(tmp_path, monkeypatch, cases):
    """Each mistake, built in this process by the languages it concerns (what `make build` runs in
    each language's process); that `make build` then leaves site/ as it was is tested below, once for
    each stage a build can stop at."""
    monkeypatch.setattr(page_text, "RENDER_SECONDS", 1)  # a page still rendering is stopped the same way, sooner
    project = copy_project(tmp_path / "project")
    for case in cases:
        CASES[case][0](project)
    expected = expected_messages(project, cases)

    result = build_site(project, tmp_path / "site", languages_concerned(expected))

    case = ", ".join(cases)
    assert result.returncode == 1, f"{case}: the build passed"
    for message in expected:
        assert message in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "Error reading page" not in result.stderr, "MkDocs' line that only repeats the file is left out"
    assert "unexpected error" not in result.stderr, "a writer's mistake is reported as a bug"
    assert not (tmp_path / "site").exists(), f"{case}: a failed build published something"
    assert not list(project.rglob("pwned")), "page text ran a command"


# One mistake for each stage a build can stop at, through the commands a writer types: `make build`
# (a process per language) leaves the published site/ exactly as it was and says so, and the
# single-process `mkdocs build` (make build-stock, and what every MkDocs user types) prints the
# same one message.
STAGES = (
    "Italian page text climbing from a Jinja global to os",  # rendering a page
    "a symbolic link in docs/ to a file outside it",  # checking the sources
    "a misspelt key in data/ (plan: for plans:)",  # loading the data
    "a translation gives a published section another id than English",  # the whole-site step
)


@pytest.mark.parametrize("case", STAGES + CONFIGURATION_CASES)
def test_make_build_stops_and_the_published_site_stays_as_it_was(tmp_path, published_site, case):
    project = copy_project(tmp_path / "project")
    shutil.copytree(published_site, project / "site")
    before = fingerprint(project / "site")
    CASES[case][0](project)

    result = make_build(project)

    assert result.returncode == 1, f"{case}: the build passed"
    for message in expected_messages(project, (case,)):
        assert message in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Error reading page" not in result.stderr, result.stderr[-3000:]
    assert "site is unchanged" in result.stderr
    assert fingerprint(project / "site") == before, f"{case}: the published site changed"
    assert not list(project.glob(".site-build-*")), "the failed build left its work folder behind"
    assert not list(project.rglob("pwned")), "page text ran a command"


@pytest.mark.parametrize("case", STAGES)
def test_plain_mkdocs_build_prints_the_same_one_message(tmp_path, case):
    mutate, _ = CASES[case]
    project = copy_project(tmp_path / "project")
    mutate(project)

    result = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "--site-dir",
                             str(tmp_path / "site")], cwd=project, env=QUIET_ENV, capture_output=True, text=True,
                            timeout=300)

    assert result.returncode == 1, f"{case}: the build passed"
    for message in expected_messages(project, (case,)):
        assert message in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert not list(project.rglob("pwned")), "page text ran a command"


def test_a_translated_heading_id_that_another_page_links_to_gets_one_message(tmp_path):
    """A French-only id on a section another French page links to: the one message names the
    heading and the English id to restore, not the link (which is right) nor a redirect."""
    project = copy_project(tmp_path / "project")
    rewrite(project, "docs/fr/cancel-account.md", "{ #steps }", "{ #etapes }")

    result = build_site(project, tmp_path / "site", ("fr",))

    assert result.returncode == 1
    assert (f"docs/fr/cancel-account.md:{line_of(project, 'docs/fr/cancel-account.md', '{ #etapes }')}: "
            "the heading { #etapes } has another id than in docs/en/cancel-account.md ({ #steps }); "
            "write { #steps } there") in result.stderr
    assert "before-you-cancel" not in result.stderr, "the page whose link is right is not blamed"
    assert "redirects.yml" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("{ #etapes }") == 1, result.stderr

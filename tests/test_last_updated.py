"""Every article ends with the date its words last changed, in the reader's language and format."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, build_site, copy_project, read_page, written
from helpcentre.data import load_data

DATA = load_data(ROOT / "data", LANGUAGES)


def updated_line(soup):
    line = soup.find(class_="help-updated")
    assert line is not None, "no last-updated line"
    return line.get_text(), line.find("time")["datetime"]


def git_date(path) -> str:
    """What git says, asked on its own: the date of the last commit touching the file."""
    return subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(path)], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_says_when_its_source_last_changed(site, articles, lang):
    for slug in articles:
        text, iso = updated_line(read_page(site, lang, slug))
        assert text.startswith(DATA.message(lang, "last_updated")), (lang, slug, text)
        # A page not translated yet: the date of the text it shows, the default language's.
        source = ROOT / "docs" / (lang if written(lang, slug) else DEFAULT_LANGUAGE) / f"{slug}.md"
        assert iso == git_date(source), (lang, slug)


def commit(project, message: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "Writer", "GIT_AUTHOR_EMAIL": "writer@example.org",
           "GIT_COMMITTER_NAME": "Writer", "GIT_COMMITTER_EMAIL": "writer@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=project, env=env, check=True)


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    """A copy of the project with a history of known dates: everything written on 5 March 2026,
    the Italian pause-billing article revised on 7 April, French trial-accounts not translated."""
    project = copy_project(tmp_path_factory.mktemp("dated") / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / "docs" / "fr" / "trial-accounts.md").unlink()
    commit(project, "first version", "2026-03-05T10:00:00+00:00")
    italian = project / "docs" / "it" / "pause-billing.md"
    italian.write_text(italian.read_text(encoding="utf-8") + "\nUna frase in più.\n", encoding="utf-8")
    commit(project, "revise the Italian article", "2026-04-07T10:00:00+00:00")
    # Touching a file without committing it must not move its date: the commit says when it changed.
    os.utime(project / "docs" / "en" / "pause-billing.md")
    result = build_site(project, project / "built")
    assert result.returncode == 0, result.stderr
    return project / "built"


@pytest.mark.parametrize("lang, slug, expected", [
    ("en", "pause-billing", ("Last updated: March 5, 2026", "2026-03-05")),
    ("it", "pause-billing", ("Ultimo aggiornamento: 7 aprile 2026", "2026-04-07")),
    ("fr", "pause-billing", ("Dernière mise à jour\u202f: 5 mars 2026", "2026-03-05")),
    # Not translated yet: the English text's date, written the French way.
    ("fr", "trial-accounts", ("Dernière mise à jour\u202f: 5 mars 2026", "2026-03-05")),
])
def test_the_date_is_the_last_commit_written_the_readers_way(dated_site, lang, slug, expected):
    text, iso = updated_line(read_page(dated_site, lang, slug))
    assert (text, iso) == expected

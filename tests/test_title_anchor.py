"""The anchor of an article's title is the same in every language (the article's file name), like
every section's: /it/cancel-account/#cancel-account and /fr/cancel-account/#cancel-account."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, build_site, copy_project, read_page
from helpcentre.page_markdown import with_title_id


def test_every_title_has_the_articles_id_in_every_language(site, articles):
    for slug in [*articles, "agents"]:
        for lang in LANGUAGES:
            page = read_page(site, lang, slug)
            [title] = page.select("article h1")
            assert title["id"] == slug, (lang, slug)
            assert title.select_one("a.headerlink")["href"] == f"#{slug}", (lang, slug)  # its ¶ link
            assert len(page.find_all(id=slug)) == 1, (lang, slug)


@pytest.mark.parametrize("markdown,expected", [
    ("# Cancel your account\n\nText", "# Cancel your account { #cancel-account }\n\nText"),
    ("Intro\n\n# Title #\n", "Intro\n\n# Title { #cancel-account }\n"),                 # closing hashes
    ("# Title { .wide }\n", "# Title { #cancel-account .wide }\n"),                      # other attributes kept
    ("# Title { #own-id }\n", "# Title { #own-id }\n"),                                  # the writer's id wins
    ("```\n# a comment\n```\n# Title\n", "```\n# a comment\n```\n# Title { #cancel-account }\n"),
    ("## Only sections { #steps }\n", "## Only sections { #steps }\n"),                  # no h1: the theme's
    ("# One\n\n# Two\n", "# One { #cancel-account }\n\n# Two\n"),                         # the first only
])
def test_the_id_goes_on_the_first_title_line(markdown, expected):
    assert with_title_id(markdown, "cancel-account") == expected


def test_a_section_that_takes_the_titles_id_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    article = project / "docs" / "it" / "pause-billing.md"
    lines = article.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("## "))
    lines[number - 1] = lines[number - 1].split("{")[0] + "{ #pause-billing }"
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert (f"docs/it/pause-billing.md:{number}: heading id 'pause-billing' is the anchor of the page's title"
            in result.stderr), result.stderr
    assert "Traceback" not in result.stderr

"""The link model without MkDocs: redirects data errors, the published-link check, URL helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpcentre import links
from helpcentre.data import DataError
from helpcentre.site import Site

SITE_URL = "https://help.example/"
SITE = Site(root=Path("/project"), languages=("en", "it"), site_url=SITE_URL)


def index_of(pages: dict[str, dict[str, list[str]]]) -> dict:
    """A link index for articles -> language -> section ids."""
    return links.link_index(SITE_URL, ("en", "it"), {
        article: {lang: links.PageLinks(article.title(), SITE.page_path(lang, article),
                                        [links.Section(id, id) for id in ids])
                  for lang, ids in by_lang.items()}
        for article, by_lang in pages.items()
    })


def write_redirects(tmp_path: Path, text: str) -> Path:
    (tmp_path / links.REDIRECTS_FILE).write_text(text, encoding="utf-8")
    return tmp_path


INDEX = index_of({"index": {"en": [], "it": []}, "close": {"en": ["how"], "it": ["how"]}})


def test_a_served_page_and_section_pass():
    assert links.broken_links(["/close/", "/it/close/#how", "/it/"], INDEX, links.Redirects({}, {}), SITE) == []


def test_a_vanished_page_is_named_with_the_fix():
    problems = links.broken_links(["/cancel/#how", "/it/cancel/"], INDEX, links.Redirects({}, {}), SITE)
    assert problems == [
        "/cancel/#how: the page is gone and has no redirect; add 'old-file.md: new-file.md' under 'pages:' in data/redirects.yml",
        "/it/cancel/: the page is gone and has no redirect; add 'old-file.md: new-file.md' under 'pages:' in data/redirects.yml",
    ]


def test_a_vanished_page_is_named_once_not_once_per_section():
    problems = links.broken_links(["/cancel/", "/cancel/#how", "/cancel/#why"], INDEX, links.Redirects({}, {}), SITE)
    assert [problem.split(":")[0] for problem in problems] == ["/cancel/"]


def test_redirect_chains_and_section_aliases_keep_links_working():
    redirects = links.Redirects({"cancel": "quit", "quit": "close"}, {"close": {"steps": "how"}})
    manifest = ["/cancel/", "/it/quit/#how", "/it/cancel/#steps"]
    assert links.broken_links(manifest, INDEX, redirects, SITE) == []


def test_a_vanished_section_is_named_with_the_fix():
    problems = links.broken_links(["/it/close/#steps"], INDEX, links.Redirects({}, {}), SITE)
    assert problems == ["/it/close/#steps: the section #steps is gone from close.md (it); add "
                        "'steps: <new-id>' under 'sections: close.md:' in data/redirects.yml"]


def test_a_translated_heading_id_is_fixed_by_the_english_id_not_a_redirect():
    index = index_of({"close": {"en": ["how", "after"], "it": ["come", "after"]}})
    lines = {("it", "close", "come"): 12}
    problems = links.broken_links(["/it/close/#how", "/it/close/#after"], index, links.Redirects({}, {}), SITE,
                                  lambda lang, article, heading_id: lines.get((lang, article, heading_id)))
    assert problems == ["docs/it/close.md:12: the heading { #come } has another id than in docs/en/close.md "
                        "({ #how }); write { #how } there: a heading id is the same in every language, "
                        "and the published link /it/close/#how needs it"]


def test_a_redirect_to_a_missing_article_does_not_count():
    redirects = links.Redirects({"cancel": "nowhere"}, {})
    assert links.broken_links(["/cancel/"], INDEX, redirects, SITE) != []


def test_redirects_file_is_read(tmp_path):
    data = write_redirects(tmp_path, "pages:\n  cancel.md: cancel-account.md\nsections:\n"
                                     "  cancel-account.md:\n    how-to: steps\n")
    assert links.load_redirects(data) == links.Redirects({"cancel": "cancel-account"},
                                                         {"cancel-account": {"how-to": "steps"}})


def test_no_redirects_file_means_no_redirects(tmp_path):
    assert links.load_redirects(tmp_path) == links.Redirects({}, {})


@pytest.mark.parametrize("text,message", [
    ("pages:\n  cancel.md: 3\n", "data/redirects.yml:2: pages.cancel.md: expected 'old-file.md: new-file.md'"),
    ("pages:\n  cancel: cancel-account.md\n", "data/redirects.yml:2: pages.cancel: expected"),
    ("sections:\n  cancel.md:\n    Old Id: steps\n", "data/redirects.yml:3: sections.cancel.md.Old Id: expected 'old-id: new-id'"),
    ("sections:\n  cancel.md: steps\n", "data/redirects.yml:2: sections.cancel.md: expected"),
    ("pages: {}\nredirects:\n  a.md: b.md\n",
     "data/redirects.yml:2: redirects: unknown key 'redirects'; allowed keys: pages, sections"),
    ("pages:\n  a.md: b.md\n  b.md: a.md\n", "data/redirects.yml: pages: the redirects loop"),
])
def test_a_wrong_redirects_file_names_the_line(tmp_path, text, message):
    with pytest.raises(DataError) as error:
        links.load_redirects(write_redirects(tmp_path, text))
    assert str(error.value).startswith(message), str(error.value)


@pytest.mark.parametrize("lang,article,path", [
    ("en", "index", ""), ("it", "index", "it/"), ("en", "cancel", "cancel/"),
    ("fr", "cancel", "fr/cancel/"), ("it", "guides/index", "it/guides/"),
])
def test_page_path(lang, article, path):
    assert SITE.page_path(lang, article) == path


@pytest.mark.parametrize("source,target,relative", [
    ("cancel/", "close/", "../close/"), ("it/cancel/", "it/close/", "../close/"),
    ("agents/", "", "../"), ("it/agents/", "", "../../"), ("a/b/", "c/", "../../c/"),
])
def test_relative_url(source, target, relative):
    assert links.relative_url(source, target) == relative


def test_redirect_page_is_tiny_noindex_and_has_no_inline_script():
    html = links.redirect_page_html("../close/", "https://help.example/it/close/",
                                    "../../assets/javascripts/redirect.js?h=0123456789ab", "Moved", "Go", "it")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("link", rel="canonical")["href"] == "https://help.example/it/close/"
    # The CSP blocks inline scripts: the only script is a file, which reads its target from the tag.
    [script] = soup.find_all("script")
    assert script["src"] == "../../assets/javascripts/redirect.js?h=0123456789ab" and not script.string
    assert script["data-target"] == "../close/"
    # Without JavaScript: a meta refresh, never racing the script, and a link.
    refresh = soup.head.noscript
    assert refresh is not None and "url=../close/" in str(refresh) and 'http-equiv="refresh"' in str(refresh)
    assert soup.body.a["href"] == "../close/" and soup.body.a.get_text() == "Go"
    assert len(html) < 800


def test_moved_paths_name_every_language_and_follow_chains():
    redirects = links.Redirects({"cancel": "quit", "quit": "close", "guides/old": "index"}, {})
    assert links.moved_paths(redirects, SITE) == {
        "/cancel/": "/close/", "/it/cancel/": "/it/close/",
        "/quit/": "/close/", "/it/quit/": "/it/close/",
        "/guides/old/": "/", "/it/guides/old/": "/it/",
    }

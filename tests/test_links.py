"""Links for support agents: the link index, the agents' page, copy-link buttons, and the
published-link manifest with redirects and section aliases in every language."""

from __future__ import annotations

import csv
import functools
import io
import json
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import (DEFAULT_LANGUAGE, LANGUAGES, QUIET_ENV, ROOT, TRANSLATIONS, build_site, copy_project, home, page_path,
                      read_page)
from helpcentre import links
from helpcentre.site import load_site
from helpcentre.data import load_data

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SITE_URL = CONFIG["site_url"]
DATA = load_data(ROOT / "data", LANGUAGES)


def link_index(site: Path) -> dict:
    return json.loads((site / links.INDEX_JSON).read_text(encoding="utf-8"))


def built_page(site: Path, url: str) -> BeautifulSoup:
    path = urlparse(url).path.lstrip("/")
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


# --- The link index -----------------------------------------------------------


def test_link_index_lists_every_article_in_every_language(site, articles):
    index = link_index(site)
    assert [article["id"] for article in index["articles"]][0] == "index"
    assert {article["id"] for article in index["articles"]} == set(articles)
    for article in index["articles"]:
        assert list(article["languages"]) == list(LANGUAGES), article["id"]


def test_every_url_and_section_in_the_index_exists_in_the_build(site):
    checked = 0
    for article in link_index(site)["articles"]:
        for lang, entry in article["languages"].items():
            assert entry["url"].startswith(SITE_URL), entry["url"]
            page = built_page(site, entry["url"])
            assert page.html["lang"] == lang
            assert page.title.get_text().startswith(entry["title"] + " - ")
            for section in entry["sections"]:
                heading = page.find(id=section["id"])
                assert heading is not None and heading.name in ("h2", "h3"), (entry["url"], section)
                # Compared word by word: the toc writes a French non-breaking space as a plain one.
                assert heading.get_text(" ", strip=True).split()[: len(section["heading"].split())] == \
                    section["heading"].split(), (entry["url"], section)
                checked += 1
    assert checked > 50


def test_section_ids_are_the_same_in_every_language(site):
    for article in link_index(site)["articles"]:
        ids = {lang: [s["id"] for s in entry["sections"]] for lang, entry in article["languages"].items()}
        assert all(ids[lang] == ids[DEFAULT_LANGUAGE] for lang in LANGUAGES), (article["id"], ids)


def test_csv_has_the_same_links_as_the_json(site):
    rows = list(csv.DictReader(io.StringIO((site / links.INDEX_CSV).read_text(encoding="utf-8"))))
    index = link_index(site)
    assert rows == links.link_rows(index)
    urls = {row["url"] for row in rows}
    for article in index["articles"]:
        for entry in article["languages"].values():
            assert entry["url"] in urls
            assert {f"{entry['url']}#{s['id']}" for s in entry["sections"]} <= urls


# --- The agents' page ---------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_agents_page_lists_every_link_of_its_language(site, lang):
    page = read_page(site, lang, "agents")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    rows = page.select(".agent-links__table tbody tr")
    expected = links.link_rows(link_index(site), lang)
    assert [row.select_one("button.link-copy")["data-url"] for row in rows] == [row["url"] for row in expected]
    assert page.select_one("label[for=agent-links-filter]").get_text() == DATA.message(lang, "agent_links", "filter")
    assert rows[0].select_one("button").get_text() == DATA.message(lang, "agent_links", "copy")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_agents_page_is_out_of_navigation_and_search(site, lang):
    page = read_page(site, lang, "cancel-account")
    assert not [a for a in page.select("nav.md-nav--primary a[href]") if "agents" in a["href"]]
    assert read_page(site, lang, "agents").find("meta", attrs={"name": "robots"}) is not None
    assert read_page(site, lang, "cancel-account").find("meta", attrs={"name": "robots"}) is None
    search_index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "agents/" not in search_index
    sitemap = (site / f"sitemap-{lang}.xml").read_text(encoding="utf-8")
    assert "/cancel-account/" in sitemap and "agents/" not in sitemap


# --- Copy-link buttons ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_heading_has_a_copy_button_in_the_page_language(site, lang, articles):
    for slug in articles:
        page = read_page(site, lang, slug)
        headings = page.select("article h2, article h3")
        for heading in headings:
            button = heading.select_one("button.section-copy")
            assert button is not None and button["data-section"] == heading["id"], heading
            assert button["aria-label"] == DATA.message(lang, "section_link", "copy")
        status = page.select_one(".link-copy-status[role=status][aria-live=polite]")
        assert status["data-copied"] == DATA.message(lang, "section_link", "copied")


def test_section_link_copies_the_absolute_url_with_the_plan(site_server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    lang = TRANSLATIONS[0]
    page.goto(site_server + page_path(lang, "cancel-account") + "?plan=trial")
    button = page.locator('h2#steps button.section-copy')
    button.focus()
    page.keyboard.press("Enter")  # keyboard operable: a real <button>
    status = page.locator(".link-copy-status")
    expected = SITE_URL + page_path(lang, "cancel-account").lstrip("/") + "?plan=trial#steps"
    status.filter(has_text=expected).wait_for()
    assert status.inner_text().startswith(DATA.message(lang, "section_link", "copied"))
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_section_link_without_a_plan_has_no_query(site_server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    path = page_path(TRANSLATIONS[-1], "pause-billing")
    page.goto(site_server + path)
    heading_id = page.locator("article h2").first.get_attribute("id")
    page.locator("article h2 button.section-copy").first.click()
    expected = f"{SITE_URL}{path.lstrip('/')}#{heading_id}"
    page.locator(".link-copy-status").filter(has_text=expected).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_agents_table_filters_and_copies(site_server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    page.goto(site_server + "/agents/")
    rows = page.locator(".agent-links__table tbody tr")
    total = rows.count()
    page.fill("#agent-links-filter", "cancel-account steps")
    visible = page.locator(".agent-links__table tbody tr:not([hidden])")
    assert visible.count() == 1 < total
    visible.locator("button.link-copy").click()
    expected = SITE_URL + "cancel-account/#steps"
    page.locator(".link-copy-status").filter(has_text=expected).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == expected


# --- No published link ever breaks ---------------------------------------------


def test_every_published_link_still_works(site):
    """The same check as `python -m helpcentre links-check`, on this session's build."""
    manifest = links.read_manifest(ROOT / "data" / links.MANIFEST_FILE)
    assert len(manifest) > 100
    assert links.broken_links(manifest, link_index(site), links.load_redirects(ROOT / "data"), load_site(ROOT)) == []


def test_everything_built_is_published(site):
    """A writer who adds an article runs `make links`; this catches a forgotten one."""
    missing = links.published_entries(link_index(site)) - set(links.read_manifest(ROOT / "data" / links.MANIFEST_FILE))
    assert not missing, f"run `make links` and commit data/published-links.txt: {sorted(missing)}"


def move_cancel_article(project: Path) -> None:
    """What a writer does to rename cancel-account.md and its #steps section, without a redirect."""
    for lang in LANGUAGES:
        old = project / "docs" / lang / "cancel-account.md"
        if not old.exists():
            continue  # not translated yet: the default language's, moved with it, is shown
        text = old.read_text(encoding="utf-8").replace("{ #steps }", "{ #how-to-cancel }")
        (project / "docs" / lang / "close-account.md").write_text(text, encoding="utf-8")
        old.unlink()
    for path in [project / "mkdocs.yml", *(project / "docs").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        text = text.replace("cancel-account.md#steps", "close-account.md#how-to-cancel")
        path.write_text(text.replace("cancel-account.md", "close-account.md"), encoding="utf-8")


def links_command(project: Path, *args: str) -> subprocess.CompletedProcess:
    verb = {"publish": "links-publish", "check": "links-check"}[args[0]]
    return subprocess.run([sys.executable, "-m", "helpcentre", verb, *args[1:]], cwd=project, env=QUIET_ENV,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def static_server():
    """Serve a directory on 127.0.0.1 like `site_server` does the real site."""
    servers = []

    def serve(directory: Path) -> str:
        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()


def test_a_moved_article_needs_a_redirect_and_then_works_in_every_language(tmp_path, static_server, page):
    project = copy_project(tmp_path / "project")
    move_cancel_article(project)

    broken = links_command(project, "check")
    assert broken.returncode != 0
    for lang_path in (page_path(lang, "cancel-account") for lang in LANGUAGES):
        assert f"{lang_path}: the page is gone and has no redirect" in broken.stderr, broken.stderr
    assert "data/redirects.yml" in broken.stderr

    redirects = project / "data" / "redirects.yml"
    redirects.write_text(
        "pages:\n  cancel-account.md: close-account.md\n"
        "sections:\n  close-account.md:\n    steps: how-to-cancel\n    by-plan: how-to-cancel\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    fixed = links_command(project, "check", "--site", str(site))
    assert fixed.returncode == 0, fixed.stderr

    base = static_server(site)
    for lang in LANGUAGES:
        prefix = home(lang).rstrip("/")
        old_page = BeautifulSoup((site / prefix.lstrip("/") / "cancel-account" / "index.html").read_text(
            encoding="utf-8"), "html.parser")
        assert old_page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert old_page.select_one("body a")["href"] == "../close-account/"
        assert old_page.select_one("body a").get_text() == DATA.message(lang, "redirect", "link")
        # Without JavaScript (in the browser once, in tests/test_nginx_redirects.py): a refresh in the
        # page's language to the same target.
        assert old_page.html["lang"] == lang
        refresh = old_page.select_one('noscript meta[http-equiv="refresh"]')
        assert refresh["content"] == "0; url=../close-account/"
        page.goto(f"{base}{prefix}/cancel-account/#steps")
        page.wait_for_url(f"{base}{prefix}/close-account/#steps")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("#steps").count() == 1  # the old section id still leads to the section
        assert page.locator("h2#how-to-cancel").count() == 1


# The aliases data/redirects.yml has, which published links need (#by-plan: issue 24).
KEPT_ALIASES = "sections:\n  cancel-account.md:\n    by-plan: steps\n"


@pytest.mark.parametrize("redirects,message", [
    (KEPT_ALIASES + "    old-steps: no-such-heading\n",
     "data/redirects.yml: sections: cancel-account.md: old-steps: the page has no heading or procedure step #no-such-heading"),
    (KEPT_ALIASES + "    steps: what-next\n",
     "data/redirects.yml: sections: cancel-account.md: steps: the page still has a section #steps"),
    ("pages:\n  pause-billing.md: cancel-account.md\n" + KEPT_ALIASES,
     "data/redirects.yml: pages: pause-billing.md: the page still exists (/pause-billing/)"),
    ("pages:\n  cancel.md: no-such-article.md\n" + KEPT_ALIASES,
     "data/redirects.yml: pages: cancel.md: no-such-article.md is not a page of the site"),
])
def test_a_wrong_redirect_stops_the_build(tmp_path, redirects, message):
    project = copy_project(tmp_path / "project")
    (project / "data" / "redirects.yml").write_text(redirects, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr

"""The built site: pages, languages, shared data rendered per language, switcher, anchors, privacy."""

from __future__ import annotations

import re

from urllib.parse import urljoin, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ARTICLES, DEFAULT_LANGUAGE, LANGUAGES, NOT_ARTICLES, ROOT, language_dir, read_page, written
from helpcentre.data import load_data

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SITE_URL = CONFIG["site_url"]
DATA = load_data(ROOT / "data", LANGUAGES)
I18N_LANGUAGES = {
    language["locale"]: language
    for plugin in CONFIG["plugins"] if isinstance(plugin, dict) and "i18n" in plugin
    for language in plugin["i18n"]["languages"]
}


def page_url(lang: str, slug: str) -> str:
    """The absolute URL of an article, as a reader sees it."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return urljoin(SITE_URL, prefix + ("" if slug == "index" else f"{slug}/"))


def each_page():
    return [(lang, slug) for lang in LANGUAGES for slug in ARTICLES]


def nav_files(entries) -> list[str]:
    """The files the navigation lists, in order."""
    found = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += nav_files(value) if isinstance(value, list) else [value]
    return found


def test_every_article_is_in_the_navigation_once():
    """The navigation is where readers find an article: each one listed once (`make new` adds it),
    the agents' page kept out of it, and no entry for a file that does not exist."""
    listed = nav_files(CONFIG["nav"])
    assert sorted(listed) == sorted(f"{article}.md" for article in ARTICLES)
    assert CONFIG["not_in_nav"].split() == [f"{page}.md" for page in NOT_ARTICLES]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_exactly_the_articles(site, lang):
    folder = language_dir(site, lang)
    built = {
        "index" if path.parent == folder else path.parent.name
        for path in folder.glob("*/index.html")
        if path.parent.name not in LANGUAGES and path.parent.name not in ("search", "assets", *NOT_ARTICLES)
    } | ({"index"} if (folder / "index.html").exists() else set())
    assert built == set(ARTICLES)
    for slug in ARTICLES:  # its own text, or the default language's with a notice that says so
        untranslated = read_page(site, lang, slug).find(class_="help-untranslated") is not None
        assert untranslated != written(lang, slug), f"docs/{lang}/{slug}.md"


@pytest.mark.parametrize("lang,slug", each_page())
def test_html_lang_is_the_page_language(site, lang, slug):
    assert read_page(site, lang, slug).html["lang"] == lang


@pytest.mark.parametrize("lang,slug", each_page())
def test_site_name_is_translated(site, lang, slug):
    expected = I18N_LANGUAGES[lang].get("site_name", CONFIG["site_name"])
    header = read_page(site, lang, slug).select_one(".md-header__topic .md-ellipsis")
    assert header.get_text(strip=True) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_navigation_sections_are_translated(site, lang):
    translations = I18N_LANGUAGES[lang].get("nav_translations", {})
    sections = {"Leaving", "Changing your plan", "Special accounts"}
    expected = {translations.get(name, name) for name in sections}
    page = read_page(site, lang, "cancel-account")
    labels = {label.get_text(" ", strip=True) for label in page.select("nav.md-nav--primary label.md-nav__link")}
    assert expected <= labels


@pytest.mark.parametrize("lang,slug", each_page())
def test_step_lists_are_in_the_page_language(site, lang, slug):
    page = read_page(site, lang, slug)
    for steps in page.select("ol.procedure"):
        procedure = DATA.procedures[steps["data-procedure"]]
        items = steps.find_all("li", recursive=False)
        assert len(items) == len(procedure)
        for item, step in zip(items, procedure):
            label_free = step.text[lang].split("{")[0].strip()
            assert item.get_text().startswith(label_free), (lang, slug, item.get_text())
            if step.text[lang] != step.text[DEFAULT_LANGUAGE]:  # not a text still pending (`it: ~`)
                assert step.text[DEFAULT_LANGUAGE].split("{")[0].strip() not in item.get_text()


@pytest.mark.parametrize("lang,slug", each_page())
def test_notes_are_in_the_page_language_and_name_their_plans(site, lang, slug):
    page = read_page(site, lang, slug)
    for box in page.select("div.plan-note"):
        note = DATA.notes[box["data-note"]]
        assert box.select_one(".admonition-title").get_text(strip=True) == DATA.message(lang, "note_title", note.kind)
        assert box.get_text().count(note.text[lang].split("{")[0].strip()) == 1
        if note.plans:
            assert box["data-plans"].split() == list(note.plans)
            scope = box.select_one(".plan-scope").get_text()
            assert scope.startswith(DATA.message(lang, "applies_to"))
            for plan in note.plans:
                assert DATA.plans[plan][lang] in scope


@pytest.mark.parametrize("lang,slug", each_page())
def test_labels_are_in_the_page_language(site, lang, slug):
    known = {text[lang] for text in DATA.labels.values()}
    for label in read_page(site, lang, slug).select(".ui-label"):
        assert label.get_text() in known


@pytest.mark.parametrize("lang,slug", each_page())
def test_language_switcher_leads_to_the_same_article(site, lang, slug):
    page = read_page(site, lang, slug)
    here = page_url(lang, slug)
    links = {link["hreflang"]: urljoin(here, link["href"]) for link in page.select(".md-select a[hreflang]")}
    assert links == {other: page_url(other, slug) for other in LANGUAGES}


@pytest.mark.parametrize("slug", ARTICLES)
def test_heading_ids_are_the_same_in_every_language(site, slug):
    ids = {
        lang: [heading.get("id") for heading in read_page(site, lang, slug).select("article h2, article h3")]
        for lang in LANGUAGES
    }
    assert all(ids[lang] == ids[DEFAULT_LANGUAGE] for lang in LANGUAGES), ids
    assert None not in ids[DEFAULT_LANGUAGE]


@pytest.mark.parametrize("lang,slug", each_page())
def test_headings_have_permalinks(site, lang, slug):
    for heading in read_page(site, lang, slug).select("article h2, article h3"):
        assert heading.select_one(f'a.headerlink[href="#{heading["id"]}"]'), heading


# Everything a browser fetches by itself from a page or a stylesheet.
FETCHED = "link[href], script[src], img[src], img[srcset], source[src], source[srcset], iframe[src], video[poster], audio[src], object[data], embed[src], form[action], [style]"
CSS_URL = re.compile(r"""url\(\s*['"]?(?P<url>[^'")]+)""")


def fetched_urls(element):
    for attribute in ("href", "src", "data", "poster", "action"):
        if element.get(attribute):
            yield element[attribute]
    for candidate in element.get("srcset", "").split(","):
        if candidate.strip():
            yield candidate.split()[0]
    yield from (match.group("url") for match in CSS_URL.finditer(element.get("style", "")))


def test_no_page_loads_anything_from_another_host(site):
    own_host = urlparse(SITE_URL).netloc
    pages = list(site.rglob("*.html"))
    assert len(pages) >= len(ARTICLES) * len(LANGUAGES)
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in page.select(FETCHED):
            for url in fetched_urls(element):
                host = urlparse(url).netloc
                assert host in ("", own_host), f"{path.relative_to(site)} loads {url}"
                if element.name == "link" and host:
                    # Only the canonical and alternate links may name the site's own URL.
                    assert set(element.get("rel", [])) & {"canonical", "alternate"}, f"{path}: {element}"
        for style in page.find_all("style"):
            for match in CSS_URL.finditer(style.get_text()):
                assert not urlparse(match.group("url")).netloc, f"{path.relative_to(site)} loads {match.group('url')}"


def test_no_stylesheet_loads_anything_from_another_host(site):
    stylesheets = list(site.rglob("*.css"))
    assert stylesheets
    for path in stylesheets:
        for match in CSS_URL.finditer(path.read_text(encoding="utf-8")):
            url = match.group("url")
            assert url.startswith("data:") or not urlparse(url).netloc, f"{path.relative_to(site)} loads {url}"

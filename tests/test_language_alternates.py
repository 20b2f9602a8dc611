"""The built site's language metadata: absolute reciprocal hreflang with x-default (head and
sitemap), a description per article, and untranslated pages that say so and defer to English."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
import yaml

from conftest import ARTICLES, DEFAULT_LANGUAGE, LANGUAGES, ROOT, TRANSLATIONS, build_site, copy_project, read_page, written
from helpcentre.data import load_data
from test_site import SITE_URL, each_page, page_url

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
DATA = load_data(ROOT / "data", LANGUAGES)
PRODUCT = DATA.product_name


def front_matter(lang: str, slug: str) -> dict:
    """The page's front matter: its own, or the default language's it shows until translated."""
    text = (ROOT / "docs" / (lang if written(lang, slug) else DEFAULT_LANGUAGE) / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def head_alternates(soup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.head.find_all("link", rel="alternate", hreflang=True)}


def expected_alternates(slug: str) -> dict[str, str]:
    """Every language the article is written in, and x-default: the default language's."""
    return {**{lang: page_url(lang, slug) for lang in LANGUAGES if written(lang, slug)},
            "x-default": page_url(DEFAULT_LANGUAGE, slug)}


def canonical(lang: str, slug: str) -> str:
    """A page's own URL; the default language's for a page not translated yet."""
    return page_url(lang if written(lang, slug) else DEFAULT_LANGUAGE, slug)


@pytest.mark.parametrize("lang,slug", each_page())
def test_head_has_absolute_reciprocal_alternates_and_canonical(site, lang, slug):
    soup = read_page(site, lang, slug)
    assert head_alternates(soup) == expected_alternates(slug)
    assert soup.head.find("link", rel="canonical")["href"] == canonical(lang, slug)
    description = soup.head.find("meta", attrs={"name": "description"})["content"]
    assert description == front_matter(lang, slug)["description"].replace("{product}", PRODUCT)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_descriptions_differ_per_article(site, lang):
    descriptions = [read_page(site, lang, slug).head.find("meta", attrs={"name": "description"})["content"]
                    for slug in list(ARTICLES)]
    assert len(set(descriptions)) == len(descriptions)


def sitemaps(site) -> dict[str, ElementTree.Element]:
    """sitemap.xml is an index of one sitemap per language: {file name: its root element}."""
    index = ElementTree.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{{{SITEMAP['s']}}}sitemapindex"
    names = [loc.text.removeprefix(SITE_URL) for loc in index.findall("s:sitemap/s:loc", SITEMAP)]
    return {name: ElementTree.parse(site / name).getroot() for name in names}


def sitemap_entries(site) -> dict[str, dict[str, str]]:
    """Every page the sitemaps list, with its alternates; a page is listed once."""
    entries = {}
    for root in sitemaps(site).values():
        for url in root.findall("s:url", SITEMAP):
            loc = url.findtext("s:loc", namespaces=SITEMAP)
            assert loc not in entries
            entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)}
    return entries


def test_each_language_has_its_own_sitemap_in_the_index(site):
    found = sitemaps(site)
    assert sorted(found) == sorted(f"sitemap-{lang}.xml" for lang in LANGUAGES)
    for lang in LANGUAGES:
        locs = [url.findtext("s:loc", namespaces=SITEMAP) for url in found[f"sitemap-{lang}.xml"].findall("s:url", SITEMAP)]
        assert sorted(locs) == sorted(page_url(lang, slug) for page_lang, slug in each_page()
                                      if page_lang == lang and written(lang, slug))


def test_sitemap_lists_every_page_with_all_alternates_and_x_default(site):
    entries = sitemap_entries(site)
    assert set(entries) == {page_url(lang, slug) for lang, slug in each_page() if written(lang, slug)}
    for lang, slug in each_page():
        if written(lang, slug):
            assert entries[page_url(lang, slug)] == expected_alternates(slug)
    assert all(href.startswith(SITE_URL) for links in entries.values() for href in links.values())


@pytest.fixture(scope="module")
def site_missing_a_translation(tmp_path_factory):
    """The site with the trial-accounts article written in the default language only."""
    project = copy_project(tmp_path_factory.mktemp("untranslated") / "project")
    for lang in TRANSLATIONS:
        (project / "docs" / lang / "trial-accounts.md").unlink(missing_ok=True)
    site = project / "built"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_untranslated_page_says_so_and_defers_to_english(site_missing_a_translation, lang):
    soup = read_page(site_missing_a_translation, lang, "trial-accounts")
    assert soup.html["lang"] == lang
    notice = soup.find(class_="help-untranslated")
    # In the reader's language (data/messages.yml), a language whose data is not translated yet too.
    assert notice and notice.get_text(strip=True) == DATA.message(lang, "untranslated_notice")
    assert notice.find_parent(attrs={"lang": DEFAULT_LANGUAGE}) is None
    body = notice.find_next_sibling(attrs={"lang": DEFAULT_LANGUAGE})
    assert body and body.find("h1").get_text(strip=True).startswith("Trial")
    assert soup.head.find("link", rel="canonical")["href"] == page_url(DEFAULT_LANGUAGE, "trial-accounts")
    # Only real translations are offered as alternates.
    assert head_alternates(soup) == {DEFAULT_LANGUAGE: page_url(DEFAULT_LANGUAGE, "trial-accounts"),
                                     "x-default": page_url(DEFAULT_LANGUAGE, "trial-accounts")}


@pytest.mark.parametrize("lang", [lang for lang in TRANSLATIONS if written(lang, "pause-billing")])
def test_translated_page_has_no_notice(site_missing_a_translation, lang):
    soup = read_page(site_missing_a_translation, lang, "pause-billing")
    assert soup.find(class_="help-untranslated") is None
    assert not soup.find("article").find_parent(attrs={"lang": DEFAULT_LANGUAGE})


def test_sitemap_leaves_out_untranslated_copies(site_missing_a_translation):
    locs = set(sitemap_entries(site_missing_a_translation))
    assert page_url(DEFAULT_LANGUAGE, "trial-accounts") in locs
    assert not {page_url(lang, "trial-accounts") for lang in TRANSLATIONS} & locs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_descriptions_get_the_product_name_from_data(site, lang):
    assert "{product}" in front_matter(lang, "pause-billing")["description"]
    description = read_page(site, lang, "pause-billing").head.find("meta", attrs={"name": "description"})["content"]
    assert PRODUCT in description and "{" not in description

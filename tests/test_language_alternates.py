"""The built site's language metadata: absolute reciprocal hreflang with x-default (head and
sitemap), a description per article, and untranslated pages that say so and defer to English."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
import yaml

from conftest import ARTICLES, LANGUAGES, ROOT, build_site, copy_project, read_page
from helpcentre.data import load_data
from test_site import SITE_URL, each_page, page_url

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
PRODUCT = load_data(ROOT / "data", LANGUAGES).product_name
NOTICE = {"it": "non è ancora disponibile in italiano", "fr": "pas encore disponible en français"}


def front_matter(lang: str, slug: str) -> dict:
    text = (ROOT / "docs" / lang / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def head_alternates(soup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.head.find_all("link", rel="alternate", hreflang=True)}


def expected_alternates(slug: str) -> dict[str, str]:
    return {**{lang: page_url(lang, slug) for lang in LANGUAGES}, "x-default": page_url("en", slug)}


@pytest.mark.parametrize("lang,slug", each_page())
def test_head_has_absolute_reciprocal_alternates_and_canonical(site, lang, slug):
    soup = read_page(site, lang, slug)
    assert head_alternates(soup) == expected_alternates(slug)
    assert soup.head.find("link", rel="canonical")["href"] == page_url(lang, slug)
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
        assert sorted(locs) == sorted(page_url(lang, slug) for page_lang, slug in each_page() if page_lang == lang)


def test_sitemap_lists_every_page_with_all_alternates_and_x_default(site):
    entries = sitemap_entries(site)
    assert set(entries) == {page_url(lang, slug) for lang, slug in each_page()}
    for lang, slug in each_page():
        assert entries[page_url(lang, slug)] == expected_alternates(slug)
    assert all(href.startswith(SITE_URL) for links in entries.values() for href in links.values())


@pytest.fixture(scope="module")
def site_missing_a_translation(tmp_path_factory):
    """The site with the Italian and French trial-accounts articles not written yet."""
    project = copy_project(tmp_path_factory.mktemp("untranslated") / "project")
    for lang in ("it", "fr"):
        (project / "docs" / lang / "trial-accounts.md").unlink()
    site = project / "built"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("lang", ["it", "fr"])
def test_untranslated_page_says_so_and_defers_to_english(site_missing_a_translation, lang):
    soup = read_page(site_missing_a_translation, lang, "trial-accounts")
    assert soup.html["lang"] == lang
    notice = soup.find(class_="help-untranslated")
    assert notice and NOTICE[lang] in notice.get_text()
    assert notice.find_parent(attrs={"lang": "en"}) is None
    body = notice.find_next_sibling(attrs={"lang": "en"})
    assert body and body.find("h1").get_text(strip=True).startswith("Trial")
    assert soup.head.find("link", rel="canonical")["href"] == page_url("en", "trial-accounts")
    # Only real translations are offered as alternates.
    assert head_alternates(soup) == {"en": page_url("en", "trial-accounts"),
                                     "x-default": page_url("en", "trial-accounts")}


def test_translated_page_has_no_notice(site_missing_a_translation):
    soup = read_page(site_missing_a_translation, "it", "pause-billing")
    assert soup.find(class_="help-untranslated") is None
    assert not soup.find("article").find_parent(attrs={"lang": "en"})


def test_sitemap_leaves_out_untranslated_copies(site_missing_a_translation):
    locs = set(sitemap_entries(site_missing_a_translation))
    assert page_url("en", "trial-accounts") in locs
    assert page_url("it", "trial-accounts") not in locs and page_url("fr", "trial-accounts") not in locs


def test_descriptions_get_the_product_name_from_data(site):
    assert "{product}" in front_matter("it", "pause-billing")["description"]
    description = read_page(site, "it", "pause-billing").head.find("meta", attrs={"name": "description"})["content"]
    assert PRODUCT in description and "{" not in description

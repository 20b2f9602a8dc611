"""The core's pure functions, without MkDocs: the site's basic facts, the per-language search
index and sitemap, the link index's parts and union, the union of the languages' folders."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helpcentre import links, llms, search_index, sitemap, sources
from helpcentre.build import failure_report, union
from helpcentre.language_process import Problem
from helpcentre.macro_calls import quoted_ids
from helpcentre.site import Site, SiteError, load_site

SITE = Site(root=Path("/project"), languages=("en", "it", "fr"), names={"en": "English", "it": "Italiano",
                                                                       "fr": "Français"},
            site_url="https://help.example/")


# --- The site's basic facts ----------------------------------------------------------------


@pytest.mark.parametrize("lang, article, path", [
    ("en", "index", ""), ("it", "index", "it/"), ("en", "cancel", "cancel/"), ("fr", "cancel", "fr/cancel/"),
    ("it", "guides/index", "it/guides/"), ("en", "guides/close", "guides/close/"),
])
def test_page_path(lang, article, path):
    assert SITE.page_path(lang, article) == path
    assert SITE.url(lang, article) == "https://help.example/" + path


@pytest.mark.parametrize("src_uri, article", [
    ("it/cancel-account.md", "cancel-account"), ("cancel-account.md", "cancel-account"),
    ("en/guides/close.md", "guides/close"), ("fr/index.md", "index"),
])
def test_article_id(src_uri, article):
    assert SITE.article_id(src_uri) == article


def test_prefix_and_languages():
    assert (SITE.default, SITE.translations) == ("en", ("it", "fr"))
    assert [SITE.prefix(lang) for lang in SITE.languages] == ["", "it/", "fr/"]


def test_source_of_a_translation(tmp_path):
    site = Site(root=tmp_path, languages=("en", "it"))
    assert site.source_of(tmp_path / "docs" / "it" / "a" / "b.md") == tmp_path / "docs" / "en" / "a" / "b.md"
    assert site.language_of(tmp_path / "docs" / "it" / "x.md") == "it"
    assert site.language_of(tmp_path / "elsewhere.md") is None
    with pytest.raises(SiteError):
        site.source_of(tmp_path / "elsewhere.md")


def test_languages_come_from_mkdocs_yml_default_first(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: https://x.example/\nplugins:\n  - search\n  - i18n:\n      languages:\n"
        "        - {locale: it, name: Italiano}\n        - {locale: en, name: English, default: true}\n"
        "        - locale: de\n          name: !ENV [GERMAN_NAME, Deutsch]\n", encoding="utf-8")
    site = load_site(tmp_path)
    assert site.languages == ("en", "it", "de") and site.names["de"] == "Deutsch"
    assert site.site_url == "https://x.example/"


@pytest.mark.parametrize("text, message", [
    ("plugins: [search]\n", "expected the i18n plugin"),
    ("plugins:\n  - i18n:\n      languages:\n        - {locale: en}\n        - {locale: it}\n", "found 0"),
    ("plugins: [\n", "cannot be read"),
])
def test_a_mkdocs_yml_without_languages_says_what_is_missing(tmp_path, text, message):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(SiteError, match=message):
        load_site(tmp_path)


# --- One search index per language -------------------------------------------------------


MATERIAL = {"config": {"lang": ["en"], "separator": "[\\s]+"}, "docs": [
    {"location": "it/cancel/", "title": "Annullare", "text": "…"},
    {"location": "it/cancel/#steps", "title": "Passi", "text": "…"},
    {"location": "it/trial/", "title": "Trial", "text": "English text: not translated yet"},
]}


def test_a_language_index_is_every_page_its_readers_see_with_their_words_and_the_defaults():
    """Issue 27: the page still shown in English is in the Italian index too (its readers search for
    it), and each article has the English customers' words below the Italian ones."""
    index = search_index.language_index(MATERIAL, "it", "it/", words={"cancel/": "disdire, chiudere"},
                                        ignored=["acme"], source_words={"cancel/": "cancel, close"})
    assert index["config"]["lang"] == ["it"] and index["config"][search_index.IGNORED] == ["acme"]
    assert index["config"][search_index.FOLDING]["articles"][-1] == "ال"
    assert [doc["location"] for doc in index["docs"]] == ["cancel/", "cancel/#steps", "trial/"]
    page, section, english = index["docs"]
    assert page[search_index.FIELD] == "disdire, chiudere" and search_index.FIELD not in section
    assert page[search_index.SOURCE_FIELD] == "cancel, close" and search_index.SOURCE_FIELD not in section
    assert english["text"] == "English text: not translated yet"


# --- Sitemaps ------------------------------------------------------------------------------


def test_language_page_lists_real_translations_and_every_language_for_the_switcher(tmp_path):
    site = Site(root=tmp_path, languages=("en", "it", "fr"), site_url="https://help.example/")
    for lang in ("en", "it"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "cancel.md").write_text("x", encoding="utf-8")
    page = sitemap.language_page(site, "fr", "cancel", fallback=True)
    assert page.canonical == "https://help.example/cancel/"
    assert dict(page.alternates) == {"en": "https://help.example/cancel/", "it": "https://help.example/it/cancel/",
                                     "x-default": "https://help.example/cancel/"}
    assert dict(page.links) == {"en": "cancel/", "it": "it/cancel/", "fr": "fr/cancel/"}


def test_a_language_sitemap_leaves_out_fallbacks_and_noindex_pages():
    pages = [sitemap.LanguagePage("it", "cancel", False, "https://h/it/cancel/", (("it", "https://h/it/cancel/"),), ()),
             sitemap.LanguagePage("it", "trial", True, "https://h/trial/", (), ()),
             sitemap.LanguagePage("it", "agents", False, "https://h/it/agents/", (), (), indexed=False)]
    root = ElementTree.fromstring(sitemap.urlset_xml(pages))
    assert [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == ["https://h/it/cancel/"]


def test_the_sitemap_index_lists_every_language():
    root = ElementTree.fromstring(sitemap.index_xml(SITE))
    assert [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == [
        f"https://help.example/sitemap-{lang}.xml" for lang in SITE.languages]


# --- The link index: one part per language, and their union -------------------------------


def part(lang: str, sections: list[str]) -> dict:
    page = links.PageLinks(f"Cancel ({lang})", SITE.page_path(lang, "cancel"), [links.Section(s, s) for s in sections])
    return links.link_index(SITE.site_url, (lang,), {"cancel": {lang: page}})


def test_the_union_of_the_parts_is_the_whole_index(tmp_path):
    for lang in SITE.languages:
        assert not links.write_union(tmp_path, SITE)  # not before every part is there
        (tmp_path / links.part_name(lang)).write_text(links.index_json(part(lang, ["steps"])), encoding="utf-8")
    assert links.write_union(tmp_path, SITE)
    index = json.loads((tmp_path / links.INDEX_JSON).read_text(encoding="utf-8"))
    assert index["languages"] == list(SITE.languages)
    assert list(index["articles"][0]["languages"]) == ["en", "it", "fr"]
    assert (tmp_path / links.INDEX_CSV).read_text(encoding="utf-8").count("#steps") == 3


@pytest.mark.parametrize("entry, lang", [("/cancel/", "en"), ("/", "en"), ("/it/", "it"), ("/fr/cancel/#steps", "fr"),
                                         ("/italy-trip/", "en")])
def test_entry_language(entry, lang):
    assert links.entry_language(SITE, entry) == lang


def test_a_language_checks_its_own_links_with_the_english_ids_from_the_source():
    problems = links.broken_links(["/it/cancel/#steps"], part("it", ["passi"]), links.Redirects({}, {}), SITE,
                                  heading_line=lambda lang, article, heading_id: 12,
                                  english_sections=lambda article: ["steps"])
    assert problems == [
        "docs/it/cancel.md:12: the heading { #passi } has another id than in docs/en/cancel.md ({ #steps }); "
        "write { #steps } there: a heading id is the same in every language, and the published link "
        "/it/cancel/#steps needs it"]


# --- The article files a language's build reads -----------------------------------------------


def test_a_language_reads_its_own_files_and_the_english_it_falls_back_to(tmp_path):
    site = Site(root=tmp_path, languages=("en", "it", "fr"))
    for lang, names in {"en": ["a", "b"], "it": ["a"], "fr": ["b"], "xx": ["a"]}.items():
        (tmp_path / "docs" / lang).mkdir(parents=True)
        for name in names:
            (tmp_path / "docs" / lang / f"{name}.md").write_text("x", encoding="utf-8")
    read = [path.relative_to(tmp_path / "docs").as_posix() for path in sources.built_here(site, "it")]
    assert read == ["it/a.md", "en/b.md"]
    assert sources.outside_languages(site) == [
        "docs/xx/a.md:1: 'xx' is not a language of this site (en, it, fr); "
        "put the article under docs/<language>/ or add the language to mkdocs.yml"]


def test_heading_ids_skip_code_blocks(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# T\n\n## One { #one }\n\n```\n## Not { #code }\n```\n### Two { #two }\n#### Deep { #deep }\n",
                       encoding="utf-8")
    assert sources.heading_ids(article) == [("one", 3), ("two", 8)]


# --- The parallel build: the union of the folders, and what failed --------------------------


def test_the_union_lays_the_languages_together_and_writes_the_link_index(tmp_path):
    outputs = {}
    for lang in SITE.languages:
        out = outputs[lang] = tmp_path / lang
        (out / SITE.prefix(lang) / "cancel").mkdir(parents=True)
        (out / SITE.prefix(lang) / "cancel" / "index.html").write_text(lang, encoding="utf-8")
        (out / "assets").mkdir()
        (out / "assets" / "help.css").write_text("same in every build", encoding="utf-8")
        (out / links.part_name(lang)).write_text(links.index_json(part(lang, [])), encoding="utf-8")
        (out / llms.part_name(lang)).write_text(f"# Help\n\nintro\n\n## {lang}\n\n- [x](x/index.md)\n",
                                                encoding="utf-8")
    union(outputs, SITE, tmp_path / "site")
    built = tmp_path / "site"
    assert (built / "cancel" / "index.html").read_text() == "en"
    assert (built / "fr" / "cancel" / "index.html").read_text() == "fr"
    assert (built / "assets" / "help.css").is_file() and (built / links.INDEX_JSON).is_file()
    assert [line for line in (built / llms.UNION).read_text().splitlines() if line.startswith("## ")] == \
        [f"## {lang}" for lang in SITE.languages]


def test_a_failure_is_reported_once_for_every_language_it_stopped():
    data = (Problem("ERROR", "data/notes.yml:3: pause.plan: unknown key 'plan'"),)
    report = failure_report({"en": data, "it": data, "fr": (Problem("ERROR", "docs/fr/x.md:2: broken"),)})
    assert report.count("unknown key 'plan'") == 1
    assert "languages 'en', 'it' failed to build" in report and "language 'fr' failed to build" in report


def test_quoted_ids_reads_a_sections_calls_even_when_its_block_closes_later():
    section = ("## Steps { #steps }\n{% call plan_section('trial', \"monthly\") %}\n"
               "{{ procedure('cancel_account') }} with {{ label('billing_page') }}, {{ product() }}\n")
    assert quoted_ids(section) == [("plan_section", "trial"), ("plan_section", "monthly"),
                                   ("procedure", "cancel_account"), ("label", "billing_page")]

"""The built site: one search index per language with its stemmer, and a 404 page per language."""

from __future__ import annotations

import json

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, SITE, language_dir, read_page, written
from helpcentre.data import load_data
from helpcentre.search_language import LUNR_FILE, theme_folders

DATA = load_data(ROOT / "data", LANGUAGES)


def title(lang: str, slug: str) -> str:
    return yaml.safe_load(SITE.source(lang, slug).read_text(encoding="utf-8").split("---")[1])["title"]


def search_index(site, lang):
    return json.loads((language_dir(site, lang) / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_index_with_its_stemmer(site, lang):
    index = search_index(site, lang)
    if lang == "en" or any((folder / LUNR_FILE.format(lang)).is_file() for folder in theme_folders()):
        assert index["config"]["lang"] == [lang]
    else:  # no stemmer in Material: plain words (tests/test_new_language.py)
        assert (index["config"]["lang"], index["config"]["pipeline"]) == (["en"], [])
    # Every entry is an article of this language: its location, relative to the language
    # root, opens a page whose <html lang> is this language.
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert ("pause-billing/" in pages) == written(lang, "pause-billing")
    for location in pages:
        slug = location.strip("/") or "index"
        assert read_page(site, lang, slug).html["lang"] == lang, location


def test_indexes_do_not_share_titles(site):
    titles = {lang: {doc["title"] for doc in search_index(site, lang)["docs"] if "#" not in doc["location"]}
              for lang in LANGUAGES}
    for lang in LANGUAGES:
        own = title(lang, "pause-billing") if written(lang, "pause-billing") else None
        others = set().union(*(titles[other] for other in LANGUAGES if other != lang))
        assert own is None or (own in titles[lang] and own not in others), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_point_material_at_their_language_root(site, lang):
    for slug in ("index", "pause-billing"):
        config = json.loads(read_page(site, lang, slug).find("script", id="__config").string)
        depth = 0 if slug == "index" else 1
        folder = language_dir(site, lang) / ("" if slug == "index" else slug)
        # Material fetches <base>/search/search_index.json: base must be this language's root.
        assert (folder / config["base"]).resolve() == language_dir(site, lang).resolve(), (slug, depth)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_is_in_the_language_of_its_folder(site, lang):
    page = BeautifulSoup((language_dir(site, lang) / "404.html").read_text(encoding="utf-8"), "html.parser")
    home = "/" if lang == DEFAULT_LANGUAGE else f"/{lang}/"
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == DATA.message(lang, "not_found", "title")
    form = page.find("form", role="search")
    assert form["action"] == home and form.find("input", attrs={"name": "q"})
    assert page.find("article").find("a", href=home)

"""One search index per language, so a reader searches only articles in the language they read.

mkdocs-static-i18n merges every language into site/search/search_index.json. After its last
build, this hook splits that index into <lang>/search/search_index.json (the default language
keeps search/search_index.json), each configured with its own lunr stemmer, and points each
page's Material config (`base`, which Material resolves the index against) at its language root.

Each page's (and not-found page's) Material config also names our search worker, which adds
accent folding, stemmed query words and typo tolerance to Material's
(overrides/assets/javascripts/workers/help-search.js), and Material's "nothing found" line
in our words (search_none.title in data/messages.yml).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, site_data, site_languages  # noqa: E402
from macros.material_seams import Seam  # noqa: E402

MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
CONFIG_SEAM = Seam("hooks/search_per_language.py", "base.html (block 'config')",
                   'the page\'s config <script id="__config" type="application/json"> with "base", "search" '
                   'and "translations": {"search.result.none"}')
INDEX = Path("search") / "search_index.json"
OUR_WORKER = "help-search.js"


def language_prefix(lang: str, config) -> str:
    """The folder a language's pages live in, '' for the default language."""
    return "" if lang == site_languages(config)[0] else f"{lang}/"


def on_post_page(output, page, config):
    return with_search_config(output, config, f"the page of docs/{page.file.src_uri}")


def on_post_template(output, template_name, config):
    # The not-found page too (before hooks/not_found_per_language.py saves each language's copy).
    return with_search_config(output, config, "the theme's 404.html") if template_name == "404.html" else output


def with_search_config(output: str, config, where: str) -> str:
    lang = page_language(config)
    nothing_found = site_data(config).message(lang, "search_none", "title")
    return rebased_search(output, language_prefix(lang, config), nothing_found, where)


def rebased_search(output: str, prefix: str, nothing_found: str, where: str) -> str:
    """The page with Material's config pointing at the language's index (`base` + prefix) and our
    worker, and Material's "nothing found" line in our plain words (overrides/partials/search-none.html
    follows it). Material must write that config once, with those keys, or the build stops."""

    def rebase(match: re.Match) -> str:
        app = json.loads(match.group(2))
        translations = app.get("translations")
        if not {"base", "search"} <= app.keys() or not isinstance(translations, dict) \
                or "search.result.none" not in translations:
            raise CONFIG_SEAM.failure(f"has the keys {sorted(app)}", where)
        if prefix:
            app["base"] = f"{app['base'].rstrip('/')}/{prefix}"
        app["search"] = search_worker(app["search"])
        translations["search.result.none"] = nothing_found
        return match.group(1) + json.dumps(app, ensure_ascii=False) + match.group(3)

    return CONFIG_SEAM.sub(MATERIAL_CONFIG, rebase, output, where=where)


def search_worker(material_worker: str) -> str:
    """Our worker (overrides/assets/javascripts/workers/help-search.js: accents, stems, typos),
    next to Material's, which it loads: its file name, with Material's hash, goes in ?material=."""
    folder, _, name = material_worker.rpartition("/")
    return f"{folder}/{OUR_WORKER}?{urlencode({'material': name})}"


def split_index(merged: dict, languages: tuple[str, ...]) -> dict[str, dict]:
    """{lang: index} from the merged index; locations become relative to the language root."""
    default, others = languages[0], languages[1:]
    indexes = {lang: {"config": {**merged["config"], "lang": [lang]}, "docs": []} for lang in languages}
    for doc in merged["docs"]:
        lang = next((code for code in others if doc["location"].startswith(f"{code}/")), default)
        location = doc["location"][len(lang) + 1:] if lang != default else doc["location"]
        indexes[lang]["docs"].append({**doc, "location": location})
    return indexes


# After mkdocs-static-i18n's own post-build (priority -100), which builds the other
# languages and writes the merged index; inside those nested builds `building` is True.
@event_priority(-110)
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    site = Path(config["site_dir"])
    merged = json.loads((site / INDEX).read_text(encoding="utf-8"))
    for lang, index in split_index(merged, site_languages(config)).items():
        target = site / language_prefix(lang, config) / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

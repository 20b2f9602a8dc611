"""One search index per language, so a reader searches only articles in the language they read.

mkdocs-static-i18n merges every language into site/search/search_index.json. After its last
build, this hook splits that index into <lang>/search/search_index.json (the default language
keeps search/search_index.json), each configured with its own lunr stemmer, and points each
page's Material config (`base`, which Material resolves the index against) at its language root.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, site_languages  # noqa: E402

MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
INDEX = Path("search") / "search_index.json"


def language_prefix(lang: str, config) -> str:
    """The folder a language's pages live in, '' for the default language."""
    return "" if lang == site_languages(config)[0] else f"{lang}/"


def on_post_page(output, page, config):
    prefix = language_prefix(page_language(config), config)
    if not prefix:
        return output

    def rebase(match: re.Match) -> str:
        app = json.loads(match.group(2))
        app["base"] = f"{app['base'].rstrip('/')}/{prefix}"
        return match.group(1) + json.dumps(app, ensure_ascii=False) + match.group(3)

    return MATERIAL_CONFIG.sub(rebase, output, count=1)


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

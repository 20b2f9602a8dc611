"""Each page's Material configuration (the `__config` JSON in its <head>) pointed at its language's
search index and at our search worker, with Material's "nothing found" line and its count of results in our words.

Our worker (assets/javascripts/workers/help-search.js in our theme) adds accent folding, stemmed
query words and typo tolerance to Material's, which it loads (search_worker.py says what it
relies on in Material's); search-none.js follows the "nothing found" line with what we offer.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from jinja2.utils import htmlsafe_json_dumps

from .seams import Seam

MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
CONFIG_SEAM = Seam("helpcentre/material/search_config.py", "base.html (block 'config')",
                   'the page\'s config <script id="__config" type="application/json"> with "base", "search" '
                   'and "translations": {"search.result.none"}')
OUR_WORKER = "help-search.js"


def rebased_search(output: str, prefix: str, nothing_found: str, where: str,
                   found: dict[str, str] | None = None) -> str:
    """The page with Material's config pointing at the language's index (`base` + prefix) and our
    worker, and Material's "nothing found" line in our plain words; `found`, Material's count of
    results in ours (helpcentre/search_found.py). Material must write that config once, with
    those keys, or the build stops."""

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
        if found and not found.keys() <= translations.keys():
            raise CONFIG_SEAM.failure(f"has no {sorted(found.keys() - translations.keys())} in its translations", where)
        translations.update(found or {})
        # Inside <script>: "<" and ">" written as \u003c and \u003e, so that a text from data/
        # ("nothing found" above) cannot close the element and start markup of its own.
        return match.group(1) + str(htmlsafe_json_dumps(app, ensure_ascii=False)) + match.group(3)

    return CONFIG_SEAM.sub(MATERIAL_CONFIG, rebase, output, where=where)


def search_worker(material_worker: str) -> str:
    """Our worker, next to Material's, which it loads: its file name, with Material's hash, goes
    in ?material=."""
    folder, _, name = material_worker.rpartition("/")
    return f"{folder}/{OUR_WORKER}?{urlencode({'material': name})}"

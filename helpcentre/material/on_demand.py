"""What our theme's assets/javascripts/material-on-demand.js needs to know of Material's script,
read from Material itself, and a failed build when Material no longer works as the loader assumes.

The loader fetches Material's bundle when the reader first reaches for the page rather than on
every page view (README: "How it got there"). It relies on these, each checked here once per
build against the installed Material:
- the bundle is the script that Material's `scripts` block (base.html) loads; templates get its
  path (its name carries a hash that changes with every release);
- the bundle starts when its `document$` (exported as window.document$) sees the document, which
  it takes from DOMContentLoaded, once; a bundle fetched after that is handed the document
  through document$, as Material's own instant navigation does;
- the bundle swaps the no-js class of <html> (base.html) for js; the loader does it up front, so
  that the search button Material's CSS hides without JavaScript is there to be tapped;
- Material's keyboard shortcuts outside the search are single keys in two handlers (search:
  f s /, previous and next page: p , n .); templates get them, read from the bundle, and the
  loader passes on the first one if that is what fetched the bundle;
- the header's search button (label for="__search", partials/header.html) and the search field
  (input.md-search__input, partials/search.html), which the loader focuses on a phone's tap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .seams import Seam, named_in_block, theme_file

OURS = "helpcentre/material/on_demand.py"
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
# Minified, as Material ships it: watchDocument() and the export of its subject.
STARTS_ON_PARSED = re.compile(r'"DOMContentLoaded",\{once:!0\}\)\.subscribe\(\(\)=>[\w$]+\.next\(document\)\)')
EXPORTS_DOCUMENT = "window.document$="
SWAPS_NO_JS = 'classList.remove("no-js");document.documentElement.classList.add("js")'
# keyboard$.pipe(filter(({mode}) => mode === "global")).subscribe(key => { switch (key.type) { case "p": … } })
GLOBAL_KEYS = re.compile(r'==="global"\)\)\.subscribe\((?P<key>[\w$]+)=>\{switch\((?P=key)\.type\)\{(?P<cases>[^}]*)\}\}\)')
GLOBAL_HANDLERS = 2  # the search's (f s /) and the previous/next page's (p , n .)
CASE = re.compile(r'case"(?P<key>[^"]+)":')
TEMPLATE_MARKUP = (
    ("base.html", '<html lang="{{ lang.t(\'language\') }}" class="no-js">', "the <html> element with class no-js"),
    ("partials/header.html", '<label class="md-header__button md-icon" for="__search">', "the header's search button"),
    ("partials/search.html", '<input type="text" class="md-search__input"', "the search field"),
)


def shortcut_keys(bundle: str, where: str = "") -> list[str]:
    """Material's single-key shortcuts outside the search, from its minified bundle, in order.
    Enter is left out: Material clicks the focused navigation label with it, and before Material
    is here nothing can have been focused without a key or tap that fetched it."""
    handlers = GLOBAL_KEYS.findall(bundle)
    Seam(OURS, where or "bundle", f"the keyboard handlers outside the search "
                                  f"(mode === \"global\": switch (key.type) {{ case …}})").expect(
        bundle, GLOBAL_KEYS, count=GLOBAL_HANDLERS)
    return [key for _, cases in handlers for key in CASE.findall(cases) if len(key) == 1]


def check_bundle(bundle: str, where: str) -> None:
    """Fail unless the bundle starts as the loader assumes (see the module's docstring)."""
    Seam(OURS, where, "the start on DOMContentLoaded (watchDocument)").expect(bundle, STARTS_ON_PARSED)
    Seam(OURS, where, "the export of document$ (window.document$=)").expect(bundle, EXPORTS_DOCUMENT)
    Seam(OURS, where, "the swap of no-js for js on <html>").expect(bundle, SWAPS_NO_JS)


@dataclass(frozen=True)
class Bundle:
    """Material's script, as the on-demand loader needs to know it."""
    path: str       # assets/javascripts/bundle.<hash>.min.js
    shortcuts: str  # its single-key shortcuts outside the search, space-separated


def checked_bundle(env, files) -> Bundle:
    """Material's bundle, checked against everything the loader assumes of it (see above), and the
    templates as the pages will have them (ours, where we override one)."""
    path = named_in_block("base.html", "scripts", BUNDLE, OURS, "the bundle's <script>")
    bundle = theme_file(files, path, OURS, "Material's bundle")
    check_bundle(bundle, path)
    for template, markup, what in TEMPLATE_MARKUP:
        Seam(OURS, template, what).expect(env.loader.get_source(env, template)[0], markup)
    return Bundle(path, " ".join(shortcut_keys(bundle, path)))

"""Small fixes to Material's markup so every page passes axe-core and the Nu Html Checker.

- The search overlay is a role="dialog" without a name (axe: aria-dialog-name): name it.
- The drawer/search toggles are checkboxes with autocomplete="off", which HTML does not allow
  on checkboxes (Nu: "attribute autocomplete not allowed").
- Section labels in the navigation get tabindex="" (Nu: not a valid integer): drop it.

The first two edit markup Material writes once per page: each must find it exactly as often
as Material writes it, or the build stops and says what changed (seams.py). An empty tabindex
is never valid HTML and how many there are depends on the navigation, so it is dropped wherever
it is.
"""

from __future__ import annotations

import re
from html import escape

from .seams import Seam

OURS = "helpcentre/material/conformance.py"
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
DIALOG = Seam(OURS, "partials/search.html", f"the search dialog {SEARCH_DIALOG}")
TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
TOGGLES = Seam(OURS, "base.html", 'the drawer and search toggles <input class="md-toggle" … '
                                  'type="checkbox" … autocomplete="off">')
EMPTY_TABINDEX = re.compile(r'(<[a-z][^>]*?) tabindex=""')


def conform(html: str, label: str, where: str) -> str:
    """The page with the fixes above; `label` names the search dialog."""
    html = DIALOG.replace(html, SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{escape(label)}">', where=where)
    html = TOGGLES.sub(TOGGLE_AUTOCOMPLETE, r"\1", html, count=2, where=where)
    return EMPTY_TABINDEX.sub(r"\1", html)

"""Small fixes to Material's markup so every page passes axe-core and the Nu Html Checker.

- The search overlay is a role="dialog" without a name (axe: aria-dialog-name): name it.
- The drawer/search toggles are checkboxes with autocomplete="off", which HTML does not allow
  on checkboxes (Nu: "attribute autocomplete not allowed").
- Section labels in the navigation get tabindex="" (Nu: not a valid integer): drop it.
"""

from __future__ import annotations

import re
from html import escape


from helpcentre import building

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^>]*?) tabindex=""')
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def conform(html: str, config) -> str:
    label = escape(building.data(config).message(building.language(config), "search_label"))
    html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">')
    html = EMPTY_TABINDEX.sub(r"\1", html)
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


def on_post_page(output, page, config):
    return conform(output, config)


def on_post_template(output, template_name, config):
    return conform(output, config) if template_name.endswith(".html") else output

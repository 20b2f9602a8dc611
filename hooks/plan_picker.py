"""Put the plan chooser at the top of every article that has plan-limited content
(`data-plans`), so writers cannot forget it; plans.js brings it to life.

It goes into the finished page (on_post_page), after the search plugin has read the
content, so the chooser's wording does not turn up in search results."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from mkdocs.exceptions import PluginError  # noqa: E402

from macros import page_language, render, site_data  # noqa: E402

PLAN_LIMITED = 'data-plans="'
TITLE_END = "</h1>"


def on_post_page(output, page, config):
    if PLAN_LIMITED not in (page.content or ""):
        return output
    picker = render.plan_picker_html(site_data(config), page_language(config))
    # Right under the article's title (the theme's header has no <h1>).
    at = output.find(TITLE_END)
    if at == -1:
        raise PluginError(f"docs/{page.file.src_uri}: no <h1> title to put the plan chooser under")
    at += len(TITLE_END)
    return output[:at] + "\n" + picker + "\n" + output[at:]

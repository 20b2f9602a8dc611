"""Put the plan chooser at the top of every article that has plan-limited content
(`data-plans`), so writers cannot forget it; plans.js brings it to life."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, render, site_data  # noqa: E402

PLAN_LIMITED = 'data-plans="'
TITLE_END = "</h1>"


def on_page_content(html, page, config, files):
    if PLAN_LIMITED not in html:
        return html
    picker = render.plan_picker_html(site_data(config), page_language(config))
    # Right under the title; an article without a title gets it first.
    at = html.find(TITLE_END)
    at = at + len(TITLE_END) if at != -1 else 0
    return html[:at] + "\n" + picker + "\n" + html[at:]

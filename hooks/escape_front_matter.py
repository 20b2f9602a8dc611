"""Escape front-matter text before the theme prints it.

Material writes page.title (navigation, headings, tabs) and page.meta.description
(an attribute) into HTML without escaping, so a '<' or '"' in a title would become
markup: at best a broken page, at worst a script. Escaping once, here, makes every
template that prints them safe.
"""

from __future__ import annotations

from markupsafe import escape

ESCAPED_KEYS = ("title", "description")


def on_page_markdown(markdown, page, config, files):
    for key in ESCAPED_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = str(escape(value))
    if isinstance(page.meta.get("title"), str):
        page.title = page.meta["title"]
    return markdown

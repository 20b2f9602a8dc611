"""Prepare front-matter text for the theme: fill in {product}, then escape it.

Writers name the product as {product} in a title or description, like everywhere in
data/, so a rename is one edit in data/product.yml; any other {…} is a mistake and
stops the build naming the page.

Material writes page.title (navigation, headings, tabs) and page.meta.description
(an attribute) into HTML without escaping, so a '<' or '"' in a title would become
markup: at best a broken page, at worst a script. Escaping once, here, makes every
template that prints them safe.
"""

from __future__ import annotations


from markupsafe import escape
from mkdocs.exceptions import PluginError


from helpcentre import building
from helpcentre.data import PLACEHOLDER

ESCAPED_KEYS = ("title", "description")


def fill_product(text: str, product: str, where: str) -> str:
    def fill(match):
        if match.group("body") != "product":
            raise PluginError(f"{where}: unknown placeholder {match.group(0)}; front matter knows only {{product}}")
        return product

    return PLACEHOLDER.sub(fill, text)


def on_page_markdown(markdown, page, config, files):
    for key in ESCAPED_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str):
            where = f"docs/{page.file.src_uri}: {key}"
            page.meta[key] = str(escape(fill_product(value, building.data(config).product_name, where)))
    if isinstance(page.meta.get("title"), str):
        page.title = page.meta["title"]
    return markdown

"""What the build does to a page's Markdown and front matter before Markdown converts it.

- `{product}` in a title or description is filled in from data/product.yml, so a rename is one
  edit there; any other `{…}` there is a mistake and stops the build naming the page.
- The title and description are escaped once: Material writes page.title (navigation, headings,
  tabs) and page.meta.description (an attribute) into HTML as they are, so a '<' or '"' in a title
  would become markup: at best a broken page, at worst a script.
- Every article's title gets the same anchor in every language: the article's file name. Markdown's
  toc would make the h1's id from its words (#cancel-your-account in English, #annullare-laccount in
  Italian), so the title's ¶ link would differ by language while every section's id is the same
  everywhere. A title that has an id written by the writer ({ #id }) keeps it; `make check` keeps
  such ids the same in every language.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError

from .data import PLACEHOLDER

ESCAPED_KEYS = ("title", "description")
FENCE = re.compile(r"^\s*(```|~~~)")
TITLE = re.compile(r"^#[ \t]+(?P<text>.*?)[ \t]*(?:\{(?P<attrs>[^}]*)\})?[ \t]*$")
EXPLICIT_ID = re.compile(r"(?:^|\s)#[\w-]")


# --- Front matter -----------------------------------------------------------------------------


def fill_product(text: str, product: str, where: str) -> str:
    def fill(match):
        if match.group("body") != "product":
            raise PluginError(f"{where}: unknown placeholder {match.group(0)}; front matter knows only {{product}}")
        return product

    return PLACEHOLDER.sub(fill, text)


def escape_front_matter(page, product: str, shown: str) -> None:
    """Fill in {product} in the page's title and description, and escape them (see above)."""
    for key in ESCAPED_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = str(escape(fill_product(value, product, f"{shown}: {key}")))
    if isinstance(page.meta.get("title"), str):
        page.title = page.meta["title"]


# --- The title's anchor -----------------------------------------------------------------------


def title_id(article: str) -> str:
    """cancel-account -> cancel-account; guides/close -> guides-close."""
    return article.replace("/", "-")


def with_title_id(markdown: str, anchor: str) -> str:
    """The Markdown with `{ #anchor }` on its first h1 line (outside code blocks), if it has
    one without an id of its own."""
    lines = markdown.split("\n")
    fenced = False
    for number, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
            continue
        title = None if fenced else TITLE.match(line)
        if title is None:
            continue
        attrs = title["attrs"]
        if attrs is not None and EXPLICIT_ID.search(attrs):
            return markdown
        text = title["text"].rstrip("#").rstrip()  # "# Title #": the closing hashes are decoration
        attrs = f"#{anchor} {attrs.strip()}".strip() if attrs else f"#{anchor}"
        lines[number] = f"# {text} {{ {attrs} }}"
        return "\n".join(lines)
    return markdown


def line_of_id(source: Path, anchor: str) -> int | None:
    """The line of the source file whose heading (not the title) is given the id `anchor`."""
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(rf"\{{[^}}]*#{re.escape(anchor)}(?![\w-])[^}}]*\}}\s*$", line) and not TITLE.match(line):
            return number
    return None

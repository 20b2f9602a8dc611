"""Give every article's title the same anchor in every language: the article's file name.

Markdown's toc would make the h1's id from its words (#cancel-your-account in English,
#annullare-laccount in Italian), so the title's ¶ link differed by language while every
section's id is the same everywhere. The id is added to the title line before Markdown
renders it, so the HTML, its ¶ link, page.toc and the anchors MkDocs validates all agree.
A title that already has an id written by the writer ({ #id }) keeps it; `make check`
keeps such ids the same in every language."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError


from helpcentre import building

FENCE = re.compile(r"^\s*(```|~~~)")
TITLE = re.compile(r"^#[ \t]+(?P<text>.*?)[ \t]*(?:\{(?P<attrs>[^}]*)\})?[ \t]*$")
EXPLICIT_ID = re.compile(r"(?:^|\s)#[\w-]")


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


def on_page_markdown(markdown, page, config, files):
    return with_title_id(markdown, title_id(building.site(config).article_id(page.file.src_uri)))


def on_page_content(content, page, config, files):
    anchor = title_id(building.site(config).article_id(page.file.src_uri))
    if content.count(f' id="{anchor}"') > 1:
        raise PluginError(f"{_heading_line(page, anchor, config)}: heading id '{anchor}' is the anchor of the page's "
                          f"title (the file's name, the same in every language); give this heading another id")
    return content


def _heading_line(page, anchor: str, config) -> str:
    """docs/<file>:<line> of the heading that took the title's id, as the writer sees the file."""
    where = building.source_name(page.file, config)
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(source, 1):
        if re.search(rf"\{{[^}}]*#{re.escape(anchor)}(?![\w-])[^}}]*\}}\s*$", line) and not TITLE.match(line):
            return f"{where}:{number}"
    return where

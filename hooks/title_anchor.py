"""Give every article's title the same anchor in every language: the article's file name.

Markdown's toc would make the h1's id from its words (#cancel-your-account in English,
#annullare-laccount in Italian), so the title's ¶ link differed by language while every
section's id is the same everywhere. The id is added to the title line before Markdown
renders it, so the HTML, its ¶ link, page.toc and the anchors MkDocs validates all agree.
A title that already has an id written by the writer ({ #id }) keeps it; `make check`
keeps such ids the same in every language."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import links, site_languages  # noqa: E402

FENCE = re.compile(r"^\s*(```|~~~)")
TITLE = re.compile(r"^#[ \t]+(?P<text>.*?)[ \t]*(?:\{(?P<attrs>[^}]*)\})?[ \t]*$")
EXPLICIT_ID = re.compile(r"(?:^|\s)#[\w-]")


def title_id(src_uri: str, languages: tuple[str, ...]) -> str:
    """cancel-account.md -> cancel-account; guides/close.md -> guides-close."""
    return links.article_id(src_uri, languages).replace("/", "-")


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
    return with_title_id(markdown, title_id(page.file.src_uri, site_languages(config)))


def on_page_content(content, page, config, files):
    anchor = title_id(page.file.src_uri, site_languages(config))
    if content.count(f' id="{anchor}"') > 1:
        raise PluginError(f"{_heading_line(page, anchor)}: heading id '{anchor}' is the anchor of the page's "
                          f"title (the file's name, the same in every language); give this heading another id")
    return content


def _heading_line(page, anchor: str) -> str:
    """docs/<file>:<line> of the heading that took the title's id, as the writer sees the file."""
    where = f"docs/{page.file.src_uri}"
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(source, 1):
        if re.search(rf"\{{[^}}]*#{re.escape(anchor)}(?![\w-])[^}}]*\}}\s*$", line) and not TITLE.match(line):
            return f"{where}:{number}"
    return where

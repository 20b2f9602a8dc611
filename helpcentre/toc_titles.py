"""A Markdown extension that keeps the no-break spaces of headings in the table of contents.

Python-Markdown's toc extension names each heading with its text, whitespace collapsed by
`' '.join(text.split())` (markdown/extensions/toc.py, strip_tags); str.split() takes U+202F and
U+00A0 for spaces too, so "Vous changez d'avis\u202f?" became "Vous changez d'avis ?", with a
plain space, everywhere MkDocs' page.toc is read: the table of contents, the feedback form's
"Quelle partie ?" list, the agents' table and links-<lang>.json. This names each heading again,
right after toc, the same way but collapsing only the ASCII whitespace a writer's line breaks and
indentation leave, so French typography reaches the page as written.

Listed in mkdocs.yml's markdown_extensions after `toc`.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import strip_tags
from markdown.treeprocessors import Treeprocessor

# Characters str.split() would take for spaces but a reader must keep (French: before ; : ? ! and
# inside « »), each swapped for a private-use character while Markdown strips the tags.
KEPT_SPACES = {"\u202f": "\ue0f0", "\u00a0": "\ue0f1"}
ASCII_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def heading_name(inner_html: str) -> str:
    """A heading's name as toc would give it, with its no-break spaces kept."""
    for space, stand_in in KEPT_SPACES.items():
        inner_html = inner_html.replace(space, stand_in)
    name = strip_tags(inner_html)
    for space, stand_in in KEPT_SPACES.items():
        name = name.replace(stand_in, space)
    return ASCII_WHITESPACE.sub(" ", name).strip()


class _TocTitles(Treeprocessor):
    def run(self, root):
        self._rename(getattr(self.md, "toc_tokens", []))

    def _rename(self, tokens) -> None:
        for token in tokens:
            # A heading with data-toc-label was named from that label: left as toc made it.
            if not token.get("data-toc-label") and "html" in token:
                token["name"] = heading_name(token["html"])
            self._rename(token.get("children", []))


class TocTitlesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # toc runs at priority 5; a lower priority runs after it.
        md.treeprocessors.register(_TocTitles(md), "help_toc_titles", 4)


def makeExtension(**kwargs) -> TocTitlesExtension:
    return TocTitlesExtension(**kwargs)

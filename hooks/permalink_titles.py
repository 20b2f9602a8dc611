"""Title the ¶ link beside each heading in the page's language.

Markdown's toc extension writes its `permalink_title` option (English by default) on every ¶
link; each page is rendered with its own language's (permalink_title in data/messages.yml).
MkDocs makes a Markdown renderer for each page from `mdx_configs`, right after this event."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, site_data  # noqa: E402


def on_page_markdown(markdown, page, config, files):
    toc = config["mdx_configs"].setdefault("toc", {})
    toc["permalink_title"] = site_data(config).message(page_language(config), "permalink_title")
    return markdown

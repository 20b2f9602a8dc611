"""Title the ¶ link beside each heading in the page's language (Markdown's toc writes English)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, site_data  # noqa: E402

TOC_PERMALINK_TITLE = 'title="Permanent link"'


def on_page_content(html, page, config, files):
    title = site_data(config).message(page_language(config), "permalink_title")
    return html.replace(TOC_PERMALINK_TITLE, f'title="{title}"')

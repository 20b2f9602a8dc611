"""Put a copy-link button in every h2/h3 and one polite live region per page.

The button is real HTML in the page language (labels from data/messages.yml); the script
overrides/assets/javascripts/links.js builds the absolute URL (site_url, ?plan=, #id) on click.
Every h2/h3 in the page's table of contents must get its button: a heading the pattern below
misses (Markdown's toc writing headings differently after an upgrade) stops the build."""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from helpcentre import building, render

SECTION_LEVELS = (2, 3)
SECTION_HEADING = re.compile(r'(<h([23])\s[^>]*\bid="(?P<id>[^"]+)"[^>]*>.*?)(</h\2>)', re.DOTALL)
LINK_ICON = ('<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">'
             '<path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0ZM8.5 '
             '19.5a4.2 4.2 0 0 1-3-7.2l2.1-2.1 1.4 1.4-2.1 2.1a2.2 2.2 0 0 0 3.1 3.1l2.1-2.1 1.4 1.4-2.1 '
             '2.1a4.2 4.2 0 0 1-2.9 1.3Zm8.9-5.7-1.4-1.4 2.1-2.1a2.2 2.2 0 0 0-3.1-3.1l-2.1 2.1-1.4-1.4 '
             '2.1-2.1a4.2 4.2 0 0 1 5.9 5.9Z"/></svg>')


def on_page_content(content, page, config, files):
    lang = building.language(config)
    data = building.data(config)
    label = render.message_html(data, lang, "section_link", "copy")

    def add_button(match: re.Match) -> str:
        buttoned.append(match["id"])
        button = (f'<button type="button" class="section-copy" data-section="{match["id"]}" '
                  f'aria-label="{label}" title="{label}">{LINK_ICON}</button>')
        return match[1] + button + match[4]

    buttoned: list[str] = []
    content = SECTION_HEADING.sub(add_button, content)
    missed = [anchor for anchor in section_ids(page.toc) if anchor not in buttoned]
    if missed:
        raise PluginError(f"hooks/section_links.py: docs/{page.file.src_uri}: no copy-link button on the "
                          f"heading(s) #{', #'.join(missed)}: Markdown no longer writes h2/h3 headings the way "
                          f"SECTION_HEADING expects (<h2 id=\"…\">…</h2>); update the pattern")
    status = (f'<div class="link-copy-status md-visually-hidden" role="status" aria-live="polite" '
              f'data-copied="{render.message_html(data, lang, "section_link", "copied")}"></div>')
    return content + status


def section_ids(toc) -> list[str]:
    """The ids of the h2 and h3 headings in a page's table of contents (MkDocs' page.toc)."""
    ids: list[str] = []
    for item in toc:
        if item.level in SECTION_LEVELS:
            ids.append(item.id)
        ids.extend(section_ids(item.children))
    return ids

"""Put a copy-link button in every h2/h3 and one polite live region per page.

The button is real HTML in the page language (labels from data/messages.yml); the script
overrides/assets/javascripts/links.js builds the absolute URL (site_url, ?plan=, #id) on click."""

from __future__ import annotations

import re
from html import escape


from helpcentre import building

SECTION_HEADING = re.compile(r'(<h([23])\s[^>]*\bid="(?P<id>[^"]+)"[^>]*>.*?)(</h\2>)', re.DOTALL)
LINK_ICON = ('<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">'
             '<path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0ZM8.5 '
             '19.5a4.2 4.2 0 0 1-3-7.2l2.1-2.1 1.4 1.4-2.1 2.1a2.2 2.2 0 0 0 3.1 3.1l2.1-2.1 1.4 1.4-2.1 '
             '2.1a4.2 4.2 0 0 1-2.9 1.3Zm8.9-5.7-1.4-1.4 2.1-2.1a2.2 2.2 0 0 0-3.1-3.1l-2.1 2.1-1.4-1.4 '
             '2.1-2.1a4.2 4.2 0 0 1 5.9 5.9Z"/></svg>')


def on_page_content(content, page, config, files):
    lang = building.language(config)
    message = building.data(config).message
    label = escape(message(lang, "section_link", "copy"))

    def add_button(match: re.Match) -> str:
        button = (f'<button type="button" class="section-copy" data-section="{match["id"]}" '
                  f'aria-label="{label}" title="{label}">{LINK_ICON}</button>')
        return match[1] + button + match[4]

    status = (f'<div class="link-copy-status md-visually-hidden" role="status" aria-live="polite" '
              f'data-copied="{escape(message(lang, "section_link", "copied"))}"></div>')
    return SECTION_HEADING.sub(add_button, content) + status

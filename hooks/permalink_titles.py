"""Title the ¶ link beside each heading in the page's language (Markdown's toc writes English)."""

from __future__ import annotations



from helpcentre import building

TOC_PERMALINK_TITLE = 'title="Permanent link"'


def on_page_content(html, page, config, files):
    title = building.data(config).message(building.language(config), "permalink_title")
    return html.replace(TOC_PERMALINK_TITLE, f'title="{title}"')

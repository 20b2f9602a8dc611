"""Title the ¶ link beside each heading in the page's language.

Markdown's toc extension writes its `permalink_title` option (English by default) on every ¶
link; each page is rendered with its own language's (permalink_title in data/messages.yml).
MkDocs makes a Markdown renderer for each page from `mdx_configs`, right after this event."""

from __future__ import annotations



from helpcentre import building


def on_page_markdown(markdown, page, config, files):
    toc = config["mdx_configs"].setdefault("toc", {})
    toc["permalink_title"] = building.data(config).message(building.language(config), "permalink_title")
    return markdown

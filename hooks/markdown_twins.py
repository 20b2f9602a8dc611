"""Answers assistants can reuse (issue 28, helpcentre/llms.py): this language's Markdown twin of every
article (/it/pause-billing/index.md, beside the page), named in the page's head as its text/markdown
alternate, and this language's part of /llms.txt (llms-<lang>.txt); llms.txt, which lists every
language, is written by the build whose part completes the set (and by `make build`'s union)."""

from __future__ import annotations

import html
from pathlib import Path

from helpcentre import building, llms

_twins: dict[str, str] = {}              # page URL -> its twin, until the page is written
_entries: dict[str, llms.Entry] = {}     # article id -> its line in this language's llms.txt
_order: list[str] = []                   # the articles in the navigation's order
_partial = False                         # a preview's dirty rebuild: the last full part stands


def _article(page, config) -> str | None:
    """The article a page is, or None for a page that is no article (the agents' page)."""
    if page.meta.get("agent_links"):
        return None
    return building.site(config).article_id(page.file.src_uri)


def on_nav(nav, config, files):
    _order[:] = [building.site(config).article_id(page.file.src_uri) for page in nav.pages]
    return nav


def on_page_content(content, page, config, files):
    article = _article(page, config)
    if article is None:
        return content
    site, data, lang = building.site(config), building.data(config), building.language(config)
    url = site.url(lang, article)
    description = html.unescape(page.meta.get("description") or "")  # front matter comes escaped
    texts = llms.TwinTexts(**{key: data.message(lang, "markdown_twin", key)
                              for key in ("page", "anchors", "by_plan", "plan_part", "plan_link")},
                           notice=data.message(lang, "untranslated_notice") if page.file.locale != lang else "")
    _twins[page.url] = llms.markdown_twin(content, url, description,
                                          {plan: names[lang] for plan, names in data.plans.items()}, texts)
    _entries[article] = llms.Entry(html.unescape(page.meta.get("title") or page.title or article), description,
                                   llms.twin_url(url))
    return content


def on_env(env, config, files):
    """Templates get `markdown_twin(page)`: the twin's address, for <link rel="alternate">."""
    global _partial
    _partial = building.rebuilds_only_some_pages(files)
    site, lang = building.site(config), building.language(config)
    env.globals["markdown_twin"] = lambda page: (llms.twin_url(site.url(lang, _article(page, config)))
                                                 if page.url in _twins else "")
    return env


def on_post_page(output, page, config):
    twin = _twins.pop(page.url, None)
    if twin is not None:
        folder = Path(config["site_dir"]) / page.url
        folder.mkdir(parents=True, exist_ok=True)
        (folder / llms.TWIN).write_text(twin, encoding="utf-8")
    return output


def on_post_build(config):
    if _partial:
        return
    site, data, lang = building.site(config), building.data(config), building.language(config)
    articles = [article for article in dict.fromkeys(_order + list(_entries)) if article in _entries]
    part = llms.language_part(config["site_name"], config.get("site_description") or "",
                              data.message(lang, "llms_txt", "intro"), site.names[lang],
                              [_entries[article] for article in articles])
    site_dir = Path(config["site_dir"])
    (site_dir / llms.part_name(lang)).write_text(part, encoding="utf-8")
    _entries.clear()
    llms.write_union(site_dir, site.languages)

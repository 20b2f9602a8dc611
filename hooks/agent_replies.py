"""Publish this language's replies for support agents (helpcentre/replies.py): beside each page
that shows a procedure, one plain-text file per plan and one for all plans
(/fr/cancel-account/cancel-account.trial.txt). The agents' page links them, and its "Copy reply"
buttons fetch them. A procedure anchor found twice on a page stops the build."""

from __future__ import annotations

import html
import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from helpcentre import building, links, replies

_pending: dict[str, dict[str, str]] = {}  # page URL -> {file name: reply}, until the page is written


def on_env(env, config, files):
    """Templates get `reply_plan_names()`: the plan names the "Copy reply" bar of an article shows
    (overrides/partials/agent-reply.html), "" for all plans, in the page's language."""
    def plan_names() -> str:
        data, lang = building.data(config), building.language(config)
        names = {"": data.message(lang, "all_plans"), **{plan: names[lang] for plan, names in data.plans.items()}}
        return json.dumps(names, ensure_ascii=False)

    env.globals["reply_plan_names"] = plan_names
    env.globals["reply_index_part"] = lambda: links.part_name(building.language(config))  # which replies are untranslated
    return env


def on_page_content(content, page, config, files):
    if 'data-procedure="' not in content:
        return content
    data = building.data(config)
    site = building.site(config)
    lang = building.language(config)
    outline = replies.outline(content)
    repeated = replies.repeated_anchors(outline, data)
    if repeated:
        raise PluginError(
            f"{building.source_name(page.file, config)}: the anchor(s) #{', #'.join(repeated)} are on the page "
            "more than once; show each procedure once per page, and give no heading a procedure's anchor "
            "(#<procedure>-steps, #<procedure>-<step id>)")
    headings = {item.id: html.unescape(item.title) for item in _toc_items(page.toc)}
    url = site.url(lang, site.article_id(page.file.src_uri))
    _pending[page.url] = replies.page_replies(data, lang, outline, headings, url)
    return content


def on_post_page(output, page, config):
    written = _pending.pop(page.url, None)
    if written:
        folder = Path(config["site_dir"]) / page.url
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in written.items():
            (folder / name).write_text(text, encoding="utf-8")
    return output


def _toc_items(toc):
    for item in toc:
        yield item
        yield from _toc_items(item.children)

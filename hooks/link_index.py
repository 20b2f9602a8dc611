"""This language's links for support agents (helpcentre/links.py): its part of the link index
(links-<lang>.json), the table on its agents' page, and the check that none of its published
links (data/published-links.txt) stopped working without a redirect (data/redirects.yml).

links.json and links.csv list every language: the build whose part completes the set writes them.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from helpcentre import building, data_use, links, render, replies, sources
from helpcentre.data import DataError, HelpData, procedure_anchor
from helpcentre.render import TEMPLATES

# The agents' page says where its table goes with this front matter flag.
AGENT_PAGE_FLAG = "agent_links"
PLACEHOLDER = '<div class="agent-links" data-agent-links-placeholder></div>'
SECTION_LEVELS = (2, 3)
AGENT_TEXTS = ("filter", "article", "section", "link", "copy", "download")
log = logging.getLogger("mkdocs.hooks.link_index")
REPLY_TEXTS = ("title", "intro", "language", "plan", "button", "copied", "failed", "texts", "agent_mode",
               "untranslated")

_index: dict[str, dict] = {}  # this build's part of the index, by language
_rendered: dict[str, dict] = {}  # a preview's dirty rebuild: the part of the pages it rendered again


def on_page_content(content, page, config, files):
    return content + PLACEHOLDER if page.meta.get(AGENT_PAGE_FLAG) else content


def on_env(env, config, files):
    """Every page of this language has its table of contents by now (MkDocs renders all the
    Markdown before any template): the index part is complete before the agents' page is made."""
    site = building.site(config)
    lang = building.language(config)
    partial = building.rebuilds_only_some_pages(files)
    data = building.data(config)
    with data_use.unattributed():  # the index is the agents' page's, made from every page at once
        pages = {
            site.article_id(file.src_uri): {lang: links.PageLinks(
                # The title readers see in <title> and the h1, not the nav label ("Home").
                title=html.unescape(file.page.meta.get("title") or file.page.title),  # front matter is escaped
                path=file.page.url,
                sections=list(_sections(file.page.toc)),
                procedures=list(_procedures(file.page.content, data, lang, fallback=file.locale != lang)),
            )}
            for file in files.documentation_pages()
            if file.page is not None and file.page.content is not None and not file.page.meta.get(AGENT_PAGE_FLAG)
        }
    _index.pop(lang, None)
    _rendered.pop(lang, None)
    (_rendered if partial else _index)[lang] = links.link_index(site.site_url, (lang,), pages)
    return env


def _sections(toc):
    for item in toc:
        if item.level in SECTION_LEVELS:
            yield links.Section(item.id, html.unescape(item.title))
        yield from _sections(item.children)


def _procedures(content: str, data: HelpData, lang: str, fallback: bool = False):
    """The procedures a page shows (issue 17): their anchors, their steps' anchors and texts, the
    section each is in, and the file of each of their replies (hooks/agent_replies.py writes them)."""
    if 'data-procedure="' not in content:
        return
    outline = replies.outline(content)
    for placement in outline.procedures:
        steps = data.procedures[placement.procedure]
        yield links.ProcedureLinks(
            id=placement.procedure,
            anchor=procedure_anchor(placement.procedure),
            section=placement.section,
            steps=tuple(links.StepLink(step.id, procedure_anchor(placement.procedure, step.id),
                                       render.step_text(data, lang, placement.procedure, number))
                        for number, step in enumerate(steps)),
            replies=tuple((plan, replies.reply_file(placement.procedure, plan)) for plan in ("", *data.plans)),
            untranslated=replies.untranslated(data, lang, placement, outline.notes, fallback),
        )


def on_page_context(context, page, config, nav):
    lang = building.language(config)
    if page.meta.get(AGENT_PAGE_FLAG) and lang in _index:
        site = building.site(config)
        data = building.data(config)
        page.content = page.content.replace(PLACEHOLDER, TEMPLATES.get_template("agent_links.html").render(
            rows=_agent_rows(site, data, lang, page.url),
            text={key: data.message(lang, "agent_links", key) for key in AGENT_TEXTS},
            reply_text={key: data.message(lang, "copy_reply", key) for key in REPLY_TEXTS},
            languages=[(code, site.names[code]) for code in site.languages], lang=lang,
            plans=[("", data.message(lang, "all_plans"))] + [(plan, names[lang]) for plan, names in data.plans.items()],
            json_url=links.INDEX_JSON, csv_url=links.INDEX_CSV, root=links.relative_url(page.url, ""),
            part_name=links.part_name("LANG"),
        ))
    return context


def _agent_rows(site, data: HelpData, lang: str, here: str) -> list[dict]:
    """The agents' table: every link of this language; the row of a section that shows procedures
    also has their replies: where each language's reply files are, relative to this page (the
    "Copy reply" button adds the chosen plan), and a link to each plan's text in this language."""
    index = _index[lang]
    plans = [("", data.message(lang, "all_plans")), *((plan, names[lang]) for plan, names in data.plans.items())]
    shown: dict[tuple[str, str], list[dict]] = {}
    for article in index["articles"]:
        for procedure in article["languages"][lang]["procedures"]:
            shown.setdefault((article["id"], procedure["section"]), []).append(procedure)
    rows = []
    for row in links.link_rows(index, lang):
        row = {**row, "replies": []}
        for procedure in shown.get((row["article"], row["section"]), []):
            name = replies.reply_file(procedure["id"]).removesuffix(replies.REPLY_SUFFIX)
            folder = links.relative_url(here, site.page_path(lang, row["article"]))
            row["replies"].append({
                "procedure": procedure["id"],
                "bases": [(code, links.relative_url(here, site.page_path(code, row["article"])) + name)
                          for code in site.languages],
                "texts": [(plan_name, folder + replies.reply_file(procedure["id"], plan)) for plan, plan_name in plans],
            })
        rows.append(row)
    return rows


def on_post_build(config):
    site = building.site(config)
    lang = building.language(config)
    if lang not in _index:  # a preview's dirty rebuild: the last full build's index stands, and
        if lang in _rendered:  # the published links of the pages it rendered are checked
            _check_published_links(site, lang, _rendered.pop(lang), partial=True)
        return
    index = _index.pop(lang)
    _check_published_links(site, lang, index)
    site_dir = Path(config["site_dir"])
    (site_dir / links.part_name(lang)).write_text(links.index_json(index), encoding="utf-8")
    links.write_union(site_dir, site)


def _check_published_links(site, lang: str, index, partial: bool = False) -> None:
    try:
        redirects = links.load_redirects(site.data)
        manifest = [entry for entry in links.read_manifest(site.data / links.MANIFEST_FILE)
                    if links.entry_language(site, entry) == lang]
        if partial:  # only the pages this build rendered
            served = {"/" + page["path"] for article in index["articles"] for page in article["languages"].values()}
            manifest = [entry for entry in manifest if entry.partition("#")[0] in served]
    except DataError as error:
        raise PluginError(str(error)) from None

    def heading_line(lang: str, article: str, heading_id: str) -> int | None:
        return dict(sources.heading_ids(site.source(lang, article))).get(heading_id)

    def english_sections(article: str) -> list[str]:
        return [heading_id for heading_id, _ in sources.heading_ids(site.source(site.default, article))]

    problems = links.broken_links(manifest, index, redirects, site, heading_line, english_sections)
    if problems:
        raise PluginError(
            f"published links no longer work (data/{links.MANIFEST_FILE}):\n  " + "\n  ".join(problems)
        )
    note = links.unpublished_note(index, manifest)
    if note:  # information, not a warning: a strict build must pass while an article is being written
        log.info(f"links ({lang}): {note}")

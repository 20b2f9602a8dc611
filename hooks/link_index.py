"""Publish the link index (links.json, links.csv, the agents' table) and fail the build when a
published link stops working without a redirect (data/published-links.txt, data/redirects.yml).

Every language's pages are collected as they are built and saved as a part file at the
end of that language's build (macros/build_parts.py says why). mkdocs-static-i18n builds
the other languages inside the default build's on_post_build, so the outermost
on_post_build, after the i18n plugin's (priority -100), reads every part back and writes
the index."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, site_data, site_languages  # noqa: E402
from macros import links  # noqa: E402
from macros.build_parts import read_parts, write_part  # noqa: E402
from macros.data import DataError  # noqa: E402
from macros.render import TEMPLATES  # noqa: E402

# The agents' page says where its table goes with this front matter flag; the table needs every
# language's pages, so the hook fills the placeholder once they are all built.
AGENT_PAGE_FLAG = "agent_links"
PLACEHOLDER = '<div class="agent-links" data-agent-links-placeholder></div>'
SECTION_LEVELS = (2, 3)
PART_NAME = "links"  # links-part-<lang>.json, removed once the index is written

_pages: dict[str, dict[str, links.PageLinks]] = {}
_agent_pages: dict[str, str] = {}  # language -> URL path of its agents' page


def _outermost(config) -> bool:
    return not config["plugins"]["i18n"].building


def on_pre_build(config):
    if _outermost(config):
        _pages.clear()
        _agent_pages.clear()


def on_page_content(content, page, config, files):
    lang = page_language(config)
    if page.meta.get(AGENT_PAGE_FLAG):
        _agent_pages[lang] = page.url
        return content + PLACEHOLDER
    article = links.article_id(page.file.src_uri, site_languages(config))
    _pages.setdefault(article, {})[lang] = links.PageLinks(
        # The title readers see in <title> and the h1, not the nav label ("Home").
        title=html.unescape(page.meta.get("title") or page.title),  # front matter is escaped for the theme
        path=page.url,
        sections=list(_sections(page.toc)),
    )
    return content


def _sections(toc):
    for item in toc:
        if item.level in SECTION_LEVELS:
            yield links.Section(item.id, html.unescape(item.title))
        yield from _sections(item.children)


@event_priority(-200)  # after the i18n plugin has built the other languages
def on_post_build(config):
    site_dir = Path(config.site_dir)
    _write_parts(site_dir)
    if not _outermost(config):
        return
    languages = site_languages(config)
    pages, agent_pages = _read_parts(site_dir, languages)
    index = links.link_index(config.site_url, languages, pages)
    (site_dir / links.INDEX_JSON).write_text(links.index_json(index), encoding="utf-8")
    (site_dir / links.INDEX_CSV).write_text(links.index_csv(index), encoding="utf-8")
    for lang, path in agent_pages.items():
        _fill_agent_table(site_dir / path / "index.html", index, lang, config)
    _check_published_links(config, index, languages[0])


def _write_parts(site_dir: Path) -> None:
    """Save what this process collected, one file per language, for the whole-site step."""
    for lang in {lang for by_language in _pages.values() for lang in by_language} | set(_agent_pages):
        part = {
            "agent_page": _agent_pages.get(lang),
            "pages": {
                article: {"title": page.title, "path": page.path,
                          "sections": [[section.id, section.heading] for section in page.sections]}
                for article, by_language in _pages.items() if (page := by_language.get(lang))
            },
        }
        write_part(site_dir, PART_NAME, lang, part)


def _read_parts(site_dir: Path, languages) -> tuple[dict[str, dict[str, links.PageLinks]], dict[str, str]]:
    """Every language's collected pages, read back from the part files, which are then removed."""
    pages: dict[str, dict[str, links.PageLinks]] = {}
    agent_pages: dict[str, str] = {}
    for lang, part in read_parts(site_dir, PART_NAME, languages).items():
        if part["agent_page"]:
            agent_pages[lang] = part["agent_page"]
        for article, page in part["pages"].items():
            pages.setdefault(article, {})[lang] = links.PageLinks(
                title=page["title"], path=page["path"],
                sections=[links.Section(*section) for section in page["sections"]],
            )
    return pages, agent_pages


def _fill_agent_table(output: Path, index, lang: str, config) -> None:
    message = site_data(config).message
    table = TEMPLATES.get_template("agent_links.html").render(
        rows=links.link_rows(index, lang),
        text={key: message(lang, "agent_links", key) for key in ("filter", "article", "section", "link", "copy", "download")},
        json_url=links.INDEX_JSON, csv_url=links.INDEX_CSV, root=links.relative_url(index_path(output, config), ""),
    )
    page = output.read_text(encoding="utf-8")
    output.write_text(page.replace(PLACEHOLDER, table), encoding="utf-8")


def index_path(output: Path, config) -> str:
    """The URL path of a built page relative to site_url, from its index.html."""
    folder = output.parent.relative_to(config.site_dir).as_posix()
    return "" if folder == "." else folder + "/"


def _check_published_links(config, index, default_language: str) -> None:
    data_dir = Path(config["config_file_path"]).parent / "data"
    try:
        redirects = links.load_redirects(data_dir)
        manifest = links.read_manifest(data_dir / links.MANIFEST_FILE)
    except DataError as error:
        raise PluginError(str(error)) from None
    docs = Path(config["docs_dir"])

    def heading_line(lang: str, article: str, heading_id: str) -> int | None:
        path = docs / lang / f"{article}.md"
        written = re.compile(rf"\{{\s*#{re.escape(heading_id)}[\s}}]")
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        return next((number for number, line in enumerate(lines, 1) if written.search(line)), None)

    problems = links.broken_links(manifest, index, redirects, default_language, heading_line)
    if problems:
        raise PluginError(
            f"published links no longer work (data/{links.MANIFEST_FILE}):\n  " + "\n  ".join(problems)
        )

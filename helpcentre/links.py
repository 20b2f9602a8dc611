"""The help centre's links: the link index, redirects, section aliases and the published-link manifest.

Pure functions shared by the build (helpcentre/plugin.py), the writer's
command (`make links`) and the tests, so the index, its CSV, the agents' table and the check
all read one model.

Each language's build writes its own part of the index (links-<lang>.json) and checks its own
published links; links.json and links.csv, which list every language, are their union, written
as soon as every part is there (`write_union`).
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from .data import DataError, YamlSource, check_keys, read_utf8
from .site import Site

INDEX_JSON = "links.json"
INDEX_CSV = "links.csv"
PART_JSON = "links-{lang}.json"   # one language's part of links.json, published too
REDIRECTS_FILE = "redirects.yml"
MANIFEST_FILE = "published-links.txt"
SECTION_ID = re.compile(r"^[A-Za-z][\w-]*$")
PAGE_FILE = re.compile(r"^[a-z0-9][a-z0-9/_-]*\.md$")
CSV_COLUMNS = ("article", "language", "title", "section", "heading", "url")
MANIFEST_HEADER = (
    "# Every URL path, path#section and path#procedure-step the help centre has published,\n"
    "# one per line.\n"
    "# Written by `make links`; never delete a line: the build fails when one of\n"
    "# these stops working without a redirect (data/redirects.yml).\n"
)


# ---------------------------------------------------------------------------
# Link index
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    id: str
    heading: str


@dataclass(frozen=True)
class StepLink:
    id: str      # the step's id in data/procedures.yml
    anchor: str  # its anchor on the page, the same in every language: cancel-account-open-billing
    text: str    # what it says, in the page's language


@dataclass(frozen=True)
class ProcedureLinks:
    """A procedure shown on a page (issue 17): its list's anchor, its steps' anchors, the section
    it is in, and its replies for agents (plan -> file beside the page; "" is all plans)."""
    id: str
    anchor: str
    section: str
    steps: tuple[StepLink, ...] = ()
    replies: tuple[tuple[str, str], ...] = ()
    untranslated: bool = False  # its replies show text not in the page's language yet (issue 27)


@dataclass
class PageLinks:
    title: str
    path: str  # relative to site_url, e.g. "it/cancel-account/"
    sections: list[Section] = field(default_factory=list)
    procedures: list[ProcedureLinks] = field(default_factory=list)


def link_index(site_url: str, languages: tuple[str, ...], pages: dict[str, dict[str, PageLinks]]) -> dict[str, Any]:
    """The link index published as links.json: {article id: {language: title, url, sections}}.

    `pages` maps article id -> language -> what the build saw. Articles are sorted by id, the
    home page ("index") first, so the file diffs cleanly between builds."""
    ordered = sorted(pages, key=lambda article: (article != "index", article))
    return {
        "site_url": site_url,
        "languages": list(languages),
        "articles": [
            {
                "id": article,
                "languages": {
                    lang: {
                        "title": pages[article][lang].title,
                        "url": urljoin(site_url, pages[article][lang].path),
                        "path": pages[article][lang].path,
                        "sections": [
                            {"id": section.id, "heading": section.heading}
                            for section in pages[article][lang].sections
                        ],
                        "procedures": [
                            _procedure_json(procedure, urljoin(site_url, pages[article][lang].path))
                            for procedure in pages[article][lang].procedures
                        ],
                    }
                    for lang in languages
                    if lang in pages[article]
                },
            }
            for article in ordered
        ],
    }


def _procedure_json(procedure: ProcedureLinks, page_url: str) -> dict[str, Any]:
    return {
        "id": procedure.id,
        "anchor": procedure.anchor,
        "section": procedure.section,
        "steps": [{"id": step.id, "anchor": step.anchor, "text": step.text} for step in procedure.steps],
        "replies": [{"plan": plan, "url": urljoin(page_url, file)} for plan, file in procedure.replies],
        **({"untranslated": True} if procedure.untranslated else {}),
    }


def _procedure_from_json(entry: dict[str, Any], page_url: str) -> ProcedureLinks:
    return ProcedureLinks(
        entry["id"], entry["anchor"], entry["section"],
        tuple(StepLink(step["id"], step["anchor"], step["text"]) for step in entry["steps"]),
        tuple((reply["plan"], reply["url"].removeprefix(page_url)) for reply in entry["replies"]),
        bool(entry.get("untranslated")))


def link_rows(index: dict[str, Any], lang: str | None = None) -> list[dict[str, str]]:
    """One row per article, per section and per step of a procedure (optionally in one language):
    the CSV and the agents' table. A procedure's steps follow the row of the section they are in,
    numbered as on the page ("2. On the Billing & Upgrade page, …")."""
    rows = []
    for article in index["articles"]:
        for row_lang, page in article["languages"].items():
            if lang is not None and row_lang != lang:
                continue
            base = {"article": article["id"], "language": row_lang, "title": page["title"]}

            def step_rows(section: str) -> list[dict[str, str]]:
                return [{**base, "section": step["anchor"], "heading": f"{number}. {step['text']}",
                         "url": f"{page['url']}#{step['anchor']}"}
                        for procedure in page.get("procedures", ()) if procedure["section"] == section
                        for number, step in enumerate(procedure["steps"], 1)]

            rows.append({**base, "section": "", "heading": "", "url": page["url"]})
            rows += step_rows("")
            for section in page["sections"]:
                rows.append({**base, "section": section["id"], "heading": section["heading"],
                             "url": f"{page['url']}#{section['id']}"})
                rows += step_rows(section["id"])
    return rows


def page_anchors(page: dict[str, Any]) -> list[str]:
    """Every anchor a page publishes, in page order of kind: its sections, then each procedure's
    list and steps (issue 17)."""
    anchors = [section["id"] for section in page["sections"]]
    for procedure in page.get("procedures", ()):
        anchors.append(procedure["anchor"])
        anchors += [step["anchor"] for step in procedure["steps"]]
    return anchors


def index_json(index: dict[str, Any]) -> str:
    return json.dumps(index, ensure_ascii=False, indent=2) + "\n"


def index_csv(index: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(link_rows(index))
    return buffer.getvalue()


def published_entries(index: dict[str, Any]) -> set[str]:
    """What a build publishes: each page's path and each path#section, as the manifest writes them."""
    entries = set()
    for article in index["articles"]:
        for page in article["languages"].values():
            entries.add("/" + page["path"])
            entries.update(f"/{page['path']}#{anchor}" for anchor in page_anchors(page))
    return entries


def part_name(lang: str) -> str:
    return PART_JSON.format(lang=lang)


def union_index(site: Site, parts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """links.json from every language's part: each article with all its languages, in the
    site's order of languages."""
    pages: dict[str, dict[str, PageLinks]] = {}
    for lang in site.languages:
        for article in parts[lang]["articles"]:
            page = article["languages"][lang]
            pages.setdefault(article["id"], {})[lang] = PageLinks(
                page["title"], page["path"], [Section(s["id"], s["heading"]) for s in page["sections"]],
                [_procedure_from_json(entry, page["url"]) for entry in page.get("procedures", ())])
    return link_index(site.site_url, site.languages, pages)


def write_union(site_dir: Path, site: Site) -> bool:
    """Write links.json and links.csv once every language's part is in site_dir; False until then."""
    paths = {lang: site_dir / part_name(lang) for lang in site.languages}
    if not all(path.is_file() for path in paths.values()):
        return False
    index = union_index(site, {lang: json.loads(path.read_text(encoding="utf-8")) for lang, path in paths.items()})
    (site_dir / INDEX_JSON).write_text(index_json(index), encoding="utf-8")
    (site_dir / INDEX_CSV).write_text(index_csv(index), encoding="utf-8")
    return True


# ---------------------------------------------------------------------------
# Redirects and section aliases (data/redirects.yml)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Redirects:
    pages: dict[str, str]  # old article id -> new article id
    sections: dict[str, dict[str, str]]  # article id -> old section id -> current section id

    def final_article(self, article: str) -> str:
        """Follow moved articles to where they live now (a chain a -> b -> c ends at c)."""
        seen = {article}
        while article in self.pages:
            article = self.pages[article]
            if article in seen:
                raise DataError(f"data/{REDIRECTS_FILE}: pages: the redirects loop through '{article}'")
            seen.add(article)
        return article

    def aliases(self, article: str) -> dict[str, str]:
        return self.sections.get(article, {})


def load_redirects(data_dir: Path) -> Redirects:
    """Read data/redirects.yml; a wrong entry names the file, line and what is expected."""
    path = data_dir / REDIRECTS_FILE
    if not path.is_file():
        return Redirects({}, {})
    source = YamlSource.read(path, f"data/{REDIRECTS_FILE}")
    root = source.value or {}
    if not isinstance(root, dict):
        raise source.error((), "expected the keys 'pages' and 'sections'")
    check_keys(source, (), root, ("pages", "sections"))
    pages: dict[str, str] = {}
    for old, new in (root.get("pages") or {}).items():
        where = ("pages", old)
        if not PAGE_FILE.match(old) or not isinstance(new, str) or not PAGE_FILE.match(new):
            raise source.error(where, "expected 'old-file.md: new-file.md' (file names under docs/<language>/)")
        pages[old.removesuffix(".md")] = new.removesuffix(".md")
    sections: dict[str, dict[str, str]] = {}
    for page, aliases in (root.get("sections") or {}).items():
        if not PAGE_FILE.match(page) or not isinstance(aliases, dict):
            raise source.error(("sections", page), "expected '<file>.md:' followed by 'old-id: new-id' lines")
        for old, new in aliases.items():
            if not SECTION_ID.match(str(old)) or not isinstance(new, str) or not SECTION_ID.match(new):
                raise source.error(("sections", page, str(old)), "expected 'old-id: new-id' (heading ids)")
        sections[page.removesuffix(".md")] = dict(aliases)
    redirects = Redirects(pages, sections)
    for old in pages:
        redirects.final_article(old)
    return redirects


def moved_paths(redirects: Redirects, site: Site, languages: tuple[str, ...] | None = None) -> dict[str, str]:
    """Each old URL path of a moved article, in every language (or those given), and the path it
    now lives at: {"/it/cancel/": "/it/cancel-account/"}. The static pages at the old addresses
    (helpcentre/plugin.py), nginx's 301s (helpcentre/nginx.py) and the published-link check all
    read it, so they cannot disagree."""
    return {
        "/" + site.page_path(lang, old): "/" + site.page_path(lang, redirects.final_article(old))
        for old in redirects.pages for lang in (languages or site.languages)
    }


REDIRECT_SCRIPT = "assets/javascripts/redirect.js"


def redirect_page_html(target_url: str, canonical_url: str, script_url: str, title: str, link_text: str,
                       lang: str) -> str:
    """A tiny page at an old URL, for a host that does not send nginx's 301.

    The script (REDIRECT_SCRIPT, a file: our Content-Security-Policy blocks inline scripts) goes
    on to the target with the reader's ?plan= and #section. Without JavaScript, a meta refresh
    goes to the target (a static page cannot keep either), and the link is there if even that
    does not happen. The refresh sits in <noscript> so that it never races the script."""
    target = _escape(target_url)
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f'<meta name="robots" content="noindex">\n<title>{_escape(title)}</title>\n'
        f'<link rel="canonical" href="{_escape(canonical_url)}">\n'
        f'<script defer src="{_escape(script_url)}" data-target="{target}"></script>\n'
        f'<noscript><meta http-equiv="refresh" content="0; url={target}"></noscript>\n'
        f'</head>\n<body>\n<p><a href="{target}">{_escape(link_text)}</a></p>\n</body>\n</html>\n'
    )


def relative_url(from_path: str, to_path: str) -> str:
    """A relative link from one directory URL path to another (both relative to site_url)."""
    relative = posixpath.relpath("/" + to_path, "/" + from_path)
    return "./" if relative == "." else relative.rstrip("/") + "/"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------
# The published-link manifest (data/published-links.txt) and its check
# ---------------------------------------------------------------------------


def read_manifest(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = read_utf8(path, f"data/{path.name}").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_manifest(path: Path, entries: set[str]) -> None:
    path.write_text(MANIFEST_HEADER + "".join(f"{entry}\n" for entry in sorted(entries)), encoding="utf-8")


def unpublished_note(index: dict[str, Any], manifest: list[str], command: str = "make links") -> str | None:
    """One line when the build serves addresses that are not in the manifest yet (a new article or
    section): agents cannot rely on them until they are published. None when all are."""
    new = sorted(published_entries(index) - set(manifest))
    if not new:
        return None
    shown = ", ".join(new[:3]) + (f" and {len(new) - 3} more" if len(new) > 3 else "")
    return (f"{len(new)} new address{'es' * (len(new) != 1)} not published for support agents yet ({shown}): "
            f"when their ids are final, run `{command}` and commit data/{MANIFEST_FILE}; a published id is permanent")


def entry_language(site: Site, entry: str) -> str:
    """The language of a published entry: /it/x/#y -> it, /x/ -> the default language."""
    first = entry.lstrip("/").split("/", 1)[0]
    return first if first in site.translations else site.default


def broken_links(manifest: list[str], index: dict[str, Any], redirects: Redirects, site: Site,
                 heading_line=lambda lang, article, heading_id: None,
                 english_sections=lambda article: []) -> list[str]:
    """Each published entry that no longer works, with how to fix it. Empty when all is well.

    A page path works if the build serves it or a redirect in data/redirects.yml leads it to an
    article the build serves; a #section works if the page it lands on has that id or an alias.
    `index` may hold one language only (each language's build checks its own entries); the
    default language's section ids then come from `english_sections(article)`.
    `heading_line(lang, article, id)` gives the line of a heading in docs/<lang>/<article>.md, when
    the caller can read the sources."""
    default_language = site.default
    served: dict[str, tuple[str, str]] = {}  # path -> (article, lang)
    sections: dict[tuple[str, str], list[str]] = {}  # in page order
    for article in index["articles"]:
        for lang, page in article["languages"].items():
            served["/" + page["path"]] = (article["id"], lang)
            sections[(article["id"], lang)] = page_anchors(page)
    redirected = {old: served.get(new) for old, new in moved_paths(redirects, site).items()}
    problems = []
    listed = set(manifest)
    for entry in manifest:
        path, _, anchor = entry.partition("#")
        landing = served.get(path) or redirected.get(path)
        if landing not in sections and anchor and path in listed:
            continue  # the page's own line says it is gone; its sections would only repeat it
        if landing not in sections:
            problems.append(
                f"{entry}: the page is gone and has no redirect; add 'old-file.md: new-file.md' "
                f"under 'pages:' in data/{REDIRECTS_FILE}"
            )
            continue
        article, lang = landing
        if not anchor or anchor in sections[landing] or anchor in redirects.aliases(article):
            continue
        english = sections.get((article, default_language)) or english_sections(article)
        if lang != default_language and anchor in english:
            problems.append(_translated_id(entry, anchor, article, lang, default_language,
                                           english, sections[landing], heading_line))
            continue
        problems.append(
            f"{entry}: the section #{anchor} is gone from {article}.md ({lang}); add "
            f"'{anchor}: <new-id>' under 'sections: {article}.md:' in data/{REDIRECTS_FILE}"
        )
    return problems


def _translated_id(entry: str, anchor: str, article: str, lang: str, default_language: str,
                   english: list[str], translated: list[str], heading_line) -> str:
    """A translation gave a heading its own id: the English page still has the section, so the fix
    is the English id on the translated heading (ids are the same in every language), not a redirect."""
    source = f"docs/{default_language}/{article}.md"
    where = f"docs/{lang}/{article}.md"
    theirs = translated[english.index(anchor)] if len(translated) == len(english) else None
    line = heading_line(lang, article, theirs) if theirs else None
    heading = f"the heading {{ #{theirs} }}" if theirs else "its heading"
    return (f"{where}{f':{line}' if line else ''}: {heading} has another id than in {source} "
            f"({{ #{anchor} }}); write {{ #{anchor} }} there: a heading id is the same in every language, "
            f"and the published link {entry} needs it")

"""`make new SLUG=… TITLE="…"`: a new English article from the template, listed in the navigation.

It writes docs/<default language>/<slug>.md (front matter with the title and a description,
the title, an answer and a first section with an id) and adds the file to `nav:` in mkdocs.yml,
under the section asked for, or chosen at a prompt, or the last one. Nothing else needs an edit:
the tests read the articles from the site, translations show as missing in `make status`
(readers get the English with a notice), and `make links` publishes the new sections.

mkdocs.yml is edited as text, one line added, so its comments and layout stay as they are; the
result is read back and must list the article where it was put, or nothing is written.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

from mkdocs.utils.yaml import yaml_load

from .links import load_redirects
from .site import CONFIG_FILE, Site
from .suggest import did_you_mean

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The template's own words: `make links` refuses to publish a page that still has them, because a
# published section id is permanent (helpcentre/cli.py, links_publish).
PLACEHOLDER_ID = "replace-this-id"
PLACEHOLDER_WORDS = "Replace this"
DESCRIPTION = "{title}. Replace this with one sentence for search results, under 155 characters."
TEMPLATE = """\
---
title: {title_yaml}
description: {description_yaml}
---

# {title}

Replace this with the answer, in a sentence or two: what the reader can do, and on which plans.

## Replace this heading {{ #replace-this-id }}

Replace this with the first step, or the first question a reader has.
"""
NAV_ITEM = re.compile(r"^(?P<indent>[ \t]*)- (?P<rest>.*)$")


class NewArticleError(ValueError):
    """The article cannot be created as asked; the message says why and what to do."""


def template_left(text: str) -> list[int]:
    """The lines of an article that still hold the template's placeholders."""
    return [number for number, line in enumerate(text.splitlines(), 1)
            if PLACEHOLDER_ID in line or PLACEHOLDER_WORDS in line]


# ---------------------------------------------------------------------------
# The navigation
# ---------------------------------------------------------------------------


def nav_sections(config_text: str) -> list[str]:
    """The names of the navigation's sections (entries holding a list of pages), in order."""
    nav = (yaml_load(config_text) or {}).get("nav") or []
    return [name for entry in nav if isinstance(entry, dict) for name, value in entry.items()
            if isinstance(value, list)]


def _nav_lines(lines: list[str]) -> tuple[int, int]:
    """The first and last line index of the `nav:` block."""
    start = next((index for index, line in enumerate(lines) if re.match(r"^nav:\s*(#.*)?$", line)), None)
    if start is None:
        raise NewArticleError(f"{CONFIG_FILE}: no `nav:` to add the article to")
    end = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and not line.startswith((" ", "\t", "#")):
            break
        if line.strip() and not line.lstrip().startswith("#"):
            end = index
    return start, end


def add_to_nav(config_text: str, entry: str, section: str | None) -> str:
    """mkdocs.yml's text with `- <entry>` added as the last page of a section (or of the top level)."""
    lines = config_text.split("\n")
    start, end = _nav_lines(lines)
    if section is None:
        top = [index for index in range(start + 1, end + 1) if NAV_ITEM.match(lines[index])]
        indent = NAV_ITEM.match(lines[top[0]]).group("indent") if top else "  "
        lines.insert(end + 1, f"{indent}- {entry}")
        return "\n".join(lines)
    header = next((index for index in range(start + 1, end + 1)
                   if re.match(rf"^\s*- {re.escape(section)}:\s*(#.*)?$", lines[index])), None)
    if header is None:
        raise NewArticleError(f"{CONFIG_FILE}: nav: the section '{section}' is not written as `- {section}:` "
                              "on a line of its own; add the article to it by hand")
    own = len(lines[header]) - len(lines[header].lstrip())
    last, indent = header, None
    for index in range(header + 1, end + 1):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(line) - len(line.lstrip()) <= own:
            break
        item = NAV_ITEM.match(line)
        if item and indent is None:
            indent = item.group("indent")
        last = index
    lines.insert(last + 1, f"{indent if indent is not None else ' ' * (own + 4)}- {entry}")
    return "\n".join(lines)


def _listed(config_text: str, entry: str, section: str | None) -> bool:
    nav = (yaml_load(config_text) or {}).get("nav") or []
    if section is None:
        return entry in nav
    return any(isinstance(item, dict) and entry in (item.get(section) or []) for item in nav)


def choose_section(sections: list[str], asked: str) -> tuple[str | None, str]:
    """The section to put the article in, and how it was chosen (said to the writer)."""
    if asked:
        if asked not in sections:
            raise NewArticleError(f"SECTION={asked}: not a section of the navigation; "
                                  f"{did_you_mean(asked, sections)}the sections are {', '.join(sections)}")
        return asked, f"under '{asked}'"
    if not sections:
        return None, "at the end"
    default = sections[-1]
    if sys.stdin.isatty():
        print("Which section of the navigation is it in?")
        for number, name in enumerate(sections, 1):
            print(f"  {number}. {name}")
        answer = input(f"Number [{len(sections)}]: ").strip()
        while answer and not (answer.isdigit() and 1 <= int(answer) <= len(sections)):
            answer = input(f"A number from 1 to {len(sections)} [{len(sections)}]: ").strip()
        chosen = sections[int(answer) - 1] if answer else default
        return chosen, f"under '{chosen}'"
    return default, (f"under '{default}', the last section (SECTION=\"…\" chooses another; or move its line "
                     f"in {CONFIG_FILE})")


# ---------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------


def create(site: Site, slug: str, title: str, section: str = "") -> tuple[Path, str]:
    """Write the article and list it in the navigation; the file and where it went in the nav."""
    if not slug:
        raise NewArticleError('which article? e.g. make new SLUG=export-contacts TITLE="Export your contacts"')
    if not SLUG.match(slug):
        raise NewArticleError(f"SLUG={slug}: expected lower-case English words joined by hyphens, "
                              f"e.g. export-contacts; it is the article's address in every language (/{slug}/)")
    if not title.strip() or "\n" in title:
        raise NewArticleError(f'TITLE: expected the article\'s title on one line, e.g. TITLE="Export your contacts"')
    path = site.source(site.default, slug)
    if any(site.source(lang, slug).exists() for lang in site.languages):
        existing = next(site.source(lang, slug) for lang in site.languages if site.source(lang, slug).exists())
        raise NewArticleError(f"{site.display(existing)} exists already; choose another SLUG")
    if slug in load_redirects(site.data).pages:
        raise NewArticleError(f"SLUG={slug}: /{slug}/ redirects to another article (data/redirects.yml), as old "
                              "links to it must keep working; choose another SLUG")
    config_file = site.root / CONFIG_FILE
    config_text = config_file.read_text(encoding="utf-8")
    chosen, where = choose_section(nav_sections(config_text), section)
    entry = f"{slug}.md"
    updated = add_to_nav(config_text, entry, chosen)
    if not _listed(updated, entry, chosen):
        raise NewArticleError(f"{CONFIG_FILE}: could not add {entry} to nav: {where}; add it by hand")
    path.parent.mkdir(parents=True, exist_ok=True)
    title = title.strip()
    path.write_text(TEMPLATE.format(title=title, title_yaml=_yaml_text(title),
                                    description_yaml=_yaml_text(DESCRIPTION.format(title=title))), encoding="utf-8")
    config_file.write_text(updated, encoding="utf-8")
    return path, where


def _yaml_text(text: str) -> str:
    """A text as a front-matter value: as it is when YAML reads it back the same, else quoted."""
    try:
        if yaml.safe_load(f"value: {text}") == {"value": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def next_steps(site: Site, path: Path, slug: str, where: str) -> str:
    url = site.page_path(site.default, slug)
    shown = site.display(path)
    return "\n".join([
        f"Created {shown} and listed it in nav: in {CONFIG_FILE}, {where}.",
        "Next:",
        f"  1. make serve, and open http://127.0.0.1:8000/{url}",
        f"     Write {shown}: replace the template's text, start with the answer, and give each section a",
        "     heading with an id in English words (## Heading { #some-id }). README: \"Writing an article\".",
        "  2. make check: your macros and ids, and the translations against your English",
        "  3. make links: publish the sections for support agents. Do it when the ids are final: a",
        "     published id is permanent (renaming one later needs a redirect in data/redirects.yml).",
        f"  4. git add {shown} {CONFIG_FILE} data/published-links.txt, and commit.",
        "Optional: the words customers search with, in data/search-terms.yml (README: \"Search\").",
        f"Until translators get to it, readers of {', '.join(site.translations)} get the English with a notice;",
        "`make status` lists it as missing for them.",
    ])

"""Check the article files before anything is built, so a writer's slip stops the build with
`docs/<lang>/<file>.md:<line>: <what is wrong and what is expected>` instead of a broken page.
Also: nothing outside docs/ (and the theme's overrides/) is published, not even through a
symbolic link."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, site_languages  # noqa: E402
from macros.data import DataError, read_utf8  # noqa: E402

REQUIRED_FRONT_MATTER = ("title", "description")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?---[ \t]*\n", re.DOTALL)
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")
HEADING_ID = re.compile(r"\{\s*#(?P<id>[^\s}]+)[^}]*\}\s*$")
ID_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LEVELS_NEEDING_ID = (2, 3)


def on_pre_build(config):
    docs = Path(config["docs_dir"])
    project = Path(config["config_file_path"]).parent
    copied = [docs] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])  # into site/
    outside = [problem for folder in copied for problem in links_out_of(folder, project)]
    if outside:  # before any file is read: reading follows the link
        raise PluginError("\n".join(outside))
    languages = site_languages(config)
    sources = sorted(docs.rglob("*.md"), key=lambda found: found.as_posix())
    building = built_here(sources, docs, page_language(config), default_language=languages[0])
    problems: list[str] = []
    published: dict[str, str] = {}
    for path in sources:
        shown = f"docs/{path.relative_to(docs).as_posix()}"
        folder = path.relative_to(docs).parts[0]
        if folder not in languages:
            problems.append(
                f"{shown}:1: '{folder}' is not a language of this site ({', '.join(languages)}); "
                "put the article under docs/<language>/ or add the language to mkdocs.yml"
            )
            continue
        if path not in building:
            continue
        url = article_url(path.relative_to(docs), default_language=languages[0])
        if url in published:
            problems.append(
                f"{shown}:1: publishes the same URL {url} as {published[url]}; rename or remove one of them"
            )
        published.setdefault(url, shown)
        problems.extend(check_article(path, shown))
    if problems:
        raise PluginError("\n".join(problems))


def built_here(sources: list[Path], docs: Path, lang: str, default_language: str) -> set[Path]:
    """The files this language's build renders: its own, and the default language's files it
    has no translation of (shown as fallbacks). Each language's build (one process each in
    scripts/build.py, one after another in mkdocs-static-i18n) checks those only, so every
    file is read once per build rather than once per language."""
    own = {path for path in sources if path.relative_to(docs).parts[0] == lang}
    if lang == default_language:
        return own
    translated = {path.relative_to(docs / lang) for path in own}
    return own | {path for path in sources if path.relative_to(docs).parts[0] == default_language
                  and path.relative_to(docs / default_language) not in translated}


def article_url(relative: Path, default_language: str) -> str:
    """The URL path an article is published at (directory URLs: x.md and x/index.md are both /x/;
    the default language has no prefix)."""
    parts = list(relative.with_suffix("").parts)
    if parts[0] == default_language:
        parts.pop(0)
    if parts[-1] in ("index", "README"):
        parts.pop()
    return "/" + "".join(f"{part}/" for part in parts)


def links_out_of(folder: Path, project: Path) -> list[str]:
    """Symbolic links in a published folder (docs/, the theme's overrides/) that lead outside it,
    or nowhere: MkDocs follows links, so one to /etc/passwd or to a folder of secrets would be
    published with the site."""
    inside = folder.resolve()
    name = os.path.relpath(inside, project.resolve())
    problems = []
    for parent, subfolders, files in os.walk(folder):  # does not follow links: each is seen once
        for entry in sorted(subfolders + files):
            path = Path(parent, entry)
            if not path.is_symlink():
                continue
            shown = f"{name}/{path.relative_to(folder).as_posix()}"
            target = path.resolve()
            if not target.exists():
                problems.append(f"{shown}: a symbolic link to {os.readlink(path)}, which does not exist; remove it")
            elif not target.is_relative_to(inside):
                problems.append(f"{shown}: a symbolic link to {target}, outside {name}/; only what is inside "
                                f"{name}/ is published: copy the file into {name}/ or remove the link")
    return problems


def check_article(path: Path, shown: str) -> list[str]:
    """Problems in one article: its encoding, its front matter, its text and its heading ids."""
    try:
        text = read_utf8(path, shown)
    except DataError as error:
        return [str(error)]
    problems = []
    match = FRONT_MATTER.match(text)
    if not match:
        problems.append(f"{shown}:1: no front matter; start the file with ---, {', '.join(k + ':' for k in REQUIRED_FRONT_MATTER)} and ---")
        body_start = 0
    else:
        body_start = text[: match.end()].count("\n")
        try:
            meta = yaml.safe_load(match.group("body") or "") or {}
        except yaml.YAMLError as error:
            # The context mark is where the broken construct starts (an unclosed [ or "),
            # which is the line the writer must fix; the problem mark is where YAML gave up.
            mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
            line = 2 + (mark.line if mark else 0)
            problems.append(f"{shown}:{line}: front matter is not valid YAML ({getattr(error, 'problem', error)})")
            meta = None
        if meta is not None and not isinstance(meta, dict):
            problems.append(f"{shown}:2: front matter must be 'key: value' lines")
        elif meta is not None:
            for key in REQUIRED_FRONT_MATTER:
                if not isinstance(meta.get(key), str) or not meta[key].strip():
                    problems.append(f"{shown}:1: front matter needs '{key}:' with text")
    if match and not text[match.end():].strip():
        problems.append(f"{shown}:{body_start + 1}: the article has no text after its front matter; "
                        "write its title ('# …') and its content, or delete the file")
    problems.extend(check_headings(text.splitlines()[body_start:], body_start, shown))
    return problems


def check_headings(lines: list[str], offset: int, shown: str) -> list[str]:
    problems, seen, fenced = [], {}, False
    for number, line in enumerate(lines, offset + 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        heading = None if fenced else HEADING.match(line)
        if not heading:
            continue
        level = len(heading.group("level"))
        explicit = HEADING_ID.search(heading.group("text"))
        if not explicit:
            if level in LEVELS_NEEDING_ID:
                problems.append(
                    f"{shown}:{number}: heading '{line.strip()}' has no id; "
                    f"add one in English words, the same in every language: '{line.strip()} {{ #some-id }}'"
                )
            continue
        heading_id = explicit.group("id")
        if not ID_SHAPE.match(heading_id):
            problems.append(f"{shown}:{number}: heading id '{heading_id}' should be lower-case words joined by hyphens")
        if heading_id in seen:
            problems.append(f"{shown}:{number}: heading id '{heading_id}' is already used on line {seen[heading_id]}; ids must be unique on a page")
        seen.setdefault(heading_id, number)
    return problems

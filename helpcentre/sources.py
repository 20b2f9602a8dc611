"""The checks a writer's article files get before anything is built, so a slip stops the build
with `docs/<lang>/<file>.md:<line>: <what is wrong and what is expected>` instead of a broken
page; and the check that nothing outside docs/, the site's own theme folder (custom_dir) or data/ is published."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from . import review
from .data import DataError, read_utf8
from .site import Site

REQUIRED_FRONT_MATTER = ("title", "description")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?---[ \t]*\n", re.DOTALL)
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")
HEADING_ID = re.compile(r"\{\s*#(?P<id>[^\s}]+)[^}]*\}\s*$")
ID_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LEVELS_NEEDING_ID = (2, 3)


def built_here(site: Site, lang: str) -> list[Path]:
    """The articles a language's build renders: its own, and the default language's files it
    has no translation of (shown as fallbacks). Only those folders are read, so a language's
    build costs the same whatever the number of other languages."""
    own = sorted((site.docs / lang).rglob("*.md"), key=Path.as_posix)
    if lang == site.default:
        return own
    translated = {path.relative_to(site.docs / lang) for path in own}
    return own + sorted((path for path in (site.docs / site.default).rglob("*.md")
                         if path.relative_to(site.docs / site.default) not in translated), key=Path.as_posix)


def outside_languages(site: Site) -> list[str]:
    """Articles that no language's build would publish: in a folder that is not a language of
    the site, or straight in docs/."""
    problems = []
    for entry in sorted(site.docs.iterdir()) if site.docs.is_dir() else ():
        if entry.name in site.languages:
            continue
        for path in sorted(entry.rglob("*.md"), key=Path.as_posix) if entry.is_dir() else [entry] if entry.suffix == ".md" else []:
            shown = site.display(path)
            where = f"'{entry.name}' is not a language of this site" if entry.is_dir() else "not in a language folder"
            problems.append(f"{shown}:1: {where} ({', '.join(site.languages)}); "
                            "put the article under docs/<language>/ or add the language to mkdocs.yml")
    return problems


def same_url(site: Site, lang: str, paths: list[Path]) -> list[str]:
    """Two files that would publish one URL (x.md and x/index.md)."""
    key = (site, lang, tuple(paths))  # the preview checks the same files on every build
    if key not in _same_url:
        _same_url.clear()
        _same_url[key] = _same_url_of(site, lang, paths)
    return _same_url[key]


_same_url: dict[tuple, list[str]] = {}
_checked: dict[tuple, list[str]] = {}  # (path, name shown, its modification time and size) -> problems


def _same_url_of(site: Site, lang: str, paths: list[Path]) -> list[str]:
    problems, published = [], {}
    for path in paths:
        source_lang = site.language_of(path)
        url = "/" + site.page_path(lang, site.article_id(path.relative_to(site.docs / source_lang).as_posix()))
        shown = site.display(path)
        if url in published:
            problems.append(f"{shown}:1: publishes the same URL {url} as {published[url]}; rename or remove one of them")
        published.setdefault(url, shown)
    return problems


def links_out_of(folder: Path, project: Path) -> list[str]:
    """What would bring files from outside a folder the build reads and publishes (docs/ with each
    language's folder in it, the site's own theme folder (custom_dir), data/): the folder itself a symbolic link that
    leads out of the project; a symbolic link in it that leads outside it, or nowhere; a file with
    more than one name (a hard link), whose other name may be anywhere. MkDocs follows links and
    reads through hard links, so one to /etc/passwd or to a folder of secrets would be published
    with the site."""
    name = os.path.relpath(os.path.abspath(folder), os.path.abspath(project))
    if not folder.exists():
        return []
    inside = folder.resolve()
    if not inside.is_relative_to(project.resolve()):
        return [f"{name}/: a symbolic link to {inside}, outside the project; only what is inside the project is "
                f"published: make {name}/ a folder of the project, not a link"]
    problems = []
    symbolic, hard = _links(folder)
    for path in sorted(symbolic):
        shown = f"{name}/{path.relative_to(folder).as_posix()}"
        target = path.resolve()
        if not target.exists():
            problems.append(f"{shown}: a symbolic link to {os.readlink(path)}, which does not exist; remove it")
        elif not target.is_relative_to(inside):
            problems.append(f"{shown}: a symbolic link to {target}, outside {name}/; only what is inside "
                            f"{name}/ is published: copy it into {name}/ or remove the link")
    for path, count in sorted(hard):
        problems.append(f"{name}/{path.relative_to(folder).as_posix()}: a hard link (the file has {count} names, "
                        f"and another may be outside {name}/, where it would be published from); "
                        "make it a file of its own: copy it, then remove this name")
    return problems


def _links(folder: Path) -> tuple[list[Path], list[tuple[Path, int]]]:
    """Every symbolic link under a folder, without following any, and every file with more than one
    name (st_nlink). The directory listing says which entries are links; a file's count of names
    takes one stat each."""
    symbolic, hard = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_symlink():
                symbolic.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                more_symbolic, more_hard = _links(Path(entry.path))
                symbolic += more_symbolic
                hard += more_hard
            elif entry.is_file(follow_symlinks=False) and (count := entry.stat(follow_symlinks=False).st_nlink) > 1:
                hard.append((Path(entry.path), count))
    return symbolic, hard


def check_article(path: Path, shown: str) -> list[str]:
    """Problems in one article: its encoding, its front matter, its text and its heading ids.
    Checked again only when the file has changed: the preview checks the sources on every build."""
    try:
        stat = path.stat()
    except OSError:
        return _check_article(path, shown)
    key = (path, shown, stat.st_mtime_ns, stat.st_size, stat.st_ino)
    if key not in _checked:
        _checked[key] = _check_article(path, shown)
    return list(_checked[key])


def _check_article(path: Path, shown: str) -> list[str]:
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
        except ValueError as error:  # a date YAML recognises and cannot build (2027-13-01)
            problems.extend(review.front_matter_problems(text, shown)
                            or [f"{shown}:2: front matter holds a value YAML cannot read ({error})"])
            meta = None
        if meta is not None and not isinstance(meta, dict):
            problems.append(f"{shown}:2: front matter must be 'key: value' lines")
        elif meta is not None:
            for key in REQUIRED_FRONT_MATTER:
                if not isinstance(meta.get(key), str) or not meta[key].strip():
                    problems.append(f"{shown}:1: front matter needs '{key}:' with text")
            problems.extend(review.front_matter_problems(text, shown))  # review_by: a date, owner: a name
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


def heading_ids(path: Path, levels: tuple[int, ...] = LEVELS_NEEDING_ID) -> list[tuple[str, int]]:
    """The explicit ids of an article's headings at these levels, with their lines, in order;
    without rendering it (the published-link check names the English id and the line to fix)."""
    if not path.is_file():
        return []
    return _ids_in(path.read_text(encoding="utf-8", errors="replace"), levels)


def _ids_in(text: str, levels: tuple[int, ...] = LEVELS_NEEDING_ID) -> list[tuple[str, int]]:
    found, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        heading = None if fenced else HEADING.match(line)
        explicit = heading and HEADING_ID.search(heading.group("text"))
        if explicit and len(heading.group("level")) in levels:
            found.append((explicit.group("id"), number))
    return found


def ids_not_in_english(site: Site, lang: str, path: Path, old_ids: set[str]) -> list[str]:
    """A translation's heading ids that its English page does not have: ids are the same in every
    language (a link to a section works in all of them), so the fix is the English id on that
    heading, whatever the translation's words. `old_ids`: ids the section had before (aliases in
    data/redirects.yml). An id the English had when the translation was recorded is the
    translation being behind an English change (`make status` shows it), not a mistake."""
    english = site.source_of(path)
    if lang == site.default or not english.is_file():
        return []
    ours = heading_ids(english)
    theirs = heading_ids(path)
    # The title's anchor (the article's id) on a section is its own mistake, named by helpcentre/plugin.py.
    known = {heading_id for heading_id, _ in ours} | old_ids | {site.article_id(english.relative_to(site.docs).as_posix())}
    foreign = [(heading_id, line) for heading_id, line in theirs if heading_id not in known]
    if foreign:
        foreign = [(heading_id, line) for heading_id, line in foreign
                   if heading_id not in _ids_when_recorded(site, path, english)]
    problems = []
    missing = [heading_id for heading_id, _ in ours if heading_id not in {h for h, _ in theirs}]
    for heading_id, line in foreign:
        if len(ours) == len(theirs):
            meant = ours[[h for h, _ in theirs].index(heading_id)][0]
        elif len(missing) == 1:
            meant = missing[0]
        else:
            meant = None
        fix = (f"({{ #{meant} }}); write {{ #{meant} }} there" if meant else
               f"(it has {', '.join('{ #' + h + ' }' for h in missing) or 'no other'}); write the English id there")
        problems.append(f"{site.display(path)}:{line}: the heading {{ #{heading_id} }} has another id than in "
                        f"{site.display(english)} {fix}: a heading id is the same in every language, so that "
                        "a link to the section works in all of them")
    return problems


def _ids_when_recorded(site: Site, translation: Path, english: Path) -> set[str]:
    """The English page's heading ids as they were when the translation was recorded (from git)."""
    from .translations.history import english_then
    from .translations.markdown import RECORD_LINE

    text = translation.read_text(encoding="utf-8", errors="replace")
    front = FRONT_MATTER.match(text.replace("\r\n", "\n"))
    record = RECORD_LINE.search(front.group("body") or "") if front else None
    then = english_then(site.root, english, record.group("value")) if record else None
    if then is None:
        return set()
    return {heading_id for heading_id, _ in _ids_in(then.text)}

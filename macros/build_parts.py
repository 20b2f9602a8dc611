"""What each language's build collected, handed to the whole-site step through files.

A hook that needs every language's pages at the end (the link index, the sitemap) cannot
keep them in memory: scripts/build.py builds each language in its own process. So each
build saves a part file per language in the site folder, and the outermost build's
on_post_build reads them all back and removes them. The single-process build writes and
reads the same files, so both builds take the same path.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError


def part_path(site_dir: Path, name: str, lang: str) -> Path:
    return Path(site_dir) / f"{name}-part-{lang}.json"


def write_part(site_dir: Path, name: str, lang: str, data) -> None:
    part_path(site_dir, name, lang).write_text(json.dumps(data), encoding="utf-8")


def read_parts(site_dir: Path, name: str, languages) -> dict:
    """{lang: data} for every language; the part files are removed once read."""
    parts = {}
    for lang in languages:
        path = part_path(site_dir, name, lang)
        if not path.exists():
            raise PluginError(f"{path.name} is missing: the '{lang}' pages were not built")
        parts[lang] = json.loads(path.read_text(encoding="utf-8"))
        path.unlink()
    return parts

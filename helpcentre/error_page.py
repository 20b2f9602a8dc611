"""The page the preview (helpcentre/preview.py) shows in place of a language's pages while its build
fails: the build's own messages, and the lines of the writer's file around the line a message names."""

from __future__ import annotations

import re
from pathlib import Path

from .render import TEMPLATES

LEVEL = re.compile(r"^(?:ERROR|WARNING)\s+-\s+")  # MkDocs' prefix: not the writer's business
WHERE = re.compile(r"^\s*(?P<file>[\w./-]+\.(?:md|yml|yaml|html|txt)):(?P<line>\d+):", re.MULTILINE)


def message(problem: str) -> str:
    """A build's message as the writer reads it."""
    return LEVEL.sub("", problem)


def error_page(root: Path, languages: list[str], problems: tuple[str, ...], names: dict[str, str]) -> str:
    which = ", ".join(f"{names.get(lang, lang)} ({lang})" for lang in languages) or "The site"
    shown = []
    for problem in problems:
        text = message(problem)
        file, source = excerpt(root, text)
        shown.append({"text": text, "file": file, "source": source})
    return TEMPLATES.get_template("preview_error.html").render(which=which, problems=shown)


def excerpt(root: Path, text: str, around: int = 2) -> tuple[str, list[tuple[int, str, bool]]]:
    """The file the message names first (docs/it/x.md:16: ...), and its lines around that line:
    (number, text, whether it is the line named). Nothing for a file outside the project."""
    where = WHERE.search(text)
    if not where:
        return "", []
    path = (root / where["file"]).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return "", []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    number = int(where["line"])
    return where["file"], [(at, lines[at - 1], at == number)
                           for at in range(max(1, number - around), min(len(lines), number + around) + 1)]

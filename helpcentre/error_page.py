"""The page the preview (helpcentre/preview.py) shows in place of a language's pages while its build
fails: the build's own messages, and the lines of the writer's file around the line a message names."""

from __future__ import annotations

import re
from pathlib import Path

from .render import TEMPLATES

WHERE = re.compile(r"^\s*(?P<file>[\w./-]+\.(?:md|yml|yaml|html|txt)):(?P<line>\d+):", re.MULTILINE)


def error_page(root: Path, languages: list[str], problems, names: dict[str, str]) -> str:
    """The page for these languages' problems (helpcentre/language_process.py's Problem: its text
    names the file, and the line where there is one)."""
    which = ", ".join(f"{names.get(lang, lang)} ({lang})" for lang in languages) or "The site"
    shown = []
    for problem in problems:
        file, source = excerpt(root, problem.text)
        shown.append({"text": problem.text, "file": file, "source": source})
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

"""A page's past, from git: the English text a translation was recorded against (its
`source_hash:` finds it), and the translation as it was when it was recorded. Nothing else has
to be stored. Without git, or with the version not committed, the answer is None and callers say
what they cannot tell.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .markdown import RECORD_LINE, source_hash


@dataclass(frozen=True)
class Version:
    commit: str   # full hash
    date: str     # the commit's date, YYYY-MM-DD
    text: str


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True)
    except OSError:  # no git on this machine
        return None
    return result.stdout.decode("utf-8", errors="replace") if result.returncode == 0 else None


@lru_cache(maxsize=None)
def _top(root: Path) -> Path | None:
    top = _git(root, "rev-parse", "--show-toplevel")
    return Path(top.strip()).resolve() if top else None


def versions(root: Path, path: Path):
    """Every committed version of a file, newest first, following renames: Version each."""
    top = _top(root)
    if top is None or not path.resolve().is_relative_to(top):
        return
    relative = path.resolve().relative_to(top).as_posix()
    log = _git(top, "log", "--follow", "--format=%x00%H %cs", "--name-only", "--", relative)
    for entry in (log or "").split("\0")[1:]:
        head, *names = [part for part in entry.split("\n") if part.strip()]
        commit, date = head.split()
        shown = _git(top, "show", f"{commit}:{names[-1] if names else relative}")
        if shown is not None:
            yield Version(commit, date, shown.replace("\r\n", "\n"))


def english_then(root: Path, source: Path, recorded: str) -> Version | None:
    """The English page as it was when a translation recorded `recorded` (its source_hash)."""
    return next((version for version in versions(root, source) if source_hash(version.text) == recorded), None)


def last_change(root: Path, source: Path) -> Version | None:
    """The English page's last commit; None when it has uncommitted changes (or no history)."""
    latest = next(versions(root, source), None)
    if latest is None or latest.text != source.read_text(encoding="utf-8").replace("\r\n", "\n"):
        return None
    return latest


def translation_when_recorded(root: Path, translation: Path, recorded: str) -> Version | None:
    """The translation as it was when `recorded` was written into it: the oldest commit of the
    newest run of commits that carry that source_hash (later ones may hold edits not recorded)."""
    found = None
    for version in versions(root, translation):
        match = RECORD_LINE.search(version.text)
        if not match or match.group("value") != recorded:
            break
        found = version
    return found

"""What changed in the English source since a translation was recorded (`diff`), and recording
a translation as in step again (`record`). The recorded hash finds the English text it stands
for in git history, so nothing else has to be stored."""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

from .check import compare_pages
from .markdown import RECORD_KEY, parse_page, source_hash
from .policy import OFF, Config, Finding, UsageError, display, language_of, source_path



def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise UsageError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def recorded_source_text(config: Config, source: Path, recorded: str) -> tuple[str, str] | None:
    """(commit, text) of the English page as it was when its hash was `recorded`, from git history."""
    top = Path(_git(config.root, "rev-parse", "--show-toplevel").strip())
    relative = source.resolve().relative_to(top.resolve()).as_posix()
    log = _git(config.root, "log", "--follow", "--format=%H", "--name-only", "--", relative)
    entries = [chunk.split() for chunk in log.strip().split("\n\n") if chunk.strip()]
    # git log prints "<hash>\n\n<path>" per commit: rebuild the pairs.
    flat = [token for chunk in entries for token in chunk]
    for commit, path in zip(flat[::2], flat[1::2]):
        shown = subprocess.run(["git", "-C", str(top), "show", f"{commit}:{path}"], capture_output=True)
        if shown.returncode == 0:
            text = shown.stdout.decode("utf-8")
            if source_hash(text) == recorded:
                return commit, text
    return None


def diff(config: Config, translation: Path) -> tuple[int, str]:
    """What changed in the English source since the translation's recorded version."""
    source = source_path(config, translation)
    if not source.is_file():
        raise UsageError(f"{display(config, translation)}: its source {display(config, source)} does not exist")
    page = parse_page(translation, display(config, translation))
    current = source.read_text(encoding="utf-8")
    if page.recorded is None:
        raise UsageError(f"{page.display}: records no source version, so there is nothing to compare with; "
                         f"check it against {display(config, source)} and run `record`")
    if page.recorded == source_hash(current):
        return 0, f"{page.display} is up to date with {display(config, source)}"
    found = recorded_source_text(config, source, page.recorded)
    if found is None:
        raise UsageError(f"{page.display}: no version of {display(config, source)} in git history has the hash "
                         f"{page.recorded}; compare the two files by hand, then run `record`")
    commit, old = found
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), current.splitlines(keepends=True),
        fromfile=f"{display(config, source)} @ {commit[:10]} (recorded {page.recorded})",
        tofile=f"{display(config, source)} (now {source_hash(current)})",
    )
    return 0, "".join(lines).rstrip("\n")


def structure_findings(config: Config, translation: Path) -> list[Finding]:
    """What still differs between one translation and its source, version aside."""
    source = source_path(config, translation)
    found = compare_pages(config, language_of(config, translation),
                          parse_page(source, display(config, source)),
                          parse_page(translation, display(config, translation)))
    return [f for f in found if f.code not in ("stale", "unrecorded") and config.severity[f.code] != OFF]


def record(config: Config, translation: Path) -> str:
    """Write the source's current hash into the translation's front matter; touch only that line."""
    source = source_path(config, translation)
    if not source.is_file():
        raise UsageError(f"{display(config, translation)}: its source {display(config, source)} does not exist")
    new = source_hash(source.read_text(encoding="utf-8"))
    raw = translation.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    page = parse_page(translation, display(config, translation))
    lines = raw.splitlines(keepends=True)
    entry = f"{RECORD_KEY}: {new}{newline}"
    if page.recorded is not None:
        index = page.recorded_line - 1
        if page.recorded == new:
            return f"{page.display}:{page.recorded_line}: {RECORD_KEY} already {new}; nothing changed"
        lines[index] = entry
        message = f"{page.display}:{page.recorded_line}: {RECORD_KEY} {page.recorded} -> {new} ({display(config, source)})"
    elif page.front_end:
        index = page.front_end - 1  # just before the closing ---
        lines.insert(index, entry)
        message = f"{page.display}:{index + 1}: added {RECORD_KEY}: {new} ({display(config, source)})"
    else:
        lines[0:0] = ["---" + newline, entry, "---" + newline]
        message = f"{page.display}:2: added front matter with {RECORD_KEY}: {new} ({display(config, source)})"
    translation.write_bytes("".join(lines).encode("utf-8"))
    return message



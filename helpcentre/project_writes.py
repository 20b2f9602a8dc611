"""Changing several of the project's files as one change: all of them, or none.

A command that adds a language edits mkdocs.yml, every file of data/ and more. The preview reads
those files as they are saved, and a reader that saw some of them changed and not the others
would build a site that does not exist ("'ja' is not a language of this site"). So:

- each file is written under a temporary name beside it and renamed into place (a rename is
  atomic: a reader sees the old file or the new one, never half of one), in the order given;
- while that happens, a lock file at the project's root says a command is writing; the preview
  waits until it is gone (helpcentre/preview.py), then builds once with every change;
- if anything fails, an interruption included, every file is put back as it was, every file
  and folder created is removed, and the error goes on to the caller.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

LOCK_FILE = ".help-centre-writing"  # a dotfile: MkDocs, nginx and git status leave it out


class LockedError(RuntimeError):
    """Another command is changing the project's files."""


@dataclass(frozen=True)
class Write:
    path: Path
    content: bytes


def writing(root: Path) -> bool:
    """Whether a command is changing the project's files at this moment (its lock is held by a
    process that is still running: a lock left by a killed command does not count)."""
    return _holder(root / LOCK_FILE) is not None


def write_all(root: Path, writes: list[Write]) -> None:
    """Write every file in `writes`, in order, as one change (see the module's docstring)."""
    lock = root / LOCK_FILE
    _take(lock)
    try:
        _write_all(writes)
    finally:
        lock.unlink(missing_ok=True)


def _write_all(writes: list[Write]) -> None:
    created_folders: list[Path] = []
    staged: list[tuple[Write, Path]] = []
    replaced: list[tuple[Path, bytes | None]] = []  # each file renamed into place, and what it was
    try:
        for write in writes:
            created_folders += _make_folders(write.path.parent)
            temporary = write.path.with_name(f".{write.path.name}.{os.getpid()}.new")
            temporary.write_bytes(write.content)
            staged.append((write, temporary))
        for write, temporary in staged:
            before = write.path.read_bytes() if write.path.is_file() else None
            os.replace(temporary, write.path)
            replaced.append((write.path, before))
    except BaseException:
        # Put back in place, not by renaming again: the lock still holds the preview, and a rename
        # may be what just failed. Each one is tried, whatever happens to the others.
        undo = [(lambda path=path, before=before: path.unlink(missing_ok=True) if before is None
                 else path.write_bytes(before)) for path, before in reversed(replaced)]
        undo += [(lambda temporary=temporary: temporary.unlink(missing_ok=True)) for _, temporary in staged]
        undo += [folder.rmdir for folder in reversed(created_folders)]  # fails if something else is in it now
        for step in undo:
            try:
                step()
            except OSError:
                pass
        raise


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; the ones created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


# ---------------------------------------------------------------------------
# The lock
# ---------------------------------------------------------------------------


def _take(lock: Path) -> None:
    for _ in range(2):
        try:
            descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = _holder(lock)
            if holder is not None:
                raise LockedError(f"another command (process {holder}) is changing the project's files; "
                                  f"try again once it has finished") from None
            lock.unlink(missing_ok=True)  # left by a command that was killed
            continue
        with os.fdopen(descriptor, "w") as file:
            file.write(f"{os.getpid()}\n")
        return
    raise LockedError(f"{lock.name}: could not be created; another command may be changing the project's files")


def _holder(lock: Path) -> int | None:
    """The process holding the lock, if it is still running."""
    try:
        pid = int(lock.read_text(encoding="utf-8").strip() or 0)
    except (OSError, ValueError):
        return None
    if pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid  # running, as another user
    return pid

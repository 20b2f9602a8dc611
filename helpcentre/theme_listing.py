"""The theme's files, listed once per process where they come from an installed package.

At every build MkDocs lists every file under the theme's folders, to copy the static ones
(`Files.add_files_from_theme`). Material's folder holds 14,500 files, 14,348 of them the icons of
its hidden .icons/ folder, which MkDocs never copies (it skips every hidden path): listing and
filtering them was a third of the time a preview's language process takes to show a save.

An installed package does not change while a process runs, so its folders are listed once and
without their hidden folders. The folders of the project and of the engine are listed at every
build, as MkDocs lists them: a writer may add a template while the preview runs. Templates are
still loaded from every folder as before (Material includes its icons from .icons/ by name).
"""

from __future__ import annotations

import functools
import os
import sysconfig
from pathlib import Path

import jinja2

INSTALLED = tuple({Path(sysconfig.get_path(name)).resolve() for name in ("purelib", "platlib")})


def list_installed_folders_once(theme) -> None:
    """Give the theme's Jinja environments a loader that lists installed folders from memory.
    mkdocs-static-i18n configures the theme again for each language: done once per theme."""
    if getattr(theme, "lists_installed_folders_once", False):
        return
    make_environment = theme.get_env

    def get_env() -> jinja2.Environment:
        environment = make_environment()
        environment.loader = InstalledListedOnce(environment.loader.searchpath)
        return environment

    theme.get_env = get_env
    theme.lists_installed_folders_once = True


class InstalledListedOnce(jinja2.FileSystemLoader):
    """Jinja's own loader, but for what it lists of installed folders."""

    def list_templates(self) -> list[str]:
        return sorted({name for folder in self.searchpath for name in _listing(folder)})


def _listing(folder: str) -> tuple[str, ...]:
    if any(Path(folder).resolve().is_relative_to(root) for root in INSTALLED):
        return _installed_listing(folder)
    return tuple(jinja2.FileSystemLoader(folder).list_templates())


@functools.cache
def _installed_listing(folder: str) -> tuple[str, ...]:
    names = []
    for directory, subdirectories, files in os.walk(folder):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        relative = Path(directory).relative_to(folder)
        names += [(relative / name).as_posix() for name in files]
    return tuple(names)

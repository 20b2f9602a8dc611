"""Where the build relies on what Material writes, and one loud failure when an upgrade moves it.

Material has no setting for a few things the help centre needs (a name on the search dialog,
our search worker in its page config, our hreflang alternates in its <head>), so some of our
modules edit Material's HTML and our theme's main.html replaces two of its template blocks. Each
such place names what it expects from Material as a `Seam`; an edit that finds its target other
than the expected number of times, or a replaced block that Material has since changed, stops the
build with one message: our module, Material's template, what is no longer as expected, and the
installed Material version. Nothing fails silently after a `make lock` that upgrades Material.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Callable

from mkdocs.exceptions import PluginError

HASHED_NAME = re.compile(r"\.[0-9a-f]{8}(?=\.min\.(?:js|css)\b)")  # bundle.a5f9d56c.min.js
BLOCK_TAG = re.compile(r"\{%-?\s*(?P<end>end)?block\b\s*(?P<name>\w+)?[^%]*?-?%\}")


class MaterialChanged(PluginError):
    """Material no longer writes what our code or our theme relies on."""


@cache
def material_version() -> str:
    """The installed Material's version (mkdocs-material's package metadata)."""
    return version("mkdocs-material")


def _times(count: int) -> str:
    return {0: "not at all", 1: "once", 2: "twice"}.get(count, f"{count} times")


@dataclass(frozen=True)
class Seam:
    """One thing our code expects Material to write: `what`, written by Material's `template`."""

    ours: str      # the file that relies on it: helpcentre/material/conformance.py
    template: str  # Material's template or file that writes it: partials/search.html
    what: str      # what is expected, in words: 'the search dialog <div … role="dialog">'

    def failure(self, problem: str, where: str = "") -> MaterialChanged:
        on = f" in {where}" if where else ""
        return MaterialChanged(
            f"{self.ours}: {self.what}, written by Material's {self.template}, {problem}{on}. "
            f"Material {material_version()} has changed it: update {self.ours} to what Material "
            f"writes now (or remove what Material no longer needs).")

    def expect(self, text: str, pattern: str | re.Pattern, *, count: int = 1, where: str = "") -> None:
        """Fail unless `pattern` (a string or a regular expression) occurs `count` times in `text`."""
        found = text.count(pattern) if isinstance(pattern, str) else len(pattern.findall(text))
        if found != count:
            raise self.failure(f"was found {_times(found)} (expected {_times(count)})", where)

    def replace(self, text: str, old: str, new: str, *, count: int = 1, where: str = "") -> str:
        """`text` with `old` replaced by `new`, which must occur exactly `count` times."""
        self.expect(text, old, count=count, where=where)
        return text.replace(old, new)

    def sub(self, pattern: re.Pattern, replacement: str | Callable[[re.Match], str], text: str, *,
            count: int = 1, where: str = "") -> str:
        """`pattern.sub(replacement, text)`, where the pattern must match exactly `count` times."""
        self.expect(text, pattern, count=count, where=where)
        return pattern.sub(replacement, text)


# --- Template blocks that an override replaces whole ----------------------------------------

def material_template(name: str) -> Path:
    """Material's own copy of a template or partial, not an override of it (the site's custom_dir,
    or the engine's theme folder)."""
    import material

    folder = Path(material.__file__).resolve().parent / "templates"
    if (folder / name).is_file():
        return folder / name
    raise MaterialChanged(f"Material {material_version()} has no template {name}")


def block_body(source: str, block: str) -> str | None:
    """The text between `{% block <block> %}` and its `{% endblock %}` in a Jinja template's
    source (nested blocks included), or None when the template has no such block."""
    start, depth = None, 0
    for tag in BLOCK_TAG.finditer(source):
        if start is None:
            if not tag["end"] and tag["name"] == block:
                start, depth = tag.end(), 1
            continue
        depth += -1 if tag["end"] else 1
        if depth == 0:
            return source[start:tag.start()]
    return None


def named_in_block(template: str, block: str, pattern: re.Pattern, ours: str, what: str) -> str:
    """The one name matching `pattern` (an asset's path) in the block `block` of Material's `template`."""
    body = block_body(material_template(template).read_text(encoding="utf-8"), block) or ""
    Seam(ours, f"{template} (block '{block}')", what).expect(body, pattern)
    return pattern.search(body)[0]


def theme_file(files, path: str, ours: str, what: str) -> str:
    """The text of one of the theme's files (Material's script, say), which must be there."""
    file = files.get_file_from_path(path)
    if file is None:
        raise MaterialChanged(f"{ours}: Material {material_version()} has no {path} ({what})")
    return file.content_string


def block_fingerprint(body: str, material: str) -> str:
    """A hash of a block's text that stays the same from one Material release to the next while
    the block does: the release number and the content hashes in asset names are left out."""
    steady = HASHED_NAME.sub(".<hash>", body.replace(material, "<version>"))
    return hashlib.sha256(steady.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReplacedBlock:
    """A block of Material's `template` that our `override` replaces instead of extending."""

    override: str  # helpcentre/theme/main.html
    template: str  # base.html
    block: str     # site_meta
    fingerprint: str  # block_fingerprint() of Material's block when our copy was written
    why: str       # why {{ super() }} cannot do

    def check(self) -> None:
        path = material_template(self.template)
        body = block_body(path.read_text(encoding="utf-8"), self.block)
        if body is None:
            raise MaterialChanged(
                f"{self.override} replaces the block '{self.block}' of Material's {self.template}, and "
                f"Material {material_version()} has no such block any more ({path}): move our "
                f"changes to wherever Material writes that part now.")
        found = block_fingerprint(body, material_version())
        if found != self.fingerprint:
            raise MaterialChanged(
                f"{self.override} replaces the block '{self.block}' of Material's {self.template} "
                f"({self.why}), and Material {material_version()} has changed that block: compare it "
                f"with ours ({path}), carry Material's change over, then record its new fingerprint "
                f"'{found}' (was '{self.fingerprint}').")

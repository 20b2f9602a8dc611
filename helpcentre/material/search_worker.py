"""Stop the build when Material's search worker no longer works the way ours assumes.

Our worker, assets/javascripts/workers/help-search.js in our theme (issue 12), runs Material's
worker inside itself: pages name ours in Material's config, with Material's file in
?material= (search_config.py), and ours loads it with importScripts. It relies on:
- the numbers of Material's message types: its SETUP, QUERY and RESULT constants must be those
  of the enum SearchMessageType in Material's source (integrations/search/worker/message,
  read from the bundle's source map, which Material ships);
- Material's worker exporting lunr (self.lunr=), whose index builder ours extends, and reading
  messages with addEventListener("message"), so that ours, added first, sees each one first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


from .seams import MaterialChanged, Seam, named_in_block, theme_file

OURS = "helpcentre/material/search_worker.py"
OUR_WORKER = Path(__file__).resolve().parent.parent / "theme/assets/javascripts/workers/help-search.js"
WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
MESSAGE_SOURCE = "integrations/search/worker/message/index.ts"
MESSAGE_TYPES = re.compile(r"enum SearchMessageType\s*\{(?P<members>[^}]*)\}")
OUR_TYPE = re.compile(r"^\s*const (?P<name>SETUP|READY|QUERY|RESULT) = (?P<value>\d+);", re.M)
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def enum_values(members: str) -> dict[str, int]:
    """{name: value} of a TypeScript enum's members (`A, B = 4, C`: 0, 4, 5)."""
    values, following = {}, 0
    for member in filter(None, (part.strip() for part in COMMENT.sub("", members).split(","))):
        name, _, value = (side.strip() for side in member.partition("="))
        following = int(value) if value else following
        values[name] = following
        following += 1
    return values


def material_message_types(source_map: str, where: str) -> dict[str, int]:
    """Material's search message types, from the bundle's source map (its TypeScript source)."""
    sources = json.loads(source_map)
    source = next((text for name, text in zip(sources.get("sources", []), sources.get("sourcesContent") or [])
                   if name.endswith(MESSAGE_SOURCE) and text), "")
    seam = Seam(OURS, where, f"the enum SearchMessageType in {MESSAGE_SOURCE}")
    seam.expect(source, MESSAGE_TYPES)
    return enum_values(MESSAGE_TYPES.search(source)["members"])


def our_message_types(worker: str) -> dict[str, int]:
    """The message types help-search.js numbers (const SETUP = 0; …)."""
    return {match["name"]: int(match["value"]) for match in OUR_TYPE.finditer(worker)}


def check_message_types(ours: dict[str, int], materials: dict[str, int]) -> None:
    wrong = {name: value for name, value in ours.items() if materials.get(name) != value}
    if not ours or wrong:
        raise MaterialChanged(
            f"{OURS}: helpcentre/theme/assets/javascripts/workers/help-search.js numbers Material's search "
            f"messages {ours}, and Material's worker now numbers them {materials}: set the constants "
            f"in help-search.js to Material's")


def check_search_worker(files) -> None:
    """Fail unless Material's worker works as ours assumes (see above)."""
    worker_path = named_in_block("base.html", "config", WORKER, OURS, "the search worker's path")
    worker = theme_file(files, worker_path, OURS, "Material's search worker")
    Seam(OURS, worker_path, "the export of lunr (self.lunr=)").expect(worker, "self.lunr=")
    Seam(OURS, worker_path, 'its message listener (addEventListener("message",)').expect(
        worker, 'addEventListener("message",')
    bundle_map = named_in_block("base.html", "scripts", BUNDLE, OURS, "the bundle's <script>") + ".map"
    materials = material_message_types(theme_file(files, bundle_map, OURS, "the bundle's source map"), bundle_map)
    check_message_types(our_message_types(OUR_WORKER.read_text(encoding="utf-8")), materials)

"""Content-hash fingerprints on the URLs of the site's asset files: `help.css?h=<hash>`.

Every stylesheet, script and image a page names carries a hash of the file's bytes, so a deploy
that changes a file changes its URL: browsers may keep such a URL for a year (serve/help-centre.conf
says so for `/assets/…?h=<hash>`), and a new page never runs with an old script. Material's own
files carry a hash in their name already (bundle.a5f9d56c.min.js) and are left as they are; files
no page names (lunr's languages, fetched by Material's search worker) have no fingerprint, and
nginx has browsers revalidate them."""

from __future__ import annotations

import hashlib
import re
from typing import Callable

QUERY = "h"
LENGTH = 12  # hex digits of SHA-256; serve/help-centre.conf matches exactly this many
ASSETS = "assets/"
HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")  # Material's own
# src="…" or href="…" to a file under assets/, relative (../assets/…) or from the site's root
# (/assets/…, /help/assets/…, as the 404 pages write them), without a query or fragment yet.
ASSET_URL = re.compile(r'(?P<before>\s(?:src|href)=")(?P<prefix>(?:\.\.?/)*|/(?:(?!/)[^"?#:]*/)?)'
                       r'(?P<path>assets/[^"?#:]+)(?=")')


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:LENGTH]


def needs_fingerprint(path: str) -> bool:
    """A site file (path from the site's root) whose URL gets ?h=: an asset not hashed by name."""
    return path.startswith(ASSETS) and not HASHED_NAME.search(path)


def add_fingerprints(html: str, hash_of: Callable[[str], str | None]) -> str:
    """Add ?h=<hash> to each asset URL in src/href. `hash_of(path)` gives the hash of the file
    at that path (from the site's root), or None for a file that is not the site's."""

    def fingerprint(match: re.Match) -> str:
        path = match["path"]
        digest = hash_of(path) if needs_fingerprint(path) else None
        url = f"{match['prefix']}{path}"
        return f"{match['before']}{url}?{QUERY}={digest}" if digest else match[0]

    return ASSET_URL.sub(fingerprint, html)

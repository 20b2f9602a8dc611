"""The template blocks our theme's main.html replaces whole, each checked against Material's.

main.html extends Material's blocks with {{ super() }} where it can; it replaces two, because
Material offers no smaller seam:
- site_meta: Material writes relative hreflang links from config.extra.alternate (which its
  language switcher needs as it is) and the canonical URL of the page itself; ours are absolute,
  with x-default, and an untranslated page's canonical is the English original.
- scripts: Material's loads its bundle with a <script> of its own; ours loads it on demand
  (on_demand.py), and our scripts with `defer`.

Each is checked against a fingerprint of Material's block as it was when our copy was written
(seams.py): after a Material upgrade that changes one, the build says which, and where to compare.
"""

from __future__ import annotations

from .seams import ReplacedBlock

MAIN = "helpcentre/theme/main.html"
REPLACED = (
    ReplacedBlock(MAIN, "base.html", "site_meta", "341eff228a8fee42",
                  "absolute hreflang alternates with x-default, and our canonical URL"),
    ReplacedBlock(MAIN, "base.html", "scripts", "5f41dd33957750de",
                  "Material's bundle loaded on demand (helpcentre/material/on_demand.py)"),
)


def check_replaced_blocks() -> None:
    for block in REPLACED:
        block.check()

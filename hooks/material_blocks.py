"""Stop the build when Material changes a template block that overrides/main.html replaces whole.

overrides/main.html extends Material's blocks with {{ super() }} where it can; it replaces two,
because Material offers no smaller seam:
- site_meta: Material writes relative hreflang links from config.extra.alternate (which its
  language switcher needs as it is) and the canonical URL of the page itself; ours are absolute,
  with x-default, and an untranslated page's canonical is the English original.
- scripts: Material's loads its bundle with a <script> of its own; ours (see main.html) loads it
  as hooks/material_on_demand.py says, and our scripts with `defer` (mkdocs.yml: extra_javascript).

Each is checked against a fingerprint of Material's block as it was when our copy was written
(helpcentre/material_seams.py): after a Material upgrade that changes one, the build says which, and
where to compare. Also gives templates `material_version`, for the generator <meta> Material writes.
"""

from __future__ import annotations



from helpcentre.material_seams import ReplacedBlock, material_version

REPLACED = (
    ReplacedBlock("overrides/main.html", "base.html", "site_meta", "341eff228a8fee42",
                  "absolute hreflang alternates with x-default, and our canonical URL"),
    ReplacedBlock("overrides/main.html", "base.html", "scripts", "5f41dd33957750de",
                  "Material's bundle loaded as hooks/material_on_demand.py says"),
)


def on_env(env, config, files):
    for block in REPLACED:
        block.check(config.theme)
    env.globals["material_version"] = material_version()
    return env

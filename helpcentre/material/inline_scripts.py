"""Material's two inline scripts, published as files, so that our Content-Security-Policy can
forbid inline scripts (serve/help-centre.conf) and the pages still have them.

Material writes its storage helpers (partials/javascripts/base.html, in the <head>) and its
content script (partials/javascripts/content.html: a URL hash that names a content tab opens
it) inline. Our theme's versions of those two partials load assets/javascripts/material-storage.js
and material-content.js instead, and the build writes those files from Material's own partials,
rendered with the site's features: a Material upgrade that changes the scripts changes our files
with it. The storage script's one template value, the scope of what it stores, comes from our
script tag (data-scope) instead. A partial that holds anything but inline scripts, or a value
this module does not fill, stops the build with what changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import jinja2
from mkdocs.structure.files import File

from .seams import MaterialChanged, Seam, material_template, material_version

OURS = "helpcentre/material/inline_scripts.py"
INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.S)
# Material's partial writes the scope into the script; ours passes the same value as data-scope.
SCOPE = '"{{ config.extra.scope | d(base_url) }}"'
SCOPE_FROM_TAG = "document.currentScript.dataset.scope"


@dataclass(frozen=True)
class InlineScript:
    partial: str   # Material's partial that writes the script inline
    file: str      # the file our override of that partial loads instead
    values: dict[str, str] = field(default_factory=dict)  # template value -> JavaScript that gives it

    def code(self, source: str, features: list[str]) -> str:
        """The JavaScript of Material's partial (its Jinja `source`) as a file, for these features."""
        for value, code in self.values.items():
            source = Seam(OURS, self.partial, f"the value {value}").replace(source, value, code)
        try:
            rendered = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(source).render(
                features=features)
        except jinja2.TemplateError as error:
            raise MaterialChanged(f"{OURS}: Material {material_version()}'s {self.partial} needs a value this "
                                  f"module does not give ({error}): publish it as the storage scope is") from None
        scripts = [match["code"].strip() for match in INLINE_SCRIPT.finditer(rendered)]
        rest = INLINE_SCRIPT.sub("", rendered).strip()
        if rest or not scripts:
            raise MaterialChanged(f"{OURS}: Material {material_version()}'s {self.partial} no longer holds only "
                                  f"inline scripts ({rest[:80] or 'none at all'!r}): update our override of "
                                  f"it (helpcentre/theme/{self.partial}) and this module")
        header = f"// Material {material_version()}'s {self.partial}, published by {OURS}.\n"
        return header + ";\n".join(scripts) + "\n"


SCRIPTS = (
    InlineScript("partials/javascripts/base.html", "assets/javascripts/material-storage.js", {SCOPE: SCOPE_FROM_TAG}),
    InlineScript("partials/javascripts/content.html", "assets/javascripts/material-content.js"),
)


def add_script_files(files, config) -> None:
    """Add Material's inline scripts to the site's files, as the files our partials load."""
    features = list(config.theme.get("features") or [])
    for script in SCRIPTS:
        source = material_template(script.partial).read_text(encoding="utf-8")
        if files.get_file_from_path(script.file) is not None:
            raise MaterialChanged(f"{OURS}: {script.file} is already among the site's files; it is "
                                  f"written from Material's {script.partial}, delete the copy")
        files.append(File.generated(config, script.file, content=script.code(source, features)))

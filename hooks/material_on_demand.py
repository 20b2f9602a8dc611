"""Give theme templates `material_bundle`: the path of Material's script in the built site
(its name carries a content hash that changes with every Material release), for the loader
in overrides/assets/javascripts/material-on-demand.js, which fetches it when the reader
first reaches for the page rather than on every page view."""

from __future__ import annotations

import fnmatch

from mkdocs.exceptions import PluginError

BUNDLE = "assets/javascripts/bundle.*.min.js"


def on_env(env, config, files):
    found = sorted(file.src_uri for file in files if fnmatch.fnmatch(file.src_uri, BUNDLE))
    if len(found) != 1:
        raise PluginError(f"hooks/material_on_demand.py: expected one Material script {BUNDLE} "
                          f"among the theme's files, found {found or 'none'}")
    env.globals["material_bundle"] = found[0]
    return env

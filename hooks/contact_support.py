"""Give theme templates `support_contact()`: the support address and hours in the page's
language, rendered by the same macro writers use, for the call to action on every article."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, render, site_data  # noqa: E402


def on_env(env, config, files):
    env.globals["support_contact"] = lambda: render.support_html(site_data(config), page_language(config))
    return env

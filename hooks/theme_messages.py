"""Give theme templates `message('key', …)`: the help centre's wording from data/messages.yml,
in the language being built, so no template hard-codes English."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, site_data  # noqa: E402


def on_env(env, config, files):
    data = site_data(config)
    env.globals["message"] = lambda *keys: data.message(page_language(config), *keys)
    return env

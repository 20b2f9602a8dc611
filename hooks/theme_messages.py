"""Give theme templates `message('key', …)`: the help centre's wording from data/messages.yml,
in the language being built, so no template hard-codes English. Escaped HTML (render.message_html):
MkDocs' templates do not escape what they print, so a translated message could otherwise be markup."""

from __future__ import annotations

from helpcentre import building, render


def on_env(env, config, files):
    env.globals["message"] = lambda *keys: render.message_html(building.data(config), building.language(config), *keys)
    return env

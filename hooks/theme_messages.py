"""Give theme templates `message('key', …)`: the help centre's wording from data/messages.yml,
in the language being built, so no template hard-codes English."""

from __future__ import annotations



from helpcentre import building


def on_env(env, config, files):
    data = building.data(config)
    env.globals["message"] = lambda *keys: data.message(building.language(config), *keys)
    return env

"""Give theme templates `support_contact()`: the support address and hours in the page's
language, rendered by the same macro writers use, for the call to action on every article."""

from __future__ import annotations



from helpcentre import building, render


def on_env(env, config, files):
    env.globals["support_contact"] = lambda: render.support_html(building.data(config), building.language(config))
    return env

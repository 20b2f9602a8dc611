"""Build a single language when HELP_BUILD_LANGUAGE names one (unset: every language, as usual).

`make build` builds each language in its own process this way, and the preview keeps one
process per language. The pages come out exactly as in the all-language build: everything
a language's build writes depends on that language's files only (README, "Fast builds").
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from helpcentre import building
from helpcentre.site import BUILD_LANGUAGE_VARIABLE


@event_priority(100)  # before mkdocs-static-i18n's on_config (priority -100) picks its language
def on_config(config):
    locale = os.environ.get(BUILD_LANGUAGE_VARIABLE, "").strip()
    if not locale:
        return config
    site = building.site(config)
    if locale not in site.languages:
        raise PluginError(f"{BUILD_LANGUAGE_VARIABLE}={locale}: expected one of the site's languages: "
                          + ", ".join(site.languages))
    i18n = config.plugins["i18n"]
    # With `build: false` on the others (the plugin's own setting), it builds no other language
    # after this one; `current_language` is the language it builds first, which it otherwise
    # sets to the default language.
    for language in i18n.config.languages:
        language.build = language.locale == locale
    i18n.current_language = locale
    return config

"""Build a single language when HELP_BUILD_LANGUAGE names one (unset: every language, as usual).

scripts/build.py runs one `mkdocs build` per language in parallel this way, and
`make serve LANG=it` previews one language. mkdocs-static-i18n builds its
default language first and then the others inside that build's on_post_build;
here we pick the language before it does, and mark it as already `building` so
it builds no other. The pages come out exactly as in the all-language build:
the language switcher, alternates and navigation still list every language.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

LANGUAGE_VARIABLE = "HELP_BUILD_LANGUAGE"


@event_priority(100)  # before i18n's on_config (priority -100) settles on its default language
def on_config(config):
    locale = os.environ.get(LANGUAGE_VARIABLE, "").strip()
    if not locale:
        return config
    i18n = config.plugins["i18n"]
    if locale not in i18n.build_languages:
        raise PluginError(
            f"{LANGUAGE_VARIABLE}={locale}: expected one of the site's languages: "
            + ", ".join(i18n.build_languages)
        )
    i18n.current_language = locale
    # i18n's on_post_build returns early while `building`: no other language is built,
    # and whole-site hooks (which act only when building is False) stay quiet here;
    # scripts/build.py runs them once on the merged site.
    i18n.building = True
    return config

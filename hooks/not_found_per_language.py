"""A not-found page per language: <lang>/404.html, the default language's at the root.

Every language build writes site/404.html, so the last language built would win. Each build
writes its own 404 into its language folder; after mkdocs-static-i18n's last build the default
language's copy goes back to the root. nginx serves <lang>/404.html for URLs under /<lang>/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, site_languages  # noqa: E402

_default_not_found: dict[str, str] = {}


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    lang = page_language(config)
    if lang == site_languages(config)[0]:
        _default_not_found["html"] = output
    else:
        target = Path(config["site_dir"]) / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
    return output


@event_priority(-110)  # after mkdocs-static-i18n has built the other languages into site/404.html
def on_post_build(config):
    if config.plugins["i18n"].building or "html" not in _default_not_found:
        return
    (Path(config["site_dir"]) / "404.html").write_text(_default_not_found.pop("html"), encoding="utf-8")

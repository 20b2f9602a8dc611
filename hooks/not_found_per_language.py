"""A not-found page per language: <lang>/404.html, the default language's at the root.

Every language's build renders 404.html into the site root, so the last language built
would win there. Here each other language writes its page into its own folder and hands
MkDocs an empty page for the root, which MkDocs then skips ("generated empty output"):
the root keeps the default language's page, in the single-process build and in
`make build`'s parallel one alike. nginx serves <lang>/404.html for URLs under /<lang>/.
"""

from __future__ import annotations

from pathlib import Path


from helpcentre import building


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    lang = building.language(config)
    if lang == building.site(config).default:
        return output
    target = Path(config["site_dir"]) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # not the root's 404.html: that one is the default language's

"""Check, before anything is built, the article files this language's build renders
(helpcentre/sources.py) and the shared data it shows (every text it lacks at once,
helpcentre/building.py), and that nothing outside docs/ or overrides/ is published."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from helpcentre import building, sources


def on_pre_build(config):
    site = building.site(config)
    copied = [site.docs] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])  # into site/
    outside = [problem for folder in copied for problem in sources.links_out_of(folder, site.root)]
    if outside:  # before any file is read: reading follows the link
        raise PluginError("\n".join(outside))
    lang = building.language(config)
    articles = sources.built_here(site, lang)
    problems = sources.outside_languages(site) + sources.same_url(site, lang, articles)
    for path in articles:
        problems.extend(sources.check_article(path, site.display(path)))
    if problems:
        raise PluginError("\n".join(problems))
    building.check_data(config)

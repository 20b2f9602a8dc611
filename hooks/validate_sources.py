"""Check, before anything is built, the article files this language's build renders
(helpcentre/sources.py) and the shared data it shows (every text it lacks at once,
helpcentre/building.py), and that nothing outside docs/, overrides/ or data/ is published."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from helpcentre import building, links, sources
from helpcentre.data import DataError


def on_pre_build(config):
    site = building.site(config)
    # What is published from: docs/ (each language's folder in it), the theme's overrides/, data/.
    copied = [site.docs, *([Path(config.theme.custom_dir)] if config.theme.custom_dir else []), site.data]
    outside = [problem for folder in copied for problem in sources.links_out_of(folder, site.root)]
    if outside:  # before any file is read: reading follows the link
        raise PluginError("\n".join(outside))
    lang = building.language(config)
    articles = sources.built_here(site, lang)
    problems = sources.outside_languages(site) + sources.same_url(site, lang, articles)
    for path in articles:
        problems.extend(sources.check_article(path, site.display(path)))
    if not problems:  # a translation's heading ids are the English ones: one message, before any link warns
        try:
            redirects = links.load_redirects(site.data)
        except DataError as error:
            raise PluginError(str(error)) from None
        for path in articles:
            if site.language_of(path) == lang:
                old_ids = set(redirects.aliases(site.article_id(path.relative_to(site.docs / lang).as_posix())))
                problems.extend(sources.ids_not_in_english(site, lang, path, old_ids))
    if problems:
        raise PluginError("\n".join(problems))
    building.check_data(config)

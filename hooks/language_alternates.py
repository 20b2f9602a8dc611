"""Where each page lives in every language (helpcentre/sitemap.py):

- templates get `help_page(page)`: its language, whether it falls back to the English text, its
  canonical URL and its absolute hreflang alternates;
- the language switcher (Material's, from config.extra.alternate) links every language to this
  page in that language, in every build alike;
- this language's sitemap, sitemap-<lang>.xml, and, in the default language's build, the index
  sitemap.xml that lists them all.
"""

from __future__ import annotations

from pathlib import Path

from helpcentre import building, sitemap

_pages: dict[str, list[sitemap.LanguagePage]] = {}  # this build's pages, by language
_partial: set[str] = set()  # languages whose build renders only some pages (a preview's dirty rebuild)


_translated: dict[str, tuple[str, ...]] = {}  # article -> the languages it is written in (this build's)


def help_page(page, config) -> sitemap.LanguagePage:
    site = building.site(config)
    lang = building.language(config)
    noindex = "noindex" in str(page.meta.get("robots", "")).lower()  # the agents' page
    article = site.article_id(page.file.src_uri)
    return sitemap.language_page(site, lang, article, fallback=page.file.locale != lang, indexed=not noindex,
                                 translated=_translated.get(article, ()))


def on_pre_build(config):
    _pages.pop(building.language(config), None)
    _translated.clear()
    _translated.update(sitemap.translations(building.site(config)))


def on_env(env, config, files):
    env.globals["help_page"] = lambda page: help_page(page, config)
    if building.rebuilds_only_some_pages(files):
        _partial.add(building.language(config))
    else:
        _partial.discard(building.language(config))
    site = building.site(config)
    # Until a page sets its own (the not-found page is rendered first): each language's home.
    _switcher(config, [(code, "/" + site.prefix(code)) for code in site.languages])
    return env


def on_page_context(context, page, config, nav):
    here = help_page(page, config)
    _pages.setdefault(here.lang, []).append(here)
    _switcher(config, here.links)
    return context


def _switcher(config, links) -> None:
    """Material's language switcher reads config.extra.alternate. mkdocs-static-i18n fills it
    only when it builds several languages in one process, per page, as an attribute (which
    Jinja reads before the key); it is set here the same way for every page of every build."""
    site = building.site(config)
    config.extra.alternate = [{"name": site.names[code], "link": link, "lang": code} for code, link in links]


def on_post_template(output, template_name, config):
    if template_name != sitemap.INDEX:
        return output
    site = building.site(config)
    # The index is the default language's; the others' builds leave it alone (MkDocs skips
    # an empty output).
    return sitemap.index_xml(site) if building.language(config) == site.default else ""


def on_post_build(config):
    lang = building.language(config)
    pages = _pages.pop(lang, [])
    if lang in _partial:  # the last full build's sitemap stands
        return
    xml = sitemap.urlset_xml(pages)
    (Path(config["site_dir"]) / sitemap.language_sitemap(lang)).write_text(xml, encoding="utf-8")

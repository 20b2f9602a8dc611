"""Where each page lives in every language: absolute hreflang alternates with x-default, the
canonical URL (an untranslated page's is the English original), and a sitemap saying the same.

Templates get `help_page(page)`: a LanguagePage with `lang`, `fallback` (the page shows the
default language's text because no translation exists yet), `canonical` and `alternates`.
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import quoteattr, escape

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks share the macros package

from macros import page_language, site_languages  # noqa: E402
from macros.build_parts import read_parts, write_part  # noqa: E402

X_DEFAULT = "x-default"


@dataclass(frozen=True)
class LanguagePage:
    lang: str
    path: str                          # URL path relative to the language root: '' or 'slug/'
    fallback: bool
    canonical: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL), x-default last
    indexed: bool = True               # False for pages that ask search engines to keep out


def _prefix(lang: str, languages: tuple[str, ...]) -> str:
    return "" if lang == languages[0] else f"{lang}/"


def indexed(page) -> bool:
    """A page whose front matter says `robots: noindex` (the agents' page) stays out of the sitemap."""
    return "noindex" not in str(page.meta.get("robots", "")).lower()


def language_page(page, config) -> LanguagePage:
    languages = site_languages(config)
    lang = page_language(config)
    site_url = config["site_url"].rstrip("/") + "/"
    path = page.url[len(_prefix(lang, languages)):]
    source = PurePosixPath(*PurePosixPath(page.file.src_uri).parts[1:])  # drop the locale folder
    docs = Path(config["docs_dir"])
    translated = [code for code in languages if (docs / code / source).exists()]
    url = {code: site_url + _prefix(code, languages) + path for code in languages}
    fallback = page.file.locale != lang
    alternates = tuple((code, url[code]) for code in translated) + ((X_DEFAULT, url[languages[0]]),)
    canonical = url[languages[0]] if fallback else url[lang]
    return LanguagePage(lang, path, fallback, canonical, alternates, indexed(page))


PART_NAME = "sitemap"  # sitemap-part-<lang>.json: each language's pages, for the whole-site sitemap
_built: dict[str, list[LanguagePage]] = {}


def on_pre_build(config):
    if not config.plugins["i18n"].building:  # a new outermost build (make serve rebuilds)
        _built.clear()


def on_env(env, config, files):
    env.globals["help_page"] = lambda page: language_page(page, config)
    return env


def on_page_context(context, page, config, nav):
    built = language_page(page, config)
    _built.setdefault(built.lang, []).append(built)
    return context


def sitemap_xml(pages: list[LanguagePage]) -> str:
    """Every translated page once, each listing all its languages and x-default."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in sorted((p for p in pages if not p.fallback and p.indexed), key=lambda p: p.canonical):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(page.canonical)}</loc>")
        for hreflang, href in page.alternates:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href={quoteattr(href)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _from_part(saved: dict) -> LanguagePage:
    alternates = tuple(tuple(pair) for pair in saved.pop("alternates"))
    return LanguagePage(**saved, alternates=alternates)


@event_priority(-110)  # after mkdocs-static-i18n has built every language (and its own sitemap)
def on_post_build(config):
    site = Path(config["site_dir"])
    for lang, pages in _built.items():
        write_part(site, PART_NAME, lang, [asdict(page) for page in pages])
    _built.clear()
    if config.plugins["i18n"].building:
        return
    parts = read_parts(site, PART_NAME, site_languages(config))
    xml = sitemap_xml([_from_part(page) for pages in parts.values() for page in pages])
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))

"""Where each page lives in every language: its hreflang alternates, its canonical URL, and the
sitemaps that say the same to search engines.

Each language has its own sitemap (sitemap-<lang>.xml), written by that language's build from
its own pages; sitemap.xml is the index of them, which needs only the list of languages. So no
build needs another's pages, and no file grows with languages x pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection
from xml.sax.saxutils import escape, quoteattr

from .site import Site

X_DEFAULT = "x-default"
INDEX = "sitemap.xml"
NAMESPACES = ('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
              'xmlns:xhtml="http://www.w3.org/1999/xhtml"')


def language_sitemap(lang: str) -> str:
    """The file name of a language's sitemap, at the site's root."""
    return f"sitemap-{lang}.xml"


@dataclass(frozen=True)
class LanguagePage:
    lang: str
    article: str
    fallback: bool                     # shows the default language's text: no translation yet
    canonical: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL) of real translations, x-default last
    links: tuple[tuple[str, str], ...]       # (language, URL path) for the switcher: every language
    indexed: bool = True               # False for pages that ask search engines to keep out


def language_page(site: Site, lang: str, article: str, fallback: bool, indexed: bool = True,
                  translated: Collection[str] | None = None) -> LanguagePage:
    """What a page of `article` in `lang` says about its languages. A language has a real
    translation when its file exists (`translated`: those languages, when the caller has listed
    them already); every language serves the article (fallbacks)."""
    if translated is None:
        translated = [code for code in site.languages if site.source(code, article).exists()]
    translated = [code for code in site.languages if code in translated]
    canonical = site.url(site.default if fallback else lang, article)
    alternates = tuple((code, site.url(code, article)) for code in translated)
    return LanguagePage(lang, article, fallback, canonical,
                        alternates + ((X_DEFAULT, site.url(site.default, article)),),
                        tuple((code, site.page_path(code, article)) for code in site.languages), indexed)


def translations(site: Site) -> dict[str, tuple[str, ...]]:
    """Each article and the languages that have it written (not a fallback), from one listing
    of each language's folder: a page's alternates ask for it, and a stat per language and
    page would grow with languages x pages in every language's build."""
    found: dict[str, list[str]] = {}
    for code in site.languages:
        folder = site.docs / code
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
            found.setdefault(site.article_id(path.relative_to(folder).as_posix()), []).append(code)
    return {article: tuple(codes) for article, codes in found.items()}


def urlset_xml(pages: list[LanguagePage]) -> str:
    """A language's sitemap: each of its translated, indexed pages with all its languages."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {NAMESPACES}>"]
    for page in sorted((p for p in pages if not p.fallback and p.indexed), key=lambda p: p.canonical):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(page.canonical)}</loc>")
        for hreflang, href in page.alternates:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href={quoteattr(href)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def index_xml(site: Site) -> str:
    """sitemap.xml: the index of every language's sitemap."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for lang in site.languages:
        lines.append(f"  <sitemap><loc>{escape(site.site_url.rstrip('/') + '/' + language_sitemap(lang))}</loc></sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"

"""Keep old links working in every language (the stock redirects plugin only knows the default one).

- A moved article (data/redirects.yml `pages:`) gets, in each language, a tiny noindex page at its
  old URL that sends the reader on with ?plan= and #section kept (overrides/assets/javascripts/
  redirect.js), and a meta refresh and a plain link without JavaScript. nginx answers those URLs
  with a 301 itself (helpcentre/nginx.py, from the same data); the pages serve other hosts.
- A renamed section (`sections:`) keeps its old id as an invisible anchor just before the heading;
  so does a renamed procedure step (issue 17), inside its list item."""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from helpcentre import building, links
from helpcentre.data import DataError
from helpcentre.fingerprints import add_fingerprints, content_hash

ELEMENT_ID = re.compile(r'\sid="([^"]+)"')


def _redirects(config) -> links.Redirects:
    try:
        return links.load_redirects(building.site(config).data)
    except DataError as error:
        raise PluginError(str(error)) from None


_loaded: list[links.Redirects] = []  # this build's data/redirects.yml, read once in on_pre_build


def on_pre_build(config):
    _loaded[:] = [_redirects(config)]


def on_page_content(content, page, config, files):
    article = building.site(config).article_id(page.file.src_uri)
    where = f"data/{links.REDIRECTS_FILE}: sections: {article}.md"
    ids = set(ELEMENT_ID.findall(content))
    for old, new in _loaded[0].aliases(article).items():
        if old in ids:
            raise PluginError(f"{where}: {old}: the page still has a section #{old}; remove the alias")
        target = re.search(rf'<(?P<tag>h[1-6]|ol|li)\b[^>]*\sid="{re.escape(new)}"[^>]*>', content)
        if target is None:
            raise PluginError(f"{where}: {old}: the page has no heading or procedure step #{new} "
                              f"({building.language(config)})")
        anchor = f'<span id="{old}" class="section-alias" aria-hidden="true"></span>'
        # A step's old id goes inside its <li> (a list holds nothing else); a heading's or a
        # list's goes right before it.
        at = target.end() if target["tag"] == "li" else target.start()
        content = content[:at] + anchor + content[at:]
    return content


_served: set[str] = set()  # the URL paths of this build's pages


def on_env(env, config, files):
    _served.clear()
    _served.update(file.page.url for file in files.documentation_pages() if file.page is not None)
    return env


def on_post_build(config):
    """This language's pages at the old addresses of moved articles."""
    redirects = _loaded[0]
    site = building.site(config)
    lang = building.language(config)
    site_dir = Path(config.site_dir)
    message = building.data(config).message
    moved = links.moved_paths(redirects, site, (lang,))
    for old in redirects.pages:
        old_path = site.page_path(lang, old)
        new_path = moved["/" + old_path].removeprefix("/")
        if old_path in _served:
            raise PluginError(f"data/{links.REDIRECTS_FILE}: pages: {old}.md: the page still exists "
                              f"(/{old_path}); remove the redirect or the page")
        if new_path not in _served:
            raise PluginError(f"data/{links.REDIRECTS_FILE}: pages: {old}.md: "
                              f"{redirects.final_article(old)}.md is not a page "
                              f"of the site (/{new_path} is missing)")
        old_file = site_dir / old_path / "index.html"
        old_file.parent.mkdir(parents=True, exist_ok=True)
        old_file.write_text(add_fingerprints(links.redirect_page_html(
            target_url=links.relative_url(old_path, new_path),
            canonical_url=urljoin(config.site_url or "/", new_path),
            script_url=posixpath.relpath(links.REDIRECT_SCRIPT, old_path or "."),
            title=message(lang, "redirect", "title"),
            link_text=message(lang, "redirect", "link"),
            lang=lang,
        ), functools.partial(_published_hash, site_dir)), encoding="utf-8")


def _published_hash(site_dir: Path, path: str) -> str | None:
    file = site_dir / path
    return content_hash(file.read_bytes()) if file.is_file() else None

"""The site served by Debian's nginx with the configuration a deploy renders (helpcentre/serve/help-centre.conf,
scripts/nginx_site.py): compression, caching, content types, security headers, hidden dotfiles, a
404 in the language of the URL, and the root URL choosing the reader's language."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import shutil
import subprocess
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, TRANSLATIONS, home, page_path, unknown_language
from helpcentre.data import load_data

YEAR = "public, max-age=31536000, immutable"
DATA = load_data(ROOT / "data", LANGUAGES)
# Two of the site's translations and a language it does not have, for the cases below.
A, B = TRANSLATIONS[:2]
X = unknown_language()


def get(base: str, path: str, method: str = "GET", **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    """One request, redirects not followed, so a test sees exactly what nginx answered."""
    connection = http.client.HTTPConnection(urlparse(base).netloc, timeout=10)
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


@pytest.mark.parametrize("path,status", [
    ("/", 302), (f"/{A}/", 200), (f"/{A}/pause-billing/", 200), ("/assets/stylesheets/help.css", 200),
    ("/links.csv", 200), (f"/{A}/no-such-article/", 404), ("/pause-billing", 301),
])
def test_every_response_carries_the_security_headers(nginx_site, path, status):
    response, _ = get(nginx_site, path, **{"Accept-Language": B})
    assert response.status == status
    csp = response.getheader("Content-Security-Policy")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'self'" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    policy = dict(feature.strip().split("=", 1) for feature in response.getheader("Permissions-Policy").split(","))
    for unused in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert policy[unused] == "()", unused
    assert policy["clipboard-write"] == "(self)"  # the copy-link buttons
    # TLS is terminated in front of nginx (see the commented line in serve/help-centre.conf):
    # HSTS on plain HTTP would be ignored, and it is not this server's to send.
    assert response.getheader("Strict-Transport-Security") is None


def test_the_configuration_says_where_tls_is_terminated():
    lines = (ROOT / "helpcentre" / "serve" / "help-centre.conf").read_text(encoding="utf-8").splitlines()
    hsts = [line.strip() for line in lines if "Strict-Transport-Security" in line]
    assert hsts and all(line.startswith("# add_header Strict-Transport-Security") for line in hsts), hsts
    at = lines.index(next(line for line in lines if "Strict-Transport-Security" in line))
    assert any("TLS is terminated" in line for line in lines[at - 5:at]), "say where, just above the line"


def test_pages_are_compressed_and_revalidated(nginx_site):
    response, body = get(nginx_site, f"/{A}/pause-billing/", **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert f'lang="{A}"'.encode() in gzip.decompress(body)
    assert response.getheader("Cache-Control") == "no-cache"


def test_materials_hashed_files_are_cached_for_a_year(nginx_site):
    _, page = get(nginx_site, "/pause-billing/")
    soup = BeautifulSoup(page, "html.parser")
    bundle = soup.find("script", attrs={"data-bundle": True})["data-bundle"]  # Material's, loaded on demand
    response, _ = get(nginx_site, "/pause-billing/" + bundle)
    assert response.status == 200
    assert response.getheader("Cache-Control") == YEAR
    stylesheet = next(link["href"] for link in soup.find_all("link", rel="stylesheet") if "/main." in link["href"])
    assert get(nginx_site, "/pause-billing/" + stylesheet)[0].getheader("Cache-Control") == YEAR


def asset_urls(base: str, page_path: str) -> list[str]:
    """Every URL of a file under /assets/ that a page loads (stylesheets, scripts, icon)."""
    _, body = get(base, page_path)
    soup = BeautifulSoup(body, "html.parser")
    urls = [tag.get("src") or tag.get("href") for tag in soup.find_all(["script", "link"])]
    return [urljoin(base + page_path, url) for url in urls if url and "assets/" in url]


@pytest.mark.parametrize("page_path", [f"/{A}/cancel-account/", "/no-such-article/"])
def test_every_asset_a_page_loads_has_its_content_hash_and_is_kept_for_a_year(nginx_site, page_path):
    """A deploy changes the URL of every file it changes, so no reader runs new pages with old
    scripts; nothing else is immutable."""
    ours = 0
    for url in asset_urls(nginx_site, page_path):
        path = urlparse(url).path
        response, body = get(nginx_site, path + ("?" + urlparse(url).query if urlparse(url).query else ""))
        assert response.status == 200, url
        assert response.getheader("Cache-Control") == YEAR, url
        query = urlparse(url).query
        if query:  # ours: ?h= is the hash of what is served
            assert query == "h=" + hashlib.sha256(body).hexdigest()[:12], url
            ours += 1
            # The same file asked for without its hash (an old page, a hand-typed URL) is revalidated.
            assert get(nginx_site, path)[0].getheader("Cache-Control") == "no-cache", url
        else:  # Material's: the hash is in the name
            assert any(part.isalnum() and len(part) == 8 for part in path.split(".")), url
    assert ours >= 8  # help.css, no-script.css, the favicon and our scripts


@pytest.mark.parametrize("path", [
    f"/{A}/pause-billing/", "/links.json", "/links.csv", "/sitemap.xml", f"/{A}/search/search_index.json",
    "/assets/javascripts/lunr/min/lunr.it.min.js", "/assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
    "/assets/javascripts/plans.js", "/assets/images/favicon.png",
    f"/{A}/pause-billing/?h=0123456789ab",            # a page is never immutable, whatever its query
    "/assets/javascripts/gone.js?h=0123456789ab",   # nor a 404, even with a hash-like query
])
def test_everything_else_is_revalidated(nginx_site, path):
    response, _ = get(nginx_site, path)
    assert response.getheader("Cache-Control") == "no-cache", (path, response.status)


def test_only_a_file_that_was_found_is_kept_for_a_year(nginx_site):
    """The status is part of the caching rule: an error for a fingerprinted URL is never kept."""
    response, _ = get(nginx_site, "/assets/javascripts/plans.js?h=0123456789ab", method="POST")
    assert (response.status, response.getheader("Cache-Control")) == (405, "no-cache")
    response, _ = get(nginx_site, "/assets/javascripts/plans.js?h=0123456789ab", Range="bytes=0-9")
    assert (response.status, response.getheader("Cache-Control")) == (206, YEAR)


# What nginx must answer for each extension (Debian's mime.types misses csv, gz, map, webmanifest).
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "application/javascript; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "map": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
    "gz": "application/gzip",
    "csv": "text/csv; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "png": "image/png",
    "svg": "image/svg+xml; charset=utf-8",
    "ico": "image/x-icon",
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "woff2": "font/woff2",
    "webmanifest": "application/manifest+json; charset=utf-8",
    "md": "text/markdown; charset=utf-8",  # each article's Markdown twin (issue 28)
}


def test_every_file_the_site_publishes_has_its_type(nginx_served):
    files = {}
    for path in sorted(nginx_served.root.rglob("*")):
        if path.is_file():
            files.setdefault(path.suffix.lstrip(".").lower(), path)
    assert {"html", "css", "js", "json", "xml", "gz", "csv", "png", "map", "md"} <= set(files), sorted(files)
    unknown = sorted(set(files) - set(CONTENT_TYPES))
    assert not unknown, f"the site now publishes {unknown}: give them a type in helpcentre/serve/help-centre.conf and here"
    for extension, path in files.items():
        url = "/" + path.relative_to(nginx_served.root).as_posix()
        response, body = get(nginx_served.url, url)
        assert (response.status, response.getheader("Content-Type")) == (200, CONTENT_TYPES[extension]), url
        if extension == "gz":  # sitemap.xml.gz: as the file is, never compressed a second time
            assert response.getheader("Content-Encoding") is None and gzip.decompress(body)


@pytest.fixture
def extra_files(nginx_served):
    """Files a writer or a deploy could add to the site's folder, removed afterwards."""
    created = []

    def add(relative: str, content: bytes = b"secret") -> str:
        path = nginx_served.root / relative
        # The outermost folder or file this adds, so that all of it goes afterwards.
        created.append(next(part for part in [*reversed(path.parents), path] if not part.exists()))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return "/" + relative

    yield add
    for path in created:
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)  # may be gone with its folder


def test_files_a_writer_may_add_have_their_type(nginx_site, extra_files):
    for extension in ("txt", "svg", "ico", "jpg", "webp", "pdf", "woff2", "webmanifest"):
        url = extra_files(f"added-files/example.{extension}", b"x" * 10)
        response, _ = get(nginx_site, url)
        assert (response.status, response.getheader("Content-Type")) == (200, CONTENT_TYPES[extension]), url


@pytest.mark.parametrize("path", [
    ".git/config", ".git/HEAD", ".env", ".htpasswd", f"{A}/.env", f"{B}/.git/config",
    "assets/.secret/key.txt", ".well-known/anything.txt",
])
def test_dotfiles_and_dot_folders_are_never_served(nginx_served, extra_files, path):
    url = extra_files(path, b"password=hunter2")
    assert (nginx_served.root / path).is_file()  # there to be served, but for the rule
    asked = [url, url.replace("/.", "/%2e", 1)]  # as written, and with the dot percent-encoded
    parts = url.split("/")
    dot = next(number for number, part in enumerate(parts) if part.startswith("."))
    if dot < len(parts) - 1:
        asked.append("/".join(parts[: dot + 1]) + "/")  # the dot-folder itself
    for one in asked:
        response, body = get(nginx_served.url, one)
        assert response.status == 404, one
        assert b"hunter2" not in body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_missing_url_shows_the_404_of_its_language(nginx_site, lang):
    response, body = get(nginx_site, home(lang) + "no-such-article/")
    assert response.status == 404
    soup = BeautifulSoup(body, "html.parser")
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == DATA.message(lang, "not_found", "title")


# With A and B two of the site's translations (it, fr), X a language it does not have, and the
# default language (en).
@pytest.mark.parametrize("accept,cookie,expected", [
    ("{A}-IT,{A};q=0.9,{en};q=0.8", None, "/{A}/"),
    ("{B}-CA,{B};q=0.9", None, "/{B}/"),
    ("{X}-DE,{X};q=0.9", None, None),               # not one of the site's: the default, no redirect
    ("{en}-GB,{en};q=0.9", None, None),
    (None, None, None),                             # crawlers: the default language
    ("{A}-IT,{A};q=0.9", "help_lang={en}", None),   # an explicit choice beats the browser
    ("{en}-GB,{en};q=0.9", "help_lang={B}", "/{B}/"),
    # The first language the site has, wherever it is in the list:
    ("{X},{B}", None, "/{B}/"),
    ("{X}-DE,{X};q=0.9,{B}-FR;q=0.8,{A};q=0.7", None, "/{B}/"),
    ("{X}-ES, {X}y ;q=0.9, {A}-CH ; q=0.5", None, "/{A}/"),
    ("{X},{en}-US;q=0.8,{B};q=0.5", None, None),    # the default language comes first
    ("{B_UPPER}-ch", None, "/{B}/"),                # tags are case-insensitive
    ("{B}r,{B}-x-private", None, "/{B}/"),          # "frr" is another language than "fr"
    ("*", None, None),
    # A language refused with q=0 is not chosen:
    ("{B};q=0,{A}", None, "/{A}/"),
    ("{X},{A};q=0.000,{B};q=0.1", None, "/{B}/"),
    ("{A};q=0.0", None, None),
    ("{A};q=0.01", None, "/{A}/"),
    ("{X}", "help_lang={A}", "/{A}/"),
    ("{X}", "help_lang={X}", None),                 # a cookie naming no language of the site is ignored
])
def test_the_root_sends_a_reader_to_their_language(nginx_site, accept, cookie, expected):
    codes = {"A": A, "B": B, "X": X, "en": DEFAULT_LANGUAGE, "B_UPPER": B.upper()}
    headers = {key: value.format(**codes) for key, value in (("Accept-Language", accept), ("Cookie", cookie)) if value}
    response, body = get(nginx_site, "/", **headers)
    if expected:
        assert (response.status, response.getheader("Location")) == (302, expected.format(**codes))
    else:
        assert response.status == 200 and BeautifulSoup(body, "html.parser").html["lang"] == DEFAULT_LANGUAGE
    assert "Accept-Language" in response.getheader("Vary")


# The root's sitemap.xml is the index of the languages' sitemaps (for search engines); beside any
# other page, Material's language switcher gets that page's language's own sitemap.
@pytest.mark.parametrize("path, lang", [(where(lang) + "sitemap.xml", lang) for lang in LANGUAGES
                                        for where in (home, lambda lang: page_path(lang, "pause-billing"))
                                        if where(lang) != "/"])
def test_material_finds_the_languages_sitemap_beside_each_alternate(nginx_site, path, lang):
    response, body = get(nginx_site, path)
    assert response.status == 200 and b"<urlset" in body
    assert body == get(nginx_site, f"/sitemap-{lang}.xml")[1]


def test_the_root_keeps_the_query_when_it_sends_a_reader_on(nginx_site):
    """The not-found page's search form sends ?q= to the root."""
    response, _ = get(nginx_site, "/?q=fattura", **{"Accept-Language": A})
    assert (response.status, response.getheader("Location")) == (302, f"/{A}/?q=fattura")


def test_the_configuration_takes_its_languages_from_mkdocs_yml(tmp_path):
    """One list of languages (mkdocs.yml): a new one is served under /<code>/ and chosen for its
    readers without anyone editing the nginx configuration."""
    from helpcentre.nginx import NGINX, Project, read_project, render_config

    assert read_project().languages == LANGUAGES
    (tmp_path / "site").mkdir()
    config = render_config(tmp_path / "site", "127.0.0.1:9", tmp_path, Project((*LANGUAGES, "pt-BR"), {}))
    site = (tmp_path / "help-centre.conf").read_text(encoding="utf-8")
    others = "|".join((*TRANSLATIONS, "pt-BR"))
    assert f"(?<help_language>{others})/" in site and f'"~^({others})$"' in site
    longest_first = "|".join(sorted((*LANGUAGES, "pt-BR"), key=len, reverse=True))
    assert '"~*^pt-BR$" "pt-BR";' in site and f"(?<help_accepted>{longest_first})" in site
    (tmp_path / "nginx.conf").write_text(config, encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_chromium_applies_the_permissions_policy_and_copy_links_still_work(nginx_site, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=nginx_site)
    page.goto(nginx_site + f"/{A}/cancel-account/")
    allowed = page.evaluate("""features => features.map(f => document.featurePolicy.allowsFeature(f))""",
                            ["camera", "microphone", "geolocation", "payment", "usb", "clipboard-write"])
    assert allowed == [False] * 5 + [True]
    assert page.evaluate("navigator.clipboard.writeText('x').then(() => 'copied', error => error.name)") == "copied"
    # Chromium names each feature it does not know ("Unrecognized feature") on the console.
    assert [text for text in messages if "Permissions-Policy" in text] == []

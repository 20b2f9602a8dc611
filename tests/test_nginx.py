"""The site served by Debian's nginx with serve/nginx.conf: compression, caching, security
headers, a 404 in the language of the URL, and the root URL choosing the reader's language."""

from __future__ import annotations

import gzip
import http.client
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")
NOT_FOUND_TITLE = {"en": "Page not found", "it": "Pagina non trovata", "fr": "Page introuvable"}


def get(base: str, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    """One request, redirects not followed, so a test sees exactly what nginx answered."""
    connection = http.client.HTTPConnection(urlparse(base).netloc, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def home_path(lang: str) -> str:
    return "/" if lang == "en" else f"/{lang}/"


@pytest.mark.parametrize("path", ["/", "/it/pause-billing/", "/fr/cancel-account/", "/assets/stylesheets/help.css"])
def test_every_response_carries_the_security_headers(nginx_site, path):
    response, _ = get(nginx_site, path)
    assert response.status == 200
    csp = response.getheader("Content-Security-Policy")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'self'" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"


def test_pages_are_compressed_and_revalidated(nginx_site):
    response, body = get(nginx_site, "/it/pause-billing/", **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert b'lang="it"' in gzip.decompress(body)
    assert response.getheader("Cache-Control") == "no-cache"


def test_fingerprinted_assets_are_cached_for_a_year(nginx_site):
    _, page = get(nginx_site, "/pause-billing/")
    soup = BeautifulSoup(page, "html.parser")
    bundle = soup.find("script", attrs={"data-bundle": True})["data-bundle"]  # Material's, loaded on demand
    response, _ = get(nginx_site, "/pause-billing/" + bundle)
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_missing_url_shows_the_404_of_its_language(nginx_site, lang):
    response, body = get(nginx_site, home_path(lang) + "no-such-article/")
    assert response.status == 404
    soup = BeautifulSoup(body, "html.parser")
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == NOT_FOUND_TITLE[lang]


@pytest.mark.parametrize("accept,cookie,expected", [
    ("it-IT,it;q=0.9,en;q=0.8", None, "/it/"),
    ("fr-CA,fr;q=0.9", None, "/fr/"),
    ("de-DE,de;q=0.9", None, None),                 # unsupported: English, no redirect
    ("en-GB,en;q=0.9", None, None),
    (None, None, None),                             # crawlers: English
    ("it-IT,it;q=0.9", "help_lang=en", None),      # an explicit choice beats the browser
    ("en-GB,en;q=0.9", "help_lang=fr", "/fr/"),
])
def test_the_root_sends_a_reader_to_their_language(nginx_site, accept, cookie, expected):
    headers = {key: value for key, value in (("Accept-Language", accept), ("Cookie", cookie)) if value}
    response, body = get(nginx_site, "/", **headers)
    if expected:
        assert response.status == 302 and response.getheader("Location") == expected
    else:
        assert response.status == 200 and BeautifulSoup(body, "html.parser").html["lang"] == "en"
    assert "Accept-Language" in response.getheader("Vary")


def test_material_finds_a_sitemap_beside_each_alternate(nginx_site):
    response, body = get(nginx_site, "/it/pause-billing/sitemap.xml")
    assert response.status == 200 and b"<urlset" in body

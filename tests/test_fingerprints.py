"""Every asset URL a page names carries the hash of the file it names (help.css?h=<hash>), so a
deploy that changes a file changes its URL (nginx then lets browsers keep it a year)."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlparse

from bs4 import BeautifulSoup

from helpcentre.fingerprints import add_fingerprints

MATERIAL_HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")


def test_every_asset_url_in_every_page_names_the_files_hash(site):
    checked = 0
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "link", "img"]):
            url = tag.get("src") or tag.get("href")
            if not url or "assets/" not in url:
                continue
            parsed = urlparse(url)
            target = site / parsed.path.lstrip("/") if parsed.path.startswith("/") else path.parent / parsed.path
            assert target.resolve().is_file(), (path.relative_to(site), url)
            if MATERIAL_HASHED.search(parsed.path):
                assert parsed.query == "", url
                continue
            assert parsed.query == "h=" + hashlib.sha256(target.read_bytes()).hexdigest()[:12], \
                (path.relative_to(site), url)
            checked += 1
    assert checked >= 200  # about nine on each page


def test_only_the_sites_own_asset_urls_are_fingerprinted():
    hashes = {"assets/app.js": "0123456789ab"}.get
    page = ('<script src="../assets/app.js"></script><script src="/help/assets/app.js"></script>'
            '<script src="https://cdn.example/assets/app.js"></script><script src="//cdn.example/assets/app.js">'
            '</script><script src="../assets/app.js?v=2"></script><a href="../assets/other.js">'
            '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
            '<script src="x" data-src="../assets/app.js"></script>')
    assert add_fingerprints(page, hashes) == (
        '<script src="../assets/app.js?h=0123456789ab"></script><script src="/help/assets/app.js?h=0123456789ab">'
        '</script><script src="https://cdn.example/assets/app.js"></script><script src="//cdn.example/assets/app.js">'
        '</script><script src="../assets/app.js?v=2"></script><a href="../assets/other.js">'
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
        '<script src="x" data-src="../assets/app.js"></script>')

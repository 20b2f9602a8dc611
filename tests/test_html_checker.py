"""The Nu Html Checker (vnu-jar from npm, on Java) finds no error in any page of the built site."""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_built_page_is_valid_html(site):
    assert VNU.exists(), "vnu-jar is missing: run `npm ci` (make test does it)"
    java = shutil.which("java")
    assert java, "Java 17 is needed for the Nu Html Checker"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 30  # 27 articles and a 404 per language
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr[:3000]


def test_our_stylesheets_are_valid_css():
    """A brace lost in a merge silently swallows every rule after it; the checker's CSS mode says where."""
    assert VNU.exists(), "vnu-jar is missing: run `npm ci` (make test does it)"
    stylesheets = sorted((ROOT / "helpcentre" / "theme").rglob("*.css"))
    assert stylesheets
    result = subprocess.run([shutil.which("java"), "-jar", str(VNU), "--css", "--errors-only", *map(str, stylesheets)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr[:3000]

"""The site builds identically with MkDocs 1.6.1 and with ProperDocs 1.6.7 (which continues
MkDocs 1.x), so the project can change engines without rewriting anything."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import QUIET_ENV, ROOT

# The only line that names the engine; everything else must match byte for byte.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
COMPARED = ("*.html", "*.json", "*.xml", "*.js", "*.css")


def published_files(site):
    return {path.relative_to(site).as_posix() for pattern in COMPARED for path in site.rglob(pattern)}


def test_properdocs_builds_the_same_site(site, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, env=QUIET_ENV, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    other = tmp_path / "site"
    assert published_files(other) == published_files(site)
    different = [
        name for name in sorted(published_files(site))
        if GENERATOR.sub(b"", (site / name).read_bytes()) != GENERATOR.sub(b"", (other / name).read_bytes())
    ]
    assert different == []
    assert b"ProperDocs 1.6.7" in (other / "it" / "cancel-account" / "index.html").read_bytes()

"""The Nu Html Checker (vnu-jar from npm, on Java) finds no error in any page of the built site."""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A run of the checker is a few seconds of work; Java's optimising compiler (C2) spent more CPU than
# the checking itself (4.4 s against 2.0 s with C1 alone, the same findings). C1's code takes more
# stack than the checker's default 512k allows for the HTML schema, hence the larger stack.
JAVA_FOR_A_SHORT_RUN = ("-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def nu_html_checker(*arguments: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the Nu Html Checker; its findings are on stderr, and it exits 1 when there are any."""
    assert VNU.exists(), "vnu-jar is missing: run `npm ci` (make test does it)"
    java = shutil.which("java")
    assert java, "Java 17 is needed for the Nu Html Checker"
    return subprocess.run([java, *JAVA_FOR_A_SHORT_RUN, "-jar", str(VNU), *arguments],
                          capture_output=True, text=True, timeout=timeout)


def test_every_built_page_is_valid_html(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 30  # 27 articles and a 404 per language
    result = nu_html_checker("--errors-only", "--skip-non-html", str(site))
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr[:3000]


def test_our_stylesheets_are_valid_css():
    """A brace lost in a merge silently swallows every rule after it; the checker's CSS mode says where."""
    stylesheets = sorted((ROOT / "helpcentre" / "theme").rglob("*.css"))
    assert stylesheets
    result = nu_html_checker("--css", "--errors-only", *map(str, stylesheets), timeout=120)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr[:3000]

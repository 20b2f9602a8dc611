"""Nothing holds up or shifts the first paint of a page on a slow phone: scripts are deferred,
and what the scripts show is in the page from the start (measured with Lighthouse in make audit)."""

from __future__ import annotations

from urllib.parse import urlparse

from bs4 import BeautifulSoup


def built_pages(site):
    return sorted(site.rglob("*.html"))


def test_every_script_file_is_deferred(site):
    pages = built_pages(site)
    assert len(pages) >= 30
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        blocking = [script["src"] for script in soup.find_all("script", src=True)
                    if not script.has_attr("defer") and not script.has_attr("async")]
        assert blocking == [], f"{path.relative_to(site)}: scripts that block the first paint: {blocking}"


def test_the_plan_chooser_takes_its_place_before_any_script_runs(site):
    soup = BeautifulSoup((site / "it" / "cancel-account" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not soup.select_one("[data-plan-picker]").has_attr("hidden")
    # Only readers without JavaScript lose it, through a stylesheet their browser alone loads.
    noscript = soup.head.find("noscript")
    assert noscript and "no-script.css" in str(noscript)
    assert (site / "assets" / "stylesheets" / "no-script.css").read_text(encoding="utf-8").count("[data-plan-picker]") == 1


def test_material_script_is_left_to_the_loader_on_every_page(site):
    """Material's bundle is never a <script> of its own: the loader names it, and the file exists."""
    pages = [path for path in built_pages(site) if 'data-md-component="header"' in path.read_text(encoding="utf-8")]
    assert len(pages) >= 30
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        sources = [script["src"] for script in soup.find_all("script", src=True)]
        assert not [src for src in sources if "/bundle." in src], path.relative_to(site)
        loader = soup.find("script", src=lambda src: src and urlparse(src).path.endswith("material-on-demand.js"))
        assert loader is not None, path.relative_to(site)
        bundle = loader["data-bundle"]
        target = site / bundle.lstrip("/") if bundle.startswith("/") else (path.parent / bundle).resolve()
        assert target.is_file() and target.name.startswith("bundle."), (path.relative_to(site), bundle)

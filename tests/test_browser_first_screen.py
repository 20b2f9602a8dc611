"""Answer first (issue 13): on every article with steps, in every language, the first step is
on the first screen of a phone (390x844) and of a laptop (1366x768), as a reader opening
the page through nginx sees it: no scrolling, not under the header, not hidden."""

from __future__ import annotations

from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from conftest import DEFAULT_LANGUAGE, LANGUAGES

SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 3},
    "laptop": {"viewport": {"width": 1366, "height": 768}},
}
FIRST_STEP = "article ol.procedure > li"
MEASURE = """(selector) => {
    const step = document.querySelector(selector);
    const header = document.querySelector(".md-header");
    const box = step.getBoundingClientRect();
    return {top: Math.round(box.top), bottom: Math.round(box.bottom), visible: step.checkVisibility(),
            screen: window.innerHeight, scrolled: window.scrollY,
            header: header ? Math.round(header.getBoundingClientRect().bottom) : 0};
}"""


def articles_with_steps(site) -> dict[str, list[str]]:
    """URL paths of the built articles that show a numbered procedure, per language; read from
    the build, so a new article with steps is measured without anyone listing it."""
    found: dict[str, list[str]] = defaultdict(list)
    for html in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one(FIRST_STEP):
            folder = html.parent.relative_to(site).as_posix()
            path = "/" if folder == "." else f"/{folder}/"
            found[soup.html["lang"]].append(path)
    return found


def slug_of(path: str) -> str:
    parts = [part for part in path.split("/") if part and part not in LANGUAGES]
    return parts[-1] if parts else "index"


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_first_step_is_on_the_first_screen(site, nginx_site, browser, screen):
    pages = articles_with_steps(site)
    assert set(pages) == set(LANGUAGES), f"articles with steps per language: {dict(pages)}"
    slugs = {lang: sorted(map(slug_of, paths)) for lang, paths in pages.items()}
    assert all(slugs[lang] == slugs[DEFAULT_LANGUAGE] for lang in LANGUAGES), slugs

    context = browser.new_context(**SCREENS[screen])
    try:
        tab = context.new_page()
        measured, late = [], []
        for lang in LANGUAGES:
            for path in pages[lang]:
                tab.goto(nginx_site + path)
                box = tab.evaluate(MEASURE, FIRST_STEP)
                measured.append(f"{path} {box['top']}-{box['bottom']} px")
                on_screen = (box["visible"] and box["scrolled"] == 0
                             and box["header"] <= box["top"] and box["bottom"] <= box["screen"])
                if not on_screen:
                    late.append(f"{path}: first step at {box['top']}-{box['bottom']} px "
                                f"(screen {box['screen']} px, header ends at {box['header']} px, "
                                f"scrolled {box['scrolled']} px, visible {box['visible']})")
        print(f"{screen}: " + "; ".join(measured))
        assert not late, f"on a {screen}, the steps start below the first screen:\n" + "\n".join(late)
    finally:
        context.close()

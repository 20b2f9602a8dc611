"""Languages beyond Latin script (issue 27), in one copy of the project: Arabic, Hebrew, Japanese and
German added with `make add-language` and no notice argument, one article written in Arabic by hand,
and one French article not translated any more; built and served by nginx, read in Chromium.

- Right to left: `dir` on <html>, every English run of an Arabic page kept left to right in its own
  element, and the notice's bar on the reader's side.
- Search: Arabic written every way finds the Arabic article; English words find the English pages a
  new language shows, and the French article shown in English.
- "Copy reply" says when a reply is not all in its language yet."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from browser_checks import watch
from conftest import DEFAULT_LANGUAGE, ROOT, copy_project
from test_new_language import add_language

ADDED = ("ar", "he", "ja", "de")
RIGHT_TO_LEFT = ("ar", "he")
ARABIC_TITLE = "إيقاف الفوترة مؤقتًا"
# The first paragraph of the Arabic article: each word written one way of several.
ARABIC_ANSWER = ("إذا كنت تدفع شهريًا دون التزام، يمكنك إيقاف الفوترة بدلًا من الإلغاء: نحتفظ بحسابك على مستوى "
                 "خطتك الحالية ونتوقف عن تحصيل الرسوم حتى تستأنف.")


def arabic_article() -> str:
    """The English pause-billing article with its title and first paragraph in Arabic (its sections
    keep their ids and, for now, their English), as a translator's first step."""
    text = (ROOT / "docs" / DEFAULT_LANGUAGE / "pause-billing.md").read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    front = re.sub(r"(?m)^title: .*$", f"title: {ARABIC_TITLE}", front)
    body = re.sub(r"(?m)^# .*\n\n(.+\n)+", f"# {ARABIC_TITLE}\n\n{ARABIC_ANSWER}\n", body, count=1)
    return front + "\n---\n" + body


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The project copy, its languages added as a writer adds them, served by nginx."""
    from helpcentre.nginx import build_for_origin, free_port, nginx, read_project

    project = copy_project(tmp_path_factory.mktemp("beyond-latin") / "project")
    for code in ADDED:
        added = add_language(project, f"LANG={code}")
        assert added.returncode == 0 and "Traceback" not in added.stderr, added.stdout + added.stderr
    (project / "docs" / "ar" / "pause-billing.md").write_text(arabic_article(), encoding="utf-8")
    (project / "docs" / "fr" / "trial-accounts.md").unlink()  # shown in English under /fr/ again
    folder = tmp_path_factory.mktemp("beyond-latin-nginx")
    port = free_port()
    build_for_origin(f"http://127.0.0.1:{port}", folder / "site", project)
    with nginx(folder / "site", port, folder / "runtime", read_project(project)) as url:
        yield Served(url, folder / "site")


class Served(str):
    """The site's base URL, which knows the folder nginx serves."""

    def __new__(cls, url: str, root):
        served = super().__new__(cls, url)
        served.root = root
        return served


# --- Right to left ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ADDED)
def test_html_says_the_languages_direction_as_body_does(served, lang):
    """On the home page, an article and the not-found page nginx answers with, as built: no script
    sets either attribute. (Chromium loads each language's article below, and every Arabic page,
    with their errors watched.)"""
    expected = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
    for path in (f"{lang}/index.html", f"{lang}/cancel-account/index.html", f"{lang}/404.html"):
        built = BeautifulSoup((served.root / path).read_text(encoding="utf-8"), "html.parser")
        assert [built.html.get("dir"), built.body.get("dir")] == [expected, expected], path


# Every text of the page that runs left to right and has no right-to-left letter: English, and the
# Japanese and Latin names in the language switcher. Each must be laid out left to right, by an
# element that says so (its own, or one around it), not by the page's right-to-left.
LEFT_TO_RIGHT_RUNS = r"""() => {
  const ltr = /[A-Za-z\u00c0-\u024f\u3040-\u30ff\u4e00-\u9fff]/, rtl = /[\u0590-\u08ff]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const wrong = [];
  let runs = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!ltr.test(text) || rtl.test(text) || node.parentElement.closest("script, style, template, noscript")) continue;
    runs += 1;
    const marked = node.parentElement.closest("[dir]");
    const direction = getComputedStyle(node.parentElement).direction;
    if (direction !== "ltr" || !marked || marked === document.body) wrong.push(text.slice(0, 60));
  }
  return { runs, wrong };
}"""


@pytest.mark.parametrize("path", ["", "cancel-account/", "pause-billing/", "trial-accounts/", "agents/",
                                  "no-such-page/"])
def test_every_english_run_on_an_arabic_page_runs_left_to_right_in_its_own_element(served, page, path):
    seen = watch(page)
    page.goto(f"{served}/ar/{path}")
    found = page.evaluate(LEFT_TO_RIGHT_RUNS)
    assert found["runs"] > 10 and found["wrong"] == [], found["wrong"][:10]
    assert [error for error in seen.console_errors if "404" not in error] == [] and seen.outside_requests == []


def test_the_right_to_left_pages_with_their_isolated_runs_are_valid_html(served):
    """`dir` and <bdi> where HTML allows them (a <bdi> holds phrasing content only)."""
    from test_html_checker import nu_html_checker

    pages = [str(path) for lang in RIGHT_TO_LEFT for path in sorted((served.root / lang).rglob("*.html"))]
    assert len(pages) >= 20
    result = nu_html_checker("--errors-only", *pages)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr[:3000]


def test_an_untranslated_articles_english_sentences_end_where_english_ends(served, page):
    """The English body of an article shown on an Arabic page is left to right as a whole: its first
    step's full stop is at the right end of its line, not at the left."""
    page.goto(f"{served}/ar/cancel-account/")
    body = page.locator("article div[lang=en]")
    assert body.get_attribute("dir") == "ltr"
    assert body.evaluate("element => getComputedStyle(element).direction") == "ltr"
    heading = page.locator("h2#change-your-mind")
    assert heading.evaluate("element => getComputedStyle(element).direction") == "ltr"


@pytest.mark.parametrize("lang, side", [("ar", "right"), ("he", "right"), ("de", "left"), ("ja", "left")])
def test_the_notices_bar_is_on_the_side_the_reader_starts_from(served, page, lang, side):
    seen = watch(page)
    page.goto(f"{served}/{lang}/cancel-account/")
    widths = page.locator(".help-untranslated").evaluate(
        "element => [getComputedStyle(element).borderLeftWidth, getComputedStyle(element).borderRightWidth]")
    other = "left" if side == "right" else "right"
    shown = dict(zip(("left", "right"), (float(width.removesuffix("px")) for width in widths)))
    assert shown[side] > 0 and shown[other] == 0, widths
    assert seen.console_errors == [] and seen.outside_requests == []


def test_the_english_site_name_in_the_arabic_header_is_cut_at_its_end(served, browser):
    """A phone's header is too narrow for the site's name: it is cut with an ellipsis after its first
    words, as English is cut, not before its last ones."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    try:
        page.goto(f"{served}/ar/cancel-account/")
        title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert title.get_attribute("dir") == "ltr"
        assert title.evaluate("element => getComputedStyle(element).direction") == "ltr"
    finally:
        context.close()


# --- Search in every language ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def boxes(served, browser):
    from scripts.search_quality import search_boxes

    with search_boxes(browser, served) as box:
        yield box


@pytest.mark.parametrize("typed", [
    "ايقاف",            # alef without its hamza: إيقاف
    "فوترة",            # without the article: الفوترة
    "الفوتره",          # ta marbuta written as heh
    "الغاء",            # الإلغاء without hamza and article
    "مستوي",            # alef maqsura written as yeh: مستوى
    "إِيقَاف",          # with its short vowels
    "إيقــاف",          # stretched with tatweel
    "والفوترة",         # "and the billing"
])
def test_arabic_written_any_way_finds_the_arabic_article(boxes, typed):
    assert boxes("ar").search(typed)[:1] == ["pause-billing"]


@pytest.mark.parametrize("lang", ["de", "ja", "ar"])
@pytest.mark.parametrize("typed, article", [
    ("pause billing", "pause-billing"), ("reseller", "reseller-accounts"), ("free trial", "trial-accounts"),
    ("refund", "after-you-cancel"), ("export contacts", "before-you-cancel"), ("downgrade", "downgrade-plan"),
])
def test_english_words_find_the_english_pages_a_new_language_shows(boxes, lang, typed, article):
    assert boxes(lang).search(typed)[:1] == [article]


@pytest.mark.parametrize("typed", ["essai gratuit", "free trial", "fin de l'essai"])
def test_a_french_article_not_translated_is_found_in_french_and_in_english(boxes, typed):
    assert boxes("fr").search(typed)[:1] == ["trial-accounts"]


# --- Agents --------------------------------------------------------------------------------------------


def test_copy_reply_in_german_says_the_reply_is_not_translated_yet(served, page):
    """(The clipboard's content is read in tests/test_agent_replies.py: nginx's Permissions-Policy
    lets a page write to it, not read it.)"""
    page.context.grant_permissions(["clipboard-write"], origin=served)
    page.goto(f"{served}/it/agents/")
    page.select_option("#agent-reply-language", "de")
    row = page.locator("tr[data-article=cancel-account] .agent-reply").first
    note = row.locator(".agent-reply__untranslated")
    note.wait_for(state="visible")
    row.locator("button.reply-copy").click()
    status = row.locator(".agent-reply__status")
    status.filter(has_text="Deutsch").wait_for()
    assert note.inner_text() in status.inner_text() and "inglese" in note.inner_text()
    # In Italian the same reply is translated: nothing is said.
    page.select_option("#agent-reply-language", "it")
    page.wait_for_function("element => element.hidden", arg=note.element_handle())

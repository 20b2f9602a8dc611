"""The feedback report as a page (issue 28): `make feedback-report LOG=… HTML=…` writes one HTML file
with inline SVG charts per language, from answers sent through the project's own nginx: the votes
per article and week, what was missing, the searches that found nothing or were left for another
(each with the article the vocabulary gives now; a query typed fewer than five times never shown),
and the positions of the results opened. The file asks nothing of anyone: no address of another
host, no external src or href, nothing requested when it opens. `make serve` shows the same page at
/_feedback/ from the sample log, and a build never has it."""

from __future__ import annotations

import subprocess
from urllib.parse import quote_plus, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import QUIET_ENV, ROOT, SITE
from helpcentre import feedback_page
from helpcentre.feedback import QUERY_MIN_COUNT, build_report
from helpcentre.search_terms import load_for_site, vocabulary_article
from test_feedback import FeedbackServer, get, logged, server, wait_for_lines  # noqa: F401 (server: fixture)

ZERO = "zqxj wvkp"               # finds nothing
LEFT = "close my account"        # found something; readers searched again without opening it
RARE = "invoice 4471 for acme"   # typed fewer than five times: one person's words, never shown


def answer(server: FeedbackServer, event: str, lang: str, **fields: str) -> None:
    order = {"vote": ("vote",), "missing": ("reason", "comment"), "search": ("q",), "abandoned": ("q",),
             "click": ("q", "result", "position")}[event]
    query = "&".join([f"event={event}", f"page={fields.pop('page', 'index')}", f"section={fields.pop('section', '')}",
                      f"lang={lang}", "plan="] + [f"{key}={quote_plus(fields[key])}" for key in order])
    assert get(server, "/feedback.txt?" + query) == 204, query


def outside_addresses(soup: BeautifulSoup, text: str) -> list[str]:
    """Everything in a page that would reach beyond it: any http(s) address, any src, any href that
    is not a place in the page itself, a stylesheet's url(...)."""
    found = [word for word in text.split() if "http://" in word or "https://" in word]
    found += [f"src={tag['src']}" for tag in soup.find_all(src=True)]
    found += [f"href={tag['href']}" for tag in soup.find_all(href=True) if not tag["href"].startswith("#")]
    found += [f"xlink:href={tag['xlink:href']}" for tag in soup.find_all(attrs={"xlink:href": True})]
    found += ["url(" for style in soup.find_all("style") if "url(" in style.get_text()]
    found += [f"<{tag.name}>" for tag in soup.find_all(["script", "link", "iframe", "img", "object", "embed"])]
    return found


def test_the_report_page_from_answers_sent_through_nginx(server, tmp_path, browser):  # noqa: F811
    before = len(logged(server))
    for vote in ("yes", "yes", "no"):
        answer(server, "vote", "it", page="cancel-account", vote=vote)
    answer(server, "vote", "fr", page="pause-billing", vote="no")
    answer(server, "missing", "it", page="cancel-account", section="steps", reason="steps_differ", comment="")
    for _ in range(QUERY_MIN_COUNT):
        answer(server, "search", "en", q=ZERO)
    for _ in range(QUERY_MIN_COUNT - 1):
        answer(server, "abandoned", "en", q=LEFT)
    answer(server, "click", "en", q=LEFT, result="cancel-account", position="2")
    answer(server, "click", "en", q="pause", result="pause-billing", position="1")
    for _ in range(QUERY_MIN_COUNT - 1):
        answer(server, "search", "en", q=RARE)
    sent = 5 + 2 * QUERY_MIN_COUNT + 1 + QUERY_MIN_COUNT - 1
    lines = wait_for_lines(server, before + sent)[before:]
    log = tmp_path / "feedback.log"  # this test's lines of the log nginx wrote
    log.write_text("".join(server.log.read_text(encoding="utf-8").splitlines(keepends=True)[before:]),
                   encoding="utf-8")
    assert len(lines) == sent
    html = tmp_path / "report.html"

    result = subprocess.run(["make", "--no-print-directory", "-s", "feedback-report", f"LOG={log}", f"HTML={html}"],
                            cwd=ROOT, env=QUIET_ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{sent} answers and searches"), "the text report stays for the terminal"
    assert f"{html}: the report as a page" in result.stderr

    text = html.read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")
    assert outside_addresses(soup, text) == []
    sections = {section.h2.get_text(): section for section in soup.find_all("section")}
    assert list(sections) == ["English (en)", "Italiano (it)", "Français (fr)"]
    english, italian = sections["English (en)"], sections["Italiano (it)"]
    # Charts, inline: each an SVG with pygal's bars, named for screen readers.
    assert len(italian.find_all("svg")) == 2  # the votes of cancel-account per week, what was missing
    assert len(english.find_all("svg")) == 2  # the searches that missed, the positions of results opened
    for svg in soup.find_all("svg"):
        assert svg["role"] == "img" and svg["aria-label"] and svg.find("rect")
    assert "cancel-account: helpful and not helpful, per week" in [svg["aria-label"] for svg in italian.find_all("svg")]
    # The zero-result search and the one left for another, each with what the vocabulary gives now.
    rows = {row.td.get_text(): [cell.get_text() for cell in row.find_all("td")[1:]]
            for row in english.select("table tbody tr")}
    assert rows[ZERO] == ["5", "0", "none yet: add the words to data/search-terms.yml"]
    assert rows[LEFT] == ["0", "4", "cancel-account"]
    assert RARE not in text and "4 more, of searches typed fewer than 5 times: not shown." in english.get_text()
    assert len(soup.find_all("svg")) == 5  # and the French votes

    # It opens offline: nothing is asked of any address, the file's own aside.
    context = browser.new_context(offline=True)
    try:
        page = context.new_page()
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(html.as_uri())
        assert page.locator("svg").count() == 5 and asked == [html.as_uri()]
    finally:
        context.close()


def test_a_wrong_html_path_gives_one_clear_message(tmp_path):
    log = tmp_path / "feedback.log"
    log.write_text("", encoding="utf-8")
    result = subprocess.run(["make", "--no-print-directory", "-s", "feedback-report", f"LOG={log}",
                             f"HTML={tmp_path}"], cwd=ROOT, env=QUIET_ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"feedback-report: HTML={tmp_path}: a folder; give the file to write, e.g. report.html" in result.stderr


# --- The charts and the vocabulary ---------------------------------------------------------------


def test_a_chart_carries_no_script_comment_or_address():
    svg = feedback_page.positions_chart({1: 4, 3: 1})
    assert svg.startswith("<svg ") and "<script" not in svg and "<!--" not in svg
    assert "http" not in svg and "xmlns" not in svg


@pytest.mark.parametrize("lang,query,article", [
    ("en", "how do I close my account", "cancel-account"),
    ("en", "stop paying for a while", "pause-billing"),
    ("it", "disdire l'abbonamento", "cancel-account"),
    ("fr", "résilier mon abonnement", "cancel-account"),
    ("fr", "RESILIATION", "cancel-account"),  # no accent, capitals
    ("en", "zqxj wvkp", None),
])
def test_the_vocabulary_gives_the_article_its_words_lead_to(lang, query, article):
    assert vocabulary_article(load_for_site(SITE), lang, query, "Acme Campaigns") == article


# --- In the preview -------------------------------------------------------------------------


def test_the_preview_shows_the_sample_report_and_the_build_never_has_it(tmp_path, site):
    from test_serve import get as preview_get, serving

    with serving(tmp_path, "--lang", "it") as served:
        status, body = preview_get(served.base + "/" + feedback_page.PATH)
        assert status == 200
        soup = BeautifulSoup(body, "html.parser")
        assert soup.h1.get_text() == "What readers told the help centre"
        assert len(soup.find_all("svg")) >= 8 and outside_addresses(soup, body) == []
        sample = build_report([feedback_page.SAMPLE_LOG])
        assert f"{sample.events} answers and searches" in soup.get_text()
        assert "fattura elettronica" in body  # a search the sample has readers miss, in Italian
    assert not (site / "_feedback").exists()
    assert not any("What readers told the help centre" in page.read_text(encoding="utf-8")
                   for page in site.rglob("*.html"))
    assert urlparse(SITE.site_url).hostname not in (feedback_page.SAMPLE_LOG).read_text(encoding="utf-8")

"""What readers tell the help centre (issue 17), through nginx on loopback: "Was this page helpful?"
and the searches that found nothing land in nginx's own feedback log with the right fields and
nothing else; a request that is not exactly one answer gets 400 and is not logged; without
JavaScript nothing is sent; served without our nginx configuration the site works the same and
records nothing; `make feedback-report` counts it all, and says clearly when LOG is wrong."""

from __future__ import annotations

import gzip
import http.client
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from browser_checks import axe_violations, csp_violations, watch
from conftest import ARTICLES, LANGUAGES, QUIET_ENV, ROOT, read_page
from helpcentre.data import FEEDBACK_REASONS, load_data
from helpcentre.feedback import build_report, format_report
from scripts.search_quality import SearchBox

DATA = load_data(ROOT / "data", LANGUAGES)
LOG_FIELDS = ["time", "event", "page", "section", "lang", "plan", "vote", "reason", "comment", "q", "result", "position"]
# Every answer the page sends, counted in the page itself: what was sent is known at once, with no
# waiting for requests that might still come (Playwright's clock moves time; nothing sleeps).
COUNT_ANSWERS = """
window.__answers = [];
const fetchAnswer = window.fetch;
window.fetch = function (url) {
  if (String(url).includes("feedback.txt")) { window.__answers.push(String(url)); }
  return fetchAnswer.apply(this, arguments);
};
"""


def answers(page) -> list[dict[str, str]]:
    """The answers the page has sent so far, each as its fields."""
    return [{key: values[0] for key, values in parse_qs(urlparse(url).query, keep_blank_values=True).items()}
            for url in page.evaluate("window.__answers")]
NOTHING_FOUND = "zqxjv wkpfy"


class FeedbackServer(NamedTuple):
    url: str
    log: Path        # nginx's feedback log
    access: Path     # nginx's general access log


@pytest.fixture
def server(nginx_served):
    """The site behind nginx with the shipped configuration, and its logs. Other tests search
    the same site; each test here counts only the lines written after it starts."""
    from helpcentre.nginx import RUNTIME_FEEDBACK_LOG

    return FeedbackServer(nginx_served.url, nginx_served.runtime / RUNTIME_FEEDBACK_LOG,
                          nginx_served.runtime / "access.log")


def logged(server: FeedbackServer) -> list[dict]:
    return [json.loads(line) for line in server.log.read_text(encoding="utf-8").splitlines()] \
        if server.log.exists() else []


def wait_for_lines(server: FeedbackServer, count: int, page=None, timeout: float = 10) -> list[dict]:
    """The log once it has `count` lines (nginx writes each as its request ends). With a page, it
    waits through Playwright, so that the page's routes (browser_checks.watch) keep being served."""
    deadline = time.monotonic() + timeout
    while len(lines := logged(server)) < count and time.monotonic() < deadline:
        page.wait_for_timeout(50) if page is not None else time.sleep(0.05)
    return lines


def get(server: FeedbackServer, path: str, method: str = "GET", **headers: str) -> int:
    connection = http.client.HTTPConnection(urlparse(server.url).netloc, timeout=10)
    connection.request(method, path, headers=headers)
    status = connection.getresponse().status
    connection.close()
    return status


def settled(page) -> None:
    """Wait for running transitions to end (Material fades its "back to top" button in as the page
    moves up), so that axe measures colours as the reader ends up seeing them."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def report(*logs: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpcentre", "feedback-report", *map(str, logs)], cwd=ROOT,
                          env=QUIET_ENV, capture_output=True, text=True, timeout=60)


# --- In the browser, through nginx ---------------------------------------------------------


def test_a_no_vote_and_a_search_that_found_nothing_on_an_italian_page_are_logged(server, page, tmp_path):
    before = len(logged(server))
    seen = watch(page)
    page.add_init_script(COUNT_ANSWERS)
    page.clock.install()  # time runs, and the test moves it on instead of sleeping
    # The language switcher's cookie: pages are asked for with it, answers must go without.
    page.context.add_cookies([{"name": "help_lang", "value": "it", "url": server.url}])
    sent, pages = [], []
    page.on("request", lambda request: (sent if "feedback.txt" in request.url else pages).append(request.all_headers()))
    page.goto(server.url + "/it/cancel-account/?plan=trial#steps")
    box = page.locator(".help-feedback")
    assert box.locator(".help-feedback__question").inner_text() == DATA.message("it", "feedback", "question")
    box.locator("button[data-vote=no]").click()
    box.locator(".help-feedback__more").wait_for()
    assert box.locator(".help-feedback__thanks").inner_text() == DATA.message("it", "feedback", "thanks")
    vote = wait_for_lines(server, before + 1, page)[before:]
    assert vote == [{**dict.fromkeys(LOG_FIELDS, ""), "time": vote[0]["time"], "event": "vote",
                     "page": "cancel-account", "section": "steps", "lang": "it", "plan": "trial", "vote": "no"}]

    search = SearchBox(page, server.url, "it")  # the Italian home page's search, as a reader types
    assert search.search(NOTHING_FOUND) == []
    page.clock.fast_forward(2000)  # the reader stops typing
    lines = wait_for_lines(server, before + 2, page)[before:]
    assert lines[1] == {**dict.fromkeys(LOG_FIELDS, ""), "time": lines[1]["time"], "event": "search",
                        "page": "index", "lang": "it", "plan": "trial", "q": "zqxjv+wkpfy"}
    page.clock.fast_forward(5000)  # longer than feedback.js waits before recording a search
    assert len(answers(page)) == 1, "this page sent the search, once"
    page.close()  # nothing pending: leaving sends nothing more
    assert len(logged(server)) == before + 2, "nothing else is logged"
    # Each answer: no cookie, no referrer (pages do carry both); nothing in the general access log.
    assert len(sent) == 2 and "help_lang=it" in pages[0]["cookie"] and "referer" in pages[-1]
    assert all("cookie" not in headers and "referer" not in headers for headers in sent)
    assert "feedback.txt" not in server.access.read_text(encoding="utf-8")
    assert seen.console_errors == [] and seen.outside_requests == []

    ours = tmp_path / "feedback.log"  # this test's lines of the log nginx wrote
    ours.write_text("".join(server.log.read_text(encoding="utf-8").splitlines(keepends=True)[before:]), encoding="utf-8")
    result = report(ours)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.startswith("2 answers and searches")
    assert "  article         lang   yes    no\n  cancel-account  it       0     1\n" in result.stdout
    # Typed once: counted, never shown (a query is shown once typed at least QUERY_MIN_COUNT times).
    assert "  it   nothing   left\n    (1 more, of queries typed fewer than 5 times, not shown)\n" in result.stdout
    assert "zqxjv" not in result.stdout


def test_typing_a_search_records_it_once_when_the_reader_stops(server, page):
    before = len(logged(server))
    page.add_init_script(COUNT_ANSWERS)
    page.clock.install()
    search = SearchBox(page, server.url, "fr")  # Material started, its index ready
    search.box.press_sequentially("qwzx vvkj")  # nothing found after every key
    assert answers(page) == [], "not while the reader types"
    page.clock.fast_forward(2000)  # longer than feedback.js waits for the reader to stop typing
    lines = wait_for_lines(server, before + 1, page)[before:]
    page.clock.fast_forward(5000)
    assert [(line["event"], line["lang"], line["page"], line["q"]) for line in logged(server)[before:]] == \
        [("search", "fr", "index", "qwzx+vvkj")], lines
    assert len(answers(page)) == 1
    search.box.fill("")
    search.box.press_sequentially("résilier")  # found: nothing to record
    page.locator(".md-search-result__item").first.wait_for()
    page.clock.fast_forward(5000)
    assert len(answers(page)) == 1 and len(logged(server)) == before + 1


def test_opening_a_result_records_the_words_the_article_and_its_position(server, page):
    before = len(logged(server))
    seen = watch(page)
    page.add_init_script(COUNT_ANSWERS)
    page.clock.install()
    search = SearchBox(page, server.url, "it")
    found = search.search("sospendere")
    assert "pause-billing" in found
    position = found.index("pause-billing") + 1
    with page.expect_navigation():
        page.locator(".md-search-result__item").nth(position - 1).locator("a").first.click()
    lines = wait_for_lines(server, before + 1, page)[before:]
    assert lines == [{**dict.fromkeys(LOG_FIELDS, ""), "time": lines[0]["time"], "event": "click", "page": "index",
                      "lang": "it", "q": "sospendere", "result": "pause-billing", "position": str(position)}]
    assert urlparse(page.url).path == "/it/pause-billing/"
    assert seen.console_errors == [] and seen.outside_requests == []


def test_a_search_left_for_another_without_opening_a_result_is_a_miss(server, page):
    before = len(logged(server))
    page.add_init_script(COUNT_ANSWERS)
    page.clock.install()
    search = SearchBox(page, server.url, "en")
    assert search.search("cancel") != []
    page.clock.fast_forward(2000)  # the reader stops and reads the results, then searches again
    assert answers(page) == [], "a search that found something is not a miss by itself"
    assert search.search(NOTHING_FOUND) == []
    page.clock.fast_forward(2000)
    assert [(answer["event"], answer["q"]) for answer in answers(page)] == \
        [("abandoned", "cancel"), ("search", NOTHING_FOUND)]
    lines = wait_for_lines(server, before + 2, page)[before:]
    assert [(line["event"], line["lang"], line["q"]) for line in lines] == \
        [("abandoned", "en", "cancel"), ("search", "en", NOTHING_FOUND.replace(" ", "+"))]
    # The same search again, left again: once per page view.
    search.search("cancel")
    page.clock.fast_forward(2000)
    search.search("pause")
    page.clock.fast_forward(2000)
    assert [answer["event"] for answer in answers(page)] == ["abandoned", "search"]


def test_searches_are_limited_per_client_and_what_is_refused_is_not_logged(nginx_served, tmp_path):
    """A nginx of its own (its own count), serving the same site: 30 searches at once pass, the
    next are refused with 429 and logged nowhere; votes are not counted with searches."""
    from helpcentre.nginx import RUNTIME_FEEDBACK_LOG, free_port, nginx

    port = free_port()
    with nginx(nginx_served.root, port, tmp_path / "runtime") as url:
        own = FeedbackServer(url, tmp_path / "runtime" / RUNTIME_FEEDBACK_LOG, tmp_path / "runtime" / "access.log")
        search = "/feedback.txt?event=search&page=index&section=&lang=en&plan=&q=zqxj"
        statuses = [get(own, search) for _ in range(40)]
        assert statuses == [204] * 31 + [429] * 9  # the first, and a burst of 30
        click = ("/feedback.txt?event=click&page=index&section=&lang=en&plan=&q=cancel&result=cancel-account"
                 "&position=1")
        assert get(own, click) == 429, "a result opened counts as a search"
        assert get(own, "/feedback.txt?" + VALID) == 204, "a vote is not a search"
        lines = wait_for_lines(own, 32)
        assert [line["event"] for line in lines] == ["search"] * 31 + ["vote"]


def test_the_follow_up_says_what_was_missing_and_leads_to_support(server, page):
    before = len(logged(server))
    seen = watch(page)
    page.goto(server.url + "/fr/pause-billing/?plan=monthly")
    box = page.locator(".help-feedback")
    box.locator("button[data-vote=no]").click()
    more = box.locator(".help-feedback__more")
    assert [label.inner_text() for label in more.locator(".help-feedback__reasons label").all()] == \
        [DATA.message("fr", "feedback", "reasons", reason) for reason in FEEDBACK_REASONS]
    more.locator("input[value=steps_differ]").check()
    more.locator("select[name=section]").select_option("resume")
    more.locator("textarea").fill("Le bouton «\u202fReprendre\u202f» n'est pas là & rien ne se passe")
    contact = box.locator(".help-feedback__contact a")
    mail = urlparse(contact.get_attribute("href"))
    assert (mail.scheme, mail.path) == ("mailto", DATA.support_email)
    fields = {key: values[0] for key, values in parse_qs(mail.query).items()}
    assert fields["subject"] == DATA.message("fr", "feedback", "mail_subject").replace("{title}", "Suspendre la facturation")
    article = box.get_attribute("data-url")  # the article in the reader's language, as published
    assert article.endswith("/fr/pause-billing/")
    assert fields["body"] == DATA.message("fr", "feedback", "mail_body").replace("{link}", article + "?plan=monthly#resume")
    settled(page)
    assert axe_violations(page) == [], "the follow-up open"
    more.locator("button[type=submit]").click()
    box.locator(".help-feedback__thanks").filter(has_text=DATA.message("fr", "feedback", "sent")).wait_for()
    lines = wait_for_lines(server, before + 2, page)[before:]
    assert [line["event"] for line in lines] == ["vote", "missing"]
    assert {key: lines[1][key] for key in ("page", "section", "lang", "plan", "reason")} == \
        {"page": "pause-billing", "section": "resume", "lang": "fr", "plan": "monthly", "reason": "steps_differ"}
    assert unquote(lines[1]["comment"].replace("+", " ")) == "Le bouton «\u202fReprendre\u202f» n'est pas là & rien ne se passe"
    settled(page)
    assert axe_violations(page) == [], "after sending"
    assert csp_violations(page) == [] and seen.console_errors == []

    result = report(server.log)
    assert "  pause-billing#resume [fr]: steps_differ 1" in result.stdout
    assert "\"Le bouton «\u202fReprendre\u202f» n'est pas là & rien ne se passe\"" in result.stdout


def test_a_yes_vote_is_one_line_and_the_box_thanks_the_reader(server, page):
    before = len(logged(server))
    page.goto(server.url + "/reseller-accounts/")
    page.locator(".help-feedback button[data-vote=yes]").click()
    assert page.locator(".help-feedback__thanks").inner_text() == DATA.message("en", "feedback", "thanks")
    assert not page.locator(".help-feedback__more").is_visible()
    assert not page.locator(".help-feedback__vote").is_visible()
    lines = wait_for_lines(server, before + 1, page)[before:]
    assert [(line["event"], line["page"], line["lang"], line["vote"], line["section"]) for line in lines] == \
        [("vote", "reseller-accounts", "en", "yes", "")]
    settled(page)
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_asks_in_its_language_and_the_home_page_does_not(site, lang):
    """The box is the page's own HTML, in its language (feedback.js only brings it to life: the
    browser tests above vote with it)."""
    for slug in ARTICLES:
        box = read_page(site, lang, slug).select_one(".help-feedback")
        if slug == "index":
            assert box is None
            continue
        assert box.select_one(".help-feedback__question").get_text() == DATA.message(lang, "feedback", "question")
        assert [button.get_text() for button in box.select(".help-feedback__vote button")] == \
            [DATA.message(lang, "feedback", "yes"), DATA.message(lang, "feedback", "no")]
    assert read_page(site, lang, "agents").select_one(".help-feedback") is None


def test_without_javascript_nothing_is_asked_and_nothing_is_sent(server, browser):
    before = len(logged(server))
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        sent = []
        page.on("request", lambda request: sent.append(request.url))
        page.goto(server.url + "/it/cancel-account/")
        assert page.locator(".help-feedback").count() == 1 and not page.locator(".help-feedback").is_visible()
        assert not [url for url in sent if "feedback" in url]
    finally:
        context.close()
    assert len(logged(server)) == before


def test_served_without_our_nginx_configuration_it_works_the_same_and_records_nothing(site_server, page):
    """A plain static server returns the site's own feedback.txt: the reader sees the same thanks,
    no error shows anywhere, and nothing is kept. (This build's address is the published host, so
    the language switcher's requests there are stopped: the only errors allowed are those.)"""
    errors, stopped, answers = [], [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: "feedback.txt" in response.url and answers.append(response.status))

    def only_local(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            stopped.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(site_server + "/it/cancel-account/")
    # Each answer is awaited: the thanks shows before the request returns.
    with page.expect_response(lambda response: "feedback.txt" in response.url):
        page.locator(".help-feedback button[data-vote=no]").click()
    page.locator(".help-feedback__more input[value=unclear]").check()
    with page.expect_response(lambda response: "feedback.txt" in response.url):
        page.locator(".help-feedback__more button[type=submit]").click()
    page.locator(".help-feedback__thanks").filter(has_text=DATA.message("it", "feedback", "sent")).wait_for()
    assert answers == [200, 200]
    assert all(urlparse(url).path.endswith("sitemap.xml") for url in stopped)
    assert errors == ["Failed to load resource: net::ERR_FAILED"] * len(stopped)


# --- Bad input: nginx answers 400 and the log stays one line per answer ---------------------


VALID = "event=vote&page=cancel-account&section=steps&lang=it&plan=trial&vote=no"


@pytest.mark.parametrize("query", [
    "",                                                              # no fields
    VALID.replace("vote=no", "vote=maybe"),                           # a vote that is not yes or no
    VALID.replace("lang=it", "lang=de"),                              # a language the site does not have
    VALID + "&vote=yes",                                              # a field twice
    VALID + "&ip=1.2.3.4",                                            # a field nobody reads
    "vote=no&" + VALID.replace("&vote=no", ""),                       # the fields out of order
    VALID.replace("event=vote", "event=rating"),                      # an unknown event
    VALID.replace("page=cancel-account", "page=../../etc/passwd"),    # not an article id
    VALID.replace("section=steps", "section=%0Afake%22line"),         # a line break or quote smuggled in
    "event=search&page=index&section=&lang=it&plan=&q=",              # a search of nothing
    "event=search&page=index&section=&lang=it&plan=&q=" + "a" * 901,  # a search too long
    "event=missing&page=x&section=&lang=fr&plan=&reason=unclear&comment=" + "%C3%A9" * 600,  # a comment too long
    "event=search&page=index&section=&lang=it&plan=&q=" + "a" * 20000,  # longer than nginx reads at all
])
def test_a_malformed_or_oversized_request_gets_400_and_is_not_logged(server, query):
    before = server.log.read_bytes() if server.log.exists() else b""
    assert get(server, "/feedback.txt?" + query) == 400
    time.sleep(0.1)
    assert (server.log.read_bytes() if server.log.exists() else b"") == before


@pytest.mark.parametrize("method", ["POST", "HEAD", "PUT", "DELETE"])
def test_only_a_get_is_an_answer(server, method):
    before = len(logged(server))
    assert get(server, "/feedback.txt?" + VALID, method) == 400
    assert len(logged(server)) == before


def test_each_answer_is_one_line_of_its_own_fields_and_nothing_about_the_reader(server):
    before = len(logged(server))
    assert get(server, "/feedback.txt?" + VALID, **{"User-Agent": "Secret-Agent/1.0", "Cookie": "help_lang=it; id=42",
                                                     "Referer": "https://elsewhere.example/"}) == 204
    comment = "event=missing&page=cancel-account&section=&lang=en&plan=&reason=unclear&comment=a%22b%5C%0A%0Dc%09d"
    assert get(server, "/feedback.txt?" + comment) == 204
    raw = server.log.read_text(encoding="utf-8").splitlines()[before:]
    assert len(wait_for_lines(server, before + 2)) == before + 2 and len(raw) == 2
    for line in raw:
        entry = json.loads(line)
        assert list(entry) == LOG_FIELDS
        assert not any(secret in line for secret in ("127.0.0.1", "Secret-Agent", "help_lang", "elsewhere"))
    assert json.loads(raw[1])["comment"] == "a%22b%5C%0A%0Dc%09d"  # as sent: a line break stays encoded
    assert "feedback.txt" not in server.access.read_text(encoding="utf-8")


def test_the_response_carries_the_site_headers_and_no_content(server):
    connection = http.client.HTTPConnection(urlparse(server.url).netloc, timeout=10)
    connection.request("GET", "/feedback.txt?" + VALID)
    response = connection.getresponse()
    assert (response.status, response.read()) == (204, b"")
    csp = response.getheader("Content-Security-Policy")
    assert "connect-src 'self'" in csp and "default-src 'self'" in csp  # same origin only, nothing added
    assert response.getheader("Cache-Control") == "no-cache"
    assert response.getheader("Set-Cookie") is None
    connection.close()


# --- How much one client, or everyone at once, can write (issue 25) ----------------------------
# helpcentre/serve/help-centre.conf: one address may send 20 votes or follow-ups at once, then one
# every 2 s (searches have their own count, above); the whole site 100 answers at once, then 2 a
# second; the rest get 429 and are logged nowhere. With the longest answer the log format allows
# (3,133 bytes a line), the log grows by at most 541 MB a day.

LONGEST = ("event=missing&page=" + "a" * 100 + "&section=" + "s" * 80 + "&lang=it&plan=" + "p" * 40
           + "&reason=" + "r" * 40 + "&comment=" + "c" * 2700)
MAX_LINE = 3133  # bytes, newline included: README "Feedback"
READER_BURST, SITE_BURST = 20, 100


def answer_from(url: str, address: str) -> int:
    """One answer sent from a loopback address of its own (all of 127.0.0.0/8 is this machine)."""
    connection = http.client.HTTPConnection(urlparse(url).netloc, timeout=10, source_address=(address, 0))
    connection.request("GET", "/feedback.txt?" + LONGEST)
    status = connection.getresponse().status
    connection.close()
    return status


def test_a_burst_of_answers_gets_429_and_the_log_stays_bounded(nginx_served, tmp_path):
    """Through nginx with the shipped configuration, on an instance of its own (so that the limits
    this test uses up are not the other tests'): one client's burst, then many clients' at once."""
    from helpcentre.nginx import RUNTIME_FEEDBACK_LOG, free_port, nginx

    runtime = tmp_path / "runtime"
    with nginx(nginx_served.root, free_port(), runtime) as url:
        started = time.monotonic()
        one_client = [answer_from(url, "127.0.0.1") for _ in range(200)]
        many_clients = [answer_from(url, f"127.0.{1 + n // 250}.{1 + n % 250}") for n in range(300)]
        elapsed = time.monotonic() - started
        time.sleep(0.2)  # nginx writes each line as its request ends

    assert set(one_client) == {204, 429} and set(many_clients) == {204, 429}
    assert one_client.count(204) <= 1 + READER_BURST + elapsed / 2 + 1, one_client.count(204)
    answered = one_client.count(204) + many_clients.count(204)
    assert answered <= 1 + SITE_BURST + 2 * elapsed + 1, (answered, elapsed)
    lines = (runtime / RUNTIME_FEEDBACK_LOG).read_bytes().splitlines(keepends=True)
    assert len(lines) == answered  # a 429 is logged nowhere
    assert max(len(line) for line in lines) <= MAX_LINE
    assert "feedback.txt" not in (runtime / "access.log").read_text(encoding="utf-8")
    assert "limiting requests" not in (runtime / "error.log").read_text(encoding="utf-8")


# --- make feedback-report ------------------------------------------------------------------


def line(**fields: str) -> str:
    return json.dumps({**dict.fromkeys(LOG_FIELDS, ""), "time": "2026-11-25T10:00:00+00:00", **fields})


SAMPLE = [
    line(event="vote", page="cancel-account", lang="it", vote="no", section="steps"),
    line(event="vote", page="cancel-account", lang="it", vote="yes"),
    line(event="vote", page="cancel-account", lang="fr", vote="yes"),
    line(event="missing", page="cancel-account", section="steps", lang="it", reason="steps_differ",
         comment="manca+il+pulsante+%C3%A8"),
    line(event="missing", page="cancel-account", section="steps", lang="it", reason="unclear"),
    line(event="search", page="index", lang="it", q="Fattura+elettronica"),
    line(event="search", page="pause-billing", lang="it", q="fattura++elettronica"),
    line(event="search", page="index", lang="it", q="rimborso"),
    line(event="search", page="index", lang="fr", q="remboursement"),
    # Issue 28: a query is shown once typed five times, whatever came of it.
    *[line(event="abandoned", page="index", lang="it", q="fattura+elettronica")] * 2,
    line(event="click", page="index", lang="it", q="fattura+elettronica", result="cancel-account", position="2"),
    *[line(event="search", page="index", lang="fr", q="remboursement")] * 4,
    line(event="click", page="index", lang="fr", q="annuler", result="cancel-account", position="1"),
]


def test_the_report_counts_votes_missing_sections_and_searches(tmp_path):
    log = tmp_path / "feedback.log"
    log.write_text("\n".join(SAMPLE) + "\n", encoding="utf-8")
    text = format_report(build_report([log]), 10, LANGUAGES)
    assert "  cancel-account  it       1     1\n  cancel-account  fr       1     0" in text  # the site's order
    assert "     2  cancel-account#steps [it]: steps_differ 1, unclear 1\n          \"manca il pulsante è\"" in text
    searches = text.split("Searches that found nothing")[1]
    assert searches.index("  it   nothing   left\n           2      2  fattura elettronica\n"
                          "    (1 more, of queries typed fewer than 5 times, not shown)") \
        < searches.index("  fr   nothing   left\n           5      0  remboursement\n")
    assert "rimborso" not in text and "annuler" not in text, "typed fewer than five times"
    assert "Results opened: their position in the list (1 = first)\n  it  2: 1\n  fr  1: 1\n" in text


def test_the_report_reads_rotated_logs_and_skips_lines_that_are_not_answers(tmp_path):
    old = tmp_path / "feedback.log.1.gz"
    old.write_bytes(gzip.compress(("\n".join(SAMPLE[:3]) + "\n").encode()))
    new = tmp_path / "feedback.log"
    new.write_text('127.0.0.1 - - "GET / HTTP/1.1" 200\n' + "\n".join([SAMPLE[5]] * 5) + "\n{\"event\": \"vote\"}\n",
                   encoding="utf-8")
    result = report(old, new)
    assert result.returncode == 0
    assert "  cancel-account  it       1     1" in result.stdout and "5      0  fattura elettronica" in result.stdout
    assert result.stderr == f"feedback-report: {new}:1: not a line of the feedback log; 2 such line(s) skipped\n"


@pytest.mark.parametrize("given,expected", [
    ("no-such.log", "no-such.log: no such file; give the log nginx writes readers' feedback to "
                    "(/var/log/nginx/help-centre-feedback.log on the server, see README \"Feedback\")"),
    ("tests", "tests: a folder, not a log"),
    ("", "give the log nginx writes readers' feedback to: make feedback-report "
         "LOG=/var/log/nginx/help-centre-feedback.log"),
])
def test_a_wrong_log_path_gives_one_clear_message(tmp_path, given, expected):
    result = subprocess.run(["make", "--no-print-directory", "-s", "feedback-report", f"LOG={given}"], cwd=ROOT,
                            env=QUIET_ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    message = [text for text in result.stderr.splitlines() if not text.startswith("make")]
    assert len(message) == 1 and "Traceback" not in result.stderr, result.stderr
    assert message[0].startswith("feedback-report: ") and expected in message[0]
    assert result.stdout == ""


def test_a_deploy_chooses_where_the_feedback_log_goes():
    def config(*extra: str) -> str:
        result = subprocess.run([sys.executable, "-m", "helpcentre", "nginx", "--print-config", "--root", "/srv/site",
                                 *extra], cwd=ROOT, env=QUIET_ENV, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout

    default = config()
    assert "access_log /var/log/nginx/help-centre-feedback.log help_feedback if=$help_feedback_logged;" in default
    assert "access_log /srv/logs/feedback.log help_feedback" in config("--feedback-log", "/srv/logs/feedback.log")
    # The search limit is keyed on the client's address in nginx's memory, never in a log.
    assert "limit_req_zone $help_search_client zone=help_search_limit:10m rate=30r/m;" in default
    # The only place the log format is used, and it names no address, agent, cookie or referrer.
    assert default.count("help_feedback if=") == 1
    log_format = default[default.index("log_format help_feedback"):default.index(";", default.index("log_format help_feedback"))]
    assert not any(variable in log_format for variable in ("$remote_addr", "$http_", "$cookie_", "$request"))


def test_a_log_written_before_results_were_recorded_still_reads(tmp_path):
    """Lines of the issue-17 log, without `result` and `position`, are answers as before."""
    log = tmp_path / "feedback.log"
    older = {key: value for key, value in json.loads(SAMPLE[0]).items() if key not in ("result", "position")}
    log.write_text(json.dumps(older) + "\n", encoding="utf-8")
    assert build_report([log]).votes[("cancel-account", "it")]["no"] == 1

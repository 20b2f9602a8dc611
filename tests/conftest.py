"""Shared fixtures: one real build of the site per test session, read with a real HTML parser."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup

from helpcentre.site import QUIET_ENVIRONMENT, load_site

ROOT = Path(__file__).resolve().parent.parent
# The site's languages, as mkdocs.yml lists them (the default first): never a copy of the list.
SITE = load_site(ROOT)
LANGUAGES = SITE.languages
DEFAULT_LANGUAGE = SITE.default
TRANSLATIONS = SITE.translations
# What a project copy needs to build: the site's own files. The engine (helpcentre/) is the installed
# package, as it is for any help centre; site/, .venv/ and caches stay out.
PROJECT_PARTS = ("mkdocs.yml", "l10n.yml", "docs", "data")
# Pages that are not articles (issue 6: the support agents' link page, out of the navigation).
NOT_ARTICLES = ("agents",)
# The articles, landing page included, as the site has them (docs/en/): a new article is tested
# like the others with no edit here (`make new`).
ARTICLES = tuple(article for article in load_site(ROOT).articles() if article not in NOT_ARTICLES)
QUIET_ENV = {**os.environ, **QUIET_ENVIRONMENT}


def pytest_collection_modifyitems(items):
    """Files with a long-running test first, then the others by their number of tests (xdist's
    own order), so that both workers end together (pytest.ini)."""
    def path(item) -> str:
        return item.nodeid.split("::", 1)[0]

    count: dict[str, int] = {}
    long_running: set[str] = set()
    for item in items:
        count[path(item)] = count.get(path(item), 0) + 1
        if item.get_closest_marker("long_running"):
            long_running.add(path(item))
    items.sort(key=lambda item: (path(item) not in long_running, -count[path(item)], path(item)))


@dataclass(frozen=True)
class Built:
    """A build's result as the writer reads it: 0 or 1, and each problem as `make build` prints it."""
    returncode: int
    stderr: str


def build_site(project: Path, site_dir: Path, languages: tuple[str, ...] | None = None) -> Built:
    """The strict build a writer runs, of every language (or of those given), in this process: the
    same site `make build` writes (tests/test_parallel_build.py compares them), without a Python
    starting for each. The command lines themselves are tested end to end where they are the point
    (test_parallel_build, test_bad_input, test_engine)."""
    from helpcentre.build import build_in_this_process, failure_report

    outcomes = build_in_this_process(project / "mkdocs.yml", site_dir, languages)
    failed = {lang: outcome.problems for lang, outcome in outcomes.items() if not outcome.built}
    return Built(1 if failed else 0, failure_report(failed) if failed else "")


def copy_project(destination: Path) -> Path:
    """A throwaway copy of the project that a test may break on purpose."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def language_dir(site: Path, lang: str) -> Path:
    return site if lang == DEFAULT_LANGUAGE else site / lang


def home(lang: str) -> str:
    """The URL path of a language's home page: / for the default language, /it/ for Italian."""
    return "/" + SITE.prefix(lang)


def page_path(lang: str, slug: str) -> str:
    """The URL path of an article in a language: /pause-billing/, /it/pause-billing/."""
    return "/" + SITE.page_path(lang, slug)


def written(lang: str, slug: str) -> bool:
    """Whether the article is written in that language (else its page shows the default language's)."""
    return SITE.source(lang, slug).is_file()


def turn(index: int) -> str:
    """The language whose turn it is, for browser behaviours that run the same code in every
    language: each is shown once, and together they go round the site's languages."""
    return LANGUAGES[index % len(LANGUAGES)]


def unknown_language() -> str:
    """A well-formed language code the site does not have, for tests of what happens with one."""
    return next(code for code in ("xx", "xy", "xz") if code not in LANGUAGES)


def read_page(site: Path, lang: str, slug: str) -> BeautifulSoup:
    folder = language_dir(site, lang) if slug == "index" else language_dir(site, lang) / slug
    return BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per session outside the repository."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, f"the site does not build:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def articles() -> list[str]:
    """Slugs of the English source articles, landing page included."""
    return list(ARTICLES)


# --- Browser layer ------------------------------------------------------------
# Debian's Chromium driven by Playwright (its own browser download cannot work here).

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def stop_process_group(process: subprocess.Popen, timeout: float = 30) -> None:
    """End a server started in its own session, and every process it started: SIGTERM, then
    SIGKILL if it has not ended within `timeout`, so that no server outlives its test."""
    with contextlib.suppress(ProcessLookupError):  # it may have ended already (Ctrl-C, a crash)
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def serve_directory(folder: Path):
    """Serve a built site on 127.0.0.1 with a plain static server; yields its base URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(site):
    """The real built site on 127.0.0.1."""
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make system-packages` (apt-get install chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test, so stored choices do not leak between tests."""
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


# --- Served by nginx (reader experience, issue 4) ------------------------------
# The site built for the nginx origin and served with the configuration a deploy renders
# (helpcentre/serve/help-centre.conf, run by helpcentre/serve/nginx.conf), as in production.

class Served(NamedTuple):
    url: str    # base URL, http://127.0.0.1:<port>
    root: Path  # the folder nginx serves
    runtime: Path  # nginx's own folder: its logs, readers' feedback.log among them (issue 17)


@pytest.fixture(scope="session")
def nginx_served(tmp_path_factory):
    """The site served by Debian's nginx with the shipped configuration, and its folder."""
    from helpcentre.nginx import build_for_origin, free_port, nginx

    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    build_for_origin(f"http://127.0.0.1:{port}", folder / "site")
    with nginx(folder / "site", port, folder / "runtime") as url:
        yield Served(url, folder / "site", folder / "runtime")


@pytest.fixture(scope="session")
def nginx_site(nginx_served) -> str:
    """Base URL of the site served by Debian's nginx with the shipped configuration."""
    return nginx_served.url

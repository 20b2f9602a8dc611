"""`make serve`: every language of the site on http://127.0.0.1:8000, a saved edit visible in about a
second, and a preview that stays up whatever the writer's mistake.

How it works:
- One process per language (helpcentre/preview_languages.py, helpcentre/language_process.py) lives as
  long as the preview and renders that language's changed pages with MkDocs' dirty build, told which
  by the plugin (helpcentre/render_plan.py), each into its own folder, as `make build` does; the folder
  served is their union (symbolic links, made again after each round of builds).
- MkDocs' own LiveReloadServer serves it and reloads the browsers after each round. It is told of
  edits by watchdog's inotify observer; what changed is read from a snapshot of the folders
  (watchdog's DirectorySnapshot), and each change goes to the languages it shows in:
  docs/it/x.md to Italian; docs/en/x.md to English and to each language without its own x.md (the
  English text shows there); data/ to the pages that used what changed (helpcentre/data_use.py);
  the theme or mkdocs.yml to every page of every language. While a command changes several files
  as one (make add-language, helpcentre/project_writes.py), no round starts: the next one sees them all.
- The language of the saved file builds first, and the browsers reload as soon as it is done; the
  languages that show it too (an English article's translations, for their stale-section notice)
  follow, and the browsers reload again. A page of a language being built waits for its build.
- A build that fails leaves its language's pages as they were and puts an error page in their place
  (and in place of its 404 page): the file, the line and what is wrong, in the build's own words, as
  the terminal shows them once. The next round that builds the language brings its pages back, and
  until then every round builds it again, whatever changed.
- A language's process that dies, or is stopped for taking too long, is reported with why, in the
  terminal and in place of its pages, and started again at once; the next save builds it whole.
- Python code (helpcentre/) is imported once: `python -m helpcentre serve` runs the preview under
  watchdog's `watchmedo auto-restart` (cli.py), which restarts it when that changes.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer, _timestamp
from watchdog import events
from watchdog.observers import Observer
from watchdog.utils.dirsnapshot import DirectorySnapshot, DirectorySnapshotDiff, EmptyDirectorySnapshot

from . import data_use, feedback_page, links, llms
from .data import DataError, HelpData, load_data
from .error_page import error_page
from .feedback import FeedbackLogError
from .language_process import Outcome, Problem, Request
from .preview_changes import requests_for, saved_languages
from .preview_languages import Languages
from .project_writes import writing
from .site import CONFIG_FILE, DATA_DIR, DOCS_DIR, ENGINE, Site, SiteError, load_site, project_root
from .translations.policy import UsageError, load_config
from .translations.status_page import PATH as STATUS_PATH, status_page

THEME = ENGINE / "theme"  # the engine's theme: an edit renders every page again
FEEDBACK_PATH = feedback_page.PATH
CODE_PATTERNS = "**/*.py;**/*.html"  # watchdog matches whole paths
# What a save does. Not "opened" or "closed without writing": the builds read the files they watch.
WRITES = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent, events.FileDeletedEvent,
          events.FileClosedEvent]
ERROR_FOLDER = ".preview-errors"  # in the served folder: the error page of each language that did not build
EVERY_LANGUAGE = ""  # the key of a failure that stops every language (mkdocs.yml cannot be read)


def say(text: str) -> None:
    print(f"serve: {text}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Serving
# ---------------------------------------------------------------------------


def url_language(site: Site, mount_path: str, path: str) -> str:
    """The language of a URL path: /it/... is Italian, anything else the default language."""
    first = path.removeprefix(mount_path.rstrip("/")).lstrip("/").split("/", 1)[0]
    return first if first in site.translations else site.default


def looks_like_page(path: str) -> bool:
    """A request for a page (which a failed build's error page replaces), not for an asset."""
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith(".html") or "." not in last


# ---------------------------------------------------------------------------
# The preview
# ---------------------------------------------------------------------------


class WritesObserver(Observer):
    """watchdog's inotify observer, told only of writes: a save is seen at once (MkDocs' own server
    polls every 0.5 s), and the builds reading the files they watch are not changes."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or WRITES,
                                follow_symlink=follow_symlink)


class PreviewServer(LiveReloadServer):
    """MkDocs' server, able to show what is built so far before a round of builds ends: it reloads
    the browsers only once the builder it calls returns."""

    def show_now(self) -> None:
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = max(_timestamp(), self._visible_epoch + 1)
            self._epoch_cond.notify_all()


class Preview:
    def __init__(self, root: Path, host: str, port: int, only: str = ""):
        self.root, self.host, self.port, self.only = root.resolve(), host, port, only
        self.work = Path(tempfile.mkdtemp(prefix="help-preview-"))
        self.served = self.work / "site"
        (self.served / ERROR_FOLDER).mkdir(parents=True)
        self.site: Site | None = None
        self.failures: dict[str, tuple[Problem, ...]] = {}  # language (or EVERY_LANGUAGE) -> what its build said
        self.read_site()
        # Served at site_url's path, as `mkdocs serve` does: /help/ for https://example.com/help/.
        folder = urlsplit(self.site.site_url if self.site else "").path.strip("/")
        self.mount_path = f"/{folder}/" if folder else "/"
        self.languages = Languages(self.root / CONFIG_FILE, self.work, f"http://{host}:{port}{self.mount_path}")
        self.shown: dict[str, tuple[Problem, ...]] = {}  # what the terminal was last told of each failure
        self.snapshots: dict[Path, DirectorySnapshot] = {}
        self.round_lock = threading.Lock()
        self.rounds = 0
        self.ready = threading.Event()  # requests wait for the first round
        self.stopping = False
        self.request_path = threading.local()
        self.data: HelpData | None = None  # the shared data as last loaded
        self.server: PreviewServer | None = None
        self.building: set[str] = set()  # languages being built: their pages wait
        self.built = threading.Condition()

    # --- Rounds of builds ----------------------------------------------------------

    def read_site(self) -> None:
        """mkdocs.yml's languages; when it cannot be read, every page says why (the last languages
        read stay built)."""
        try:
            site = load_site(self.root)
        except SiteError as error:
            self.failures[EVERY_LANGUAGE] = (Problem("ERROR", str(error)),)
            return
        if self.only and self.only not in site.languages:
            self.failures[EVERY_LANGUAGE] = (Problem("ERROR", f"make serve LANG={self.only}: expected one of the "
                                                              f"site's languages in {CONFIG_FILE}: "
                                                              f"{', '.join(site.languages)}"),)
            return
        self.failures.pop(EVERY_LANGUAGE, None)
        self.site = site

    def built_languages(self) -> tuple[str, ...]:
        if self.site is None:
            return ()
        return (self.only,) if self.only else self.site.languages

    def changes(self) -> list[Path]:
        """The files changed since the last round, from snapshots of the folders the builds read."""
        changed: list[Path] = []
        current = {}
        for folder, recursive in self.watched():
            snapshot = DirectorySnapshot(str(folder), recursive=recursive) if folder.is_dir() else EmptyDirectorySnapshot()
            current[folder] = snapshot
            diff = DirectorySnapshotDiff(self.snapshots.get(folder, EmptyDirectorySnapshot()), snapshot)
            changed += [Path(path) for path in (*diff.files_created, *diff.files_deleted, *diff.files_modified)]
            changed += [Path(path) for pair in diff.files_moved for path in pair]
        self.snapshots = current
        return changed

    def watched(self) -> list[tuple[Path, bool]]:
        """The folders a build reads (recursively), and the project's root (its files only)."""
        folders = [self.root / DOCS_DIR, self.root / DATA_DIR, *theme_and_watch_folders(self.root), THEME]
        unique = [folder for index, folder in enumerate(folders) if folder not in folders[:index]]
        return [(folder, True) for folder in unique] + [(self.root, False)]

    def build_round(self) -> None:
        """Build what the changes since the last round concern, and every language that failed: the
        languages of the saved files first, then the others. MkDocs' server calls this after each
        burst of saves; it never raises (a build's failure is shown in place of its pages), so the
        server never waits for a good build."""
        with self.round_lock:
            if writing(self.root):
                # A command (make add-language) is changing several files as one: the round after it
                # removes its lock (a change at the root, which the server sees) builds all of them.
                return
            started = time.monotonic()
            changed = self.changes()
            first = self.rounds == 0
            self.rounds += 1
            if not first and any(path == self.root / CONFIG_FILE for path in changed):
                self.read_site()
            languages = self.built_languages()
            self.languages.keep_only(languages)
            for lang, why in self.languages.revive().items():
                say(f"{lang}: {why}; started again")
            for lang in [lang for lang in self.failures if lang != EVERY_LANGUAGE and lang not in languages]:
                del self.failures[lang]
            data_edited = first or any(path.parent == self.root / DATA_DIR for path in changed)
            data_languages = self.data_changed_in(languages) if self.site and data_edited else ()
            requests = requests_for(self.site, changed, languages, data_languages) if self.site else {}
            for lang in languages:
                if lang in self.languages.unbuilt:
                    requests[lang] = Request()  # a new process: everything
                elif lang in self.failures and lang not in requests:
                    requests[lang] = Request(everything=False)  # whatever changed may be the fix
            saved = saved_languages(self.site, changed) if self.site else set()
            phases = [{lang: request for lang, request in requests.items() if lang in saved},
                      {lang: request for lang, request in requests.items() if lang not in saved}]
            if not phases[0] or not phases[1]:
                phases = [requests]
            for number, phase in enumerate(phases):
                outcomes = self.build_phase(phase, languages)
                self.report(outcomes, changed, time.monotonic() - started, first)
                if number < len(phases) - 1 and self.server is not None:
                    self.server.show_now()  # the saved page now; its translations follow
            if len(phases) > 1 and self.server is not None:
                self.server.show_now()

    def build_phase(self, requests: dict[str, Request], languages: tuple[str, ...]) -> dict[str, Outcome]:
        """These languages' builds, at once; meanwhile their pages wait, the others' are served."""
        with self.built:
            self.building.update(requests)
        try:
            outcomes = self.languages.build(requests) if requests else {}
            self.link_served_folder(languages)
        finally:
            with self.built:
                self.building.difference_update(requests)
                self.built.notify_all()
        return outcomes

    def data_changed_in(self, languages: tuple[str, ...]) -> tuple[str, ...]:
        """The languages whose text (or plans...) in data/ differs from the last time it was read:
        each of their processes finds its pages that used what changed. If data/ does not load now,
        every language, whose build says why."""
        try:
            data = load_data(self.site.data, self.site.languages)
        except DataError:
            return languages
        previous, self.data = self.data, data
        if previous is None:
            return languages
        return tuple(lang for lang in languages
                     if data_use.changed_as_shown(previous, data, lang, self.site.default) != set())

    def report(self, outcomes: dict[str, Outcome], changed: list[Path], seconds: float, first: bool) -> None:
        """Error pages for the languages that did not build, and each problem once in the terminal."""
        for lang, outcome in outcomes.items():
            if outcome.problems:
                self.failures[lang] = outcome.problems
            elif self.failures.pop(lang, None):
                say(f"{lang}: builds again; its pages are back")
        for lang in [lang for lang in self.shown if lang not in self.failures]:
            del self.shown[lang]
        # One message per distinct problem, naming every language it stopped (a data mistake stops all).
        by_problem: dict[tuple[Problem, ...], list[str]] = {}
        for lang, problems in self.failures.items():
            by_problem.setdefault(problems, []).append(lang)
        names = self.site.names if self.site else {}
        for problems, langs in by_problem.items():
            page = error_page(self.root, [lang for lang in langs if lang], problems, names)
            for lang in langs:
                (self.served / ERROR_FOLDER / f"{lang or 'site'}.html").write_text(page, encoding="utf-8")
            if any(self.shown.get(lang) != problems for lang in langs):
                which = ", ".join(lang for lang in langs if lang) or "the site"
                say(f"{which}: the build stopped; the browser shows this in place of the pages until it is "
                    "fixed:\n" + "\n".join("  " + problem.text for problem in problems))
                self.shown.update({lang: problems for lang in langs})
        built = [outcome for outcome in outcomes.values() if not outcome.problems]
        if built:
            what = "first build" if first else ", ".join(sorted({display(self.root, path) for path in changed})[:3])
            pages = ", ".join(f"{outcome.lang} {outcome.rendered} page{'s' if outcome.rendered != 1 else ''}"
                              for outcome in built)
            say(f"{what or 'again'}: {pages} in {seconds:.1f} s")

    def link_served_folder(self, languages: tuple[str, ...]) -> None:
        """The served folder: each language's output, by symbolic links to what its build wrote at the
        top of its folder (the default language first: the theme's assets are the same in each), and
        the union of the languages' link index (links.json, links.csv)."""
        for lang in languages:
            for entry in os.scandir(self.languages.folder(lang)):
                link = self.served / entry.name
                if not os.path.lexists(link):
                    link.symlink_to(entry.path)
        if self.site and not self.only:  # the address the languages' parts were written with
            links.write_union(self.served, dataclasses.replace(self.site, site_url=self.languages.serve_url))
            llms.write_union(self.served, self.site.languages)

    # --- Serving -------------------------------------------------------------------

    def application(self, server: PreviewServer):
        """MkDocs' server, with a failed language's pages replaced by its error page."""

        def respond(environ, start_response):
            self.ready.wait()
            path = environ.get("PATH_INFO", "")
            self.request_path.value = path
            if path == self.mount_path + STATUS_PATH:
                return self.translation_status(start_response)
            if path == self.mount_path + FEEDBACK_PATH:
                return self.feedback_report(start_response)
            self.wait_for_language(path)
            failed = self.failure_page(path)
            if failed is None:
                return server.serve_request(environ, start_response)

            def as_error(status, headers, exc_info=None):
                return start_response("500 Internal Server Error" if status.startswith("200") else status,
                                      headers, exc_info)

            return server.serve_request({**environ, "PATH_INFO": failed}, as_error)

        return respond

    def wait_for_language(self, path: str) -> None:
        """A page of a language being built waits for its build; the other languages' are served."""
        if self.site is None or path.startswith("/livereload/") or not looks_like_page(path):
            return
        lang = url_language(self.site, self.mount_path, path)
        with self.built:
            self.built.wait_for(lambda: lang not in self.building)

    def translation_status(self, start_response):
        """The translators' status page (issue 16): made from the files at each request, never written
        into the served folder, so never part of a build."""
        try:
            body = status_page(load_config(self.root))
            code = "200 OK"
        except (UsageError, DataError, OSError) as error:
            body = f"<!doctype html><title>Translation status</title><p>{escape(str(error))}</p>"
            code = "500 Internal Server Error"
        data = body.encode("utf-8")
        start_response(code, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(data))),
                              ("Cache-Control", "no-store")])
        return [data]

    def feedback_report(self, start_response):
        """The feedback report as a page (issue 28), from the sample log: what `make feedback-report
        HTML=…` writes from a real one. Made at each request, never written into the served folder."""
        try:
            body = feedback_page.sample_page(load_site(self.root))
            code = "200 OK"
        except (FeedbackLogError, DataError, SiteError, OSError) as error:
            body = f"<!doctype html><title>Feedback report</title><p>{escape(str(error))}</p>"
            code = "500 Internal Server Error"
        data = body.encode("utf-8")
        start_response(code, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(data))),
                              ("Cache-Control", "no-store")])
        return [data]

    def failure_page(self, path: str) -> str | None:
        """The error page to show for a requested path, if its language did not build."""
        if path.startswith("/livereload/") or not looks_like_page(path):
            return None
        if EVERY_LANGUAGE in self.failures or self.site is None:
            name = "site"
        else:
            name = url_language(self.site, self.mount_path, path)
            if name not in self.failures:
                return None
        return f"{self.mount_path.rstrip('/')}/{ERROR_FOLDER}/{name}.html"

    def not_found(self, code: int) -> bytes | None:
        """A missing page shows its language's 404 page, as nginx does."""
        if code != 404 or self.site is None:
            return None
        lang = url_language(self.site, self.mount_path, getattr(self.request_path, "value", "/"))
        page = self.served / self.site.prefix(lang) / "404.html"
        return page.read_bytes() if page.is_file() else None

    def run(self) -> None:
        server = self.server = PreviewServer(builder=self.build_round, host=self.host, port=self.port,
                                             root=str(self.served), mount_path=self.mount_path)
        server.observer = WritesObserver()
        server.set_app(self.application(server))
        server.error_handler = self.not_found
        for folder, recursive in self.watched():
            if folder.is_dir():
                server.watch(str(folder), recursive=recursive)
        threading.Thread(target=self.first_round, name="first build", daemon=True).start()
        try:
            server.serve()
        finally:
            self.stopping = True
            server.shutdown()
            self.languages.stop_all()

    def first_round(self) -> None:
        try:
            self.build_round()
        except Exception:  # noqa: BLE001 - only when stopping during the first build
            if not self.stopping:
                raise
        finally:
            self.ready.set()
        where = self.languages.serve_url
        if self.only and self.site:
            where += f"{self.site.prefix(self.only)} ({self.only} only)"
        say(f"serving on {where}; translation status: {self.languages.serve_url}{STATUS_PATH}; "
            f"feedback report (sample): {self.languages.serve_url}{feedback_page.PATH}")


def theme_and_watch_folders(root: Path) -> list[Path]:
    """The theme's custom_dir and mkdocs.yml's `watch:` folders (changes there concern every page)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with (root / CONFIG_FILE).open(encoding="utf-8") as source:
            config = yaml_load(source) or {}
    except Exception:  # noqa: BLE001 - the builds say what is wrong with mkdocs.yml
        return []
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    folders = [theme.get("custom_dir")] + list(config.get("watch") or [])
    return [root / folder for folder in folders if isinstance(folder, str)]


def display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def serve(dev_addr: str, lang: str = "") -> int:
    """Preview on dev_addr until Ctrl-C; with `lang`, that language only."""
    problem = address_in_use(dev_addr)
    if problem:
        say(problem)
        return 1
    host, _, port = dev_addr.rpartition(":")
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)  # not a line per request
    say("building " + (lang or "every language") + "…")
    preview = Preview(project_root(), host or "127.0.0.1", int(port), lang)
    try:
        preview.run()
    finally:
        shutil.rmtree(preview.work, ignore_errors=True)
    return 0


def restarting_command(dev_addr: str, lang: str = "") -> list[str]:
    """The preview run by watchdog's `watchmedo auto-restart`, which restarts it when the Python code
    (or the macros' HTML templates) changes. It stays up when the preview ends (a crash in the code):
    the next save of the code starts it again."""
    watchmedo = Path(sys.executable).with_name("watchmedo")
    # The engine's own folder (helpcentre/): its Python and templates are imported once, and an edit
    # to them restarts the preview.
    folders = ["--directory", str(ENGINE)]
    preview = [sys.executable, "-m", "helpcentre", "serve", "--no-restart", "--dev-addr", dev_addr]
    return [str(watchmedo), "auto-restart", *folders, "--recursive", "--patterns", CODE_PATTERNS,
            "--ignore-patterns", "**/__pycache__/**", "--debounce-interval", "0.3", "--no-restart-on-command-exit",
            "--", *preview, *(["--lang", lang] if lang else [])]


def address_in_use(dev_addr: str) -> str | None:
    """Why the preview cannot listen on host:port, or None."""
    host, _, port = dev_addr.rpartition(":")
    try:
        with socket.create_server((host or "127.0.0.1", int(port)), reuse_port=False) as probe:
            probe.close()
    except ValueError:
        return f"--dev-addr {dev_addr}: expected host:port, e.g. 127.0.0.1:8000"
    except OSError as error:
        return (f"cannot listen on {dev_addr} ({error.strerror}); another preview may be running: stop it, "
                "or choose another port: make serve PORT=8001")
    return None

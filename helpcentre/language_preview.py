"""One language of the preview (helpcentre/preview.py): a process that lives as long as the preview
and, on each request, renders that language's pages again with MkDocs' dirty build.

A dirty build renders only the pages whose output is missing or older than their source. So the
preview says which pages to render by removing their output (never by touching a writer's file),
and this process does the same for the pages that used data that changed (helpcentre/data_use.py).
It loads mkdocs.yml again for every build, as `mkdocs serve` does, so an edited configuration is
read; MkDocs keeps its plugins (Material's search keeps the index of the pages not rendered again).

Each build reports what MkDocs and the hooks said was wrong, in MkDocs' words (as `make build`
does, helpcentre/build.py), or nothing when the language built.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from . import building, data_use
from .build import problems
from .data import DataError, HelpData, load_data
from .site import BUILD_LANGUAGE_VARIABLE, QUIET_ENVIRONMENT

# MkDocs warns on every dirty build that navigation may be out of date: expected here, not a problem.
DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"


@dataclass(frozen=True)
class Request:
    """What to render again, besides pages whose source is newer than their output."""

    pages: frozenset[str] = frozenset()  # outputs in the language's folder: it/pause-billing/index.html
    data_changed: bool = False           # data/ changed: the pages that used what changed
    everything: bool = False             # every page (the theme or mkdocs.yml changed, or the first build)


@dataclass(frozen=True)
class Outcome:
    lang: str
    problems: tuple[str, ...] = ()  # empty: the language built
    rendered: int = 0               # pages rendered
    seconds: float = 0.0
    outputs: tuple[str, ...] = field(default=(), compare=False)  # what was rendered (the first few)


class _Messages(logging.Handler):
    """MkDocs' warnings and errors during one build, as its command line prints them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(DIRTY_BUILD_WARNING):
            self.lines.append(f"{record.levelname:<8}-  {message}")


class LanguageBuilder:
    def __init__(self, lang: str, config_file: Path, site_dir: Path, serve_url: str):
        self.lang, self.config_file, self.site_dir, self.serve_url = lang, config_file, site_dir, serve_url
        self.started = False  # the plugins' on_startup has run
        self.data: HelpData | None = None  # the data as the last build that could load it read it
        self.messages = _Messages()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(self.messages)
        logger.propagate = False  # printed once, by the preview, for every language at once

    def build(self, request: Request) -> Outcome:
        started = time.monotonic()
        self.messages.lines.clear()
        data_use.rendered.clear()
        crash = None
        try:
            config = load_config(str(self.config_file), site_dir=str(self.site_dir))
            config.site_url = self.serve_url  # links and canonical URLs on the preview, as `mkdocs serve` does
            if not self.started:
                config.plugins.on_startup(command="serve", dirty=True)
                self.started = True
            self._remove(self._outputs_to_render(request, config))
            mkdocs_build(config, serve_url=self.serve_url, dirty=True)
        except (Abort, ConfigurationError, PluginError):
            pass  # MkDocs has logged what is wrong
        except Exception as error:  # noqa: BLE001 - a crash in a hook or plugin: say so, and stay up
            crash = (f"ERROR    -  {type(error).__name__}: {error} (an unexpected error; "
                     "`make build-stock` shows where it happened)")
        found = problems("\n".join(self.messages.lines + ([crash] if crash else [])))
        return Outcome(self.lang, found, len(data_use.rendered), time.monotonic() - started,
                       tuple(data_use.rendered[:5]))

    def _outputs_to_render(self, request: Request, config) -> set[str] | None:
        """The outputs to remove so the dirty build renders them again; None: all of them."""
        wanted = set(request.pages)
        if request.data_changed or self.data is None:
            site = building.site(config)
            try:
                data = load_data(site.data, site.languages)
            except DataError:
                data = None  # the build stops on it and says where
            before, self.data = self.data, data or self.data  # the next save is compared with this one
            if data is not None and before is not None and request.data_changed:
                pages = data_use.pages_using(data_use.changed_as_shown(before, data, self.lang, site.default))
                if pages is None:
                    return None
                wanted |= pages
        return None if request.everything else wanted

    def _remove(self, outputs: set[str] | None) -> None:
        if outputs is None:
            outputs = {page for page in data_use.uses if page != data_use.EVERY_PAGE}
        for output in outputs:
            (self.site_dir / output).unlink(missing_ok=True)


def serve_language(lang: str, config_file: Path, site_dir: Path, serve_url: str, connection) -> None:
    """A language's process: build on each request until the preview closes the connection."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the preview stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    os.environ.update({**QUIET_ENVIRONMENT, BUILD_LANGUAGE_VARIABLE: lang})
    os.chdir(config_file.parent)
    data_use.start_recording()
    builder = LanguageBuilder(lang, config_file, site_dir, serve_url)
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(builder.build(request))


class Languages:
    """One long-lived build process per language, each with its output folder under `work`."""

    def __init__(self, config_file: Path, work: Path, serve_url: str):
        self.config_file, self.work, self.serve_url = config_file, work, serve_url  # serve_url: the site's address
        # Forked from a server process started before any thread, with MkDocs already imported.
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["helpcentre.language_preview"])
        self.processes: dict[str, tuple[multiprocessing.Process, object]] = {}

    def folder(self, lang: str) -> Path:
        return self.work / "languages" / lang

    def keep_only(self, languages: tuple[str, ...]) -> list[str]:
        """Start a process for each language that has none (or whose process ended), stop those of
        languages no longer wanted; the languages started (they need a first, whole build)."""
        for lang in [lang for lang, (process, _) in self.processes.items()
                     if lang not in languages or not process.is_alive()]:
            self.stop(lang)
        started = [lang for lang in languages if lang not in self.processes]
        for lang in started:
            mine, theirs = self.context.Pipe()
            self.folder(lang).mkdir(parents=True, exist_ok=True)
            process = self.context.Process(target=serve_language, name=f"preview-{lang}", daemon=True,
                                           args=(lang, self.config_file, self.folder(lang), self.serve_url, theirs))
            process.start()
            theirs.close()
            self.processes[lang] = (process, mine)
        return started

    def build(self, requests: dict[str, Request]) -> dict[str, Outcome]:
        """Each language's build, all at once. A process that ended is stopped for good; the next
        round starts it again."""
        waiting = {}
        for lang, request in requests.items():
            connection = self.processes[lang][1]
            try:
                connection.send(request)
                waiting[connection] = lang
            except OSError:
                pass
        outcomes = {}
        while waiting:
            ended = {self.processes[lang][0].sentinel: connection for connection, lang in waiting.items()}
            for ready in wait([*waiting, *ended]):
                connection = ended.get(ready, ready)
                if connection not in waiting:
                    continue
                lang = waiting.pop(connection)
                if ready in ended and not connection.poll():
                    continue  # ended without a word: said below
                try:
                    outcomes[lang] = connection.recv()
                except (EOFError, OSError):
                    pass
        for lang in requests:
            if lang not in outcomes:
                code = self.processes[lang][0].exitcode
                outcomes[lang] = Outcome(lang, (f"ERROR    -  the preview's process for '{lang}' stopped "
                                                f"(exit status {code}) while building; the next save starts it again",))
                self.stop(lang)
        return outcomes

    def stop(self, lang: str) -> None:
        process, connection = self.processes.pop(lang)
        connection.close()  # the process ends when it sees the connection closed
        process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join()

    def stop_all(self) -> None:
        for lang in list(self.processes):
            self.stop(lang)

"""One language of the site built in a process of its own, its limits held from outside: the one
process abstraction `make build` (helpcentre/build.py) and the preview (helpcentre/preview.py) share.

The parent starts a `LanguageProcess` per language and sends it requests; the child builds with
MkDocs' own `build()` and answers with an `Outcome`: what MkDocs and the plugin said was wrong, as
records, never as text to parse. What a child cannot promise, the parent holds:
- time: the child says what it is doing (a page, or the rest of the build) in a slot of shared
  memory; a page still rendering after `PAGE_SECONDS`, or any other step after `STEP_SECONDS`, gets
  the child killed, and the parent says which page. A timer inside the child (page_text.py) cannot
  interrupt one long C call (comparing two huge lists, say); a kill from outside can.
- memory: the child runs under an address-space cap (resource.setrlimit); past it, Python raises
  MemoryError at the page that asked, which says so. A child killed anyway (the kernel's OOM killer)
  is reported as such, with the page it was at.
- an end: a child that dies says why (its signal), and its language is reported failed at once;
  nothing waits for an answer that cannot come.
"""

from __future__ import annotations

import logging
import os
import re
import resource
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from .site import QUIET_ENVIRONMENT

# A page's rendering: page text has 10 s inside the child, which can name its line (HELP_PAGE_SECONDS).
PAGE_SECONDS_VARIABLE, PAGE_SECONDS = "HELP_PAGE_SECONDS", 15.0
STEP_SECONDS = 300.0  # any other step of a build (reading the files, writing the search index...)
MEMORY_VARIABLE = "HELP_BUILD_MEMORY_MB"  # the address-space cap of a language's process
MEMORY_MB = 4096
SLOT = 512            # bytes of shared memory for what the child is doing
# MkDocs' line before a plugin's message; the message that follows names the file (and line) itself.
MKDOCS_FRAMING = re.compile(r"Error (?:reading|building) page '[^']*':$")
# MkDocs warns on every dirty build (the preview's) that navigation may be out of date: expected there.
DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"
ABORTED = re.compile(r"Aborted with ")


@dataclass(frozen=True)
class Problem:
    level: str  # ERROR, or WARNING (a strict build fails on those too)
    text: str   # what MkDocs or the plugin said: it names the file (and line) itself

    def __str__(self) -> str:
        return f"{self.level:<8}-  {self.text}"


@dataclass(frozen=True)
class Request:
    """What a language's process builds: everything, or (the preview) what a save concerns."""

    everything: bool = True
    pages: frozenset[str] = frozenset()  # outputs in the language's folder to render again: it/pause-billing/index.html
    data_changed: bool = False           # data/ changed: the pages that used what changed render again too


@dataclass(frozen=True)
class Outcome:
    lang: str
    problems: tuple[Problem, ...] = ()  # empty: the language built
    rendered: int = 0                   # pages rendered
    seconds: float = 0.0
    outputs: tuple[str, ...] = field(default=(), compare=False)  # what was rendered (the first few)

    @property
    def built(self) -> bool:
        return not self.problems


# ---------------------------------------------------------------------------
# What the child is doing, seen from the parent
# ---------------------------------------------------------------------------


class Progress:
    """A slot of shared memory: the step the child is at (a page's file, or "") and since when."""

    def __init__(self, context):
        self._what = context.Array("c", SLOT, lock=False)
        self._since = context.Value("d", 0.0, lock=False)

    def doing(self, what: str = "") -> None:
        self._since.value = 0.0  # a reader never pairs the new step with the old time
        self._what.value = what.encode("utf-8")[:SLOT - 1]
        self._since.value = time.monotonic()

    def idle(self) -> None:
        self._since.value = 0.0

    def now(self) -> tuple[str, float]:
        """(the step, its seconds so far); 0 seconds when idle."""
        since = self._since.value
        return self._what.value.decode("utf-8", "replace"), (time.monotonic() - since) if since else 0.0


# ---------------------------------------------------------------------------
# The parent's side
# ---------------------------------------------------------------------------


class LanguageProcess:
    def __init__(self, context, lang: str, target, args: tuple):
        self.lang = lang
        self.progress = Progress(context)
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=target, name=f"language-{lang}", daemon=True,
                                       args=(lang, *args, theirs, self.progress))
        self.process.start()
        theirs.close()
        self.busy = False

    def send(self, request: Request) -> None:
        self.connection.send(request)
        self.busy = True

    def overdue(self) -> str | None:
        """Why the child must be stopped now, if its step has taken too long."""
        what, seconds = self.progress.now()
        limit = float(os.environ.get(PAGE_SECONDS_VARIABLE) or PAGE_SECONDS) if what else STEP_SECONDS
        if seconds <= limit:
            return None
        return (f"{what}: still rendering after {limit:.0f} s; the build was stopped there. Loops inside loops, or "
                "an operation on a huge value, are the usual cause") if what else \
            f"the build of '{self.lang}' took more than {limit:.0f} s at one step and was stopped"

    def death(self) -> str:
        """Why the child ended without an answer, in the writer's words."""
        code = self.process.exitcode
        what, _ = self.progress.now()
        at = f" while rendering {what}" if what else ""
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            cause = ", most likely out of memory (the system's out-of-memory killer)" if -code == signal.SIGKILL else ""
            return f"the process building '{self.lang}' was killed by signal {-code} ({name}){cause}{at}"
        return f"the process building '{self.lang}' stopped (exit status {code}){at}"

    def stop(self, grace: float = 1.0) -> None:
        """End the child: a word if it is idle, SIGTERM if it is building, SIGKILL if that is not enough."""
        if self.busy:
            self.process.terminate()
        else:
            try:  # an idle child ends on this word (a forked one holds our end of the pipe too: no EOF)
                self.connection.send(None)
            except OSError:
                pass
        self.connection.close()
        self.process.join(timeout=grace)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def collect(processes: list[LanguageProcess], until_first: bool = False, poll: float = 0.2) -> dict[str, Outcome]:
    """Each busy process's outcome (`until_first`: as soon as there is one): its answer, or a
    failure naming why it died or was stopped."""
    waiting = {process.lang: process for process in processes if process.busy}
    outcomes: dict[str, Outcome] = {}
    while waiting and not (until_first and outcomes):
        ready = set(wait([handle for process in waiting.values()
                          for handle in (process.connection, process.process.sentinel)], timeout=poll))
        for lang, process in list(waiting.items()):
            outcome = None
            if process.connection in ready or process.process.sentinel in ready:
                try:
                    outcome = process.connection.recv() if process.connection.poll() else None
                except (EOFError, OSError):
                    outcome = None
                if outcome is None:
                    process.process.join(timeout=1)
                    outcome = Outcome(lang, (Problem("ERROR", process.death()),))
            else:
                late = process.overdue()
                if late:
                    process.process.kill()
                    process.process.join()
                    outcome = Outcome(lang, (Problem("ERROR", late),))
            if outcome is not None:
                process.busy = False
                outcomes[lang] = outcome
                del waiting[lang]
    return outcomes


# ---------------------------------------------------------------------------
# The child's side
# ---------------------------------------------------------------------------


def child_start() -> None:
    """Ctrl-C reaches the whole process group: the parent stops its children itself. A memory cap
    (HELP_BUILD_MEMORY_MB, 4096 by default) keeps one page from taking the machine."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    os.environ.update(QUIET_ENVIRONMENT)
    megabytes = int(os.environ.get(MEMORY_VARIABLE, "") or MEMORY_MB)
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


class Messages(logging.Handler):
    """MkDocs' warnings and errors during one build, as records."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if MKDOCS_FRAMING.match(text) or text.startswith(DIRTY_BUILD_WARNING) or ABORTED.match(text):
            return
        self.problems.append(Problem(record.levelname, text))


def language_builder(lang: str, config_file: Path, site_dir: Path, strict: bool, serve_url: str | None,
                     site_url: str | None = None):
    """A function that builds the language on request, in this process (a child's, or, for tests and
    debuggers, the caller's: helpcentre/build.py, build_in_this_process). `serve_url`: the preview's
    address (its dirty builds); `site_url`: another address than mkdocs.yml's for the pages' links."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from .render_plan import render_plan

    started = []

    def build(request: Request, progress: Progress | None = None) -> Outcome:
        begun = time.monotonic()
        messages = Messages()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(messages)
        propagated, logger.propagate = logger.propagate, False  # the parent reports, once for every language
        crash = None
        plugin = None
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
            if serve_url or site_url:
                config.site_url = serve_url or site_url  # links and canonical URLs there, as `mkdocs serve` does
            plugin = config.plugins["helpcentre"]
            plugin.only_language = lang
            plugin.progress = progress
            if serve_url:
                plugin.data_use.start_recording()
            plugin.data_use.rendered.clear()
            if not started:
                # Not dirty, whatever the preview does: Material's search would keep its last index
                # and add it to the next; the plugin writes every index from its pages itself.
                config.plugins.on_startup(command="serve" if serve_url else "build", dirty=False)
                started.append(True)
            # The preview builds again what a save concerns (helpcentre/render_plan.py); `make build`, all.
            plugin.render_only = render_plan(request, plugin, config) if serve_url else None
            mkdocs_build(config, serve_url=serve_url, dirty=plugin.render_only is not None)
        except (Abort, ConfigurationError, PluginError):
            pass  # MkDocs has logged what is wrong
        except MemoryError:
            what, _ = progress.now() if progress is not None else ("", 0.0)
            crash = Problem("ERROR", f"{what or 'the build'}: needed more memory than a language's build may "
                                     f"use ({MEMORY_VARIABLE}, {int(os.environ.get(MEMORY_VARIABLE) or MEMORY_MB)} MB)")
        except Exception as error:  # noqa: BLE001 - a crash, not a writer's mistake: one line
            crash = Problem("ERROR", f"{type(error).__name__}: {error} (an unexpected error; `make build-stock` "
                                     "shows where it happened)")
        finally:
            if progress is not None:
                progress.idle()
            logger.removeHandler(messages)
            logger.propagate = propagated
        rendered = list(plugin.data_use.rendered) if plugin is not None else []
        return Outcome(lang, tuple(messages.problems) + ((crash,) if crash else ()), len(rendered),
                       time.monotonic() - begun, tuple(rendered[:5]))

    return build


def serve_requests(lang: str, config_file: Path, site_dir: Path, strict: bool, serve_url: str | None,
                   connection, progress: Progress) -> None:
    """A language's process: build on each request until the parent closes the connection."""
    child_start()
    os.chdir(config_file.parent)
    build = language_builder(lang, config_file, site_dir, strict, serve_url)
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        connection.send(build(request, progress))

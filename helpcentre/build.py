"""`make build`: each language built in its own process, one more at a time than the machine
has cores, then their folders laid together and swapped in for site/ at once.

Each language's build is self-contained: it writes its pages, its 404 page, its search index,
its sitemap and its part of the link index, and reads no other language's output (README,
"Fast builds"). So the site is the union of the folders, plus links.json and links.csv,
written from the parts (helpcentre/links.py), and llms.txt (helpcentre/llms.py), exactly as the single-process `mkdocs build`
leaves it. A failed or interrupted build leaves the previous site/ as it was.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import fcntl

from .language_process import LanguageProcess, Outcome, Problem, Request, collect, serve_requests
from .site import QUIET_ENVIRONMENT, Site, site_from_config

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
JOBS_VARIABLE = "HELP_BUILD_JOBS"  # how many languages build at once; the number of cores by default


class BuildError(Exception):
    """The build cannot go on (mkdocs.yml does not load, or a language did not build); the
    message says why in MkDocs' words."""


@contextmanager
def signals_held():
    """Hold Ctrl-C and `kill` until the block is done: for steps that must not be cut in two
    (a child forked and registered, a child reaped and recorded). They arrive right after."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def hold_signals_for_good() -> None:
    """From here on the process is finishing (cleaning up after an interruption, or done):
    a second Ctrl-C must not cut the clean-up short, and one after the swap changes nothing."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)


def jobs() -> int:
    """How many languages to build at once: HELP_BUILD_JOBS, else one more than the cores this
    process may use. One per core leaves a core idle at the end whenever the languages do not
    divide evenly among them: 3 languages on 2 cores took 8.6 s that way against 7.2 s with 3
    at once (300 articles, 2026-11-25); one more process fills that gap without the cost of
    starting every language at once (memory, and 16 % slower at 10 languages on 2 cores)."""
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if wanted:
        if not wanted.isdigit() or int(wanted) < 1:
            raise BuildError(f"{JOBS_VARIABLE}={wanted}: expected a whole number of processes, 1 or more")
        return int(wanted)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


# ---------------------------------------------------------------------------
# The languages' builds, each in a process of its own
# ---------------------------------------------------------------------------


def build_languages(config_file: Path, site: Site, work: Path, strict: bool, processes: int) -> dict[str, Path]:
    """Every language's build, `processes` at a time (helpcentre/language_process.py); each
    language's output folder. Each process is forked from this one, which has loaded the
    configuration once: MkDocs, the theme and the plugins are imported already."""
    outputs = {lang: work / lang for lang in site.languages}
    context = multiprocessing.get_context("fork")
    # Forked children share the parent's memory until they write to it; Python's collector would
    # write to every object it visits. Frozen, the parent's objects stay shared (PSS of a 3-language
    # build at 300 articles: 140 -> 123 MB) and the children's collections are shorter.
    gc.collect()
    gc.freeze()
    queue = list(site.languages)
    running: list[LanguageProcess] = []
    outcomes: dict[str, Outcome] = {}
    try:
        while queue or running:
            while queue and len(running) < processes:
                lang = queue.pop(0)
                with signals_held():  # a child forked and registered, or neither
                    process = LanguageProcess(context, lang, serve_requests, (config_file, outputs[lang], strict, None))
                    running.append(process)
                process.send(Request())
            for lang, outcome in collect(running, until_first=True).items():
                outcomes[lang] = outcome
            for process in [process for process in running if not process.busy]:
                running.remove(process)
                process.stop()
    except BaseException:
        hold_signals_for_good()  # Ctrl-C or kill: stop every language before the work folder goes
        for process in running:
            process.stop(grace=0.5)
        raise
    failed = {lang: outcome.problems for lang, outcome in outcomes.items() if not outcome.built}
    if failed:
        raise BuildError(failure_report(failed))
    return outputs


def build_one(config_file: Path, lang: str, site_dir: Path, strict: bool = True) -> Outcome:
    """One language's build alone, into `site_dir` (`make add-language` publishes its links from it)."""
    process = LanguageProcess(multiprocessing.get_context("fork"), lang, serve_requests,
                              (config_file, site_dir, strict, None))
    try:
        process.send(Request())
        return collect([process])[lang]
    finally:
        process.stop()


def build_in_this_process(config_file: Path, site_dir: Path, languages: tuple[str, ...] | None = None,
                          strict: bool = True, site_url: str | None = None) -> dict[str, Outcome]:
    """Every language (or those given) built one after the other in this process, into `site_dir`
    (emptied first): the site `make build` writes, without its processes, limits and swap. For the
    tests, which build many sites and read them, and for a debugger. Each language's outcome; a
    language that failed leaves `site_dir` as it was."""
    from mkdocs.config import load_config

    from .language_process import language_builder

    site = site_from_config(load_config(str(config_file)))
    wanted = languages or site.languages
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        outcomes = {lang: language_builder(lang, config_file, work / lang, strict, None, site_url)(Request())
                    for lang in wanted}
        if all(outcome.built for outcome in outcomes.values()):
            shutil.rmtree(site_dir, ignore_errors=True)
            if set(wanted) == set(site.languages):
                union({lang: work / lang for lang in wanted}, site, site_dir)
            else:
                os.rename(work / wanted[0], site_dir)
                for lang in wanted[1:]:
                    _move_missing(work / lang, site_dir)
        return outcomes
    finally:
        shutil.rmtree(work, ignore_errors=True)


def failure_report(failed: dict[str, tuple[Problem, ...]]) -> str:
    """What went wrong, once: a mistake in data/ fails every language with the same words."""
    by_problem: dict[tuple[Problem, ...], list[str]] = {}
    for lang, problems in failed.items():
        by_problem.setdefault(problems, []).append(lang)
    return "\n".join(
        f"language{'s' if len(langs) > 1 else ''} {', '.join(repr(lang) for lang in langs)} failed to build:\n"
        + "\n".join(str(problem) for problem in problems)
        for problems, langs in by_problem.items()
    )


# ---------------------------------------------------------------------------
# The union of the languages' folders
# ---------------------------------------------------------------------------


def union(outputs: dict[str, Path], site: Site, into: Path) -> None:
    """Lay the languages' folders together: the default language's as it is, then what each other
    language adds. What several languages write (the theme's assets) is the same file in each."""
    os.rename(outputs[site.default], into)
    for lang in site.translations:
        _move_missing(outputs[lang], into)
    from . import llms
    from .links import write_union

    if not write_union(into, site):
        raise BuildError("a language's build left no part of the link index (links-<lang>.json)")
    if not llms.write_union(into, site.languages):
        raise BuildError("a language's build left no part of llms.txt (llms-<lang>.txt)")


def _move_missing(source: Path, target: Path) -> None:
    """Move into `target` every file and folder of `source` it does not have: whole folders in
    one rename (a language's pages), files one by one inside folders both have (assets)."""
    for entry in os.scandir(source):
        destination = target / entry.name
        if not destination.exists():
            os.rename(entry.path, destination)
        elif entry.is_dir(follow_symlinks=False) and destination.is_dir():
            _move_missing(Path(entry.path), destination)


def load_site_config(config_file: Path, site_dir: Path):
    """Load the configuration once, before the languages' processes are forked: that imports
    MkDocs, the theme, the plugins and the Markdown extensions for all of them, and it says
    which languages there are. A broken mkdocs.yml stops here, before any language starts;
    MkDocs prints the details (which value, what it expects) just before."""
    os.environ.update(QUIET_ENVIRONMENT)  # Material prints a banner about MkDocs 2.0 when it is imported
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        return load_config(str(config_file), site_dir=str(site_dir))
    except (Abort, ConfigurationError) as error:  # Abort: MkDocs has logged each wrong value
        raise BuildError(f"{config_file.name}: {error}") from None


def swap_in(new: Path, site: Path, work: Path) -> None:
    """Replace site/ by the new build with renames only, so site/ is never half-written.

    On Linux the two folders are exchanged in one step (renameat2 RENAME_EXCHANGE), so
    a web server reading site/ never finds it missing; elsewhere site/ is absent for
    the instant between two renames."""
    if site.exists() and _exchange(new, site):
        return  # `new` now holds the previous site, removed with the work folder
    if site.exists():
        os.rename(site, work / "previous-site")
    os.rename(new, site)


def _exchange(first: Path, second: Path) -> bool:
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0


def claim_work_folder(site: Path) -> tuple[Path, int]:
    """A new work folder next to site/, held by this build, after removing those of builds that
    were killed (SIGKILL, a power cut) before they could remove their own.

    A build holds an exclusive lock (flock) on its folder for as long as it runs; its language
    processes inherit it, and the kernel drops it when the last of them ends, however it ends.
    So a folder nobody holds is a leftover, and one that is held belongs to a running build and
    is left alone. Creating a folder and locking it are two steps, so both (and the removals)
    happen under a lock on the parent folder: no build can see another's folder before it is held."""
    parent = os.open(site.parent, os.O_RDONLY)
    try:
        fcntl.flock(parent, fcntl.LOCK_EX)
        for folder in site.parent.glob(f".{site.name}-build-*"):
            if folder.is_dir() and not folder.is_symlink() and not _held(folder):
                shutil.rmtree(folder, ignore_errors=True)
        work = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
        held = os.open(work, os.O_RDONLY)
        fcntl.flock(held, fcntl.LOCK_EX)
    finally:
        os.close(parent)  # and its lock
    return work, held


def _held(folder: Path) -> bool:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return True  # not ours to judge
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)


def build(config_file: Path, site_dir: Path, strict: bool = True, processes: int | None = None) -> float:
    started = time.monotonic()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Work next to site/ so that every move, and the final swap, is a rename on one file system.
    work, held = claim_work_folder(site_dir)
    merged = work / "merged"
    try:
        config = load_site_config(config_file, merged)
        site = site_from_config(config)
        for warning in search_warnings(site, config.theme.dirs):
            print(f"build: warning: {warning}", file=sys.stderr, flush=True)
        outputs = build_languages(config_file, site, work, strict, processes or jobs())
        union(outputs, site, merged)
        hold_signals_for_good()  # the new site is complete: swap it in whatever comes now
        swap_in(merged, site_dir, work)
    except BaseException:
        hold_signals_for_good()  # stopping: let the clean-up below finish
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.close(held)
    return time.monotonic() - started


def search_warnings(site: Site, theme_folders) -> list[str]:
    """What the languages' builds would each say about their search (helpcentre/search_language.py),
    said once here: a language's own messages are shown only when it fails."""
    from .search_language import search_language

    return [searching.warning() for searching in (search_language(lang, theme_folders) for lang in site.languages)
            if searching.plain]


def caused_by_interruption(error: BaseException | None) -> bool:
    """Whether Ctrl-C or `kill` is behind this error. Not always a KeyboardInterrupt by the time
    it arrives: Python wraps one raised while a class is created (during an import) in a
    RuntimeError, and MkDocs turns an error while loading a plugin into a configuration error."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False



"""Build the site with one `mkdocs build` process per language, then swap site/ in at once.

mkdocs-static-i18n builds the languages one after another in one process. Here
each language is built by its own process (hooks/one_language.py picks it), into
its own folder, all at the same time. The folders are then merged the way the
single-process build would have left them, and the result replaces site/ by a
rename: a failed or interrupted build leaves the previous site/ untouched.

What the single-process build writes once for all languages, and how it is rebuilt here:
- pages under /<lang>/: only that language's process writes them; moved as they are.
- assets: every language's build writes them at the root and the last one wins;
  here too, in the same order (default language first, then the others).
- 404.html: only the default language writes the root one (hooks/not_found_per_language.py).
- search/search_index.json: i18n merges every language's entries and drops
  fallback duplicates; `merge_search_indexes` does the same with the same rule.
- Whole-site hooks (`on_post_build` acting when i18n's `building` is False, reading
  the finished site from disk): run once on the merged site, see `run_site_hooks`.
  The link index and sitemap.xml are written there, from the part files each
  language's build leaves (macros/build_parts.py).
"""

from __future__ import annotations

import signal

# Ctrl-C and `kill` are held from the first line until main() can report them as an
# interruption: one arriving while Python imports would otherwise end in a traceback.
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)

import argparse  # noqa: E402
import fcntl  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE_VARIABLE = "HELP_BUILD_LANGUAGE"  # read by hooks/one_language.py
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONDONTWRITEBYTECODE": "1"}
SEARCH_INDEX = Path("search") / "search_index.json"


class BuildError(Exception):
    """The build cannot go on (mkdocs.yml does not load, or a language did not build); the
    message says why in MkDocs' words."""


def load_config(config_file: Path, site_dir: Path | None = None):
    from mkdocs.config import load_config as mkdocs_load_config

    options = {"config_file": str(config_file)}
    if site_dir is not None:
        options["site_dir"] = str(site_dir)
    return mkdocs_load_config(**options)


def build_order(config) -> list[str]:
    """The order of the single-process build: default language, then the others as listed."""
    i18n = config.plugins["i18n"]
    return [i18n.default_language] + [lang for lang in i18n.build_languages if lang != i18n.default_language]


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


class LanguageBuild:
    """One language's `mkdocs build`, in a process forked from this one (see `fork_language`)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def wait(self) -> int:
        if self.returncode is None:
            # Wait for the end without reaping (Ctrl-C may cut this short, and nothing is lost),
            # then reap and record it with signals held: a Ctrl-C between reaping the child and
            # recording it made the clean-up reap it a second time (ChildProcessError).
            os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOWAIT)
            with signals_held():
                _, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def fork_language(config_file: Path, lang: str, out: Path, strict: bool, log) -> LanguageBuild:
    """Run `mkdocs build` for one language, its output in `log`, in a forked process.

    A fork rather than a new `python -m mkdocs`: the child starts with MkDocs, the theme and
    the plugins already imported (`load_site_config` loaded them here), which each new interpreter
    spent half a second of CPU on, three times over on two cores. The child runs MkDocs'
    own command line, so its messages and exit status are those of `mkdocs build`."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()  # called with signals held (see build_languages): the parent records the child first
    if pid:
        return LanguageBuild(pid)
    code = 1
    try:  # the child: never return into the parent's code
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        os.chdir(config_file.parent)
        os.environ.update({**QUIET, LANGUAGE_VARIABLE: lang})
        from mkdocs.__main__ import cli

        cli.main(args=["build", "--config-file", str(config_file), "--site-dir", str(out)]
                 + (["--strict"] if strict else []), prog_name="mkdocs")
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    except KeyboardInterrupt:
        code = 130
    except BaseException as error:  # noqa: BLE001 - a crash, not a writer's mistake: one line
        print(f"ERROR    -  {type(error).__name__}: {error} (an unexpected error; "
              "`make build-stock` shows where it happened)", file=sys.stderr)
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def build_languages(config_file: Path, languages: list[str], work: Path, strict: bool,
                    meanwhile=lambda: None) -> dict[str, Path]:
    """Start one `mkdocs build` per language at once, call `meanwhile()` while they run, and
    return each language's output folder."""
    running = {}
    try:
        for lang in languages:
            out = work / lang
            with signals_held():  # a child forked is a child recorded, so Ctrl-C stops it too
                log = open(work / f"{lang}.log", "w+", encoding="utf-8")
                running[lang] = (fork_language(config_file, lang, out, strict, log), log, out)
        meanwhile()
        failed = {}
        for lang, (process, log, _) in running.items():
            if process.wait() != 0:
                log.seek(0)
                failed[lang] = log.read()
    except BaseException:
        # Ctrl-C or a crash here: stop every language's build before the work folder is removed,
        # or they would go on writing into it.
        hold_signals_for_good()
        for process, _, _ in running.values():
            process.kill()
            process.wait()
        raise
    finally:
        for _, log, _ in running.values():
            log.close()
    if failed:
        raise BuildError(failure_report(failed))
    return {lang: out for lang, (_, _, out) in running.items()}


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
# MkDocs' line before a plugin's message; the message names the file (and line) itself.
MKDOCS_FRAMING = re.compile(r"ERROR\s+-\s+Error (?:reading|building) page '[^']*':$")


def failure_report(logs: dict[str, str]) -> str:
    """What went wrong, once: a mistake in data/ fails every language with the same words.

    MkDocs' ERROR and WARNING messages (with --strict a warning fails the build), with the
    lines that continue them, name the file and what is expected; the INFO chatter around
    them is left out. Without such a message (a crash), the whole log is the report."""
    by_problem: dict[tuple[str, ...], list[str]] = {}
    for lang, log in logs.items():
        by_problem.setdefault(problems(log) or (log.strip(),), []).append(lang)
    return "\n".join(
        f"language{'s' if len(langs) > 1 else ''} {', '.join(repr(lang) for lang in langs)} failed to build:\n"
        + "\n".join(lines)
        for lines, langs in by_problem.items()
    )


def problems(log: str) -> tuple[str, ...]:
    kept, keeping = [], False
    for line in log.strip().splitlines():
        if line.startswith(LOG_LEVELS) or line.startswith("Aborted with"):
            keeping = line.startswith(("WARNING", "ERROR")) and not MKDOCS_FRAMING.match(line)
        if keeping and line.strip():
            kept.append(line)
    return tuple(kept)


def drop_search_duplicates(entries: list[dict], languages: list[str], default: str) -> None:
    """mkdocs-static-i18n's rule (reconfigure_search_duplicates): a page under /<lang>/ that is the
    default language's page verbatim (a fallback) is indexed once, at the default location.

    Entries are matched through a table of (title, text) rather than each against each: the
    plain double loop took most of the merge at 1000 articles."""
    prefixes = tuple(f"{lang}/" for lang in languages)
    default_entries = [e for e in entries if not e["location"].startswith(prefixes)]
    by_content: dict[tuple, list[dict]] = {}
    for entry in entries:
        if entry["location"].startswith(prefixes):
            by_content.setdefault((entry["title"], entry["text"]), []).append(entry)
    dropped: set[int] = set()
    for entry in default_entries:
        for duplicate in by_content.get((entry["title"], entry["text"]), ()):
            if id(duplicate) not in dropped and duplicate["location"].endswith(entry["location"]):
                dropped.add(id(duplicate))
    entries[:] = [entry for entry in entries if id(entry) not in dropped]


def merge_search_indexes(indexes: list[dict], languages: list[str], default: str) -> str:
    entries = [entry for index in indexes for entry in index["docs"]]
    drop_search_duplicates(entries, languages, default)
    merged = {"config": indexes[-1]["config"], "docs": entries}
    return json.dumps(merged, separators=(",", ":"), default=str)  # as Material's search plugin writes it


def merge(outputs: dict[str, Path], order: list[str], into: Path) -> None:
    """Lay the per-language folders over each other as the single-process build writes them."""
    default, others = order[0], order[1:]
    indexes = [json.loads((outputs[lang] / SEARCH_INDEX).read_text(encoding="utf-8")) for lang in order]
    os.rename(outputs[default], into)
    for lang in others:
        source = outputs[lang]
        for path in sorted(source.rglob("*"), key=lambda p: len(p.parts)):
            if not path.exists() or path.is_dir():
                continue
            target = into / path.relative_to(source)
            if path.relative_to(source).parts[0] == lang and not target.parent.exists():
                # A whole language folder: move it in one rename.
                top = source / lang
                os.rename(top, into / lang)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)  # later languages overwrite, as in the single-process build
    (into / SEARCH_INDEX).write_text(merge_search_indexes(indexes, order, default), encoding="utf-8")


def load_site_config(config_file: Path, site: Path):
    """Load the configuration once, before the languages' processes are forked: that imports
    MkDocs, the theme, the plugins and the Markdown extensions for all of them, and it is the
    configuration the whole-site step runs with. A broken mkdocs.yml stops here, before any
    language starts; MkDocs prints the details (which value, what it expects) just before."""
    os.environ.update(QUIET)  # Material prints a banner about MkDocs 2.0 when it is imported
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        return load_config(config_file, site_dir=site)
    except (Abort, ConfigurationError) as error:  # Abort: MkDocs has logged each wrong value
        raise BuildError(f"{config_file.name}: {error}") from None


def prepare_site_step(config):
    """The configuration the whole-site step runs with (see `run_site_hooks`), or None when no
    hook has such a step. Prepared while the languages build, so it costs no waiting."""
    if not any(hasattr(hook, "on_post_build") for hook in config["hooks"].values()):
        return None
    config.plugins["i18n"].current_language = build_order(config)[-1]
    return config.plugins.on_config(config)


def run_site_hooks(config) -> None:
    """Run the hooks' whole-site step once on the merged site.

    In the single-process build, a hook's on_post_build with i18n's `building` False and
    a priority below i18n's (-100) runs after every language is on disk, with the last
    language current. Here it gets the same: the merged site in config.site_dir,
    `building` False, the last language current. Its input must be the files in
    site_dir, not state gathered in on_page_* (each language was built by another process).
    """
    if config is None:
        return
    from mkdocs.exceptions import MkDocsException

    config.plugins["i18n"].building = False
    for hook in config["hooks"].values():
        if hasattr(hook, "on_post_build"):
            try:
                hook.on_post_build(config=config)
            except MkDocsException as error:  # a writer's mistake found on the whole site (a broken link)
                raise BuildError(str(error)) from None


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


def build(config_file: Path, site: Path, strict: bool = True) -> float:
    started = time.monotonic()
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    # Work next to site/ so that every move, and the final swap, is a rename on one file system.
    work, held = claim_work_folder(site)
    merged = work / "merged"
    site_step = {}

    def prepare():
        # A mistake the languages' builds also meet (broken data) is best reported by them.
        try:
            site_step["config"] = prepare_site_step(config)
        except Exception as error:  # noqa: BLE001 - reported below if the languages built
            site_step["error"] = error

    try:
        config = load_site_config(config_file, merged)
        order = build_order(config)
        outputs = build_languages(config_file, order, work, strict, meanwhile=prepare)
        if "error" in site_step:
            raise BuildError(f"the whole-site step could not start: {site_step['error']}") from site_step["error"]
        merge(outputs, order, merged)
        run_site_hooks(site_step["config"])
        hold_signals_for_good()  # the new site is complete: swap it in whatever comes now
        swap_in(merged, site, work)
    except BaseException:
        hold_signals_for_good()  # stopping: let the clean-up below finish
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.close(held)
    return time.monotonic() - started


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--no-strict", dest="strict", action="store_false",
                        help="do not fail on warnings (the default is --strict, like make build)")
    args = parser.parse_args()
    # Ctrl-C and a plain `kill` both end the build as an interruption: children stopped, work
    # folder removed, site/ as it was, exit status 130.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # held since the first line
        seconds = build(args.config_file.resolve(), args.site_dir, strict=args.strict)
    except BaseException as error:
        if caused_by_interruption(error):
            print(f"build: interrupted; {args.site_dir} is unchanged", file=sys.stderr)
            return 130
        if isinstance(error, BuildError):
            print(f"build: {error}\nbuild: failed; {args.site_dir} is unchanged", file=sys.stderr)
            return 1
        if not isinstance(error, Exception):
            raise  # SystemExit and the like
        print(f"build: {type(error).__name__}: {error} (an unexpected error; `make build-stock` shows "
              f"where it happened)\nbuild: failed; {args.site_dir} is unchanged", file=sys.stderr)
        return 1
    print(f"build: site built in {seconds:.1f} s into {args.site_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make serve`'s preview, over HTTP on a copy of the project: listens on 127.0.0.1 only; shows a
saved article, an English edit on the pages that fall back to it, a data edit on the pages that use
it and a change to the macros' code; shows a writer's mistake in place of the page, at start or on
save, without exiting; and brings the page back on the save that fixes it, on the same process."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path

import pytest

from conftest import QUIET_ENV, ROOT, copy_project, stop_process_group

START_TIMEOUT = 120  # the first build of every language, on a loaded machine
CHANGE_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str] | None:
    """(status, body), or None while the server is not answering (starting, or restarting)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (OSError, HTTPException):
        return None


def fetch(url: str) -> str | None:
    answer = get(url)
    return answer[1] if answer else None


def wait_for(url: str, text: str, timeout: float, status: int | None = None) -> bool:
    """Ask until the page has the text (and the status), or the time is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = get(url)
        if answer is not None and text in answer[1] and status in (None, answer[0]):
            return True
        time.sleep(0.1)
    return False


def wait_until_gone(url: str, text: str, timeout: float) -> bool:
    """Ask until the page is served without the text, or the time is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = get(url)
        if answer is not None and text not in answer[1]:
            return True
        time.sleep(0.1)
    return False


def replace_in(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} is not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


@dataclass
class Served:
    project: Path
    base: str            # http://127.0.0.1:<port>
    process: subprocess.Popen  # `python -m helpcentre serve`: watchmedo, running the preview
    terminal: Path       # what the preview printed

    def previews(self) -> list[int]:
        """The preview processes watchmedo runs (one, unless it is restarting)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def printed(self) -> str:
        return self.terminal.read_text(encoding="utf-8", errors="replace")


@contextmanager
def serving(tmp_path: Path, *arguments: str, prepare=lambda project: None):
    """`python -m helpcentre serve` on a copy of the project, as `make serve` runs it. Starting one
    costs a first build of every language: the tests share two (`preview`, `italian`), each test
    leaving the project's files as it found them."""
    project = copy_project(tmp_path / "project")
    prepare(project)
    port = free_port()
    terminal = tmp_path / "terminal.txt"
    with terminal.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "helpcentre", "serve", "--dev-addr", f"127.0.0.1:{port}", *arguments],
            cwd=project, env=QUIET_ENV, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    served = Served(project, f"http://127.0.0.1:{port}", process, terminal)
    try:
        assert wait_for(f"{served.base}/it/pause-billing/", "<html", START_TIMEOUT), \
            f"the preview server did not start:\n{served.printed()}"
        yield served
    finally:
        stop_process_group(process)  # Ctrl-C may have ended it already


def with_the_engines_code_and_no_italian_trial_article(project: Path) -> None:
    """The engine (helpcentre/) copied into the project, as a developer working on it has it: Python
    imports it from there, before the installed one, and the preview watches it. And Italian readers
    of the trial article get the English text."""
    shutil.copytree(ROOT / "helpcentre", project / "helpcentre", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "docs" / "it" / "trial-accounts.md").unlink()


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The preview of every language, shared by the tests below in the order they are written."""
    with serving(tmp_path_factory.mktemp("preview"), prepare=with_the_engines_code_and_no_italian_trial_article) as served:
        yield served


@pytest.fixture(scope="module")
def italian(tmp_path_factory):
    """`make serve LANG=it`, shared by the tests of its language's process (Ctrl-C ends it, last)."""
    with serving(tmp_path_factory.mktemp("italian"), "--lang", "it") as served:
        yield served


@contextmanager
def restored(*paths: Path):
    """The files as they were, whatever the test did to them."""
    kept = {path: path.read_bytes() for path in paths}
    try:
        yield
    finally:
        for path, content in kept.items():
            if path.read_bytes() != content:  # a save of the same text would start a round for nothing
                path.write_bytes(content)


def shows_edits_to_articles_data_and_macro_code(preview):
    url = f"{preview.base}/it/pause-billing/"
    replace_in(preview.project / "docs" / "it" / "pause-billing.md", "# ", "# Modificato: ")
    assert wait_for(url, "Modificato: ", CHANGE_TIMEOUT), "an article edit did not show"

    replace_in(preview.project / "data" / "labels.yml", "it: Metti in pausa la fatturazione", "it: Sospendi la fatturazione")
    assert wait_for(url, "Sospendi la fatturazione", CHANGE_TIMEOUT), "a data edit did not show"

    replace_in(preview.project / "helpcentre" / "render.py", 'text=escape_text(texts[lang]),',
               'text=escape_text(texts[lang] + " (rivisto)"),')
    assert wait_for(url, "(rivisto)", CHANGE_TIMEOUT), "a macro code edit did not show"


def listening_addresses(port: int) -> set[str]:
    """Local IPv4/IPv6 addresses with a socket listening on the port, read from the kernel."""
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, port_hex = local.rsplit(":", 1)
                if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                    addresses.add(address)
    return addresses


def test_preview_listens_on_loopback_only(preview):
    port = int(preview.base.rsplit(":", 1)[1])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else


def test_an_english_edit_shows_on_the_pages_that_fall_back_to_it(preview):
    served = preview
    english = served.project / "docs" / "en" / "trial-accounts.md"
    with restored(english):
        title = re.search(r"^# (.+)$", english.read_text(encoding="utf-8"), re.MULTILINE).group(1)
        assert wait_for(f"{served.base}/it/trial-accounts/", title, CHANGE_TIMEOUT)
        replace_in(english, f"# {title}", f"# {title} (edited)")
        for url in (f"{served.base}/trial-accounts/", f"{served.base}/it/trial-accounts/"):
            assert wait_for(url, f"{title} (edited)", CHANGE_TIMEOUT), f"{url} does not show the English edit"
        # French has its own text: the English edit is not French readers' page.
        assert "(edited)" not in fetch(f"{served.base}/fr/trial-accounts/")
    for url in (f"{served.base}/trial-accounts/", f"{served.base}/it/trial-accounts/"):
        assert wait_until_gone(url, f"{title} (edited)", CHANGE_TIMEOUT)


def rendered_after(served: Served, what: str) -> dict[str, int]:
    """Pages rendered per language by the round the terminal reported for `what`."""
    line = next(line for line in reversed(served.printed().splitlines()) if line.startswith(f"serve: {what}"))
    return {lang: int(count) for lang, count in re.findall(r"\b([a-z]{2}) (\d+) pages?\b", line)}


def test_a_data_edit_renders_again_only_the_pages_that_use_it(preview):
    pages = ("index", "pause-billing", "cancel-account", "before-you-cancel")
    using = [slug for slug in pages if "Metti in pausa la fatturazione" in fetch(f"{preview.base}/it/{slug}/")]
    assert using and len(using) < len(pages), "the test needs Italian pages with and without the label"

    replace_in(preview.project / "data" / "labels.yml", "it: Metti in pausa la fatturazione", "it: Ferma la fatturazione")
    for slug in using:
        assert wait_for(f"{preview.base}/it/{slug}/", "Ferma la fatturazione", CHANGE_TIMEOUT), slug
    rendered = rendered_after(preview, "data/labels.yml")
    # Only Italian's text changed, and only the Italian pages that use the label are rendered again.
    assert set(rendered) == {"it"}, rendered
    assert len(using) <= rendered["it"] < len(list((preview.project / "docs" / "it").glob("*.md"))), rendered

    # Saved back as it was: the pages show the label as it was (the next save compares with the last).
    replace_in(preview.project / "data" / "labels.yml", "it: Ferma la fatturazione", "it: Metti in pausa la fatturazione")
    for slug in using:
        assert wait_until_gone(f"{preview.base}/it/{slug}/", "Ferma la fatturazione", CHANGE_TIMEOUT), slug


def test_a_mistake_shows_in_place_of_the_pages_until_a_save_fixes_it(preview):
    with restored(preview.project / "docs" / "it" / "pause-billing.md"):
        shows_a_mistake_until_a_save_fixes_it(preview)


def shows_a_mistake_until_a_save_fixes_it(preview):
    article = preview.project / "docs" / "it" / "pause-billing.md"
    url = f"{preview.base}/it/pause-billing/"
    process = preview.previews()
    original = article.read_text(encoding="utf-8")
    line = original.splitlines().index("{{ procedure('pause_billing') }}") + 1
    replace_in(article, "{{ procedure('pause_billing') }}", "{{ procedur('pause_billing') }}")

    where = f"docs/it/pause-billing.md:{line}:"
    assert wait_for(url, where, CHANGE_TIMEOUT, status=500), "the error page did not replace the page"
    error = fetch(url)
    assert "procedur" in error and "save" in error and "/livereload/" in error
    # The language's 404 page is the error page too; the other languages are not concerned.
    assert where in fetch(f"{preview.base}/it/no-such-page/")
    assert get(f"{preview.base}/pause-billing/")[0] == 200
    # Another save with the same mistake: the page shows the writer's lines as they are now, and the
    # terminal, which has said it already, does not repeat it.
    replace_in(article, "## Come mettere in pausa la fatturazione", "## Come mettere in pausa")
    assert wait_for(url, "## Come mettere in pausa {", CHANGE_TIMEOUT, status=500)

    article.write_text(original, encoding="utf-8")
    assert wait_for(url, 'class="md-content', CHANGE_TIMEOUT, status=200), "the fixed page did not come back"
    assert "la fatturazione" in fetch(url)
    assert preview.previews() == process, "the preview was restarted"
    assert preview.printed().count(where) == 1, "the terminal did not show the mistake exactly once"


def test_a_french_only_heading_id_change_shows_what_to_do_and_nothing_hangs(preview):
    french = preview.project / "docs" / "fr" / "cancel-account.md"
    with restored(french):
        shows_what_to_do_for_a_french_only_id(preview, french)


def shows_what_to_do_for_a_french_only_id(preview, french: Path):
    replace_in(french, "{ #what-next }", "{ #ensuite }")
    url = f"{preview.base}/fr/cancel-account/"
    assert wait_for(url, "write { #what-next } there", CHANGE_TIMEOUT, status=500)
    assert get(f"{preview.base}/cancel-account/")[0] == 200  # answered at once: nothing waits for a good build

    replace_in(french, "{ #ensuite }", "{ #what-next }")
    assert wait_for(url, 'id="what-next"', CHANGE_TIMEOUT, status=200)


def with_a_mistake(project: Path) -> None:
    replace_in(project / "data" / "labels.yml", "billing_upgrade:", "billing upgrade:")


def test_a_mistake_at_start_does_not_stop_the_preview(tmp_path):
    with serving(tmp_path, prepare=with_a_mistake) as served:
        url = f"{served.base}/it/pause-billing/"
        assert wait_for(url, "data/labels.yml:", CHANGE_TIMEOUT, status=500)
        assert served.process.poll() is None and served.previews()
        replace_in(served.project / "data" / "labels.yml", "billing upgrade:", "billing_upgrade:")
        for page in (url, f"{served.base}/pause-billing/", f"{served.base}/fr/pause-billing/"):
            assert wait_for(page, 'class="md-content', CHANGE_TIMEOUT, status=200), page


def test_a_language_process_that_died_is_started_again_by_the_next_save(preview):
    # The languages' processes: forked by multiprocessing's fork server, itself a child of the preview.
    def children(pid: int) -> list[int]:
        path = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(child) for child in path.read_text().split()] if path.exists() else []

    builders = [worker for child in children(preview.previews()[0]) for worker in children(child)]
    assert len(builders) == 3, builders  # en, it, fr
    for pid in builders:
        os.kill(pid, signal.SIGKILL)
    article = preview.project / "docs" / "it" / "pause-billing.md"
    with restored(article):
        replace_in(article, "# ", "# Dopo il crash: ")
        assert wait_for(f"{preview.base}/it/pause-billing/", "Dopo il crash: ", CHANGE_TIMEOUT, status=200)
    assert wait_until_gone(f"{preview.base}/it/pause-billing/", "Dopo il crash: ", CHANGE_TIMEOUT)
    # The terminal says why, in words: not "exit status None".
    for lang in ("en", "it", "fr"):
        assert (f"{lang}: the process building '{lang}' was killed by signal 9 (SIGKILL), most likely out of memory"
                in preview.printed()), preview.printed()[-2000:]


def test_preview_shows_edits_to_articles_data_and_the_engines_code(preview):
    """The last test of the shared preview: an edit to the engine's code restarts it."""
    with restored(preview.project / "docs" / "it" / "pause-billing.md", preview.project / "data" / "labels.yml",
                  preview.project / "helpcentre" / "render.py"):
        shows_edits_to_articles_data_and_macro_code(preview)


def test_a_language_process_killed_while_it_builds_is_named_in_the_page_and_comes_back(italian):
    """Killed mid-build (the kernel's out-of-memory killer): the page says which language and why,
    the other languages are served, and the next save brings the pages back."""
    article = "docs/it/pause-billing.md"
    served = italian
    with restored(served.project / article):
        url = f"{served.base}/it/pause-billing/"
        [builder] = [worker for child in _children(served.previews()[0]) for worker in _children(child)]
        os.kill(builder, signal.SIGSTOP)  # held mid-way: the save's build cannot finish before it is killed
        replace_in(served.project / article, "# ", "# Prima: ")
        assert wait_for_building(url), "the save did not start a build"
        os.kill(builder, signal.SIGKILL)
        assert wait_for(url, "killed by signal 9 (SIGKILL), most likely out of memory", CHANGE_TIMEOUT, status=500)
        replace_in(served.project / article, "# Prima: ", "# Dopo: ")
        assert wait_for(url, "Dopo: ", CHANGE_TIMEOUT, status=200)


def wait_for_building(url: str, timeout: float = CHANGE_TIMEOUT) -> bool:
    """Until the page's language is being built: a request for the page then waits for the build."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=0.5):
                pass
        except TimeoutError:
            return True
        except OSError as error:
            if isinstance(getattr(error, "reason", None), TimeoutError):
                return True
        time.sleep(0.05)
    return False


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def test_ctrl_c_ends_the_preview_and_its_processes_within_two_seconds(italian):
    served = italian
    preview = served.previews()[0]
    everyone = [preview, *_children(preview)]
    everyone += [grandchild for child in everyone[1:] for grandchild in _children(child)]
    [builder] = [pid for child in _children(preview) for pid in _children(child)]
    os.kill(builder, signal.SIGSTOP)  # a language busy with a build that does not end by itself
    replace_in(served.project / "docs" / "it" / "pause-billing.md", "# ", "# Occupato: ")
    assert wait_for_building(f"{served.base}/it/pause-billing/")
    started = time.monotonic()
    os.killpg(served.process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    served.process.wait(timeout=10)
    while any(Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid) for pid in everyone):
        assert time.monotonic() - started < 2, [(pid, _state(pid)) for pid in everyone if Path(f"/proc/{pid}").exists()]
        time.sleep(0.05)
    assert "interrupted" in served.printed() and "Traceback" not in served.printed(), served.printed()[-2000:]


def _state(pid: int) -> str:
    try:
        return next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                    if line.startswith("State:")).lower()
    except OSError:
        return "gone"


@pytest.mark.long_running
def test_a_language_added_while_the_preview_runs_shows_once_whole_and_nothing_stops(tmp_path):
    """Issue 27: `make add-language` writes mkdocs.yml, every file of data/ and more. The preview waits
    while it writes (helpcentre/project_writes.py) and builds once with all of it: no page ever says
    "'ja' is not a language of this site", and the new language is served."""
    import threading

    from test_new_language import add_language

    with serving(tmp_path) as served:
        seen: list[str] = []
        done = threading.Event()

        def read_pages():
            while not done.is_set():
                for path in ("/it/pause-billing/", "/pause-billing/", "/fr/"):
                    answer = get(served.base + path)
                    if answer and answer[0] != 200:
                        seen.append(f"{path}: {answer[0]} {answer[1][:200]}")
                time.sleep(0.05)

        reader = threading.Thread(target=read_pages)
        reader.start()
        try:
            added = add_language(served.project, "LANG=ja")
        finally:
            assert wait_for(f"{served.base}/ja/pause-billing/", 'lang="ja"', CHANGE_TIMEOUT), served.printed()
            done.set()
            reader.join()
        assert added.returncode == 0, added.stderr
        assert seen == [] and "the build stopped" not in served.printed(), (seen, served.printed())
        notice = "この記事はまだ日本語で提供されていないため"
        assert notice in fetch(f"{served.base}/ja/pause-billing/")

"""make build (python -m helpcentre build): one process per language, the same site as the single-process build."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import QUIET_ENV, copy_project

def parallel_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpcentre", "build", "--site-dir", str(site_dir)],
        cwd=project, env=QUIET_ENV, capture_output=True, text=True, timeout=300,
    )


def files_of(site: Path) -> dict[str, bytes]:
    """Every file's bytes; a gzip file's are what it holds. MkDocs stamps sitemap.xml.gz's header with
    the day of the build, so two builds either side of midnight differ there and nowhere else (a
    clean-clone run that straddled midnight failed on it)."""
    return {str(path.relative_to(site)): gzip.decompress(path.read_bytes()) if path.suffix == ".gz"
            else path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.mark.long_running
def test_make_build_writes_the_same_site_as_plain_mkdocs_build_and_the_tests_build(site, tmp_path):
    """The three ways to build: `make build` (a process per language), plain `mkdocs build` (every
    language in one process, as mkdocs-static-i18n does), and the tests' build in their own process."""
    from conftest import ROOT

    result = parallel_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    plain = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "--site-dir",
                            str(tmp_path / "plain")], cwd=ROOT, env=QUIET_ENV, capture_output=True, text=True,
                           timeout=300)
    assert plain.returncode == 0, plain.stderr
    ours = files_of(tmp_path / "site")
    for name, other in (("plain mkdocs build", files_of(tmp_path / "plain")), ("the tests' build", files_of(site))):
        assert sorted(ours) == sorted(other), name
        different = [path for path in other if other[path] != ours[path]]
        assert different == [], f"files differ from {name}: {different}"
    italian_index = json.loads(ours["it/search/search_index.json"])
    assert italian_index["config"]["lang"] == ["it"] and italian_index["docs"], "no Italian search index"


# Each language's build is self-contained: it writes everything of its own and reads no other
# language's files, so a pool of them plus a union of folders is the whole site.


def test_a_language_builds_alone_from_its_own_files_and_the_english_it_falls_back_to(tmp_path):
    project = copy_project(tmp_path / "project")
    # A French article that would stop the French build: the Italian build never reads it.
    (project / "docs" / "fr" / "pause-billing.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "out"],
                            cwd=project, env={**QUIET_ENV, "HELP_BUILD_LANGUAGE": "it"},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    out = project / "out"
    for own in ("it/pause-billing/index.html", "it/404.html", "it/search/search_index.json",
                "sitemap-it.xml", "links-it.json"):
        assert (out / own).is_file(), own
    built = {path.relative_to(out).parts[0] for path in out.rglob("index.html")}
    assert built == {"it"}, f"pages of other languages: {built - {'it'}}"
    assert not (out / "search" / "search_index.json").exists() and not (out / "links.json").exists()
    part = json.loads((out / "links-it.json").read_text(encoding="utf-8"))
    assert part["languages"] == ["it"] and part["articles"]


def start_build(project: Path, site_dir: Path, other_folders=()) -> tuple[subprocess.Popen, Path]:
    """`make build` in its own process group, returned with its work folder once its languages
    are writing pages (`other_folders`: work folders already there, not this build's)."""
    build = subprocess.Popen([sys.executable, "-m", "helpcentre", "build", "--site-dir", str(site_dir)], cwd=project,
                             env=QUIET_ENV, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while True:
        writing = {path.parent.parent for path in project.glob(".site-build-*/*/assets")} - set(other_folders)
        if writing:  # mid-way: the languages are writing pages
            return build, writing.pop()
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before it could be interrupted"
        time.sleep(0.05)


@pytest.mark.parametrize("how", ["Ctrl-C", "kill"])
def test_an_interrupted_build_leaves_the_previous_site_and_no_work_folder(tmp_path, how):
    # scripts/stress_interrupt.py does this 50 times at random moments (too slow for every run).
    project = copy_project(tmp_path / "project")
    site_dir = project / "site"
    assert parallel_build(project, site_dir).returncode == 0
    before = files_of(site_dir)

    build, _ = start_build(project, site_dir)
    if how == "Ctrl-C":
        os.killpg(build.pid, signal.SIGINT)  # the terminal signals the whole process group
    else:
        build.send_signal(signal.SIGTERM)  # the build alone, as `kill <pid>` does
    _, stderr = build.communicate(timeout=60)

    assert build.returncode == 130 and "interrupted" in stderr, stderr
    assert "Traceback" not in stderr, stderr
    time.sleep(1)  # a language build left running would go on writing
    assert not list(project.glob(".site-build-*")), "the interrupted build left its work folder behind"
    assert files_of(site_dir) == before


def test_the_next_build_removes_what_a_killed_build_left_but_not_a_running_builds_folder(tmp_path):
    project = copy_project(tmp_path / "project")
    site_dir = project / "site"

    killed, leftover = start_build(project, site_dir)
    os.killpg(killed.pid, signal.SIGKILL)  # no chance to clean up, as when a CI job is cancelled
    killed.wait()
    assert leftover.is_dir()

    running, running_folder = start_build(project, site_dir, other_folders=[leftover])
    assert not leftover.exists(), "the next build left the killed build's folder"

    os.killpg(running.pid, signal.SIGSTOP)  # frozen mid-way while another build comes and goes
    try:
        result = parallel_build(project, site_dir)
        assert result.returncode == 0, result.stderr
        assert running_folder.is_dir(), "a build removed the work folder of a build still running"
    finally:
        os.killpg(running.pid, signal.SIGCONT)
    _, stderr = running.communicate(timeout=120)
    assert running.returncode == 0, stderr
    assert not list(project.glob(".site-build-*"))


def test_a_language_process_killed_mid_build_fails_the_build_at_once_saying_why(tmp_path):
    """The out-of-memory killer's SIGKILL: make build used to wait for an answer that never came."""
    project = copy_project(tmp_path / "project")
    site_dir = project / "site"
    build, _ = start_build(project, site_dir)
    languages = Path(f"/proc/{build.pid}/task/{build.pid}/children").read_text().split()
    assert languages, "no language process to kill"
    os.kill(int(languages[0]), signal.SIGKILL)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 1, stderr
    assert "was killed by signal 9 (SIGKILL), most likely out of memory" in stderr, stderr
    assert "Traceback" not in stderr and not site_dir.exists()


def test_a_page_still_rendering_past_the_limit_is_stopped_from_outside_and_named(tmp_path):
    """A page's time is held by the parent: a loop the page's own timer cannot stop in time (here the
    parent's limit is lowered below the timer's 10 s) still ends the build, naming the page."""
    project = copy_project(tmp_path / "project")
    article = project / "docs" / "fr" / "pause-billing.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n{% for a in [1] * 30000 %}{% for b in [1] * 30000 %}"
                       "{% endfor %}{% endfor %}\n", encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "helpcentre", "build", "--site-dir", str(project / "site")],
                            cwd=project, env={**QUIET_ENV, "HELP_PAGE_SECONDS": "2"}, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert time.monotonic() - started < 30
    assert "docs/fr/pause-billing.md: still rendering after 2 s; the build was stopped there" in result.stderr, \
        result.stderr
    assert "Traceback" not in result.stderr

"""scripts/build.py (make build): one process per language, the same site as the single-process build."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import QUIET_ENV, build_site, copy_project

# The single-process build renders each language's 404 page after its other pages, and
# i18n leaves the previous page's language-switcher links in the config: its 404 page
# links to "/<lang>/<that page>/". Each process here renders a 404 page without that
# leftover, so it links to "/<lang>/" (the home page, what a reader who hit a missing
# page wants). Only these links of the 404 pages may differ.
SWITCHER_LINK = re.compile(r'href="/(?:(?:it|fr)/)?[a-z0-9-]*/?"( hreflang="(?:en|it|fr)")')


def parallel_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/build.py", "--site-dir", str(site_dir)],
        cwd=project, env=QUIET_ENV, capture_output=True, text=True, timeout=300,
    )


def files_of(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_parallel_build_writes_the_same_site_as_the_single_process_build(site, tmp_path):
    from conftest import ROOT

    result = parallel_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    stock, ours = files_of(site), files_of(tmp_path / "site")
    assert sorted(ours) == sorted(stock)
    different = [name for name in stock if stock[name] != ours[name]]
    not_found_pages = {"404.html", "it/404.html", "fr/404.html"}
    assert set(different) <= not_found_pages, f"files differ from the single-process build: {different}"
    normalise = lambda html: SWITCHER_LINK.sub(r'href="LINK"\1', html.decode("utf-8"))
    for name in not_found_pages:
        assert normalise(ours[name]) == normalise(stock[name]), name
    italian_index = json.loads(ours["it/search/search_index.json"])
    assert italian_index["config"]["lang"] == ["it"] and italian_index["docs"], "no Italian search index"


# A build that fails on bad input: every case in test_bad_input.py goes through scripts/build.py.


WHOLE_SITE_HOOK = '''
"""Test hook: list every page on disk once all languages are built."""
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(-200)  # after i18n (-100) has built every language
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("index.html"))
    lang = config.plugins["i18n"].current_language
    (site / "pages.txt").write_text(lang + "\\n" + "\\n".join(pages), encoding="utf-8")
'''


def test_whole_site_hooks_run_once_on_the_merged_site(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "hooks" / "list_pages.py").write_text(WHOLE_SITE_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "hooks:\n", "hooks:\n  - hooks/list_pages.py\n", 1), encoding="utf-8")

    stock = build_site(project, tmp_path / "stock")
    ours = parallel_build(project, tmp_path / "ours")
    assert stock.returncode == 0 and ours.returncode == 0, stock.stderr + ours.stderr

    listed = (tmp_path / "ours" / "pages.txt").read_text(encoding="utf-8")
    assert listed == (tmp_path / "stock" / "pages.txt").read_text(encoding="utf-8")
    assert "it/pause-billing/index.html" in listed and "fr/index.html" in listed


def start_build(project: Path, site_dir: Path, other_folders=()) -> tuple[subprocess.Popen, Path]:
    """scripts/build.py in its own process group, returned with its work folder once its languages
    are writing pages (`other_folders`: work folders already there, not this build's)."""
    build = subprocess.Popen([sys.executable, "scripts/build.py", "--site-dir", str(site_dir)], cwd=project,
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

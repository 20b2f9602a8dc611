"""`make serve LANG=it`: one language only, and edits to articles and data still show."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

from conftest import QUIET_ENV, copy_project, stop_process_group
from test_serve import CHANGE_TIMEOUT, START_TIMEOUT, free_port, replace_in, wait_for


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_preview_of_one_language_builds_it_alone_and_shows_edits(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "helpcentre", "serve", "--dev-addr", f"127.0.0.1:{port}", "--lang", "it"],
        cwd=project, env=QUIET_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/it/pause-billing/"
    try:
        assert wait_for(url, "<html", START_TIMEOUT), "the preview server did not start"
        assert status(f"{base}/fr/pause-billing/") == 404, "French was built too"

        replace_in(project / "docs" / "it" / "pause-billing.md", "# ", "# Modificato: ")
        assert wait_for(url, "Modificato: ", CHANGE_TIMEOUT), "an article edit did not show"

        replace_in(project / "data" / "labels.yml", "it: Metti in pausa la fatturazione", "it: Sospendi la fatturazione")
        assert wait_for(url, "Sospendi la fatturazione", CHANGE_TIMEOUT), "a data edit did not show"
    finally:
        stop_process_group(server)

"""`make serve`'s server: listens on 127.0.0.1 and shows edits to articles, data and macro code."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from http.client import HTTPException

import pytest

from conftest import QUIET_ENV, copy_project

START_TIMEOUT = 90
CHANGE_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, HTTPException):
        # The server restarts when macro code changes; a connection cut
        # mid-response (IncompleteRead) just means "not ready yet".
        return None


def wait_for(url: str, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.5)
    return False


def replace_in(path, old, new):
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new), encoding="utf-8")


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "helpcentre", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=QUIET_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/it/pause-billing/"
    try:
        assert wait_for(url, "<html", START_TIMEOUT), "the preview server did not start"
        yield project, url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_preview_shows_edits_to_articles_data_and_macro_code(preview):
    project, url = preview
    replace_in(project / "docs" / "it" / "pause-billing.md", "# ", "# Modificato: ", )
    assert wait_for(url, "Modificato: ", CHANGE_TIMEOUT), "an article edit did not show"

    replace_in(project / "data" / "labels.yml", "it: Sospendi fatturazione", "it: Metti in pausa la fatturazione")
    assert wait_for(url, "Metti in pausa la fatturazione", CHANGE_TIMEOUT), "a data edit did not show"

    replace_in(project / "helpcentre" / "render.py", 'text=escape_text(text))', 'text=escape_text(text + " (rivisto)"))')
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
    _, url = preview
    port = int(url.split(":")[2].split("/")[0])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else

"""Serve the help centre with nginx as in production, or print its nginx configuration.

    python -m helpcentre nginx [--port 8080]       # build into a temporary folder, serve until Ctrl-C
    python -m helpcentre nginx --print-config --root /srv/help-centre/site [--listen 80] [--output FILE]
                                                   # the site's nginx include, for a deploy

The site's configuration (helpcentre/serve/help-centre.conf) is rendered by one function, `site_config`, from
the project itself: the languages in mkdocs.yml and the moved articles in data/redirects.yml. The
tests, `make audit` and a deploy all use it, so what is tested is what is deployed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

from . import links
from .site import ENGINE, load_site, project_root

SITE_TEMPLATE = ENGINE / "serve" / "help-centre.conf"   # the site: maps and server, an http-level include
RUNNER_TEMPLATE = ENGINE / "serve" / "nginx.conf"       # nginx on its own around it, without root
SITE_CONF = "help-centre.conf"
PLACEHOLDER = re.compile(r"@[A-Z_]+@")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_for_origin(origin: str, site_dir: Path, project: Path | None = None) -> None:
    """The site built for another address than mkdocs.yml's site_url (the server under test, whose
    hreflang, canonical and sitemap URLs must point at it, as the real host's do in production):
    every language, in this process, as strictly as `make build`."""
    from .build import build_in_this_process, failure_report

    project = project or project_root()
    outcomes = build_in_this_process(project / "mkdocs.yml", site_dir, site_url=origin.rstrip("/") + "/")
    failed = {lang: outcome.problems for lang, outcome in outcomes.items() if not outcome.built}
    if failed:
        raise RuntimeError(f"the site does not build for {origin}:\n{failure_report(failed)}")


@dataclass(frozen=True)
class Project:
    """What the nginx configuration needs to know of the project."""
    languages: tuple[str, ...]  # default first
    moved: dict[str, str]       # old URL path -> new URL path, every language (data/redirects.yml)
    host: str = "localhost"     # the host name in mkdocs.yml's site_url


def read_project(project: Path | None = None) -> Project:
    """The languages and the host from mkdocs.yml (helpcentre/site.py), and the moved articles.
    A mistake in data/redirects.yml raises DataError with the file and line, as it stops the build."""
    site = load_site(project or project_root())
    return Project(site.languages, links.moved_paths(links.load_redirects(site.data), site),
                   urlparse(site.site_url).hostname or "localhost")


# Where a deploy's nginx logs readers' feedback (README "Feedback"); Debian rotates /var/log/nginx/*.log.
FEEDBACK_LOG = Path("/var/log/nginx/help-centre-feedback.log")
RUNTIME_FEEDBACK_LOG = "feedback.log"  # beside the pid file when nginx runs on its own (serve/nginx.conf)


def site_config(site_root: Path, listen: str, project: Project, *, redirects: bool = True,
                feedback_log: Path = FEEDBACK_LOG) -> str:
    """serve/help-centre.conf for this project, serving site_root on `listen` and logging readers'
    feedback to `feedback_log`. Without `redirects`, old addresses get the build's static pages
    instead of nginx's 301s (tests)."""
    default, others = project.languages[0], project.languages[1:]
    moved = project.moved if redirects else {}
    moved_lines = [
        f'    "{address}" "{new_path}";'
        for old_path, new_path in moved.items()
        # /it/cancel/, /it/cancel/index.html and /it/cancel: one redirect each, not two in a row
        for address in (old_path, old_path + "index.html", old_path.rstrip("/"))
        if address
    ]
    values = {
        "@SITE_ROOT@": str(site_root),
        "@LISTEN@": listen,
        "@SERVER_NAME@": project.host,
        "@DEFAULT_LANGUAGE@": default,
        "@LANGUAGES@": "|".join(others),
        # longest first, so that pt-BR is not taken for pt
        "@ALL_LANGUAGES@": "|".join(sorted(project.languages, key=len, reverse=True)),
        "@LANGUAGE_CODES@": "\n".join(f'    "~*^{code}$" "{code}";' for code in others),
        "@MOVED@": "\n".join(moved_lines),
        "@FEEDBACK_LOG@": str(feedback_log),
    }
    generated = ("# Rendered by `python -m helpcentre nginx` from serve/help-centre.conf, mkdocs.yml and\n"
                 "# data/redirects.yml. Do not edit: change those and render it again.\n\n")
    return generated + _fill(SITE_TEMPLATE, values)


def render_config(site_root: Path, listen: str, runtime: Path, project: Project | None = None, *,
                  redirects: bool = True) -> str:
    """The configuration nginx runs with on its own (serve/nginx.conf); writes the site's include,
    help-centre.conf, into `runtime` beside it. Readers' feedback goes to runtime/feedback.log."""
    runtime.mkdir(parents=True, exist_ok=True)
    (runtime / SITE_CONF).write_text(site_config(site_root, listen, project or read_project(), redirects=redirects,
                                                 feedback_log=runtime / RUNTIME_FEEDBACK_LOG),
                                     encoding="utf-8")
    text = _fill(RUNNER_TEMPLATE, {"@RUNTIME@": str(runtime)})
    if os.geteuid() == 0:
        # Started as root (CI containers), nginx's workers would switch to `nobody`, who cannot
        # read private temporary folders; run them as the folder's owner instead.
        text = f"user {site_root.owner()};\n" + text
    return text


def _fill(template: Path, values: dict[str, str]) -> str:
    text = template.read_text(encoding="utf-8")
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    left = PLACEHOLDER.findall(text)
    if left:
        raise ValueError(f"{template.relative_to(ENGINE.parent)}: no value for {', '.join(sorted(set(left)))}")
    return text


@contextlib.contextmanager
def nginx(site_root: Path, port: int, runtime: Path, project: Project | None = None, *,
          redirects: bool = True) -> Iterator[str]:
    """nginx serving site_root on 127.0.0.1:port in the foreground; yields the base URL.
    `project` is what the configuration is rendered from (this project's by default)."""
    config = runtime / "nginx.conf"
    config.write_text(render_config(site_root, f"127.0.0.1:{port}", runtime, project, redirects=redirects),
                      encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-q", "-p", str(runtime), "-c", str(config)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"the rendered nginx configuration is not valid:\n{check.stderr}")
    process = subprocess.Popen([NGINX, "-p", str(runtime), "-c", str(config)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start:\n{process.stderr.read() if process.stderr else ''}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)

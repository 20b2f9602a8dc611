"""Build the site for an origin and serve it with nginx and serve/nginx.conf, as in production.

    python scripts/nginx_site.py [--port 8080]   # build into a temporary folder, serve until Ctrl-C
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "serve" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
QUIET_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
             "PYTHONDONTWRITEBYTECODE": "1"}
# mkdocs' own loader, so only site_url differs from `mkdocs build --strict`: hreflang, canonical
# and sitemap URLs then point at the server under test, as they point at the real host in production.
BUILD_FOR_ORIGIN = (
    "import sys\n"
    "from mkdocs.config import load_config\n"
    "from mkdocs.commands.build import build\n"
    "build(load_config('mkdocs.yml', site_url=sys.argv[1], site_dir=sys.argv[2], strict=True))\n"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_for_origin(origin: str, site_dir: Path, project: Path = ROOT) -> None:
    result = subprocess.run([sys.executable, "-c", BUILD_FOR_ORIGIN, origin.rstrip("/") + "/", str(site_dir)],
                            cwd=project, env=QUIET_ENV, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"the site does not build for {origin}:\n{result.stderr}")


def render_config(site_root: Path, listen: str, runtime: Path) -> str:
    text = TEMPLATE.read_text(encoding="utf-8")
    for placeholder, value in (("@SITE_ROOT@", str(site_root)), ("@LISTEN@", listen), ("@RUNTIME@", str(runtime))):
        text = text.replace(placeholder, value)
    if os.geteuid() == 0:
        # Started as root (CI containers), nginx's workers would switch to `nobody`, who cannot
        # read private temporary folders; run them as the folder's owner instead.
        text = f"user {site_root.owner()};\n" + text
    return text


@contextlib.contextmanager
def nginx(site_root: Path, port: int, runtime: Path) -> Iterator[str]:
    """nginx serving site_root on 127.0.0.1:port in the foreground; yields the base URL."""
    runtime.mkdir(parents=True, exist_ok=True)
    config = runtime / "nginx.conf"
    config.write_text(render_config(site_root, f"127.0.0.1:{port}", runtime), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-q", "-p", str(runtime), "-c", str(config)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"serve/nginx.conf is not valid:\n{check.stderr}")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="help-nginx-") as folder:
        origin = f"http://127.0.0.1:{args.port}"
        build_for_origin(origin, Path(folder) / "site")
        with nginx(Path(folder) / "site", args.port, Path(folder) / "nginx") as url:
            print(f"Serving {url}/ with serve/nginx.conf; Ctrl-C to stop", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)


if __name__ == "__main__":
    main()

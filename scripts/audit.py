"""Run Lighthouse on one article per language, served by nginx with helpcentre/serve/nginx.conf; print the scores.

Each score is the median of RUNS runs: Lighthouse's simulated phone varies by a few points
from one run to the next on a shared machine.

    make audit        # needs node_modules (npm ci) and CHROME_PATH=/usr/bin/chromium
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from helpcentre.nginx import build_for_origin, free_port, nginx

ROOT = Path(__file__).resolve().parent.parent

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 3
ARTICLES = {"en": "/pause-billing/", "it": "/it/pause-billing/", "fr": "/fr/pause-billing/"}


def scores(url: str) -> dict[str, float]:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--quiet", f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")})
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def main() -> None:
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is missing: run `npm ci`")
    with tempfile.TemporaryDirectory(prefix="help-audit-") as folder:
        port = free_port()
        build_for_origin(f"http://127.0.0.1:{port}", Path(folder) / "site")
        with nginx(Path(folder) / "site", port, Path(folder) / "nginx") as base:
            print(f"{'page':24} " + " ".join(f"{name:>15}" for name in CATEGORIES))
            for lang, path in ARTICLES.items():
                runs = [scores(base + path) for _ in range(RUNS)]
                found = {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}
                print(f"{path:24} " + " ".join(f"{round(found[name] * 100):>15}" for name in CATEGORIES), flush=True)


if __name__ == "__main__":
    main()

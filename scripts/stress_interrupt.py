"""Interrupt `make build` at random moments, many times, and check that every exit is clean.

    .venv/bin/python -m scripts.stress_interrupt [--runs 50] [--seed N]

A first build fills a temporary site/. Each run then starts `make build` (python -m helpcentre build) again and, at a
random moment of the build, sends either Ctrl-C (SIGINT to the whole process group, as a
terminal does) or a plain `kill` (SIGTERM to the build alone). A run is clean when:

- the build exits 130 saying "interrupted" and site/ is byte for byte as before, or the signal
  came after the new site was in place and the build says so (exit 0, "site built");
- nothing prints a Python traceback;
- no .site-build-* work folder is left, and no process of the build is still running.

The clock starts when the build's Python code runs (its signals are held or handled, as
/proc/<pid>/status shows): before that, the interpreter itself is starting and a signal ends
it the way it ends any program. Not part of `make test` (50 builds take a few minutes).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpcentre.site import QUIET_ENVIRONMENT

ROOT = Path(__file__).resolve().parent.parent

QUIET = {**os.environ, **QUIET_ENVIRONMENT}
SIGTERM_BIT = 1 << (signal.SIGTERM - 1)


def start(site: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "helpcentre", "build", "--site-dir", str(site)],
                            cwd=ROOT, env=QUIET, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_until_running(build: subprocess.Popen) -> float:
    """When the build's own code holds or handles SIGTERM; its monotonic time."""
    status = Path(f"/proc/{build.pid}/status")
    while build.poll() is None:
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except (FileNotFoundError, ProcessLookupError):
            break
        if (int(fields["SigBlk"], 16) | int(fields["SigCgt"], 16)) & SIGTERM_BIT:
            break
        time.sleep(0.001)
    return time.monotonic()


def fingerprint(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(site)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def processes_of_session(session: int) -> list[int]:
    """Processes still in the build's session (its language builds, if any survived)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":  # fields after the name: state, ppid, pgrp, session
            found.append(int(stat.parent.name))
    return found


def run_once(site: Path, delay: float, how: str, expected: str) -> tuple[bool, str, float]:
    """One interrupted build: whether it ended cleanly, what happened, and how long it ran."""
    build = start(site)
    running = wait_until_running(build)
    time.sleep(delay)
    try:
        if how == "Ctrl-C":
            os.killpg(build.pid, signal.SIGINT)
        else:
            os.kill(build.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass  # it had already ended
    _, stderr = build.communicate(timeout=120)
    ran = time.monotonic() - running
    problems = []
    deadline = time.monotonic() + 5
    while (left := processes_of_session(build.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    if left:
        problems.append(f"processes still running: {left}")
    if "Traceback" in stderr:
        problems.append("a traceback")
    leftovers = sorted(path.name for path in site.parent.glob(f".{site.name}-build-*"))
    if leftovers:
        problems.append(f"work folders left: {leftovers}")
    changed = fingerprint(site) != expected
    if build.returncode == 130 and "interrupted" in stderr:
        outcome = "exit 130, interrupted"
        if changed:
            problems.append("site/ changed")
    elif build.returncode == 0 and "site built" in stderr:
        outcome = "exit 0, finished before the signal"
        if changed:
            problems.append("site/ is not the complete build")
    else:
        outcome = f"exit {build.returncode}"
        problems.append("neither an interruption nor a finished build")
    detail = f"{how} after {delay:.2f} s: {outcome}"
    if problems:
        detail += "; " + "; ".join(problems) + "\n" + stderr.strip()[-2000:]
    return not problems, detail, ran


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=None, help="repeat a run's random moments")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    chance = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="stress-") as folder:
        site = Path(folder) / "site"
        for _ in range(2):  # the second build is timed: the first also fills Jinja's template cache
            first = start(site)
            running = wait_until_running(first)
            _, stderr = first.communicate()
            if first.returncode != 0:
                print(f"the site does not build:\n{stderr}", file=sys.stderr)
                return 1
        duration = time.monotonic() - running
        expected = fingerprint(site)
        print(f"seed {seed}; one build takes {duration:.2f} s")
        clean = interrupted = 0
        for number in range(1, args.runs + 1):
            how = chance.choice(("Ctrl-C", "kill"))
            ok, detail, ran = run_once(site, chance.uniform(0, duration), how, expected)
            if "finished before" in detail:
                duration = min(duration, ran)  # a busy machine timed it slow: aim within a build
            clean += ok
            interrupted += ok and "exit 130" in detail
            print(f"run {number:2}: {'clean' if ok else 'NOT CLEAN'}: {detail}", flush=True)
        print(f"{clean} of {args.runs} exits clean ({interrupted} interrupted, "
              f"{clean - interrupted} finished before the signal); seed {seed}")
    return 0 if clean == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())

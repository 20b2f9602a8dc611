"""Benchmark builds, preview and page weight on synthetic help centres; write BENCHMARKS.md.

For each size (articles per language, 3 languages) a synthetic site is generated
in a temporary folder outside the repository (scripts/synthetic_site.py) and
measured, side by side:
- build: ours (`make build`, one process per language) vs the stock
  single-process `mkdocs build` vs plain Material English-only (no i18n, no
  macros): wall time, peak memory, output size;
- preview: seconds from saving a file to the change showing over HTTP (an Italian article; the
  English text of an article Italian has no translation of, on the Italian page; a label's
  Italian text in data/), and from starting to the first page, for `make serve` (all
  languages), `make serve LANG=it` and the stock `mkdocs serve`;
- the translation check (`make check`);
- per article page: HTML bytes, and bytes transferred gzip-compressed (the
  page plus the CSS and JS it loads).
Times are medians of --runs runs (default: 3 up to 300 articles, 1 above, since
the stock 1000-article build alone takes minutes on 2 cores).

Peak memory is the largest resident set of any one process (wait4's ru_maxrss);
our build runs one process per language at once, so it holds about that many
times this figure at its peak.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from helpcentre.site import BUILD_LANGUAGE_VARIABLE, QUIET_ENVIRONMENT
from scripts import synthetic_site

ROOT = synthetic_site.ROOT
ENV = {**os.environ, **QUIET_ENVIRONMENT}
ENV.pop(BUILD_LANGUAGE_VARIABLE, None)
SERVE_TIMEOUT = 600
DEFAULT_SIZES = (100, 300, 1000)


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, float]:
    """Run a command; return (wall seconds, peak RSS in MB of its largest process, CPU seconds).

    CPU seconds (user + system, the command and every process it waited for) hardly
    change when other work shares the machine; wall time does."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return seconds, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def median(values: list[float]) -> float:
    return statistics.median(values)


def measure_builds(project: Path, runs: int) -> dict:
    config = project / "mkdocs.yml"
    plain = synthetic_site.plain_config(project)
    commands = {
        "ours": [sys.executable, "-m", "helpcentre", "build", "--config-file", str(config),
                 "--site-dir", str(project / "site-ours")],
        "stock": [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                  "-d", str(project / "site-stock")],
        "plain": [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d", str(project / "site-plain")],
    }
    # Round-robin (ours, stock, plain, ours, ...) rather than all of one then the next, so a
    # spell of load from elsewhere on a shared machine falls on every build alike.
    runs_of: dict[str, list] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            runs_of[name].append(timed(command, project))
    results = {}
    for name, samples in runs_of.items():
        results[name] = {"seconds": median([s[0] for s in samples]), "memory_mb": max(s[1] for s in samples),
                         "cpu_seconds": median([s[2] for s in samples]),
                         "size_mb": folder_size(project / f"site-{name}") / 1e6}
    # Each round's ours/stock, taken a few seconds apart, is steadier than a ratio of medians.
    results["round_ratio"] = median([ours[0] / stock[0] for ours, stock in zip(runs_of["ours"], runs_of["stock"])])
    return results


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if text in fetch(url):
            return time.monotonic() - started
        time.sleep(0.05)
    return None


# The previews measured, side by side: ours for every language, ours for Italian only, and the stock
# `mkdocs serve` (one process, every page of every language built again on each save).
PREVIEWS = {
    "serve_all": lambda port: [sys.executable, "-m", "helpcentre", "serve", "--dev-addr", f"127.0.0.1:{port}"],
    "serve_it": lambda port: [sys.executable, "-m", "helpcentre", "serve", "--dev-addr", f"127.0.0.1:{port}",
                              "--lang", "it"],
    "stock_serve": lambda port: [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
}
# What a writer saves, and the page where it must show: an Italian article; the English text of an
# article Italian has no translation of (the Italian page shows it); a label's Italian text in data/.
PREVIEW_EDITS = ("article", "fallback", "data")


def preview_edits(project: Path, count: int) -> dict[str, tuple[Path, str, Callable[[str, str], str]]]:
    """Each edit: the file saved, the Italian page to watch, and how to put a marker in the text."""
    article, fallback = synthetic_site.slug(max(1, count // 2)), synthetic_site.slug(count)
    italian = (project / "docs" / "it" / f"{article}.md").read_text(encoding="utf-8")
    label = re.search(r"label\('([a-z_]+)'\)", italian).group(1)

    def in_title(text: str, marker: str) -> str:
        return text.replace("\n# ", f"\n# {marker} ", 1)

    def in_label(text: str, marker: str) -> str:
        block = re.search(rf"^{label}:\n(?:  .*\n)*?  it: (.*)$", text, re.MULTILINE)
        return text[:block.end(1)] + f" {marker}" + text[block.end(1):]

    return {"article": (project / "docs" / "it" / f"{article}.md", f"it/{article}/", in_title),
            "fallback": (project / "docs" / "en" / f"{fallback}.md", f"it/{fallback}/", in_title),
            "data": (project / "data" / "labels.yml", f"it/{article}/", in_label)}


def measure_preview(project: Path, count: int, kind: str, runs: int) -> dict[str, float | None]:
    """Seconds from starting the preview to its first page, and, for each edit, the median seconds
    from saving the file to the change showing in the Italian page (fetched every 50 ms)."""
    edits = preview_edits(project, count)
    untranslated = project / "docs" / "it" / edits["fallback"][0].name
    translation = untranslated.read_text(encoding="utf-8")
    untranslated.unlink()  # Italian readers of this article get the English text
    port = free_port()
    started = time.monotonic()
    server = subprocess.Popen(PREVIEWS[kind](port), cwd=project, env=ENV, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    results: dict[str, float | None] = {name: None for name in ("start", *PREVIEW_EDITS)}
    try:
        if wait_for(base + edits["article"][1], "<html", SERVE_TIMEOUT) is None:
            return results
        results["start"] = time.monotonic() - started
        for name, (path, page, edit) in edits.items():
            original = path.read_text(encoding="utf-8")
            latencies = []
            try:
                for run in range(runs):
                    marker = f"Modifica{run}x{time.time_ns()}"
                    path.write_text(edit(original, marker), encoding="utf-8")
                    latency = wait_for(base + page, marker, SERVE_TIMEOUT)
                    if latency is None:
                        break
                    latencies.append(latency)
                    path.write_text(original, encoding="utf-8")
                    wait_until_gone(base + page, marker, SERVE_TIMEOUT)  # the next save starts from a quiet server
            finally:
                path.write_text(original, encoding="utf-8")
            results[name] = median(latencies) if len(latencies) == runs else None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        untranslated.write_text(translation, encoding="utf-8")
    return results


def wait_until_gone(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = fetch(url)
        if page and text not in page:
            return
        time.sleep(0.05)


def measure_translation_check(project: Path, runs: int) -> str:
    """`make check` on the synthetic site, as a writer runs it (median wall time of whole commands).
    Its pages record no source version, so the check reports them; the count is shown."""
    times, findings = [], "?"
    for _ in range(runs):
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "helpcentre", "check", "--format", "json"],
                                cwd=project, env=ENV, capture_output=True, text=True, timeout=900)
        times.append(time.monotonic() - started)
        if result.returncode not in (0, 1):  # 1: the check ran and found errors
            return f"failed: {result.stderr.strip()[-200:]}"
        findings = len(json.loads(result.stdout)["findings"])
    return f"{median(times):.2f} s ({findings} findings)"


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    """(HTML bytes, gzip bytes of the page + the stylesheets and scripts it loads from the site)."""
    from bs4 import BeautifulSoup

    html = page.read_bytes()
    soup = BeautifulSoup(html, "html.parser")
    links = [tag.get("href") for tag in soup.find_all("link", rel="stylesheet")]
    links += [tag.get("src") for tag in soup.find_all("script", src=True)]
    total = len(gzip.compress(html, 6))
    for link in links:
        if not link or link.startswith(("http:", "https:", "//")):
            continue
        path = (page.parent / link.split("?")[0].split("#")[0]).resolve()
        if path.is_file() and site.resolve() in path.parents:
            total += len(gzip.compress(path.read_bytes(), 6))
    return len(html), total


def measure_pages(site: Path, count: int) -> dict:
    numbers = sorted({1, max(1, count // 2), count})
    weights = [page_weight(site, language_folder / synthetic_site.slug(n) / "index.html")
               for n in numbers for language_folder in (site, site / "it", site / "fr")]
    return {"html_kb": median([w[0] for w in weights]) / 1000, "gzip_kb": median([w[1] for w in weights]) / 1000}


def measure(count: int, runs: int, stock_serve_max: int | None, work: Path) -> dict:
    project = work / f"site-{count}"
    synthetic_site.generate(project, count)
    result = {"articles": count, "runs": runs, "builds": measure_builds(project, runs)}
    for kind in PREVIEWS:
        if kind == "stock_serve" and stock_serve_max is not None and count > stock_serve_max:
            result[kind] = {name: "not measured" for name in ("start", *PREVIEW_EDITS)}
        else:
            result[kind] = measure_preview(project, count, kind, runs)
    result["translations"] = measure_translation_check(project, runs)
    result["pages"] = measure_pages(project / "site-ours", count)
    return result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu}, {memory_kb / 1024 / 1024:.0f} GiB memory"


def seconds(value) -> str:
    if isinstance(value, str):
        return value
    return "failed" if value is None else f"{value:.2f} s"


def table(results: list[dict]) -> str:
    sizes = [f"{r['articles']} × 3" for r in results]
    rows = [("Articles per language × languages", sizes), ("Runs (median of)", [str(r["runs"]) for r in results])]
    for name, label in (("ours", "our build (make build)"), ("stock", "stock `mkdocs build`"),
                        ("plain", "plain Material, English only")):
        rows.append((f"Build time: {label}", [seconds(r["builds"][name]["seconds"]) for r in results]))
    rows.append(("Ratio ours / stock", [f"{r['builds']['ours']['seconds'] / r['builds']['stock']['seconds']:.2f}"
                                        for r in results]))
    rows.append(("Ratio ours / stock, round by round (median)", [f"{r['builds']['round_ratio']:.2f}"
                                                                 for r in results]))
    rows.append(("Ratio stock / plain", [f"{r['builds']['stock']['seconds'] / r['builds']['plain']['seconds']:.2f}"
                                         for r in results]))
    for name in ("ours", "stock", "plain"):
        rows.append((f"CPU time (user + system): {name}", [seconds(r["builds"][name]["cpu_seconds"]) for r in results]))
    for name in ("ours", "stock", "plain"):
        rows.append((f"Peak memory, one process: {name}", [f"{r['builds'][name]['memory_mb']} MB" for r in results]))
    for name in ("ours", "stock", "plain"):
        rows.append((f"Output size: {name}", [f"{r['builds'][name]['size_mb']:.1f} MB" for r in results]))
    previews = (("serve_all", "`make serve` (all)"), ("serve_it", "`make serve LANG=it`"),
                ("stock_serve", "stock `mkdocs serve`"))
    for edit, what in (("article", "save → visible"), ("fallback", "English edit → Italian page without translation"),
                       ("data", "data edit (a label) → page"), ("start", "start → first page")):
        for kind, label in previews:
            rows.append((f"Preview, {what}: {label}", [seconds(r[kind][edit]) for r in results]))
    rows.append(("Translation check (make check)", [r["translations"] for r in results]))
    rows.append(("Article page: HTML", [f"{r['pages']['html_kb']:.1f} KB" for r in results]))
    rows.append(("Article page: transferred, gzip (page + CSS + JS)", [f"{r['pages']['gzip_kb']:.1f} KB"
                                                                       for r in results]))
    lines = ["| Measure | " + " | ".join(sizes) + " |", "|---" * (len(sizes) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(values) + " |" for label, values in rows[1:]]
    return "\n".join(lines)


def report(results: list[dict], command: str) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""## Builds, preview and page weight (`make bench`)

Written by `make bench` (`{command}`) on {when}.
Machine: {machine()}. Load average when the run began: {os.getloadavg()[0]:.1f}. Other
work on the machine makes wall times noisy; compare the columns of one run with each other.

{table(results)}

How to read it:
- Synthetic sites (scripts/synthetic_site.py): N articles in each of en, it, fr, in
  collapsible sections of {synthetic_site.ARTICLES_PER_SECTION} with `navigation.prune`
  (instead of `navigation.sections`), each with front matter, two headings
  with ids, a note, a procedure and two labels from the real data/.
- Build times are wall-clock medians; CPU time is the work done by all of a
  build's processes, which shared-machine noise hardly moves (ours does a little
  more work than stock, spread over the cores); "plain Material" has no i18n, no macros
  and no hooks, so it is the floor for one language.
- Peak memory is the largest single process; our build runs one process per
  language at the same time.
- Preview latency: a file is saved and the Italian page is fetched every 50 ms until
  the edit shows: an Italian article (/it/<article>/); the English file of an article
  with no Italian translation (its Italian page shows the English text); a label's
  Italian text in data/labels.yml (each label is on about 1 article in 6). `make serve`
  renders only the pages a save concerns, in the languages it concerns (one process
  per language, MkDocs' dirty build); the stock `mkdocs serve` builds every page of
  every language again. "start → first page": from starting the command to the first
  article being served (the first build of every language).
- Page weight: median over the first, middle and last article of each language.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="articles per language, comma-separated (default %(default)s)")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs per measure (default: 3 up to 300 articles, 1 above)")
    parser.add_argument("--stock-serve-max", type=int, default=None,
                        help="measure the stock `mkdocs serve` only up to this size (it is slow; default: every size)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    results = []
    with tempfile.TemporaryDirectory(prefix="help-bench-") as work:
        for count in sizes:
            runs = args.runs or (3 if count <= 300 else 1)
            print(f"bench: {count} articles × 3 languages, {runs} run(s)…", file=sys.stderr, flush=True)
            results.append(measure(count, runs, args.stock_serve_max, Path(work)))
            print(table(results), file=sys.stderr, flush=True)
    command = "make bench BENCH_ARGS='" + " ".join(sys.argv[1:]) + "'"
    write_report(args.output, report(results, command.strip()))
    print(f"bench: wrote {args.output}", file=sys.stderr)
    return 0


# BENCHMARKS.md also holds what people wrote about the figures, and other benchmarks (the
# translation check's): a run replaces only the part between these lines.
REPORT_START = "<!-- make bench: start -->"
REPORT_END = "<!-- make bench: end -->"


def write_report(output: Path, text: str) -> None:
    block = f"{REPORT_START}\n{text.rstrip()}\n{REPORT_END}"
    existing = output.read_text(encoding="utf-8") if output.exists() else "# Benchmarks\n"
    if REPORT_START in existing and REPORT_END in existing:
        before, rest = existing.split(REPORT_START, 1)
        after = rest.split(REPORT_END, 1)[1]
        output.write_text(before + block + after, encoding="utf-8")
    else:
        output.write_text(existing.rstrip() + "\n\n" + block + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

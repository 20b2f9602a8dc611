"""Benchmark builds, preview and page weight on synthetic help centres; write BENCHMARKS.md.

Two axes, each measured side by side with the stock single-process `mkdocs build`:
- articles: for each size (articles per language, 3 languages) a synthetic site is
  generated in a temporary folder outside the repository (scripts/synthetic_site.py) and
  measured as below;
- languages: the same articles (300 per language by default) in 3, 6 and 10 languages,
  the languages beyond the real site's added with `make add-language`: build time, CPU
  time per language, the same Italian pages built alone, and the peak memory of all of a
  build's processes together.

On the articles axis:
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

Memory: "one process" is the largest resident set of any one process (wait4's ru_maxrss);
"all processes (PSS)" is the largest total proportional set size of the build and every
process it started, sampled every 50 ms: a page shared by N processes (our language
processes are forked from one that has loaded MkDocs) counts 1/N in each, so the total is
what the build really holds, where a sum of resident sets would count shared pages N times.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
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
SERVE_TIMEOUT = int(os.environ.get("BENCH_SERVE_TIMEOUT", "600"))
DEFAULT_SIZES = (100, 300, 1000)
DEFAULT_LANGUAGE_COUNTS = (3, 6, 10)
DEFAULT_LANGUAGE_ARTICLES = 300
DEFAULT_SAVES = 100
MEMORY_INTERVAL = 0.05


class PeakMemory(threading.Thread):
    """The largest total PSS (proportional set size) of a process and all its descendants, in MB,
    sampled every MEMORY_INTERVAL seconds from /proc (Linux)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _process_tree(self.pid)))
            self.done.wait(MEMORY_INTERVAL)

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak_kb / 1024


def _process_tree(pid: int) -> list[int]:
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                pending += [int(child) for child in children.read_text().split()]
            except OSError:
                pass  # gone meanwhile
    return tree


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass  # gone meanwhile, or not ours to read
    return 0


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, float, float]:
    """Run a command; return (wall seconds, peak RSS in MB of its largest process, CPU seconds,
    peak total PSS in MB of all its processes).

    CPU seconds (user + system, the command and every process it waited for) hardly
    change when other work shares the machine; wall time does."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = PeakMemory(process.pid)
    memory.start()
    # stderr goes to a pipe read after the end: what a build prints on success is short.
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    peak_pss = memory.stop()
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return seconds, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime, peak_pss


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def median(values: list[float]) -> float:
    return statistics.median(values)


def build_commands(project: Path, plain: bool = True) -> dict[str, tuple[list[str], dict | None]]:
    """Our build, the stock one (and plain Material), each with its environment (None: ENV)."""
    config = project / "mkdocs.yml"
    commands = {
        "ours": ([sys.executable, "-m", "helpcentre", "build", "--config-file", str(config),
                  "--site-dir", str(project / "site-ours")], None),
        "stock": ([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                   "-d", str(project / "site-stock")], None),
    }
    if plain:
        commands["plain"] = ([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(synthetic_site.plain_config(project)),
                              "-d", str(project / "site-plain")], None)
    return commands


def run_round_robin(project: Path, commands: dict, runs: int) -> dict[str, list]:
    """Round-robin (ours, stock, plain, ours, ...) rather than all of one then the next, so a
    spell of load from elsewhere on a shared machine falls on every build alike."""
    runs_of: dict[str, list] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            runs_of[name].append(timed(command, project, env))
    return runs_of


def summary(samples: list) -> dict:
    return {"seconds": median([s[0] for s in samples]), "memory_mb": max(s[1] for s in samples),
            "cpu_seconds": median([s[2] for s in samples]), "pss_mb": max(s[3] for s in samples)}


def measure_builds(project: Path, runs: int) -> dict:
    runs_of = run_round_robin(project, build_commands(project), runs)
    results = {}
    for name, samples in runs_of.items():
        results[name] = {**summary(samples), "size_mb": folder_size(project / f"site-{name}") / 1e6}
    # Each round's ours/stock, taken a few seconds apart, is steadier than a ratio of medians.
    results["round_ratio"] = median([ours[0] / stock[0] for ours, stock in zip(runs_of["ours"], runs_of["stock"])])
    return results


def stop(server: subprocess.Popen) -> None:
    """End a preview and every process it started (its own session): politely, then for sure, so
    that no preview outlives the bench."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


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
# What a writer saves, and the page where it must show: an Italian article; an English article, on
# its English page, and on its Italian translation's page (the notice that the translation may be
# behind); the English text of an article Italian has no translation of (the Italian page shows it);
# a label's Italian text in data/.
PREVIEW_EDITS = ("article", "english", "english_translation", "fallback", "data")


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

    def stale_notice(text: str, marker: str) -> str:  # the Italian page shows the notice, not the marker
        return in_title(text, marker)

    english = project / "docs" / "en" / f"{article}.md"
    return {"article": (project / "docs" / "it" / f"{article}.md", f"it/{article}/", in_title),
            "english": (english, f"{article}/", in_title),
            "english_translation": (english, f"it/{article}/", stale_notice),
            "fallback": (project / "docs" / "en" / f"{fallback}.md", f"it/{fallback}/", in_title),
            "data": (project / "data" / "labels.yml", f"it/{article}/", in_label)}


# What shows a save reached a page: the marker itself, or, on a translation whose English changed,
# the notice under its title (helpcentre/page_content.py).
SHOWN_BY = {"english_translation": 'class="help-stale"'}
# The edits a preview cannot show: `make serve LANG=it` serves no English page.
NOT_SERVED = {"serve_it": ("english",)}


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
            if name in NOT_SERVED.get(kind, ()):
                results[name] = "not served"
                continue
            original = path.read_text(encoding="utf-8")
            latencies = []
            try:
                for run in range(runs):
                    marker = f"Modifica{run}x{time.time_ns()}"
                    shown = SHOWN_BY.get(name, marker)
                    path.write_text(edit(original, marker), encoding="utf-8")
                    latency = wait_for(base + page, shown, SERVE_TIMEOUT)
                    if latency is None:
                        break
                    latencies.append(latency)
                    path.write_text(original, encoding="utf-8")
                    wait_until_gone(base + page, shown, SERVE_TIMEOUT)
                    wait_until_quiet(base, page)  # the next save starts from a quiet server
            finally:
                path.write_text(original, encoding="utf-8")
            results[name] = median(latencies) if len(latencies) == runs else None
    finally:
        stop(server)
        untranslated.write_text(translation, encoding="utf-8")
    return results


def measure_saves(project: Path, count: int, saves: int) -> dict:
    """A writer's day in the all-language preview: the same Italian article saved `saves` times in a
    row, each save waited for. Save → visible, the memory of the preview and all its processes
    (PSS), and the size of the Italian search index as served, early and late: all must stay flat."""
    path, page, edit = preview_edits(project, count)["article"]
    original = path.read_text(encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(PREVIEWS["serve_all"](port), cwd=project, env=ENV, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    latencies, memory, index = [], [], []
    try:
        if wait_for(base + page, "<html", SERVE_TIMEOUT) is None:
            return {"saves": 0}
        for save in range(saves):
            marker = f"Salvataggio{save}x{time.time_ns()}"
            path.write_text(edit(original, marker), encoding="utf-8")
            latency = wait_for(base + page, marker, SERVE_TIMEOUT)
            if latency is None:
                break
            latencies.append(latency)
            memory.append(sum(_pss_kb(pid) for pid in _process_tree(server.pid)) / 1024)
            index.append(len(fetch(base + "it/search/search_index.json").encode("utf-8")))
    finally:
        path.write_text(original, encoding="utf-8")
        stop(server)
    tenth = max(1, len(latencies) // 10)
    return {"saves": len(latencies), "articles": count,
            "first_seconds": median(latencies[:tenth]), "last_seconds": median(latencies[-tenth:]),
            "first_mb": median(memory[:tenth]), "last_mb": median(memory[-tenth:]),
            "first_index_kb": index[0] / 1000, "last_index_kb": index[-1] / 1000, "tenth": tenth}


def saves_table(result: dict) -> str:
    if not result.get("saves"):
        return "(the preview did not start)\n"
    tenth = result["tenth"]
    return "\n".join([
        f"| {result['saves']} saves of one Italian article, {result['articles']} × 3, `make serve` (all) | "
        f"first {tenth} saves | last {tenth} saves |", "|---|---|---|",
        f"| Save → visible (median) | {seconds(result['first_seconds'])} | {seconds(result['last_seconds'])} |",
        f"| Memory of the preview and its processes (PSS, median) | {result['first_mb']:.0f} MB | "
        f"{result['last_mb']:.0f} MB |",
        f"| Italian search index as served (first, last save) | {result['first_index_kb']:.1f} KB | "
        f"{result['last_index_kb']:.1f} KB |"]) + "\n"


def wait_until_gone(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = fetch(url)
        if page and text not in page:
            return
        time.sleep(0.05)


def wait_until_quiet(base: str, page: str) -> None:
    """After the saved page is back: each language's page of the article. `make serve` builds
    the saved file's language first and then the others, and holds a language's pages while it
    builds, so these answer once the whole round is done. Without this, an English save found the
    previous save's translations still building and waited for them (1.77 s measured, 0.6 s alone)."""
    translations = synthetic_site.LANGUAGES[1:]  # the first is the default, served at the root
    prefixes = ["", *(f"{lang}/" for lang in translations)]
    article = page.split("/", 1)[1] if page.split("/", 1)[0] in translations else page
    for _ in range(2):  # twice: the first pass may fall between the two phases of a round
        for prefix in prefixes:
            fetch(base + prefix + article)
        time.sleep(0.2)


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


def measure(count: int, runs: int, stock_serve_max: int | None, work: Path, previews=tuple(PREVIEWS)) -> dict:
    project = work / f"site-{count}"
    synthetic_site.generate(project, count)
    result = {"articles": count, "runs": runs, "builds": measure_builds(project, runs)}
    for kind in PREVIEWS:
        if kind not in previews or (kind == "stock_serve" and stock_serve_max is not None and count > stock_serve_max):
            result[kind] = {name: "not measured" for name in ("start", *PREVIEW_EDITS)}
        else:
            result[kind] = measure_preview(project, count, kind, runs)
    result["translations"] = measure_translation_check(project, runs)
    result["pages"] = measure_pages(project / "site-ours", count)
    return result


def measure_languages(language_count: int, articles: int, runs: int, work: Path) -> dict:
    """Our build and the stock one on `articles` articles in each of `language_count` languages,
    and the Italian pages built alone: their cost should not grow with the other languages."""
    project = work / f"languages-{language_count}"
    synthetic_site.generate(project, articles, language_count)
    commands = build_commands(project, plain=False)
    commands["italian"] = ([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site-it")],
                           {**ENV, BUILD_LANGUAGE_VARIABLE: "it"})
    runs_of = run_round_robin(project, commands, runs)
    sitemaps = [path.stat().st_size for path in (project / "site-ours").glob("sitemap*.xml")]
    return {"languages": language_count, "articles": articles, "runs": runs,
            **{name: summary(samples) for name, samples in runs_of.items()},
            "round_ratio": median([ours[0] / stock[0] for ours, stock in zip(runs_of["ours"], runs_of["stock"])]),
            "largest_sitemap_kb": max(sitemaps) / 1000, "sitemaps": len(sitemaps)}


def languages_table(results: list[dict]) -> str:
    columns = [f"{r['articles']} × {r['languages']}" for r in results]

    def per(r, name, key):
        return r[name][key] / r["languages"]

    rows = [
        ("Articles per language × languages", columns),
        ("Build time: our build (make build)", [seconds(r["ours"]["seconds"]) for r in results]),
        ("Build time: stock `mkdocs build`", [seconds(r["stock"]["seconds"]) for r in results]),
        ("Ratio ours / stock", [f"{r['ours']['seconds'] / r['stock']['seconds']:.2f}" for r in results]),
        ("Ratio ours / stock, round by round (median)", [f"{r['round_ratio']:.2f}" for r in results]),
        ("CPU time (user + system): ours", [seconds(r["ours"]["cpu_seconds"]) for r in results]),
        ("CPU time (user + system): stock", [seconds(r["stock"]["cpu_seconds"]) for r in results]),
        ("CPU time per language: ours", [seconds(per(r, "ours", "cpu_seconds")) for r in results]),
        ("CPU time per language: stock", [seconds(per(r, "stock", "cpu_seconds")) for r in results]),
        ("CPU overhead, ours over stock", [f"{(r['ours']['cpu_seconds'] / r['stock']['cpu_seconds'] - 1) * 100:+.0f} %"
                                           for r in results]),
        ("The Italian pages alone (HELP_BUILD_LANGUAGE=it): CPU time",
         [seconds(r["italian"]["cpu_seconds"]) for r in results]),
        ("Peak memory, all processes (PSS): ours", [f"{r['ours']['pss_mb']:.0f} MB" for r in results]),
        ("Peak memory, all processes (PSS): stock", [f"{r['stock']['pss_mb']:.0f} MB" for r in results]),
        ("Ratio of peak memory ours / stock", [f"{r['ours']['pss_mb'] / r['stock']['pss_mb']:.2f}" for r in results]),
        ("Peak memory, one process: ours", [f"{r['ours']['memory_mb']} MB" for r in results]),
        ("Sitemaps: files, largest", [f"{r['sitemaps']}, {r['largest_sitemap_kb']:.0f} KB" for r in results]),
    ]
    lines = ["| Measure | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(values) + " |" for label, values in rows[1:]]
    return "\n".join(lines)


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
    for name in ("ours", "stock"):
        rows.append((f"Peak memory, all processes (PSS): {name}", [f"{r['builds'][name]['pss_mb']:.0f} MB"
                                                                     for r in results]))
    for name in ("ours", "stock", "plain"):
        rows.append((f"Output size: {name}", [f"{r['builds'][name]['size_mb']:.1f} MB" for r in results]))
    previews = (("serve_all", "`make serve` (all)"), ("serve_it", "`make serve LANG=it`"),
                ("stock_serve", "stock `mkdocs serve`"))
    for edit, what in (("article", "save → visible"), ("english", "English save → the English page"),
                       ("english_translation", "English save → its Italian translation's notice"),
                       ("fallback", "English edit → Italian page without translation"),
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


def report(results: list[dict], language_results: list[dict], command: str, load: float,
           saves: dict | None = None) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    articles = f"{table(results)}\n" if results else "(not measured in this run)\n"
    day = saves_table(saves) if saves else "(not measured in this run)\n"
    languages = f"{languages_table(language_results)}\n" if language_results else "(not measured in this run)\n"
    return f"""## Builds, preview and page weight (`make bench`)

Written by `make bench` (`{command}`) on {when}.
Machine: {machine()}. Load average when the run began: {load:.1f}, when it ended:
{os.getloadavg()[0]:.1f}. Other work on the machine makes wall times noisy; compare the columns
of one run with each other, and the CPU times, which it hardly moves.

### Articles: 3 languages, more articles

{articles}
### A writer's day: the same article saved again and again

{day}
### Languages: the same articles per language, more languages

{languages}
How to read the languages table:
- The sites are the synthetic ones described under the articles table, in
  {", ".join(str(r["languages"]) for r in language_results) or "several"} languages; the languages beyond en, it and fr are added with
  `make add-language` (their data texts pending, their articles written).
- CPU time per language is the whole build's CPU time over its languages; "the Italian
  pages alone" builds the same Italian pages at every width: a language's build that cost
  more with more languages around it would show here.
- Peak memory, all processes: the largest total PSS of the build's processes together,
  sampled every {int(MEMORY_INTERVAL * 1000)} ms: our build runs one more language process than there
  are cores at a time, forked from one that has loaded MkDocs once.

How to read the articles table:
- Synthetic sites (scripts/synthetic_site.py): N articles in each of en, it, fr, in
  collapsible sections of {synthetic_site.ARTICLES_PER_SECTION} with `navigation.prune`
  (instead of `navigation.sections`), each with front matter, two headings
  with ids, a note, a procedure and two labels from the real data/.
- Build times are wall-clock medians; CPU time is the work done by all of a
  build's processes, which shared-machine noise hardly moves (ours does a little
  more work than stock, spread over the cores); "plain Material" has no i18n, no macros
  and no hooks, so it is the floor for one language.
- Peak memory, one process: the largest single process; all processes: their total PSS, as
  in the languages table.
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
    parser.add_argument("--languages", default=",".join(map(str, DEFAULT_LANGUAGE_COUNTS)),
                        help="languages axis: numbers of languages, comma-separated (default %(default)s; "
                             f"{len(synthetic_site.LANGUAGES)} to "
                             f"{len(synthetic_site.LANGUAGES + synthetic_site.MORE_LANGUAGES)}; empty: skip)")
    parser.add_argument("--language-articles", type=int, default=DEFAULT_LANGUAGE_ARTICLES,
                        help="articles per language on the languages axis (default %(default)s)")
    parser.add_argument("--previews", default=",".join(PREVIEWS),
                        help="the previews measured, comma-separated (default %(default)s)")
    parser.add_argument("--saves", type=int, default=DEFAULT_SAVES,
                        help="a writer's day: saves of one article in a row in `make serve` (default %(default)s; 0: skip)")
    parser.add_argument("--saves-articles", type=int, default=DEFAULT_LANGUAGE_ARTICLES,
                        help="articles per language for the saves in a row (default %(default)s)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    words = sys.argv[1:]
    if words[:1] == ["--from-make"]:
        # `make bench BENCH_ARGS='--sizes 300'` hands the options over as one word, split here
        # as a shell would split them, so that no shell ever reads what was typed.
        try:
            words = shlex.split(" ".join(words[1:]))
        except ValueError as error:
            parser.error(f"BENCH_ARGS: {error}")
    args = parser.parse_args(words)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    language_counts = [int(count) for count in args.languages.split(",") if count.strip()]
    load = os.getloadavg()[0]
    results, language_results, saves = [], [], None
    with tempfile.TemporaryDirectory(prefix="help-bench-") as work:
        if args.saves:
            print(f"bench: {args.saves} saves in a row, {args.saves_articles} articles × 3…", file=sys.stderr, flush=True)
            project = Path(work) / f"saves-{args.saves_articles}"
            synthetic_site.generate(project, args.saves_articles)
            saves = measure_saves(project, args.saves_articles, args.saves)
            print(saves_table(saves), file=sys.stderr, flush=True)
        for count in sizes:
            runs = args.runs or (3 if count <= 300 else 1)
            print(f"bench: {count} articles × 3 languages, {runs} run(s)…", file=sys.stderr, flush=True)
            results.append(measure(count, runs, args.stock_serve_max, Path(work), args.previews.split(",")))
            print(table(results), file=sys.stderr, flush=True)
        for language_count in language_counts:
            runs = args.runs or (3 if args.language_articles <= 300 else 1)
            print(f"bench: {args.language_articles} articles × {language_count} languages, {runs} run(s)…",
                  file=sys.stderr, flush=True)
            language_results.append(measure_languages(language_count, args.language_articles, runs, Path(work)))
            print(languages_table(language_results), file=sys.stderr, flush=True)
    command = "make bench BENCH_ARGS='" + shlex.join(words) + "'"
    write_report(args.output, report(results, language_results, command.strip(), load, saves))
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

"""make bench runs end to end on a tiny corpus and writes its table (no timing is asserted): every
kind of measure once, at the smallest size that has it (the stock preview is measured by the same
code as ours; `make bench` measures all three)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import QUIET_ENV, ROOT


@pytest.mark.long_running
def test_bench_measures_every_row_on_a_tiny_site(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    output.write_text("# Benchmarks\n\nNotes a person wrote, which a run must keep.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "--sizes", "2", "--languages", "4", "--language-articles", "2",
         "--runs", "1", "--previews", "serve_all", "--saves", "2", "--saves-articles", "2", "--output", str(output)],
        cwd=ROOT, env=QUIET_ENV, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    report = output.read_text(encoding="utf-8")
    assert report.startswith("# Benchmarks\n\nNotes a person wrote, which a run must keep.\n")
    assert "nproc" in report and "memory" in report
    articles_table, languages_table = report.split("### Languages", 1)
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ")[1].strip(" |")
            for line in articles_table.splitlines() if line.startswith("| ") and " | " in line}
    for label in ("Build time: our build (make build)", "Build time: stock `mkdocs build`",
                  "Build time: plain Material, English only", "Preview, save → visible: `make serve` (all)",
                  "Preview, English edit → Italian page without translation: `make serve` (all)",
                  "Preview, English save → the English page: `make serve` (all)",
                  "Preview, English save → its Italian translation's notice: `make serve` (all)",
                  "Preview, data edit (a label) → page: `make serve` (all)", "CPU time (user + system): ours",
                  "CPU time (user + system): stock"):
        assert re.fullmatch(r"\d+\.\d\d s", rows[label]), f"{label}: {rows[label]}"
    for label in ("Peak memory, one process: ours", "Output size: stock", "Article page: HTML",
                  "Article page: transferred, gzip (page + CSS + JS)"):
        assert re.fullmatch(r"[\d.]+ [KM]B", rows[label]) and not rows[label].startswith("0 "), rows[label]
    translation = rows["Translation check (make check)"]
    # The synthetic translations are recorded in step with their sources: the check is clean.
    assert re.fullmatch(r"[\d.]+ s \(0 findings\)", translation), translation
    assert re.fullmatch(r"\d+ MB", rows["Peak memory, all processes (PSS): ours"]) and \
        not rows["Peak memory, all processes (PSS): ours"].startswith("0 ")
    # A writer's day: saves in a row, early and late.
    day = {line.split(" | ")[0].strip("| "): [cell.strip(" |") for cell in line.split(" | ")[1:]]
           for line in report.split("### A writer's day", 1)[1].split("###", 1)[0].splitlines()
           if line.startswith("| ") and " | " in line}
    assert all(re.fullmatch(r"\d+\.\d\d s", cell) for cell in day["Save → visible (median)"]), day
    assert all(re.fullmatch(r"\d+ MB", cell) for cell in day["Memory of the preview and its processes (PSS, median)"])
    first, last = day["Italian search index as served (first, last save)"]
    assert first == last and first.endswith(" KB"), (first, last)
    # The languages axis: 3 and 4 languages, side by side with stock, in the same run.
    columns = {line.split(" | ")[0].strip("| "): [cell.strip(" |") for cell in line.split(" | ")[1:]]
               for line in languages_table.splitlines() if line.startswith("| ") and " | " in line}
    assert rows["Preview, save → visible: stock `mkdocs serve`"] == "not measured"
    assert columns["Measure"] == ["2 × 4"]
    for label in ("Build time: our build (make build)", "Build time: stock `mkdocs build`",
                  "CPU time per language: ours", "CPU time per language: stock",
                  "The Italian pages alone (HELP_BUILD_LANGUAGE=it): CPU time"):
        assert all(re.fullmatch(r"\d+\.\d\d s", cell) for cell in columns[label]), (label, columns[label])
    assert all(re.fullmatch(r"[+-]\d+ %", cell) for cell in columns["CPU overhead, ours over stock"])
    for label in ("Peak memory, all processes (PSS): ours", "Peak memory, all processes (PSS): stock"):
        assert all(re.fullmatch(r"\d+ MB", cell) and cell != "0 MB" for cell in columns[label]), columns[label]
    assert [cell.split(",")[0] for cell in columns["Sitemaps: files, largest"]] == ["5"]  # an index + one each
    assert not list(ROOT.glob(".site-build-*")), "the bench left build folders in the repository"

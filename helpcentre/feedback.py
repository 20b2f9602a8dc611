"""What readers told the help centre (issue 17), from the feedback log nginx writes
(serve/help-centre.conf, log_format help_feedback: one JSON object per line, the fields as the
browser encoded them): votes per article and language, the sections readers said were missing
something, and the searches that found nothing, most frequent first, per language.

    python -m helpcentre feedback-report /var/log/nginx/help-centre-feedback.log [more logs, .gz too]
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote_plus

FIELDS = ("time", "event", "page", "section", "lang", "plan", "vote", "reason", "comment", "q")
EVENTS = ("vote", "missing", "search")
SERVER_LOG = "/var/log/nginx/help-centre-feedback.log"
ASCII_SPACES = re.compile(r"[ \t]+")


class FeedbackLogError(ValueError):
    """A log that cannot be read at all; the message says which and why."""


@dataclass(frozen=True)
class Event:
    time: str
    event: str
    page: str
    section: str
    lang: str
    plan: str
    vote: str
    reason: str
    comment: str
    q: str


@dataclass
class Skipped:
    """Lines that are not feedback events (another log, a line cut short): counted, not fatal."""
    count: int = 0
    first: str = ""


@dataclass
class Report:
    votes: dict[tuple[str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    missing: dict[tuple[str, str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    comments: dict[tuple[str, str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    searches: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    first: str = ""
    last: str = ""
    events: int = 0
    skipped: Skipped = field(default_factory=Skipped)


def _clean(value: str) -> str:
    """A field as the reader typed it: decoded, on one line, without control characters (a line
    break becomes a space); other spaces, the French narrow ones included, stay as typed."""
    text = unquote_plus(value, errors="replace")
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in text)
    return ASCII_SPACES.sub(" ", text).strip()


def parse_line(line: str) -> Event | None:
    """One line of the log as an event, or None when it is not one."""
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    if not isinstance(entry, dict) or entry.get("event") not in EVENTS:
        return None
    if not all(isinstance(entry.get(name), str) for name in FIELDS):
        return None
    return Event(**{name: entry[name] if name == "time" else _clean(entry[name]) for name in FIELDS})


def read_lines(path: Path) -> Iterable[tuple[int, str]]:
    """The lines of a log (gzip-compressed when rotated: help-centre-feedback.log.2.gz)."""
    if not path.exists():
        raise FeedbackLogError(f"{path}: no such file; give the log nginx writes readers' feedback to "
                               f"({SERVER_LOG} on the server, see README \"Feedback\")")
    if path.is_dir():
        raise FeedbackLogError(f"{path}: a folder, not a log; give the feedback log itself, e.g. {SERVER_LOG}")
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as log:
            yield from enumerate(log, 1)
    except (OSError, EOFError) as error:
        raise FeedbackLogError(f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})") from None


def build_report(paths: list[Path]) -> Report:
    report = Report()
    for path in paths:
        for number, line in read_lines(path):
            if not line.strip():
                continue
            event = parse_line(line)
            if event is None:
                report.skipped.count += 1
                report.skipped.first = report.skipped.first or f"{path}:{number}"
                continue
            report.events += 1
            report.first = min(report.first or event.time, event.time)
            report.last = max(report.last, event.time)
            if event.event == "vote" and event.vote in ("yes", "no"):
                report.votes[(event.page, event.lang)][event.vote] += 1
            elif event.event == "missing":
                where = (event.page, event.section, event.lang)
                report.missing[where][event.reason or "(no choice)"] += 1
                if event.comment:
                    report.comments[where].append(event.comment)
            elif event.event == "search" and event.q:
                report.searches[event.lang][event.q.lower()] += 1
    return report


def format_report(report: Report, top: int = 10, languages: tuple[str, ...] = ()) -> str:
    """The report as text for a terminal: three tables, each saying so when it is empty."""
    def language_order(lang: str) -> tuple[int, str]:
        return (languages.index(lang) if lang in languages else len(languages), lang)

    period = f", {report.first[:10]} to {report.last[:10]}" if report.events else ""
    lines = [f"{report.events} answers and searches{period}", ""]

    lines.append("Was this page helpful? Votes per article and language")
    if report.votes:
        width = max(len(page or "(no page)") for page, _ in report.votes)
        lines.append(f"  {'article':<{width}}  lang   yes    no")
        for (page, lang), counts in sorted(report.votes.items(), key=lambda item: (item[0][0], language_order(item[0][1]))):
            lines.append(f"  {page or '(no page)':<{width}}  {lang:<5} {counts['yes']:>4}  {counts['no']:>4}")
    else:
        lines.append("  (no votes)")
    lines.append("")

    lines.append("What readers said was missing: per article, section and language")
    if report.missing:
        ordered = sorted(report.missing.items(), key=lambda item: (-sum(item[1].values()), item[0][0], item[0][1]))
        for (page, section, lang), reasons in ordered:
            where = f"{page}#{section}" if section else f"{page} (the whole page)"
            counted = ", ".join(f"{reason} {count}" for reason, count in reasons.most_common())
            lines.append(f"  {sum(reasons.values()):>4}  {where} [{lang}]: {counted}")
            lines += [f"          \"{comment}\"" for comment in report.comments[(page, section, lang)]]
    else:
        lines.append("  (nothing)")
    lines.append("")

    lines.append(f"Searches that found nothing, top {top} per language "
                 "(add the customers' words to data/search-terms.yml)")
    if report.searches:
        for lang in sorted(report.searches, key=language_order):
            lines.append(f"  {lang}")
            lines += [f"    {count:>4}  {query}" for query, count in report.searches[lang].most_common(top)]
    else:
        lines.append("  (none)")
    return "\n".join(lines) + "\n"

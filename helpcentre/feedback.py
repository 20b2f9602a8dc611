"""What readers told the help centre (issues 17 and 28), from the feedback log nginx writes
(serve/help-centre.conf, log_format help_feedback: one JSON object per line, the fields as the
browser encoded them): votes per article and language (and per week), the sections readers said
were missing something, the searches that found nothing or that readers left for another without
opening a result, and which result they opened (its position in the list), per language.

A query is shown only once it was typed at least QUERY_MIN_COUNT times in a language (in any
event: found nothing, left, or a result opened): one person's words are never singled out. The
log holds no address or cookie, so the count is of searches, not of people; the threshold keeps a
query that a handful of readers typed in common, and leaves out the one-off words (a name, an
invoice number) that would say who typed them. Those are counted, not shown.

    python -m helpcentre feedback-report /var/log/nginx/help-centre-feedback.log [more logs, .gz too]
"""

from __future__ import annotations

import datetime
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
ADDED_FIELDS = ("result", "position")  # issue 28; lines logged before have none
EVENTS = ("vote", "missing", "search", "abandoned", "click")
QUERY_MIN_COUNT = 5  # k-anonymity: a query is shown once typed this many times in a language (README "Feedback")
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
    result: str = ""    # click: the article opened
    position: str = ""  # click: its place among the results, "1" for the first


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
    searches: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))   # found nothing
    abandoned: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # left for another
    typed: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))      # every search event
    positions: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # click: position
    chosen: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))     # click: (query, article)
    weekly: dict[tuple[str, str], dict[str, Counter]] = field(  # (page, lang) -> ISO week -> yes/no
        default_factory=lambda: defaultdict(lambda: defaultdict(Counter)))
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
    if not all(isinstance(entry.get(name, ""), str) for name in ADDED_FIELDS):
        return None
    return Event(**{name: entry[name] if name == "time" else _clean(entry[name]) for name in FIELDS},
                 **{name: _clean(entry.get(name, "")) for name in ADDED_FIELDS})


def week(time: str) -> str:
    """The ISO week of a log time: 2026-11-25T10:00:00+00:00 -> 2026-W48 ("" when unreadable)."""
    try:
        year, number, _ = datetime.date.fromisoformat(time[:10]).isocalendar()
    except ValueError:
        return ""
    return f"{year}-W{number:02d}"


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
                report.weekly[(event.page, event.lang)][week(event.time)][event.vote] += 1
            elif event.event == "missing":
                where = (event.page, event.section, event.lang)
                report.missing[where][event.reason or "(no choice)"] += 1
                if event.comment:
                    report.comments[where].append(event.comment)
            elif event.event in ("search", "abandoned", "click") and event.q:
                query = event.q.lower()
                report.typed[event.lang][query] += 1
                if event.event == "search":
                    report.searches[event.lang][query] += 1
                elif event.event == "abandoned":
                    report.abandoned[event.lang][query] += 1
                elif event.position.isdigit():
                    report.positions[event.lang][int(event.position)] += 1
                    report.chosen[event.lang][(query, event.result)] += 1
    return report


def shown(report: Report, lang: str, query: str, min_count: int = QUERY_MIN_COUNT) -> bool:
    """Whether a query may be shown: typed at least min_count times in that language."""
    return report.typed[lang][query] >= min_count


def misses(report: Report, lang: str, min_count: int = QUERY_MIN_COUNT) -> list[tuple[str, int, int]]:
    """(query, found nothing, left for another) for each query shown, most missed first."""
    queries = set(report.searches[lang]) | set(report.abandoned[lang])
    rows = [(query, report.searches[lang][query], report.abandoned[lang][query])
            for query in queries if shown(report, lang, query, min_count)]
    return sorted(rows, key=lambda row: (-(row[1] + row[2]), row[0]))


def hidden_misses(report: Report, lang: str, min_count: int = QUERY_MIN_COUNT) -> int:
    """How many missed searches are left out because their query was typed too few times."""
    return sum(report.searches[lang][query] + report.abandoned[lang][query]
               for query in set(report.searches[lang]) | set(report.abandoned[lang])
               if not shown(report, lang, query, min_count))


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

    lines.append(f"Searches that found nothing or were left for another, top {top} per language, each typed at "
                 f"least {QUERY_MIN_COUNT} times (add the customers' words to data/search-terms.yml)")
    missed = sorted(set(report.searches) | set(report.abandoned), key=language_order)
    if missed:
        for lang in missed:
            rows, hidden = misses(report, lang)[:top], hidden_misses(report, lang)
            lines.append(f"  {lang}   nothing   left")
            lines += [f"    {nothing:>8}  {left:>5}  {query}" for query, nothing, left in rows]
            if hidden:
                lines.append(f"    ({hidden} more, of queries typed fewer than {QUERY_MIN_COUNT} times, not shown)")
    else:
        lines.append("  (none)")
    lines.append("")

    lines.append("Results opened: their position in the list (1 = first)")
    if report.positions:
        for lang in sorted(report.positions, key=language_order):
            counts = report.positions[lang]
            lines.append(f"  {lang}  " + ", ".join(f"{position}: {counts[position]}" for position in sorted(counts)))
    else:
        lines.append("  (none)")
    return "\n".join(lines) + "\n"

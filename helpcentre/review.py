"""When an article is due for review (issue 28): `review_by:` (a date) and `owner:` in the front
matter of an English article. Its translations inherit both: they are written in the English file
only, and a change to them is no change of text to translate (translations/markdown.py leaves them
out of `source_hash`).

Plain functions for `make status` (the overdue articles, with their owners), the build (one line
per overdue article, never a failure) and the source checks (a date that is not a date: one
message with the file and line). An article that states a price, a percentage or a term (in its
own words or in the notes and steps it shows) goes out of date when the business changes them, so
it gets a date: `suggested_date` is six months from its last change.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # the translation model reads this module too: it stays light to import
    from .data import HelpData

REVIEW_BY, OWNER = "review_by", "owner"
KEYS = (REVIEW_BY, OWNER)  # English only: a translation inherits them
REVIEW_AFTER_MONTHS = 6

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
KEY_LINE = re.compile(rf"^(?P<key>{'|'.join(KEYS)})[ \t]*:.*(?:\n|\Z)", re.M)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# What goes out of date: a price (€19, 19 EUR, $5), a percentage (10%, ten per cent) and a term
# (30 days, twelve-month, 1 year). Numbers may be written in words, as articles do ("twelve months").
NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|"
                "eighteen|twenty|twenty-four|thirty|forty-five|sixty|ninety")
AMOUNT = rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS})"
PRICE = re.compile(r"[$€£]\s?\d+(?:[.,]\d+)?|\d(?:[\d.,]*\d)?\s?(?:€|£|\$|(?:EUR|USD|GBP|euros?|dollars?|pounds?)\b)", re.I)
PERCENTAGE = re.compile(rf"\b{AMOUNT}\s?(?:%|per ?cent\b)", re.I)
TERM = re.compile(rf"\b{AMOUNT}[- ](?:calendar[- ])?(?:days?|weeks?|months?|years?)\b", re.I)
STATEMENTS = (("price", PRICE), ("percentage", PERCENTAGE), ("term", TERM))


class ReviewError(ValueError):
    """A review_by or owner that cannot be read; the message names the file and the line."""

    def __init__(self, shown: str, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(f"{shown}:{line}: {message}")


@dataclass(frozen=True)
class Review:
    article: str                      # its id (its file name without .md)
    source: str                       # docs/en/<article>.md
    line: int                         # the line of its review_by: (0 without one)
    review_by: datetime.date | None
    owner: str                        # "" when nobody is named
    states: tuple[str, ...] = ()      # what it states that goes out of date: "price '€19'", "term 'twelve months'"

    def overdue(self, today: datetime.date) -> bool:
        return self.review_by is not None and self.review_by < today

    def text(self) -> str:
        """One line, as `make status` and the build print it."""
        owner = f"owner: {self.owner}" if self.owner else "no owner: add 'owner:' to its front matter"
        return f"{self.source}:{self.line}: review was due on {self.review_by.isoformat()} ({owner})"


# ---------------------------------------------------------------------------
# Reading the front matter
# ---------------------------------------------------------------------------


def front_matter_problems(text: str, shown: str) -> list[str]:
    """A review_by that is not a date, or an owner that is not a name: one message each, with the
    file and the author's line (the build stops on them, as on any mistake in an article)."""
    try:
        read(text, shown)
    except ReviewError as error:
        return [str(error)]
    return []


def read(text: str, shown: str) -> tuple[datetime.date | None, str, int]:
    """(review_by, owner, line of review_by) from an article's text."""
    front = FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not front:
        return None, "", 0
    body = front.group("body") or ""
    lines = {match.group("key"): body.count("\n", 0, match.start()) + 2 for match in KEY_LINE.finditer(body)}
    if not lines:
        return None, "", 0
    review_by, owner = None, ""
    if REVIEW_BY in lines:
        raw = _value(body, REVIEW_BY)
        review_by = _date(raw)
        if review_by is None:
            raise ReviewError(shown, lines[REVIEW_BY], f"review_by: '{raw}' is not a date; write the day the "
                              f"article is due for review as year-month-day, e.g. "
                              f"{REVIEW_BY}: {suggested_date(datetime.date.today()).isoformat()}")
    if OWNER in lines:
        owner = _value(body, OWNER)
        if not owner:
            raise ReviewError(shown, lines[OWNER], "owner: expected who reviews the article (a name, a team "
                              "or an address), e.g. owner: Billing team")
    return review_by, owner, lines.get(REVIEW_BY, 0)


def _value(body: str, key: str) -> str:
    """A key's value as written (YAML reads 2027-05-25 as a date, and refuses 2027-13-01 with a
    ValueError, not a YAML error: read on its own line, as text)."""
    line = next(match.group(0) for match in KEY_LINE.finditer(body) if match.group("key") == key)
    try:
        value = yaml.safe_load(line.split(":", 1)[1].strip() or "''")
    except (yaml.YAMLError, ValueError):
        return line.split(":", 1)[1].strip()
    return value.isoformat() if isinstance(value, datetime.date) else str(value if value is not None else "").strip()


def _date(raw: str) -> datetime.date | None:
    if not ISO_DATE.match(raw):
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        return None


def without_review_keys(text: str) -> str:
    """The text with review_by and owner left out of its front matter: what a translation takes
    from its English (a review date is no text to translate)."""
    front = FRONT_MATTER.match(text)
    if not front or not front.group("body"):
        return text
    body = KEY_LINE.sub("", front.group("body"))
    return text[:front.start("body")] + body + text[front.end("body"):]


# ---------------------------------------------------------------------------
# The articles
# ---------------------------------------------------------------------------


def statements(text: str, data: HelpData | None = None, lang: str = "en") -> tuple[str, ...]:
    """The prices, percentages and terms an article states, in its own words and in the notes and
    steps its macros show ("price '€19'"), in order, each once."""
    from .macro_calls import quoted_ids

    shown = [without_review_keys(text)]
    if data is not None:
        for name, data_id in quoted_ids(text):
            if name == "note" and data_id in data.notes:
                shown.append(data.notes[data_id].text.get(lang) or "")
            elif name == "procedure" and data_id in data.procedures:
                shown += [step.text.get(lang) or "" for step in data.procedures[data_id]]
    found: dict[str, None] = {}
    for words in shown:
        for kind, pattern in STATEMENTS:
            for match in pattern.finditer(words):
                found[f"{kind} '{match.group(0).strip()}'"] = None
    return tuple(found)


def reviews(site, data: HelpData | None = None) -> list[Review]:
    """Every English article's review date and owner, and what it states that goes out of date.
    A date that is not a date raises ReviewError (file and line)."""
    found = []
    folder = site.docs / site.default
    for path in sorted(folder.rglob("*.md"), key=Path.as_posix):
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        shown = site.display(path)
        review_by, owner, line = read(text, shown)
        found.append(Review(site.article_id(path.relative_to(folder).as_posix()), shown, line, review_by, owner,
                            statements(text, data, site.default)))
    return found


def overdue(found: list[Review], today: datetime.date) -> list[Review]:
    """The articles whose review date has passed, the longest overdue first."""
    return sorted((review for review in found if review.overdue(today)), key=lambda review: (review.review_by, review.source))


def undated(found: list[Review]) -> list[Review]:
    """The articles that state a price, a percentage or a term and have no review date."""
    return [review for review in found if review.states and review.review_by is None]


def suggested_date(last_change: datetime.date, months: int = REVIEW_AFTER_MONTHS) -> datetime.date:
    """Six months from an article's last change (the last day of the month when the day does not
    exist there: 31 August -> 28 or 29 February)."""
    month = last_change.month - 1 + months
    year, month = last_change.year + month // 12, month % 12 + 1
    for day in range(last_change.day, 27, -1):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    return datetime.date(year, month, min(last_change.day, 28))


def status_lines(found: list[Review], today: datetime.date) -> list[str]:
    """What `make status` says of reviews: the overdue articles with their owners, then the
    articles that state a price, a percentage or a term without a date."""
    late = overdue(found, today)
    lines = [f"Articles due for review ({today.isoformat()}): {len(late) or 'none'}"]
    lines += [f"  {review.text()}" for review in late]
    missing = undated(found)
    if missing:
        lines.append("Articles that state a price, a percentage or a term and have no review_by "
                     f"(suggested: {REVIEW_AFTER_MONTHS} months from their last change):")
        lines += [f"  {review.source}: {', '.join(review.states)}" for review in missing]
    return lines

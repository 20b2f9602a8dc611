"""When a page's text last changed, as a LastUpdated(iso, text) with the date written the way the
reader's language writes it (templates show it at the end of every article).

The date is that of the last commit touching the page's source file, so it says when the
words changed, not when the site was built (a build date would move on every deploy and
tell the reader nothing). A page shown from the English source because it is not
translated yet gets the English file's date. A file git does not know yet (a new article
in the preview, or a copy of the project without .git) gets its modification date.
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date

from .site import babel_locale

COMMIT_MARK = "\x00"  # git log prints it (%x00) before each commit date; never in a file name


@dataclass(frozen=True)
class LastUpdated:
    iso: str    # 2026-11-20, for <time datetime>
    text: str   # 20 novembre 2026


def commit_dates(docs_dir: Path, folders: list[str]) -> dict[Path, datetime.date]:
    """{source file: date of the last commit that changed it}, from one `git log` over these
    folders of docs/ (the languages a build renders).

    One call for the whole tree rather than one per page: a 1000-article site has 3000 pages."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=docs_dir,
                             capture_output=True, text=True, check=True).stdout.strip()
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--no-renames",
                              "--", *folders], cwd=docs_dir, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}  # not a git checkout: every page uses its file's date
    dates: dict[Path, datetime.date] = {}
    date = None
    for line in log.splitlines():
        if line.startswith(COMMIT_MARK):
            date = datetime.date.fromisoformat(line[len(COMMIT_MARK):])
        elif line and date is not None:
            dates.setdefault(Path(top, line), date)  # the log runs newest first
    return dates


def last_updated(source: Path, lang: str, dates: dict[Path, datetime.date]) -> LastUpdated:
    date = dates.get(source) or datetime.date.fromtimestamp(source.stat().st_mtime)
    return LastUpdated(date.isoformat(), format_date(date, format="long", locale=babel_locale(lang)))

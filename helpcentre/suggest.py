""""Did you mean …?": the known name closest to a misspelt one, for every message that names an
unknown macro, id or article (the build's and `make check`'s alike)."""

from __future__ import annotations

import difflib
from typing import Callable, Iterable

# How alike two names must be (difflib's ratio) to be offered: 'procedur' and 'procedure', or
# 'pause_montly_only' and 'pause_monthly_only', pass; 'cycler' and 'procedure' do not.
CUTOFF = 0.75


def closest(wanted: str, known: Iterable[str]) -> str | None:
    """The known name most like `wanted`, if one is close enough to be what was meant."""
    close = difflib.get_close_matches(str(wanted), sorted(known), n=1, cutoff=CUTOFF)
    return close[0] if close else None


def did_you_mean(wanted: str, known: Iterable[str], shown: Callable[[str], str] = "'{}'".format) -> str:
    """'did you mean 'x'? ' (with its trailing space) when a known name is close, else ''."""
    close = closest(wanted, known)
    return f"did you mean {shown(close)}? " if close else ""

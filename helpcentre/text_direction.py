"""Which way a language's text runs (CLDR, through Babel), and keeping a run of text in the
other direction whole inside it.

An Arabic or Hebrew page is right-to-left; the English shown in it until it is translated (a
whole article, a step, a label, a title in the navigation) is left-to-right. Left unmarked, the
browser lays each English run out by the page's direction: its full stop lands at the wrong end
(".Sign in, open…") and a name in the other script inside it is scrambled. Each such run is
isolated: `dir` on its element (or <bdi>) in HTML, FSI … PDI in plain text (Unicode's bidi
isolates, what <bdi> is to HTML).
"""

from __future__ import annotations

import unicodedata
from functools import cache

LTR, RTL = "ltr", "rtl"
FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE, POP DIRECTIONAL ISOLATE
STRONG = {"L": LTR, "R": RTL, "AL": RTL}  # the bidi classes that decide a text's direction


@cache
def direction(language: str) -> str:
    """'rtl' or 'ltr' for a language code (ar, he, pt-BR), as CLDR writes it; 'ltr' for a code
    CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return RTL if Locale.parse(language.replace("-", "_")).text_direction == RTL else LTR
    except (UnknownLocaleError, ValueError):
        return LTR


def text_direction(text: str) -> str | None:
    """The direction of a text as a browser with dir="auto" takes it: its first letter that has
    one (Latin or Cyrillic: ltr; Arabic or Hebrew: rtl); None for a text of digits and signs."""
    for char in text:
        strong = STRONG.get(unicodedata.bidirectional(char))
        if strong:
            return strong
    return None


def differs(text_language: str, around_language: str) -> bool:
    """Whether text in one language, shown inside text in another, runs the other way."""
    return direction(text_language) != direction(around_language)


def isolated(text: str) -> str:
    """Plain text kept whole inside text of the other direction: FSI … PDI around it."""
    return f"{FSI}{text}{PDI}"

"""The template code in a text, read with Jinja's own lexer: every {{ … }}, {% … %}, {# … #} and
{% raw %}, however it is spaced and over however many lines it is broken.

A translation may hold only the template code of its English: a translator's words go into a page
that is rendered as a template, and neither a CAT tool nor a reviewer reads code in a paragraph.
`added` names what a translation has besides its English's; the PO import compares each segment
with its English this way (helpcentre/translations/exchange.py), and `make check` each translated
article with its English (helpcentre/translations/check.py). Reading Jinja's tokens, not matching
lines with a pattern, is what makes a tag broken over two lines count like any other.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, TemplateSyntaxError

# Jinja's default syntax: the settings page text is rendered with (helpcentre/page_text.py).
LEXER = Environment().lexer
OPENERS = {"variable_begin": "variable_end", "block_begin": "block_end", "comment_begin": "comment_end"}
SINGLE = ("raw_begin", "raw_end")  # {% raw %} and {% endraw %} are one token each
# A quick reading that is exact for most pages (see _quick_pieces): each tag whole on its line.
QUICK_PIECE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
STARTER = re.compile(r"\{[{%#]")  # where Jinja's lexer leaves plain text


@dataclass(frozen=True)
class Construct:
    line: int    # its first line, counted in the text given
    key: tuple   # its tokens, spacing and quoting aside: what must be the same as in the English
    shown: str   # as written, on one line


def constructs(text: str) -> list[Construct]:
    """Every piece of template code in the text, in order. Text Jinja cannot read from some point on
    (an unclosed comment, a quote never closed) is one piece, from that point to the end, whose key
    no readable English has."""
    found: list[Construct] = []
    tokens: list[tuple[int, str, str]] = []
    unread: tuple[int, str] | None = None  # where Jinja stopped reading, and why
    try:
        for token in LEXER.tokeniter(text, None):
            tokens.append(token)
    except TemplateSyntaxError as error:
        unread = (error.lineno or 1, error.message or "")
    current: list[tuple[int, str, str]] = []
    for token in tokens:
        kind = token[1]
        if current:
            current.append(token)
            if kind == OPENERS[current[0][1]]:
                found.append(_construct(current))
                current = []
        elif kind in OPENERS:
            current = [token]
        elif kind in SINGLE:
            found.append(_construct([token]))
    if unread:  # from the tag it is in (or from where it stopped) to the end, one piece
        line = current[0][0] if current else unread[0]
        key = _construct(current).key if current else ()
        rest = " ".join(" ".join(text.split("\n")[line - 1:]).split())
        found.append(Construct(line, key + (("unreadable", unread[1]),), rest[:80]))
    elif current:  # the text ends inside a tag: the tag is what it says, unclosed
        found.append(_construct(current + [(current[-1][0], "unclosed", "")]))
    return found


def _construct(tokens: list[tuple[int, str, str]]) -> Construct:
    key = tuple((kind, _value(line, kind, value)) for line, kind, value in tokens if kind != "whitespace")
    shown = " ".join("".join(value for _, _, value in tokens).split())
    return Construct(tokens[0][0], key, shown)


def _value(line: int, kind: str, value: str) -> str:
    """A token's value as Jinja reads it: 'x' and "x" are the same text."""
    if kind == "string":
        try:
            return next(iter(LEXER.wrap(iter([(line, kind, value)])))).value
        except (TemplateSyntaxError, StopIteration):
            return value
    if kind == "comment":
        return " ".join(value.split())
    return value.strip()


def added(text: str, *english: str) -> list[Construct]:
    """The template code of `text` that its English does not have (as many times as the English
    has it): with several Englishes (the English now, and as it was when the translation was
    recorded), what none of them has."""
    if len(english) == 1 and _within_quickly(text, english[0]):
        return []
    allowed: Counter = Counter()
    for source in english:
        allowed |= Counter(construct.key for construct in constructs(source))
    extra = []
    for construct in constructs(text):
        if allowed[construct.key] > 0:
            allowed[construct.key] -= 1
        else:
            extra.append(construct)
    return extra


def missing(text: str, english: str) -> list[Construct]:
    """The template code of the English that `text` lacks."""
    return added(english, text)


# --- The quick way, for `make check` on a large site ------------------------------------------
# Lexing costs about 3 µs a token, a third of `make check`'s time on 300 articles in 3 languages.
# Most translations keep each tag of their English whole on a line, exactly as written: then the
# tags a pattern finds are Jinja's tokens, and the answer needs no lexing.


@lru_cache(maxsize=1024)
def _quick_pieces(english: str) -> Counter | None:
    """The English's tags as the pattern finds them, line by line, when that is exactly how Jinja
    reads them (no tag over two lines, no {% raw %} block, no quoted }} ); else None."""
    pieces = [(number, piece.group(0)) for number, line in enumerate(english.split("\n"), 1)
              for piece in QUICK_PIECE.finditer(line)]
    lexed = constructs(english)
    if [(construct.line, construct.shown) for construct in lexed] != \
            [(number, " ".join(piece.split())) for number, piece in pieces] \
            or any(construct.key[0][0] == "raw_begin" or construct.key[-1][0] in ("unclosed", "unreadable")
                   for construct in lexed):
        return None
    return Counter(piece for _, piece in pieces)


def _within_quickly(text: str, english: str) -> bool:
    """Whether `text` certainly has no template code its English lacks. Read as Jinja reads plain
    text: from each place a tag starts, the pattern must find a whole tag that the English has
    (as often), exactly as written; Jinja then reads that same tag there, and plain text after it.
    False means only: lex it to know."""
    allowed = _quick_pieces(english)
    if allowed is None:
        return False
    found: Counter = Counter()
    for line in text.split("\n"):
        position = 0
        while (start := STARTER.search(line, position)) is not None:  # where Jinja leaves plain text
            piece = QUICK_PIECE.match(line, start.start())
            if piece is None:
                return False
            found[piece.group(0)] += 1
            position = piece.end()
    return not found - allowed

"""French typography: the narrow no-break space a French reader expects before ; : ? ! and
inside « », checked in prose only. Code, addresses, times, macros, heading ids, data
placeholders and Markdown or HTML syntax are masked first, so their colons and marks
never count."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

import yaml

from .markdown import FRONT_MATTER, unfenced

# The languages whose typography spaces these marks; others are not checked.
LANGUAGES = ("fr",)
# U+202F (narrow no-break space) is what we write; U+00A0 (no-break space) is also right
# before a colon in some house styles, so it is accepted, never asked for.
NARROW = "\u202f"
SPACES = NARROW + "\u00a0"
SPACED_AFTER = ";:?!»"   # the space goes before these...
SPACED_BEFORE = "«"      # ...and after this
DOUBLE_MARKS = ";:?!"    # "?!" takes one space, before the first mark
# The front-matter values a reader sees, on one line each (as validate_sources expects).
FRONT_MATTER_TEXT = re.compile(r"^(?:title|description)[ \t]*:(?P<value>.*)$")
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# What is not prose, in the order it is masked (each keeps its length, so columns stay true).
# "x" stands in for it: a mark right after a macro or a link still needs its space.
MASKED = re.compile("|".join((
    r"(`+).+?(?<!`)\1(?!`)",                      # code spans
    r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}",           # macros, tags, template comments
    r"\{[ \t]*[#.:][^{}]*\}",                      # { #id } and other attribute lists
    r"\{[^{}\s]*\}",                               # data placeholders: {product}, {label:id}, {plan}
    r"<!--.*?-->|<[^<>]+>",                        # HTML comments, tags and autolinks
    r"\]\([^)]*\)",                                # link and image targets
    r"(?:https?|ftp|mailto):[^\s<>()]+",           # bare addresses
    r"(?<=\d):(?=\d)",                             # times and ratios: 9:00
    r"!(?=\[)",                                    # an image's "!"
)))
LINE_SYNTAX = re.compile(
    r"^[ \t]*(?:(?:!!!|\?\?\?\+?)[ \t]+[\w-]+"     # admonition and details markers
    r"|:[ \t]"                                     # a definition list's ":"
    r"|\[[^\]]+\]:.*$"                             # a link reference definition
    r"|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$)"  # a table's delimiter row
)
ENTITY = re.compile(r"&#?\w+;")
SPACE_ENTITY = re.compile(r"&(?:nbsp|#160|#[xX]0*[aA]0|#8239|#[xX]202[fF]);")
HINT = re.compile(r"[;:?!«»]")  # a line without these has nothing to check


@dataclass(frozen=True)
class Problem:
    mark: str       # the punctuation concerned
    found: str      # "a plain space", "no space", "a line break"
    excerpt: str    # the words around it, as written

    def message(self) -> str:
        where = f'after "{self.mark}"' if self.mark in SPACED_BEFORE else f'before "{self.mark}"'
        return (f'"{self.excerpt}": {self.found} {where}; French puts a narrow no-break space '
                f"(U+202F) there")


# ---------------------------------------------------------------------------
# One piece of prose
# ---------------------------------------------------------------------------


def _mask(text: str) -> str:
    """The text with everything that is not prose replaced by x's of the same length."""
    text = ENTITY.sub(lambda m: "x" * (len(m.group(0)) - 1) + (NARROW if SPACE_ENTITY.fullmatch(m.group(0)) else "x"),
                      text)
    syntax = LINE_SYNTAX.match(text)
    if syntax:
        text = "x" * syntax.end() + text[syntax.end():]
    return MASKED.sub(lambda m: "x" * len(m.group(0)), text)


def problems(text: str, masked: str | None = None, starts_line: bool = False) -> Iterator[Problem]:
    """Every missing or plain space in one piece of prose. `masked` is the text with its
    non-prose parts masked (computed when not given); `starts_line` says the text continues
    a paragraph from the line above, so a mark at its start follows a line break."""
    masked = _mask(text) if masked is None else masked
    for index, char in enumerate(masked):
        if char in SPACED_AFTER:
            before = masked[index - 1] if index else ("\n" if starts_line else "")
            if before in SPACES or before == "" or (char in DOUBLE_MARKS and before in DOUBLE_MARKS):
                continue
            found = "a line break" if before == "\n" else "a plain space" if before in " \t" else "no space"
            yield Problem(char, found, _excerpt(text, masked, index, after=False))
        elif char in SPACED_BEFORE:
            after = masked[index + 1] if index + 1 < len(masked) else ""
            if after in SPACES:
                continue
            found = "a plain space" if after in " \t" else "a line break" if after == "" else "no space"
            yield Problem(char, found, _excerpt(text, masked, index, after=True))


def _excerpt(text: str, masked: str, index: int, after: bool) -> str:
    """A few whole words up to the mark (or from it, for «), enough to find it in the file.
    Words are cut at spaces of the prose, never inside a macro or a placeholder."""
    if after:
        end = masked.find(" ", index + 12)
        return text[index:end if end != -1 else len(text)].rstrip()
    start = max(0, index - 20)
    if start:
        space = masked.rfind(" ", 0, start + 1)
        start = space + 1 if space != -1 else 0
    return ("…" if start else "") + text[start:index + 1]


# ---------------------------------------------------------------------------
# A Markdown page: its front-matter texts and its prose, line by line
# ---------------------------------------------------------------------------


def page_problems(text: str) -> Iterator[tuple[int, Problem]]:
    """(line, problem) for a Markdown page, skipping front-matter syntax and code blocks."""
    lines = text.splitlines()
    start = 0
    front = FRONT_MATTER.match(text)
    if front:
        start = len((front.group("body") or "").splitlines()) + 2
        yield from _front_matter_problems(lines[1:start - 1])
    previous_blank = True
    for number, line in unfenced(lines, start):
        blank = not line.strip()
        if not blank and HINT.search(line):
            masked = _mask(line)
            # A mark at the start of a line follows the line break of a paragraph that goes on.
            continues = not previous_blank and not line.lstrip().startswith(("#", "-", "*", "+", "|", ">"))
            leading = len(line) - len(line.lstrip())
            for problem in problems(line[leading:], masked[leading:], starts_line=continues):
                yield number, problem
        previous_blank = blank


def _front_matter_problems(lines: list[str]) -> Iterator[tuple[int, Problem]]:
    for number, line in enumerate(lines, 2):
        entry = FRONT_MATTER_TEXT.match(line)
        if not entry:
            continue
        value = entry.group("value").strip()
        if value[:1] in ("'", '"'):
            # A quoted value may hold escapes ("\u202f"): let YAML read it (rarely: only these).
            try:
                value = yaml.load(value, Loader=YAML_LOADER)
            except yaml.YAMLError:
                continue  # the build reports broken front matter, with its line
        if isinstance(value, str):
            for problem in problems(value):
                yield number, problem


# ---------------------------------------------------------------------------
# What the build wrote: the words a reader gets
# ---------------------------------------------------------------------------
# The sources can be right and the page wrong: Python-Markdown's table of contents once turned
# every U+202F into a plain space (helpcentre/toc_titles.py). So the built output is read too:
# a page's text and attribute values, a JSON file's strings, a plain-text reply.

# Whitespace a reader sees as an ordinary space once the output is shown (HTML collapses line
# breaks into spaces). Whether a mark has a space at all is the sources' check: built output also
# holds addresses and file names ("help.css?h=…"), where a mark right after a word is no mistake.
PLAIN_IN_OUTPUT = ("a plain space", "a line break")


def output_problems(text: str) -> Iterator[Problem]:
    """Every plain space (or line break) before ; : ? ! or after « in a piece of built output."""
    for problem in problems(text):
        if problem.found in PLAIN_IN_OUTPUT:
            yield problem

"""The units a translator translates in a CAT tool (issue 16): an article cut into segments (its
title and description, each heading, paragraph, list item and table row, section by section), and
the same Markdown put back together with new words in them, byte for byte the same where the words
did not change.

A segment's key is the same in the English and in its translation: `title`, `description`, or the
section's id and the segment's number in it (`#pause 2`; in the title and introduction, `2`). The check
keeps a translation's sections and blocks one for one with the English, so a key finds the
translation of an English segment.

What is not prose stays as the file has it and is no segment: macro lines ({{ procedure('x') }},
{% call %}), the heading's { #id }, a list item's marker, fenced code, HTML lines, the other front
matter keys. Inside a segment, macro calls, {label:…}-style placeholders, link targets and HTML tags
are placeholders: a translation must keep each one (`placeholders`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

import yaml

from .markdown import FENCE, FRONT_MATTER, HEADING, LIST_ITEM, TABLE_DELIMITER, TABLE_ROW

TRANSLATED_KEYS = ("title", "description")  # the front-matter keys a reader sees
# What a translation must keep as it is (one alternation, no commas: it is also Weblate's
# `placeholders:r"…"` flag in an exported PO file, and PO flags are separated by commas). An HTML
# tag is anything a browser starts a tag at (< and a letter, /, ! or ?), up to its > or, left
# unclosed, to the next < or the end: a browser makes `<img src=x onerror=…` a tag all the same.
# (Template code is compared from Jinja's tokens: helpcentre/template_syntax.py.)
PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{[^{}\s]*\}|\]\([^)]*\)|<[A-Za-z/!?][^<>]*>?")
# Spaces a writer types between words. Not Python's whitespace: that includes the no-break spaces
# French puts before : ; ? ! (U+202F, U+00A0), which are part of the words.
SPACES = " \t\r\n"
RUN_OF_SPACES = re.compile(r"[ \t\r\n]+")
STRUCTURE_LINE = re.compile(r"^\s*(?:\{\{.*\}\}|\{%.*%\}|<[^<>]+>|!!!.*|\?\?\?.*)\s*$")


@dataclass(frozen=True)
class Segment:
    key: str       # "title", "description", "#<section id> <n>" (n from 1 in the section), or "<n>"
                   # in the title and introduction
    section: str   # the section's id ("" for the title and introduction)
    kind: str      # "front matter", "heading", "paragraph", "list item" or "table row"
    text: str      # the words, the lines of a paragraph joined by one space
    first: int     # its first line in the file (0-based)
    last: int      # its last line (inclusive)
    prefix: str    # what the first line has before the words ("## ", "- ", "title: ")
    suffix: str    # and after them (" { #pause }")
    indent: str    # what a continuation line starts with

    @property
    def line(self) -> int:
        return self.first + 1


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def segments(text: str) -> list[Segment]:
    """The segments of a page, in page order."""
    lines = text.replace("\r\n", "\n").split("\n")
    found: list[Segment] = []
    front = FRONT_MATTER.match("\n".join(lines))
    start = 0
    if front:
        body_lines = (front.group("body") or "").split("\n")[:-1]
        for index, line in enumerate(body_lines, start=1):
            key, _, value = line.partition(":")
            if key in TRANSLATED_KEYS and value.strip(SPACES):
                found.append(Segment(key, "", "front matter", _scalar(value.strip(SPACES)), index, index,
                                     f"{key}: ", "", ""))
        start = len(body_lines) + 2
    section, counts = "", Counter()
    current: dict | None = None  # the paragraph or list item being read

    def close() -> None:
        nonlocal current
        if current is not None:
            counts[current["section"]] += 1
            found.append(Segment(_key(current["section"], counts[current["section"]]), current["section"],
                                 current["kind"], " ".join(current["words"]), current["first"], current["last"],
                                 current["prefix"], "", current["indent"]))
        current = None

    fence = None
    for index in range(start, len(lines)):
        line = lines[index]
        fenced = FENCE.match(line)
        if fence is not None:
            if fenced and fenced.group("fence")[0] == fence[0] and len(fenced.group("fence")) >= len(fence):
                fence = None
            continue
        if fenced:
            close()
            fence = fenced.group("fence")
            continue
        if not line.strip(SPACES) or STRUCTURE_LINE.match(line) or TABLE_DELIMITER.match(line):
            close()
            continue
        heading = HEADING.match(line) if line.startswith("#") else None
        if heading:
            close()
            if heading.group("id"):
                section = heading.group("id")
            counts[section] += 1
            found.append(Segment(_key(section, counts[section]), section, "heading", heading.group("text").strip(SPACES),
                                 index, index, line[:heading.start("text")], line[heading.end("text"):], ""))
            continue
        if TABLE_ROW.match(line):
            close()
            counts[section] += 1
            found.append(Segment(_key(section, counts[section]), section, "table row", line.strip(SPACES), index, index,
                                 line[:len(line) - len(line.lstrip(SPACES))], "", ""))
            continue
        item = LIST_ITEM.match(line)
        if item or current is None:
            close()
            if item:
                words_at = item.end() - 1
                prefix = line[:words_at]
                indent = " " * len(prefix)
            else:
                prefix = line[:len(line) - len(line.lstrip(SPACES))]
                indent = prefix
            current = dict(section=section, kind="list item" if item else "paragraph", first=index, last=index,
                           prefix=prefix, indent=indent, words=[line[len(prefix):].strip(SPACES)])
            continue
        current["words"].append(line.strip(SPACES))
        current["last"] = index
    close()
    return found


def _key(section: str, number: int) -> str:
    return f"#{section} {number}" if section else str(number)


def _scalar(value: str) -> str:
    """A front-matter value as YAML reads it (quoted or not)."""
    try:
        loaded = yaml.safe_load(f"k: {value}")
    except yaml.YAMLError:
        return value
    return loaded["k"] if isinstance(loaded, dict) and isinstance(loaded.get("k"), str) else value


def one_line(words: str) -> str:
    """A translator's words on one line: line breaks and runs of spaces as one space."""
    return RUN_OF_SPACES.sub(" ", words).strip(SPACES)


def yaml_scalar(text: str) -> str:
    """A text as a YAML value on one line: plain when YAML reads it back the same, else double-quoted
    (with the narrow and ordinary no-break spaces written as escapes, as data/ writes them)."""
    try:
        plain = yaml.safe_load(f"k: {text}")
    except yaml.YAMLError:
        plain = None
    if plain == {"k": text} and text == text.strip(SPACES) and "\u202f" not in text and "\u00a0" not in text:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.replace("\u202f", "\\u202f").replace("\u00a0", "\\u00a0")


def by_key(found: list[Segment]) -> dict[str, Segment]:
    return {segment.key: segment for segment in found}


def shape(found: list[Segment], section: str) -> tuple[str, ...]:
    """What a section is made of, segment by segment (heading, paragraph, list item…)."""
    return tuple(segment.kind for segment in found if segment.section == section)


def replaced(text: str, new_words: dict[str, str]) -> str:
    """The page with the words of some segments replaced (by key); every other byte as it was. A
    segment given its own words again is left exactly as it was written (its line breaks too)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    for segment in sorted(segments(text), key=lambda segment: segment.first, reverse=True):
        words = new_words.get(segment.key)
        if words is None or words == segment.text:
            continue
        lines[segment.first:segment.last + 1] = written(segment, words)
    return newline.join(lines)


def written(segment: Segment, words: str) -> list[str]:
    """A segment's lines with new words: one line per line the translator gave."""
    if segment.kind == "front matter":
        return [segment.prefix + yaml_scalar(one_line(words))]
    parts = [part.strip(SPACES) for part in words.split("\n") if part.strip(SPACES)] or [""]
    if segment.kind in ("heading", "table row"):
        parts = [" ".join(parts)]
    return [segment.prefix + parts[0] + segment.suffix] + [segment.indent + part for part in parts[1:]]

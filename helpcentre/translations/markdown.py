"""A Markdown page as the translation check sees it: its structure, prose and facts, with lines."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from ..review import ReviewError, read as read_review, without_review_keys

RECORD_KEY = "source_hash"  # the front-matter key holding the source version a translation matches
HASH_LENGTH = 12

# --- Markdown structure (line-based; fenced code is skipped by every other pattern) ---
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
FRONT_MATTER_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:")
RECORD_LINE = re.compile(rf"^{RECORD_KEY}[ \t]*:[ \t]*(?P<value>\S*)[ \t]*$", re.M)
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*(?:\{[ \t]*#(?P<id>[\w-]+)[^}]*\})?[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)")
MACRO = re.compile(r"\{\{-?\s*(?P<body>.*?)\s*-?\}\}")
TAG = re.compile(r"\{%-?\s*(?P<body>.*?)\s*-?%\}")
JINJA_COMMENT = re.compile(r"\{#.*?#\}")
ADMONITION = re.compile(r"^[ \t]*(?P<marker>!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)")
LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d+[.)])[ \t]+\S")
TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]+)[^)]*\)")
REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?(?P<target>\S+?)>?(?:[ \t]|$)")
AUTOLINK = re.compile(r"<(?P<target>(?:https?|mailto):[^>\s]+)>")
HTML_TAG = re.compile(r"<[^>]+>")
# --- Facts that must survive translation ---
URL = re.compile(r"https?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 9:00 (en, it) and 9 h / 9 h 30 (fr) are the same time.
TIME = re.compile(r"(?<![\d.,:])(?P<hour>\d{1,2})(?::(?P<minute>\d{2})|[ \u00a0\u202f]?h(?:[ \u00a0\u202f]?(?P<fr_minute>\d{2}))?(?![\w]))")
# Thousands and decimal separators differ by language; only the digits are compared.
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+|[ \u00a0\u202f]\d{3}(?!\d))*")
INLINE_HINT = re.compile(r"[{\]<\d@]|://")  # plain prose has none of these: nothing to record
FACT_HINT = re.compile(r"[\d@]|://")  # a line without these holds no fact: skip the patterns
SENTENCE_END = re.compile(r"[.!?:;]\s*$")


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One structural element of a page that every language must have."""

    kind: str      # a finding code: heading, macro, link, ...
    key: str       # what must be equal between languages
    shown: str     # how a message shows it
    line: int
    section: str   # the id of the heading above it ("" before the first id)


@dataclass
class Page:
    path: Path
    display: str
    text: str
    front_keys: dict[str, int] = field(default_factory=dict)
    front_end: int = 0  # the line of the closing ---, 0 without front matter
    recorded: str | None = None
    recorded_line: int = 0
    ordered: list[Item] = field(default_factory=list)    # compared as sequences
    unordered: list[Item] = field(default_factory=list)  # compared per section, in any order
    prose: list[tuple[int, str, bool]] = field(default_factory=list)  # (line, text, starts a sentence)
    section_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    invalid: list[tuple[int, str]] = field(default_factory=list)  # (line, why) the page does not read
    # Calls of a name that is not a macro, or of an unknown id (helpcentre/macro_calls.py), and the
    # sections where such a call cannot be guessed right: filled in by the check (check.correct_calls).
    call_problems: list = field(default_factory=list)
    broken_calls: frozenset[str] = frozenset()


# ---------------------------------------------------------------------------
# Markdown parsing
# ---------------------------------------------------------------------------


def unfenced(lines: list[str], start: int = 0) -> Iterator[tuple[int, str]]:
    """(line number, line) for lines[start:], fenced code blocks and their fences left out."""
    fence: str | None = None
    for number, line in enumerate(lines[start:], start + 1):
        fenced = FENCE.match(line) if line.lstrip()[:1] in ("`", "~") and line.strip() else None
        if fence is not None:
            if fenced and fenced.group("fence")[0] == fence[0] and len(fenced.group("fence")) >= len(fence):
                fence = None
            continue
        if fenced:
            fence = fenced.group("fence")
            continue
        yield number, line


def source_hash(text: str) -> str:
    """The version of a source page a translation records: its content, newlines normalised.
    Its review date and owner are no text to translate (helpcentre/review.py): left out, so that
    dating an article leaves its translations in step."""
    normalised = without_review_keys(text.replace("\r\n", "\n"))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def parse_page(path: Path, shown: str) -> Page:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
        invalid = []
    except UnicodeDecodeError as error:  # compared anyway, so one bad byte is one finding
        text = raw.decode("utf-8-sig", errors="replace")
        invalid = [(raw.count(b"\n", 0, error.start) + 1,
                    f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file with the UTF-8 encoding")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as reading in text mode did
    page = Page(path=path, display=shown, text=text, invalid=invalid)
    lines = text.splitlines()
    start = 0
    front = FRONT_MATTER.match(text)
    if front:
        front_lines = (front.group("body") or "").splitlines()
        page.front_end = len(front_lines) + 2
        for offset, line in enumerate(front_lines, 2):
            key = FRONT_MATTER_KEY.match(line)
            if key:
                page.front_keys.setdefault(key.group("key"), offset)
        page.invalid += front_matter_problems(front.group("body") or "")
        record = RECORD_LINE.search(front.group("body") or "")
        if record:
            page.recorded = record.group("value")
            page.recorded_line = page.front_keys[RECORD_KEY]
        start = page.front_end
    page.body = "\n".join(lines[start:])
    _parse_body(page, lines, start)
    return page


def front_matter_problems(body: str) -> list[tuple[int, str]]:
    """Front matter that YAML cannot read, or that is not 'key: value' lines, as the build
    sees it (helpcentre/language_build.py); lines count from the file's first line (---)."""
    try:
        value = yaml.safe_load(body)
    except yaml.YAMLError as error:
        # Where the broken construct starts (an unclosed [ or "), else where YAML gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        return [(2 + (mark.line if mark else 0), f"front matter is not valid YAML ({getattr(error, 'problem', error)})")]
    except ValueError as error:  # a date YAML recognises and cannot build (review_by: 2027-13-01)
        return review_problems(body) or [(2, f"front matter holds a value YAML cannot read ({error})")]
    if value is not None and not isinstance(value, dict):
        return [(2, "front matter must be 'key: value' lines")]
    return review_problems(body)


def review_problems(body: str) -> list[tuple[int, str]]:
    """A review_by that is not a date, an owner that is not a name (helpcentre/review.py)."""
    try:
        read_review("---\n" + body + "---\n", "")
    except ReviewError as problem:
        return [(problem.line, problem.message)]
    return []


def _parse_body(page: Page, lines: list[str], start: int) -> None:
    section = ""
    fence: str | None = None
    list_block: list[tuple[int, bool]] = []  # (indent, ordered) per item
    list_line = 0
    table_rows = table_columns = table_line = 0
    sentence_start = True

    def close_list() -> None:
        nonlocal list_block
        if list_block:
            indents = sorted({indent for indent, _ in list_block})
            shape = " ".join(f"{'1.' if ordered else '-'}{indents.index(indent)}" for indent, ordered in list_block)
            top = [ordered for indent, ordered in list_block if indent == indents[0]]
            nested = len(list_block) - len(top)
            kind = "numbered" if top[0] else "bulleted"
            shown = f"a {kind} list of {len(top)} item{'s' * (len(top) != 1)}" + (
                f" (+{nested} nested)" if nested else "")
            page.ordered.append(Item("list", shape, shown, list_line, section))
            list_block = []

    def close_table() -> None:
        nonlocal table_rows
        if table_rows:
            body_rows = table_rows - 1  # the header row is not counted
            shown = f"a table of {table_columns} columns and {body_rows} row{'s' * (body_rows != 1)}"
            page.ordered.append(Item("table", f"{table_columns}x{table_rows}", shown, table_line, section))
            table_rows = 0

    for number, line in enumerate(lines[start:], start + 1):
        stripped = line.strip()
        first = stripped[:1]
        # Each pattern runs only on lines that can match it: this keeps 3000 pages under a second.
        fenced = FENCE.match(line) if first in ("`", "~") and first else None
        if fence is not None:
            if fenced and fenced.group("fence")[0] == fence[0] and len(fenced.group("fence")) >= len(fence) \
                    and not line.strip()[len(fenced.group("fence")):].strip():
                fence = None
            continue
        if fenced:
            close_list()
            close_table()
            fence = fenced.group("fence")
            info = fenced.group("info")
            page.ordered.append(Item("code-block", info, f"a code block ({info or 'no language'})", number, section))
            continue

        if not stripped:
            sentence_start = True
            continue
        table_row = "|" in line and TABLE_ROW.match(line)
        # Lists: items and their indented or lazy continuation lines.
        item = LIST_ITEM.match(line) if first in "-*+0123456789" else None
        if item and not table_row:
            if not list_block:
                list_line = number
            list_block.append((len(item.group("indent").expandtabs(4)), item.group("marker")[0].isdigit()))
        elif list_block and not (line.startswith((" ", "\t")) or lines[number - 2].strip()):
            close_list()
        # Tables: a header row followed by a delimiter row.
        if table_row or (table_rows and "|" in line):
            if not table_rows and number < len(lines) and TABLE_DELIMITER.match(lines[number]):
                table_rows, table_line = 1, number
                table_columns = len([cell for cell in stripped.strip("|").split("|")])
            elif table_rows and not TABLE_DELIMITER.match(line):
                table_rows += 1
        elif table_rows:
            close_table()

        heading = HEADING.match(line) if first == "#" else None
        if heading:
            level = len(heading.group("hashes"))
            heading_id = heading.group("id")
            if heading_id:
                section = heading_id
                page.section_lines[section] = number
            key = f"{'#' * level} {{ #{heading_id} }}" if heading_id else f"{'#' * level} (no id)"
            shown = f"{'#' * level} {heading.group('text').strip()}" + (f" {{ #{heading_id} }}" if heading_id else "")
            page.ordered.append(Item("heading", key, shown, number, section))
            _inline_items(page, line, number, section, include_prose=False)
            sentence_start = True
            continue

        admonition = ADMONITION.match(line) if first in "!?" else None
        if admonition:
            key = f"{admonition.group('marker')} {admonition.group('type')}"
            page.ordered.append(Item("admonition", key, key, number, section))
            sentence_start = True
            continue

        if "{%" in line:
            for tag in TAG.finditer(JINJA_COMMENT.sub("", line)):
                body = " ".join(tag.group("body").split())
                page.ordered.append(Item("macro", f"{{% {body} %}}", f"{{% {body} %}}", number, section))
        whole = MACRO.fullmatch(stripped) if first == "{" else None
        if whole:  # a macro on a line of its own (procedure, note): its place matters
            call = _normalise_call(whole.group("body"))
            page.ordered.append(Item("macro", call, f"{{{{ {call} }}}}", number, section))
            sentence_start = True
            continue
        reference = REFERENCE_DEFINITION.match(line) if first == "[" else None
        if reference:
            target = reference.group("target")
            page.unordered.append(Item("link", target, f"a link to {target}", number, section))
            continue
        prose = _inline_items(page, line, number, section, include_prose=True) if INLINE_HINT.search(line) else line
        page.prose.append((number, prose, sentence_start))
        sentence_start = bool(SENTENCE_END.search(stripped))
    close_list()
    close_table()


def _normalise_call(body: str) -> str:
    """label( "x" ) and label('x') are the same call."""
    body = " ".join(body.split()).replace('"', "'")
    return re.sub(r"\s*([(),])\s*", lambda m: m.group(1) + (" " if m.group(1) == "," else ""), body).strip()


def _inline_items(page: Page, line: str, number: int, section: str, include_prose: bool) -> str:
    """Record inline macros, links, images and facts; return the line's prose with them blanked."""
    text = line

    def blank(match: re.Match) -> str:
        return " " * len(match.group(0))

    if "{" in text:
        text = JINJA_COMMENT.sub("", text)
        for macro in MACRO.finditer(text):
            call = _normalise_call(macro.group("body"))
            page.unordered.append(Item("macro", call, f"{{{{ {call} }}}}", number, section))
        text = MACRO.sub(blank, TAG.sub(blank, text))
    if "](" in text:
        for image in IMAGE.finditer(text):
            target = image.group("target")
            page.unordered.append(Item("image", target, f"an image {target}", number, section))
        text = IMAGE.sub(blank, text)
        for link in LINK.finditer(text):
            target = link.group("target")
            page.unordered.append(Item("link", target, f"a link to {target}", number, section))
        # Keep a link's text (it is prose), drop its target.
        text = LINK.sub(lambda m: "[" + m.group("text") + "]" + " " * (len(m.group(0)) - len(m.group("text")) - 2),
                        text)
    if "<" in text:
        for link in AUTOLINK.finditer(text):
            target = link.group("target")
            page.unordered.append(Item("link", target, f"a link to {target}", number, section))
        text = AUTOLINK.sub(blank, HTML_TAG.sub(blank, text))
    if not include_prose:
        text = HEADING.sub(lambda m: m.group("text"), text)
    if FACT_HINT.search(text):
        for kind, value in facts(text):
            page.unordered.append(Item(kind, fact_key(kind, value), f"{value}", number, section))
    return text


def facts(text: str) -> Iterator[tuple[str, str]]:
    """URLs, e-mail addresses, times and numbers: what must stay the same in every language."""
    for url in URL.finditer(text):
        yield "url", url.group(0)
    text = URL.sub(" ", text)
    for email in EMAIL.finditer(text):
        yield "email", email.group(0)
    text = EMAIL.sub(" ", text)
    for time_match in TIME.finditer(text):
        yield "number", time_match.group(0)
    text = TIME.sub(" ", text)
    for number in NUMBER.finditer(text):
        yield "number", number.group(0)


def fact_key(kind: str, value: str) -> str:
    if kind != "number":
        return value.lower() if kind == "email" else value
    time_match = TIME.fullmatch(value)
    if time_match:
        minute = time_match.group("minute") or time_match.group("fr_minute") or "00"
        return f"{int(time_match.group('hour'))}:{minute}"
    return re.sub(r"\D", "", value)

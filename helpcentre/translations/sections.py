"""An article cut into its sections, the unit a translation is kept in step by: what changed in
the English, section by section, and where each change lands in the translation.

A section is a heading with an id and everything up to the next one; what comes before the first
(front matter, title and introduction) is the section "". Ids are the same in every language, so
a section of the English and of its translation are found by id. Inside a section, paragraphs,
list items, table rows and macro lines ("blocks") follow the English one for one, as the check
requires; that is how a changed English line finds its place in a translation written in other
words and other line breaks.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

from ..review import KEYS as REVIEW_KEYS
from .markdown import FENCE, FRONT_MATTER, FRONT_MATTER_KEY, HEADING, LIST_ITEM, RECORD_KEY, TAG, unfenced

INTRODUCTION = ""  # the id of what comes before the first heading with an id
CONTEXT_LINES = 1  # unchanged lines shown around a change


@dataclass(frozen=True)
class Section:
    id: str
    heading: str      # the heading's words, without its { #id } ("" for the introduction)
    start: int        # its first line in the file (1-based): the heading, or a {% call %} just above it
    end: int          # its last line, blank lines at its end left out
    heading_line: int  # the heading's line (1 for the introduction)
    blocks: tuple[int, ...]  # the first line of each paragraph, list item, table row or macro line
    keys: dict[str, int] = field(default_factory=dict, compare=False)  # front-matter key -> line (introduction)


@dataclass(frozen=True)
class Hunk:
    """One change of the English inside a section, shown as a unified diff."""

    english_line: int         # the first line of the change in the English file now
    lines: tuple[str, ...]    # " unchanged", "-removed", "+added"
    translation_line: int     # where it lands in the translation
    exact: bool               # the translation's block was found; else the section's heading
    translation_text: str = ""  # the translation's words on that line
    position: str = "at"      # the change replaces text "at" that line, or adds lines "before" or "after" it


@dataclass(frozen=True)
class SectionChange:
    """A section whose English changed since the translation was recorded."""

    id: str
    heading: str                   # the English heading now (then, for a removed section)
    kind: str                      # "changed", "added" (new in English) or "removed" (gone from it)
    english_line: int | None       # where it starts in the English now (None: removed)
    translation_line: int | None   # where it starts in the translation (None: not there)
    hunks: tuple[Hunk, ...]

    @property
    def anchor(self) -> str:
        return f"#{self.id}" if self.id else "the title and introduction"


# ---------------------------------------------------------------------------
# Cutting a page
# ---------------------------------------------------------------------------


def split(text: str) -> dict[str, Section]:
    """The sections of a page, by id, in page order. A {% call … %} right above a heading opens
    that heading's section (plan_section wraps the section it limits)."""
    lines = text.replace("\r\n", "\n").split("\n")
    front = FRONT_MATTER.match("\n".join(lines))
    front_end = len((front.group("body") or "").splitlines()) + 2 if front else 0
    starts: list[tuple[int, str, str, int]] = [(1, INTRODUCTION, "", 1)]  # (line, id, heading, heading line)
    for number, line in unfenced(lines, front_end):
        heading = HEADING.match(line) if line.startswith("#") else None
        if heading and heading.group("id"):
            start = number
            if number > 1 and lines[number - 2].lstrip().startswith("{%") and TAG.search(lines[number - 2]) \
                    and "call" in lines[number - 2].split():
                start = number - 1
            starts.append((start, heading.group("id"), heading.group("text").strip(), number))
    sections: dict[str, Section] = {}
    for index, (start, section_id, heading, heading_line) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        while end > start and not lines[end - 1].strip():
            end -= 1
        keys = {}
        if section_id == INTRODUCTION and front_end:
            for number in range(2, front_end):
                key = FRONT_MATTER_KEY.match(lines[number - 1])
                if key:
                    keys.setdefault(key.group("key"), number)
        sections.setdefault(section_id, Section(section_id, heading, start, end, heading_line,
                                                _blocks(lines, start, end, front_end), keys))
    return sections


def _blocks(lines: list[str], start: int, end: int, front_end: int) -> tuple[int, ...]:
    """The first line of each block between start and end: each front-matter line, then each
    paragraph, list item and table row (a new block after a blank line or at an item's marker)."""
    blocks, previous_blank, fence = [], True, None
    for number in range(start, end + 1):
        line = lines[number - 1]
        if number <= front_end:
            # source_hash: and the review date are no text: a change to them is no change to translate
            if 1 < number < front_end and not line.startswith((RECORD_KEY, *REVIEW_KEYS)):
                blocks.append(number)
            continue
        fenced = FENCE.match(line) if line.lstrip()[:1] in ("`", "~") and line.strip() else None
        if fence is not None:
            if fenced and fenced.group("fence")[0] == fence[0]:
                fence = None
            previous_blank = False
            continue
        if not line.strip():
            previous_blank = True
            continue
        if previous_blank or LIST_ITEM.match(line) or line.lstrip().startswith("|"):
            blocks.append(number)
        if fenced:
            fence = fenced.group("fence")
        previous_blank = False
    return tuple(blocks)


def section_text(text: str, section: Section) -> list[str]:
    """A section's lines, trailing spaces and the source_hash line left out (they change nothing a
    reader sees)."""
    lines = text.replace("\r\n", "\n").split("\n")[section.start - 1:section.end]
    return [line.rstrip() for line in lines if not line.startswith(f"{RECORD_KEY}:")]


# ---------------------------------------------------------------------------
# What changed in the English, and where it lands in the translation
# ---------------------------------------------------------------------------


def changes(then: str, now: str, translation: str | None) -> list[SectionChange]:
    """The sections of the English whose text differs between two versions, in the order of the
    English now (removed ones last), each with its diff and, when a translation is given, the
    line of the translation each change lands on."""
    old, new = split(then), split(now)
    theirs = split(translation) if translation is not None else {}
    found = []
    for section_id, section in new.items():
        before = old.get(section_id)
        if before is None:
            hunk = Hunk(section.heading_line, tuple("+" + line for line in section_text(now, section)),
                        *_landing_for_new(section_id, new, theirs))
            found.append(SectionChange(section_id, section.heading, "added", section.heading_line,
                                       theirs[section_id].heading_line if section_id in theirs else None, (hunk,)))
            continue
        old_lines, new_lines = section_text(then, before), section_text(now, section)
        if old_lines == new_lines:
            continue
        target = theirs.get(section_id)
        hunks = tuple(_with_text(hunk, translation) for hunk in _hunks(old_lines, new_lines, before, section, target))
        found.append(SectionChange(section_id, section.heading, "changed", section.heading_line,
                                   target.heading_line if target else None, hunks))
    for section_id, section in old.items():
        if section_id not in new:
            target = theirs.get(section_id)
            hunk = Hunk(0, tuple("-" + line for line in section_text(then, section)),
                        target.heading_line if target else 1, target is not None)
            found.append(SectionChange(section_id, section.heading, "removed", None,
                                       target.heading_line if target else None, (hunk,)))
    return found


def _with_text(hunk: Hunk, translation: str | None) -> Hunk:
    if translation is None or not hunk.exact:
        return hunk
    return replace(hunk, translation_text=translation.split("\n")[hunk.translation_line - 1].strip())


def _hunks(old_lines: list[str], new_lines: list[str], before: Section, after: Section, target: Section | None):
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    # Line numbers: section_text drops the source_hash line, which only a translation has, so the
    # English section's lines are its file lines in order.
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        shown = []
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                shown += [" " + line for line in old_lines[i1:i2]]
            else:
                shown += ["-" + line for line in old_lines[i1:i2]] + ["+" + line for line in new_lines[j1:j2]]
        first = next(op for op in group if op[0] != "equal")
        english_line = after.start + first[3]
        only_added = all(op[0] in ("equal", "insert") for op in group)
        index = first[1]
        while only_added and index < len(old_lines) and not old_lines[index].strip():
            index += 1  # lines added before a blank line go before the next block
        at_end = only_added and index >= len(old_lines)
        # The English line, then, the change starts at (for lines added at the end: the last one).
        changed_old_line = before.start + min(index, len(old_lines) - 1)
        line, exact = _landing(before, target, changed_old_line)
        yield Hunk(english_line, tuple(shown), line, exact,
                   position="after" if at_end else "before" if only_added else "at")


def _landing(before: Section, target: Section | None, old_line: int) -> tuple[int, bool]:
    """The translation's line for a change at `old_line` of the English as recorded: the same
    block of the same section when both have as many blocks, else the section's heading."""
    if target is None:
        return 1, False
    if before.keys and old_line <= max(before.keys.values(), default=0):
        key = next((key for key, line in before.keys.items() if line == old_line), None)
        if key in target.keys:
            return target.keys[key], True
    index = sum(1 for start in before.blocks if start <= old_line) - 1
    if len(before.blocks) == len(target.blocks) and index >= 0:
        return target.blocks[index], True
    return target.heading_line, False


def _landing_for_new(section_id: str, new: dict[str, Section], theirs: dict[str, Section]) -> tuple[int, bool]:
    """Where a section new in English goes in the translation: after the section that comes before
    it in English, if the translation has that one."""
    if section_id in theirs:
        return theirs[section_id].heading_line, True
    order = list(new)
    for previous in reversed(order[:order.index(section_id)]):
        if previous in theirs:
            return theirs[previous].end + 1, False
    return 1, False

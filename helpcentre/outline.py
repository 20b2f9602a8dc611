"""One reading of a page's content (the HTML Markdown and the macros made, before the theme's
template), which every feature of the build reads instead of scanning the page again.

It gives every element that has an id, with where its tags are in the text (so features can put
their markup beside a heading or a list without searching for it), the procedures and notes the
page shows with the section and the plan-limited blocks each is in, and the plans those blocks
name. `Insertions` then puts every feature's markup in, in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
SECTION_HEADINGS = ("h2", "h3")  # the sections agents link to and readers copy links of
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

Scope = tuple[tuple[str, ...], ...]  # the plans of each enclosing plan-limited block, outermost first


@dataclass
class Element:
    """An element with an id, and where its tags are in the page's text."""

    tag: str
    id: str
    start: int       # where its start tag begins
    inside: int      # where its start tag ends
    close: int = -1  # where its end tag begins (-1: it has none)
    end: int = -1    # where its end tag ends


@dataclass(frozen=True)
class Placement:
    """Where a page shows a procedure: under which section, inside which plan-limited blocks."""

    procedure: str      # its id in data/procedures.yml
    section: str        # the id of the h2/h3 above it ("" when there is none)
    scope: Scope = ()


@dataclass(frozen=True)
class NotePlacement:
    note: str           # its id in data/notes.yml
    scope: Scope = ()   # its own plans, and those of each enclosing block


@dataclass(frozen=True)
class PageOutline:
    elements: tuple[Element, ...] = ()        # every element with an id, in page order
    procedures: tuple[Placement, ...] = ()
    notes: tuple[NotePlacement, ...] = ()
    plans: frozenset[str] = frozenset()       # every plan some plan-limited block names

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(element.id for element in self.elements)

    def first(self, element_id: str, tags: tuple[str, ...] = ()) -> Element | None:
        """The first element with this id (of one of these tags, if given)."""
        return next((element for element in self.elements
                     if element.id == element_id and (not tags or element.tag in tags)), None)

    def headings(self, tags: tuple[str, ...] = HEADINGS) -> list[Element]:
        return [element for element in self.elements if element.tag in tags]


def read(html: str) -> PageOutline:
    reader = _Reader(html)
    reader.feed(html)
    reader.close()
    return PageOutline(tuple(reader.elements), tuple(reader.procedures), tuple(reader.notes),
                       frozenset(reader.plans))


class _Reader(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.open: list[tuple[str, tuple[str, ...] | None, Element | None]] = []  # (tag, its data-plans, its record)
        self.section = ""
        self.elements: list[Element] = []
        self.procedures: list[Placement] = []
        self.notes: list[NotePlacement] = []
        self.plans: set[str] = set()
        # Each procedure-by-plan wrapper open (render.procedure_html: steps for some plans only, then
        # the other plans' notes): its depth in `open`, and the plan scope around it.
        self.wrappers: list[tuple[int, Scope]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def scope(self) -> Scope:
        return tuple(plans for _, plans, _ in self.open if plans is not None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        element = None
        if attrs.get("id"):
            start = self.position()
            element = Element(tag, attrs["id"], start, start + len(self.get_starttag_text()))
            self.elements.append(element)
            if tag in SECTION_HEADINGS:
                self.section = attrs["id"]
        if tag in VOID:
            return
        plans = tuple((attrs.get("data-plans") or "").split()) if "data-plans" in attrs else None
        self.plans.update(plans or ())
        if "data-procedure-by-plan" in attrs:
            self.wrappers.append((len(self.open), self.scope()))
        self.open.append((tag, plans, element))
        if attrs.get("data-procedure"):
            # The blocks around the procedure limit it; its own plans are its data's (render.py).
            around = self.wrappers[-1][1] if self.wrappers else self.scope()
            self.procedures.append(Placement(attrs["data-procedure"], self.section, around))
        # The notes a procedure shows after its steps (alternatives, other plans' ways) are part of
        # its text, not notes of the page around it.
        if attrs.get("data-note") and not self.wrappers:
            self.notes.append(NotePlacement(attrs["data-note"], self.scope()))

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, _, _ in self.open):
            return
        while self.open:
            open_tag, _, element = self.open.pop()
            if self.wrappers and self.wrappers[-1][0] == len(self.open):
                self.wrappers.pop()
            if open_tag == tag:
                if element is not None:
                    element.close = self.position()
                    element.end = self.html.index(">", element.close) + 1
                return


# ---------------------------------------------------------------------------
# Putting markup in
# ---------------------------------------------------------------------------


@dataclass
class Insertions:
    """Markup to put into a page's text at given offsets, all in one pass. At the same offset,
    what was added first comes first."""

    at: list[tuple[int, str]] = field(default_factory=list)

    def add(self, offset: int, markup: str) -> None:
        self.at.append((offset, markup))

    def into(self, html: str) -> str:
        if not self.at:
            return html
        parts, position = [], 0
        for offset, markup in sorted(self.at, key=lambda item: item[0]):  # sorted() is stable
            parts.append(html[position:offset])
            parts.append(markup)
            position = offset
        parts.append(html[position:])
        return "".join(parts)

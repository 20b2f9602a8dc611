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

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

from .material.seams import Seam
from .site import babel_locale

LTR, RTL = "ltr", "rtl"
FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE, POP DIRECTIONAL ISOLATE
STRONG = {"L": LTR, "R": RTL, "AL": RTL}  # the bidi classes that decide a text's direction


@cache
def direction(language: str) -> str:
    """'rtl' or 'ltr' for a language code (ar, he, pt-BR), as CLDR writes it; 'ltr' for a code
    CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return RTL if Locale.parse(babel_locale(language)).text_direction == RTL else LTR
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


# ---------------------------------------------------------------------------
# A page's HTML: its direction on <html>, and each run of the other direction marked
# ---------------------------------------------------------------------------

# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, and their
# presentation forms): a page of a left-to-right language without any has nothing to mark.
RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Letters of every other script (what Python counts as a letter, outside those ranges): the letters
# that run left to right. A regular expression, as a page has thousands of runs to look at.
LTR_LETTERS = re.compile("[^\\W\\d_\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
HTML_ELEMENT = re.compile(r'<html lang="[^"]*"')
HTML_SEAM = Seam("helpcentre/text_direction.py", "base.html", 'the <html lang="…"> element, once')
# Elements whose text is not shown as text, and those that hold none.
NOT_TEXT = {"head", "script", "style", "title", "svg", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements that cannot go inside a <bdi> (which holds phrasing content only): a block holding one
# of them gets `dir` on itself instead.
FLOW_ONLY = {"address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
             "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
             "nav", "ol", "p", "pre", "section", "table", "ul"}
# Elements that hold text and no element: a run in them is isolated by `dir` on themselves only.
TEXT_ONLY = {"option", "textarea", "title"}
# Blocks: their content is wrapped in <bdi dir>, so that they keep the page's alignment and markers.
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "div", "blockquote",
          "figcaption", "caption", "legend", "summary", "label", "nav", "footer", "header", "section"}


def with_html_direction(html: str, page_direction: str, where: str) -> str:
    """The page with its direction on <html> too: Material writes it on <body> only, and the
    browser lays out what is outside <body> (and screen readers and extensions read the root) by
    <html>'s."""
    return HTML_SEAM.sub(HTML_ELEMENT, lambda match: f'{match.group(0)} dir="{page_direction}"', html, where=where)


def mark_directions(html: str, page_direction: str) -> str:
    """The HTML with every run of text against the direction around it isolated: an element whose
    own text and whole content run the other way (an English title in the navigation of an Arabic
    page, an English step among Arabic ones, an Arabic plan name inside English) gets `dir` on
    itself when it is inline, or a <bdi dir="…"> around its content when it is a block (a
    paragraph, a list item, a heading): the block keeps the page's alignment and list markers, and
    the run inside it keeps its own order and punctuation. An element with letters of both
    directions keeps its direction, and each run of its own text that runs the other way gets a
    <bdi dir> ("Last updated:" before an Arabic date); one that says its own `dir` is left as it
    is. What is inside an element is marked against its direction."""
    if page_direction == LTR and not RTL_LETTERS.search(html):
        return html  # nothing in the page runs right to left
    tree = _Tree(html)
    insertions: list[tuple[int, str]] = []

    def walk(node: _Node, around: str) -> None:
        other = RTL if around == LTR else LTR
        if node.tag not in NOT_TEXT and node.tag not in TEXT_ONLY:
            # A run of its own text against it, beside text or elements of its direction ("Last
            # updated:" before an Arabic date): a <bdi dir> of its own.
            for start, end, strong in node.texts:
                if strong == {other}:
                    insertions.extend([(start, f'<bdi dir="{other}">'), (end, "</bdi>")])
        for child in node.children:
            inside = around
            if child.direction in (LTR, RTL):
                inside = child.direction
            elif child.tag == "bdi":  # isolates itself, in the direction of its first letter
                inside = next(iter(child.strong)) if len(child.strong) == 1 else around
            elif child.direction is None and child.tag not in NOT_TEXT:
                if child.own_text and other in child.strong and around not in child.strong:
                    inside = other
                    if child.tag in BLOCKS and child.content_end is not None and \
                            not any(grandchild.tag in FLOW_ONLY for grandchild in child.children):
                        insertions.extend([(child.insert_at + 1, f'<bdi dir="{other}">'), (child.content_end, "</bdi>")])
                    else:
                        insertions.append((child.insert_at, f' dir="{other}"'))
            walk(child, inside)

    walk(tree.root, page_direction)
    for at, text in sorted(insertions, key=lambda insertion: insertion[0], reverse=True):
        html = html[:at] + text + html[at:]
    return html


@dataclass
class _Node:
    tag: str
    direction: str | None = None   # its own dir attribute ("auto" included)
    insert_at: int = 0              # where an attribute goes in its start tag (its ">" or "/>")
    content_end: int | None = None  # where its end tag starts
    own_text: bool = False          # it holds letters itself, not only through its children
    texts: list[tuple[int, int, set[str]]] = field(default_factory=list)  # its own runs: start, end, directions
    strong: set[str] = field(default_factory=set)  # the directions of the letters in it
    children: list["_Node"] = field(default_factory=list)


class _Tree(HTMLParser):
    """Elements with the directions of their letters, and where each start tag ends."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.root = _Node("#root")
        self.open = [self.root]
        self.text: tuple[int, set[str]] | None = None  # the run being read: where it starts, its directions
        self.feed(html)
        self.close()
        self.end_text()

    def end_text(self) -> None:
        """The run of text read since the last tag ends here (before the tag about to be read)."""
        if self.text is not None:
            start, strong = self.text
            if strong:
                self.open[-1].texts.append((start, self.position(), strong))
            self.text = None

    def handle_comment(self, data):
        self.end_text()

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.end_text()  # at the tag's "<", where the text before it ends
        raw = self.get_starttag_text() or ""
        node = _Node(tag, dict(attrs).get("dir"), self.position() + len(raw) - (2 if raw.endswith("/>") else 1))
        self.open[-1].children.append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        self.end_text()
        if any(node.tag == tag for node in self.open[1:]):
            end = self.position()
            while True:
                node = self.open.pop()
                if node.tag == tag:
                    node.content_end = end
                    break

    def handle_data(self, text):
        if self.text is None:
            self.text = (self.position(), set())
        if any(node.tag in NOT_TEXT for node in self.open):
            return
        found = ({LTR} if LTR_LETTERS.search(text) else set()) | ({RTL} if RTL_LETTERS.search(text) else set())
        if found:
            self.text[1].update(found)
            self.open[-1].own_text = True
            for node in self.open:
                node.strong |= found


def against(text: str, around: str) -> bool:
    """Whether all the letters of a text run against the direction around it (an English line in
    an Arabic reply; not an Arabic line that names an English label)."""
    found = {STRONG[kind] for kind in map(unicodedata.bidirectional, text) if kind in STRONG}
    return bool(found) and around not in found


def isolated_against(text: str, around: str) -> str:
    """Plain text isolated (FSI … PDI) when all its letters run against the direction around it."""
    return isolated(text) if against(text, around) else text

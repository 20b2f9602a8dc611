"""Pure rendering functions: (data, language, id) in, HTML out. No MkDocs needed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .data import LABEL_REFERENCE, PLACEHOLDER, HelpData, procedure_anchor
from .suggest import did_you_mean
from .text_direction import FSI, PDI, RTL, direction, mark_directions

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
# Between plan names ("Applies to: A · B"), in every language: never a comma, because a plan's
# name may have one ("Commit annually, pay monthly" would read as two plans).
PLAN_SEPARATOR = " · "
TEMPLATES.globals["plan_separator"] = PLAN_SEPARATOR
# Characters Markdown would act on inside inline HTML; entities keep them literal.
MARKDOWN_SPECIALS = {"*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;", "\\": "&#92;"}


class UnknownIdError(LookupError):
    """A macro was asked for an id the data does not define."""

    def __init__(self, kind: str, wanted: str, known: list[str]):
        self.kind, self.wanted, self.known = kind, wanted, known
        super().__init__(f"unknown {kind} '{wanted}'; {did_you_mean(wanted, known)}"
                         f"known {kind}s: {', '.join(sorted(known))}")


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------


def escape_text(text: str) -> Markup:
    """HTML-escape text and neutralise Markdown, so data always shows exactly as written."""
    escaped = str(escape(text))
    return Markup("".join(MARKDOWN_SPECIALS.get(char, char) for char in escaped))


def message_html(data: HelpData, lang: str, *keys: str, **filled: str | Markup) -> Markup:
    """One of the help centre's own texts (data/messages.yml) as HTML: escaped, with each `{name}`
    given here filled in (our own markup as Markup, anything else escaped). The one way a message
    reaches a page: the theme's templates (helpcentre/theme_help.py) and the plugin's steps that write HTML
    take it from here, so a translated message never becomes markup, closed tag or not."""
    html = escape(data.message(lang, *keys))
    for name, value in filled.items():
        html = html.replace(f"{{{name}}}", value)  # Markup.replace escapes a value that is not Markup
    return html


def _lookup(table, kind: str, wanted: str):
    if not isinstance(wanted, str) or wanted not in table:
        raise UnknownIdError(kind, str(wanted), list(table))
    return table[wanted]


def expand(data: HelpData, lang: str, text: str) -> Markup:
    """Escape a data string and replace its {product}, {support} and {label:<id>} placeholders."""
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(escape_text(text[position : match.start()]))
        body = match.group("body")
        label = LABEL_REFERENCE.match(body)
        if label:
            parts.append(label_html(data, lang, label.group("id")))
        elif body == "product":
            parts.append(escape_text(data.product_name))
        elif body == "support":
            parts.append(Markup(support_html(data, lang)))
        else:
            raise UnknownIdError("placeholder", body, ["product", "support", "label:<id>"])
        position = match.end()
    parts.append(escape_text(text[position:]))
    return Markup("".join(parts))


def text_attributes(data: HelpData, lang: str, texts) -> Markup:
    """The attributes of the element a data text is shown in: its `lang` while it is still pending
    (the default language's text, shown in its place), and, where a right-to-left language is
    involved, its `dir`, so that the run keeps its own direction wherever it is (an English step on
    an Arabic page, an Arabic step inside an English article not translated yet)."""
    shown = data.shown_language(texts, lang)
    attributes = f' lang="{shown}"' if shown != lang else ""
    if RTL in (direction(lang), direction(shown)):
        attributes += f' dir="{direction(shown)}"'
    return Markup(attributes)


def in_its_language(html: Markup, data: HelpData, lang: str, texts) -> Markup:
    """A data text's HTML, inside a <span> saying its language and direction when it needs one
    (text_attributes): an inline run, so the paragraph or list item around it keeps the page's
    alignment and list markers."""
    attributes = text_attributes(data, lang, texts)
    return Markup(f"<span{attributes}>{html}</span>") if attributes else html


def _render(template: str, **context) -> str:
    # One line per element and no indentation: Markdown must see a raw HTML block,
    # and four leading spaces would turn a line into a code block.
    html = TEMPLATES.get_template(template).render(**context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def _plan_names(data: HelpData, lang: str, plans: tuple[str, ...]) -> list[str]:
    return [data.plans[plan][lang] for plan in plans]


# ---------------------------------------------------------------------------
# Macros
# ---------------------------------------------------------------------------


def label_html(data: HelpData, lang: str, label_id: str) -> Markup:
    """A product label as the reader sees it on screen."""
    texts = _lookup(data.labels, "label", label_id)
    return Markup(_render("label.html", text=escape_text(texts[lang]), attributes=text_attributes(data, lang, texts)))


def plan_name(data: HelpData, lang: str, plan_id: str) -> str:
    """A plan's name in the reader's language, as plain escaped text; inside <bdi> where a
    right-to-left language is involved, as it is a run of its own inside a sentence (an Arabic
    name inside an English article not translated yet)."""
    texts = _lookup(data.plans, "plan", plan_id)
    name = str(escape_text(texts[lang]))
    shown = data.shown_language(texts, lang)
    if RTL not in (direction(lang), direction(shown)):
        return name
    return f'<bdi lang="{shown}">{name}</bdi>' if shown != lang else f"<bdi>{name}</bdi>"


def procedure_html(data: HelpData, lang: str, procedure_id: str) -> str:
    """A procedure as a numbered list, each plan-limited step saying which plans it is for. A
    procedure whose steps are for some plans only (data/procedures.yml `plans:`) says so above them,
    and is followed by their plans' alternatives (`alternatives:`), then by the note of each other
    plan (`instead:`): the chooser then shows a reader their own plan's way, and a reply for that
    plan gives it in place of the steps."""
    steps = _lookup(data.procedures, "procedure", procedure_id)
    limited = data.procedure_plans.get(procedure_id)
    plans = limited.plans if limited else ()
    return _render(
        "procedure.html",
        procedure_id=procedure_id,
        plans=plans,
        plan_names=_plan_names(data, lang, plans),
        notes=[Markup(note_html(data, lang, note_id)) for note_id in notes_after_steps(data, procedure_id)],
        anchor=procedure_anchor(procedure_id),
        steps=[
            {"html": in_its_language(expand(data, lang, step.text[lang]), data, lang, step.text), "plans": step.plans,
             "plan_names": _plan_names(data, lang, step.plans),
             "anchor": procedure_anchor(procedure_id, step.id)}
            for step in steps
        ],
        applies_to=data.message(lang, "applies_to"),
    )


def notes_after_steps(data: HelpData, procedure_id: str) -> list[str]:
    """The notes a procedure for some plans only shows after its steps: their alternatives, then
    each other plan's note, in the order of data/plans.yml, each once."""
    limited = data.procedure_plans.get(procedure_id)
    if not limited:
        return []
    instead = [limited.instead[plan] for plan in data.plans if plan in limited.instead]
    return list(dict.fromkeys([*limited.alternatives, *instead]))


def note_html(data: HelpData, lang: str, note_id: str) -> str:
    """A plan-conditional note as an admonition titled in the reader's language."""
    note = _lookup(data.notes, "note", note_id)
    return _render(
        "note.html",
        note_id=note_id,
        kind=note.kind,
        title=in_its_language(escape(data.message(lang, "note_title", note.kind)), data, lang,
                              data.message_texts("note_title", note.kind)),
        plans=note.plans,
        plan_names=_plan_names(data, lang, note.plans),
        applies_to=data.message(lang, "applies_to"),
        body=in_its_language(expand(data, lang, note.text[lang]), data, lang, note.text),
    )


def product_name(data: HelpData) -> str:
    return str(escape_text(data.product_name))


def search_box_html(data: HelpData, lang: str) -> str:
    """The home page's large search box: a form that opens the site's search with the words
    (?q=, which Material reads). Hidden without JavaScript, where it could not search."""
    return _render("search_box.html", **{key: data.message(lang, "search_box", key)
                                         for key in ("label", "placeholder", "button")})


def support_html(data: HelpData, lang: str) -> str:
    """The support e-mail address as a link, followed by the opening hours."""
    return _render(
        "support.html",
        email=data.support_email,
        hours=in_its_language(escape_text(data.support_hours[lang]), data, lang, data.support_hours),
    )


# ---------------------------------------------------------------------------
# Plan-aware reading (issue 5): sections limited to plans, and the plan chooser
# ---------------------------------------------------------------------------


def _plan_ids(data: HelpData, plans) -> tuple[str, ...]:
    if not plans:
        raise UnknownIdError("plan", "", list(data.plans))
    for plan in plans:
        _lookup(data.plans, "plan", plan)
    return tuple(plans)


def plan_section_html(data: HelpData, lang: str, plans, body: str) -> str:
    """Wrap a piece of Markdown (usually a heading and what follows) in a block limited to
    some plans. The "Applies to" line goes right under the leading heading, if there is one,
    so the page reads naturally with JavaScript off. md_in_html parses the body as Markdown."""
    plans = _plan_ids(data, plans)
    opening = _render("plan_section.html", plans=plans)
    scope = _render(
        "plan_scope.html",
        applies_to=data.message(lang, "applies_to"),
        plan_names=_plan_names(data, lang, plans),
    )
    # The body is Markdown: keep its lines exactly (indentation matters), only trim the ends.
    lines = body.strip("\n").splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and lines[0].lstrip().startswith("#"):
        head, rest = [lines[0]], lines[1:]
    else:
        head, rest = [], lines
    parts = [opening, ""] + (head + [""] if head else []) + [scope, ""] + rest + ["", "</div>"]
    return "\n".join(parts)


def plan_picker_html(data: HelpData, lang: str) -> str:
    """The plan chooser for a page with plan-limited content, in the page's language."""
    return _render(
        "plan_picker.html",
        label=data.message(lang, "plan_picker", "label"),
        all_plans=data.message(lang, "all_plans"),
        announce_plan=data.message(lang, "plan_picker", "announce_plan"),
        announce_all=data.message(lang, "plan_picker", "announce_all"),
        plans=[{"id": plan_id, "name": names[lang]} for plan_id, names in data.plans.items()],
    )


# ---------------------------------------------------------------------------
# Plain text (issue 17): what a support agent pastes into a ticket
# ---------------------------------------------------------------------------
# The text is made from the HTML above, so it says exactly what the page says, labels included,
# in the same words: one set of renderers, read as text. For a chosen plan, what the plan chooser
# would hide is left out, and so are the "Applies to" lines that would only repeat the plan.

ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")  # not U+00A0 or U+202F: French typography keeps them


def plain_text(html: str, plan: str = "", text_direction: str | None = None) -> str:
    """The text of rendered HTML, one line per paragraph or list item, list items numbered as a
    browser numbers the visible ones. With a plan, an element whose data-plans does not list it is
    left out, as plans.js hides it, and so are the "Applies to" lines. With the direction of the
    text's language, each run of the other direction is kept whole between FSI and PDI, as `dir`
    keeps it on the page (an English step in an Arabic reply)."""
    if text_direction:
        html = mark_directions(html, text_direction)
    reader = _PlainText(plan, text_direction)
    reader.feed(html)
    reader.close()
    reader.end_block()
    return "\n".join(reader.lines)


def procedure_text(data: HelpData, lang: str, procedure_id: str, plan: str = "") -> str:
    """A procedure's steps as numbered lines of plain text ("" when none applies to the plan)."""
    return plain_text(procedure_html(data, lang, procedure_id), plan, direction(lang))


def step_text(data: HelpData, lang: str, procedure_id: str, index: int) -> str:
    """One step's text as the reader sees it, without its number or "Applies to" line."""
    step = _lookup(data.procedures, "procedure", procedure_id)[index]
    return plain_text(str(expand(data, lang, step.text[lang])))


def note_text(data: HelpData, lang: str, note_id: str, plan: str = "") -> str:
    """A note as plain text: its title on a line, then its text ("" when it does not apply to the plan)."""
    return plain_text(note_html(data, lang, note_id), plan, direction(lang))


class _PlainText(HTMLParser):
    BLOCKS = {"p", "li", "div", "ol", "ul", "h1", "h2", "h3", "h4", "table", "tr"}
    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source"}

    def __init__(self, plan: str, text_direction: str | None = None):
        super().__init__(convert_charrefs=True)
        self.plan = plan
        self.lines: list[str] = []
        self.words: list[str] = []
        self.open: list[tuple[str, bool, str | None]] = []  # (tag, left out, its dir when it isolates a run)
        self.numbers: list[int] = []  # one counter per open <ol>
        self.directions = [text_direction]  # the direction around the text being read

    @property
    def leaving_out(self) -> bool:
        return any(left_out for _, left_out, _ in self.open)

    def left_out(self, attrs: dict) -> bool:
        if not self.plan:
            return False
        if "data-plans" in attrs and self.plan not in (attrs["data-plans"] or "").split():
            return True
        return "plan-scope" in (attrs.get("class") or "").split()

    def end_block(self) -> None:
        line = ASCII_SPACE.sub(" ", "".join(self.words)).strip()
        line = line.replace(f"{FSI} ", f" {FSI}").replace(f" {PDI}", f"{PDI} ").strip()  # isolates hug their text
        if line.replace(FSI, "").replace(PDI, "").strip() == "":
            line = ""
        if line:
            self.lines.append(line)
        self.words = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        left_out = self.leaving_out or self.left_out(attrs)
        if tag in self.BLOCKS and not left_out:
            self.end_block()
            # A note after other text (the other plans' notes after a procedure's steps) is a
            # paragraph of its own, as the reply's other parts are.
            if "admonition" in (attrs.get("class") or "").split() and self.lines:
                self.lines.append("")
        own = attrs.get("dir")
        isolates = self.directions[0] is not None and own in ("ltr", "rtl") and own != self.directions[-1]
        self.open.append((tag, left_out, own if isolates else None))
        if tag == "ol":
            self.numbers.append(0)
        elif tag == "li" and not left_out and self.numbers:
            self.numbers[-1] += 1
            self.words.append(f"{self.numbers[-1]}. ")
        if isolates:
            self.directions.append(own)
            if not left_out:
                self.words.append(FSI)

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, _, _ in self.open):
            return
        while self.open:
            open_tag, left_out, isolated = self.open.pop()
            if isolated:
                self.directions.pop()
                if not left_out:
                    self.words.append(PDI)
            if open_tag == "ol" and self.numbers:
                self.numbers.pop()
            if open_tag in self.BLOCKS and not left_out:
                self.end_block()
            if open_tag == tag:
                break

    def handle_data(self, text):
        if not self.leaving_out:
            self.words.append(text)


# ---------------------------------------------------------------------------
# Markdown (issue 28): an article as an assistant reads it, its Markdown twin
# ---------------------------------------------------------------------------
# The same reading as the plain text above, and the same plan filter, with Markdown's marks kept:
# headings, numbered and bulleted lists, links (absolute), labels in bold, notes as quotes. Ids
# are kept as `{#id}` after a heading or a step (and on a line of its own before a list): the same
# anchors as the page's, so a quoted step links back where an agent's link goes.

MARKDOWN_SPECIALS_IN_TEXT = re.compile(r"([\\`*_\[\]])")
EMPTY_BLOCK = re.compile(r"^(?:#+|-|\d+\.)?[ *]*$")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # mailto:, https:


@dataclass(frozen=True)
class Block:
    """One paragraph, heading, list item or anchor line of a page read as Markdown."""
    section: str   # the id of the h2 above it ("" before the first)
    kind: str      # "heading", "item", "paragraph", "anchor"
    text: str      # as Markdown, its marks included ("## …", "1. …", "> …")
    group: int     # blocks of one list or one note share a group: written without a blank line between


def markdown_blocks(html: str, plan: str = "", base_url: str = "") -> list[Block]:
    """A page's content as Markdown blocks; with a plan, only what that plan's readers see (as
    plain_text leaves out). Relative links are made absolute against `base_url`, the page's URL."""
    reader = _MarkdownText(plan, base_url)
    reader.feed(html)
    reader.close()
    reader.end_block()
    return reader.blocks


def markdown_text(blocks: list[Block]) -> str:
    """Blocks written out: a blank line between blocks, none inside a list; a note's paragraphs
    joined by an empty quote line."""
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            same = block.group and block.group == previous.group
            out.append("\n" if same and block.kind == "item" and previous.kind == "item"
                       else "\n>\n" if same and block.text.startswith(">") else "\n\n")
        out.append(block.text)
        previous = block
    return "".join(out).strip() + "\n" if out else ""


class _MarkdownText(_PlainText):
    SKIPPED_TAGS = {"form", "button", "svg", "select", "script", "style", "template", "noscript", "input", "label"}
    SKIPPED_CLASSES = {"headerlink", "section-copy", "plan-picker", "link-copy-status"}
    HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
    INLINE = {"b": "**", "strong": "**", "em": "*", "i": "*", "code": "`"}

    def __init__(self, plan: str, base_url: str):
        super().__init__(plan)
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.section = ""
        self.kind = "paragraph"
        self.anchor = ""                        # the id of the heading or step being read
        self.closers: dict[int, str] = {}       # position in self.open -> what its end tag writes
        self.ends: dict[int, str] = {}          # position in self.open -> "list" | "quote": a group it ends
        self.lists: list[tuple[str, int]] = []  # ("ol" | "ul", group) of each open list
        self.quotes: list[int] = []             # the group of each open note
        self.groups = 0

    def skipped(self, tag: str, attrs: dict) -> bool:
        return tag in self.SKIPPED_TAGS or bool(self.SKIPPED_CLASSES & set((attrs.get("class") or "").split())) \
            or "data-plan-picker" in attrs

    def new_group(self) -> int:
        self.groups += 1
        return self.groups

    def end_block(self) -> None:
        line = ASCII_SPACE.sub(" ", "".join(self.words)).strip()
        self.words = []
        kind, self.kind = self.kind, "paragraph"
        if EMPTY_BLOCK.match(line):  # only the marks this reader wrote: an empty heading, step or quote
            return
        if self.anchor:
            line += f" {{#{self.anchor}}}"
            self.anchor = ""
        group = self.lists[-1][1] if kind == "item" and self.lists else 0
        if kind == "item":
            line = "   " * max(len(self.lists) - 1, 0) + line
        if self.quotes:
            line, group = "> " + line, self.quotes[-1]
        self.blocks.append(Block(self.section, kind, line, group))

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        if not self.leaving_out and self.skipped(tag, attributes):
            self.open.append((tag, True, None))  # left out, with all it holds
            return
        classes = set((attributes.get("class") or "").split())
        super().handle_starttag(tag, attrs)  # ends the block before a block element, numbers a step
        if self.leaving_out:
            return
        position = len(self.open) - 1
        if tag in self.HEADINGS:
            self.end_block()
            if self.HEADINGS[tag] == 2 and attributes.get("id"):
                self.section = attributes["id"]
            self.kind, self.anchor = "heading", attributes.get("id") or ""
            self.words.append("#" * self.HEADINGS[tag] + " ")
        elif tag in ("ol", "ul"):
            if tag == "ol" and attributes.get("id"):  # the list's own anchor: #<procedure>-steps
                self.blocks.append(Block(self.section, "anchor", f"{{#{attributes['id']}}}", 0))
            self.lists.append((tag, self.new_group()))
            self.ends[position] = "list"
        elif tag == "li":
            self.kind, self.anchor = "item", attributes.get("id") or ""
            if self.lists and self.lists[-1][0] == "ul":
                self.words.append("- ")
        elif tag == "div" and "admonition" in classes:
            self.quotes.append(self.new_group())
            self.ends[position] = "quote"
        elif tag == "p" and classes & {"admonition-title", "plan-scope"}:
            mark = "**" if "admonition-title" in classes else "*"
            self.words.append(mark)
            self.closers[position] = mark
        elif tag == "span" and "plan-scope" in classes:
            self.words.append("*")
            self.closers[position] = "*"
        elif tag == "a" and attributes.get("href"):
            self.words.append("[")
            self.closers[position] = f"]({self._absolute(attributes['href'])})"
        elif tag in self.INLINE:
            self.words.append(self.INLINE[tag])
            self.closers[position] = self.INLINE[tag]

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, *_ in self.open):
            return
        position = max(index for index, (open_tag, *_) in enumerate(self.open) if open_tag == tag)
        for index in range(len(self.open) - 1, position - 1, -1):
            if index in self.closers:
                self.words.append(self.closers.pop(index))
        ended = [self.ends.pop(index) for index in range(len(self.open) - 1, position - 1, -1) if index in self.ends]
        super().handle_endtag(tag)  # ends the block of a block element
        for group in ended:
            self.end_block()
            (self.lists if group == "list" else self.quotes).pop()

    def handle_data(self, text):
        if not self.leaving_out:
            self.words.append(MARKDOWN_SPECIALS_IN_TEXT.sub(r"\\\1", text))

    def _absolute(self, href: str) -> str:
        if not self.base_url or SCHEME.match(href):
            return href
        return urljoin(self.base_url, href)

"""The macros page text may call, what each expects, and the check of a page's calls without
building it: a misspelt macro name or an unknown id, with a "did you mean".

One table for the build (macros/__init__.py registers these names, helpcentre/page_text.py words
its errors with the same words) and for `make check` (helpcentre/translations/check.py runs
`call_problems` on every article, English included), so both say the same thing about the same
mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from jinja2 import Environment, TemplateSyntaxError, nodes

from .data import HelpData
from .page_text import BLOCKS, not_a_macro, syntax_problem
from .render import UnknownIdError
from .suggest import closest

# name: how to call it (the usage a wrong call is told), and, for a macro that takes ids, which
# kind of id and where the data keeps them.
USAGE = {
    "procedure": "procedure('<procedure id>') on a line of its own",
    "note": "note('<note id>') on a line of its own",
    "label": "label('<label id>')",
    "plan": "plan('<plan id>')",
    "support": "support()",
    "product": "product()",
    "search_box": "search_box()",
    "plan_section": "{% call plan_section('<plan id>', …) %} … {% endcall %}, each on a line of its own",
}
ID_TABLES: dict[str, tuple[str, Callable[[HelpData], object]]] = {
    "procedure": ("procedure", lambda data: data.procedures),
    "note": ("note", lambda data: data.notes),
    "label": ("label", lambda data: data.labels),
    "plan": ("plan", lambda data: data.plans),
    "plan_section": ("plan", lambda data: data.plans),
}
# HTML blocks: each call on a line of its own (helpcentre/page_text.py checks it).
BLOCK_MACROS = frozenset({"procedure", "note", "plan_section", "search_box"})
# Names Jinja itself gives a template: the body of a {% call %}, a recursive loop.
JINJA_NAMES = frozenset({"caller", "loop", "varargs", "kwargs"})


# ---------------------------------------------------------------------------
# A page's calls, read without rendering it
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CallProblem:
    line: int            # counted in the text given (the file's own line when given the whole file)
    message: str
    wrong: str = ""      # the misspelt name or id, as written
    right: str = ""      # the one meant, when a known one is close ('' when none is)
    is_name: bool = False  # the macro's name is wrong (else an id)


# What a glance at a page finds of its calls: most pages call only our macros with known ids,
# and parsing them (0.7 ms a page) would double `make check`'s time on a large site.
EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
CALLED = re.compile(r"([A-Za-z_]\w*)\s*\(")
CALLABLE = USAGE.keys() | JINJA_NAMES
QUOTED = re.compile(r"'([^'\\]*)'|\"([^\"\\]*)\"")
TAG_NAME = re.compile(r"\{%[-+]?\s*(\w+)")


def quoted_ids(text: str) -> list[tuple[str, str]]:
    """(macro, id) for every id written as plain text in a call of a macro that takes ids, in
    order. Read from Jinja's own tokens, not its parser: a slice of a page (one section, whose
    {% call %} may close in the next) reads as well as the whole page. Text Jinja cannot even
    tokenize has none (call_problems reports it)."""
    try:
        tokens = [(kind, value) for _, kind, value in Environment().lex(text) if kind != "whitespace"]
    except TemplateSyntaxError:
        return []
    found = []
    for position, (kind, value) in enumerate(tokens[:-1]):
        if kind != "name" or value not in ID_TABLES or tokens[position + 1] != ("operator", "("):
            continue
        depth = 0
        for inner_kind, inner in tokens[position + 1:]:
            depth += {"(": 1, ")": -1}.get(inner, 0) if inner_kind == "operator" else 0
            if depth == 0:
                break
            if inner_kind == "string" and depth == 1:
                found.append((value, inner[1:-1]))
    return found


def _plainly_right(text: str, data: HelpData | None) -> bool:
    """Whether every {{ … }} and {% … %} closes, calls only our macros and quotes only known ids:
    then there is nothing to report, and no need to parse the page."""
    if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
        return False
    if not _blocks_nest(TAG_NAME.findall(text)):
        return False  # a block left open or closed by another's end tag: parsing says where
    expressions = " ".join(EXPRESSION.findall(text))
    if not set(CALLED.findall(expressions)) <= CALLABLE:
        return False
    quoted = {a or b for a, b in QUOTED.findall(expressions)}
    return data is None or quoted <= set().union(*(table(data) for _, table in ID_TABLES.values()))


def _blocks_nest(tags: list[str]) -> bool:
    """Whether each block tag (if, for, call…) is closed by its own end tag, innermost first. A
    {% set %} may or may not open a block: not plainly right, parse it."""
    open_blocks = []
    for tag in tags:
        if tag == "set":
            return False
        if tag in BLOCKS:
            open_blocks.append(tag)
        elif tag.startswith("end") and tag[3:] in BLOCKS and (not open_blocks or open_blocks.pop() != tag[3:]):
            return False
    return not open_blocks


def call_problems(text: str, data: HelpData | None) -> list[CallProblem]:
    """Every call of a name that is not a macro, and every id (a plain text) a macro does not know,
    with its line. `data` None: the ids are not checked (the data does not load; that is
    reported on its own). A {{ … }} that Jinja cannot read is one problem, at its line."""
    if _plainly_right(text, data):
        return []
    try:
        tree = Environment().parse(text)
    except TemplateSyntaxError as error:
        return [CallProblem(*syntax_problem(text, error))]
    local = {node.name for node in tree.find_all(nodes.Name) if node.ctx in ("store", "param")}
    local |= {node.name for node in tree.find_all(nodes.Macro)}
    problems = []
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name in local | JINJA_NAMES:
            continue
        name = call.node.name
        if name not in USAGE:
            problems.append(CallProblem(call.lineno, not_a_macro(name, USAGE), name,
                                        closest(name, USAGE) or "", is_name=True))
            continue
        if data is None or name not in ID_TABLES:
            continue
        kind, table = ID_TABLES[name]
        known = table(data)
        shown = f"{name}({', '.join(repr(a.value) if isinstance(a, nodes.Const) else '…' for a in call.args)})"
        for argument in call.args:
            if isinstance(argument, nodes.Const) and isinstance(argument.value, str) and argument.value not in known:
                error = UnknownIdError(kind, argument.value, list(known))
                problems.append(CallProblem(argument.lineno, f"{shown}: {error}",
                                            argument.value, closest(argument.value, known) or ""))
    return sorted(problems, key=lambda problem: problem.line)

"""Page text is data, not code: render an article's {{ … }} and {% … %} in Jinja's sandbox.

What page text may do, in every language: call our registered macros (macros/__init__.py) with
plain values (text, numbers, lists), and use Jinja's ordinary control flow: {% if %}, {% for %},
{% set %}, {% call %}, {% macro %}, {% raw %} and {# comments #}. Nothing else is there to reach:
no variables (not mkdocs-macros' config, environment, page, files or navigation), no filters,
no Jinja globals (range, lipsum, cycler, joiner, namespace, dict), no files to include, import or
extend, no attributes of Python objects and no calls but to the macros. Values that would
take the build's memory with one operator ('x' * 10**9, 10**10**10) are refused, and a page that
renders for longer than RENDER_SECONDS (loops inside loops over long lists) is stopped.

Jinja's ImmutableSandboxedEnvironment is the boundary (it stops `__class__`, `__globals__`,
`str.format` tricks and changes to lists and dicts); the subclass below narrows it to an
allowlist, so a name or attribute nobody thought of is refused rather than reachable.
mkdocs-macros renders nothing itself (`render_by_default: false` in mkdocs.yml): its own
Environment sees the whole MkDocs config and is not sandboxed.
"""

from __future__ import annotations

import contextlib
import inspect
import re
import signal
import threading
from typing import Any, Callable, Mapping

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateError, TemplateSyntaxError, Undefined, UndefinedError
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .suggest import did_you_mean

# The largest text or list one operator may make, and the largest whole number (in bits):
# far above anything an article needs, far below what would exhaust the build machine.
MAX_SIZE = 100_000
MAX_BITS = 4096
# Every page renders in milliseconds; a page still rendering after this is looping, not writing.
RENDER_SECONDS = 10
TEMPLATE_NAME = "<template>"  # the file name Jinja gives a template made from a string
# {#id} opens a Jinja comment; an attr_list id must be written { #id }.
UNSPACED_ID = re.compile(r"\{#[\w-]+(?:\s+[.\w=\"'-]+)*\}")
CONTROL_FLOW = "{% if %}, {% for %}, {% set %}, {% call %} and {% macro %}"
TOKENS = Environment().lexer  # the same syntax settings as PageTextEnvironment (Jinja's defaults)


class PageTextError(Exception):
    """Page text cannot be rendered; `line` is counted in the text given to `render`."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line


class MacroCallError(ValueError):
    """A macro was called wrongly (an unknown id, a missing argument); the message says what
    the macro expects. Raised by the macros in macros/__init__.py."""


def allowed(macros) -> str:
    """What page text may use, for error messages."""
    return (f"page text may call only the macros {', '.join(sorted(macros))}, "
            f"with plain values (text, numbers, lists), and use {CONTROL_FLOW}")


def not_a_macro(name: str, macros) -> str:
    """A call of a name that is not one of our macros, with the one probably meant: the build's
    message (below) and `make check`'s (helpcentre/macro_calls.py) are these same words."""
    return f"'{name}' is not a macro; {did_you_mean(name, macros, '{}(…)'.format)}{allowed(macros)}"


class _NoFiles(BaseLoader):
    """{% include %}, {% import %}, {% from %} and {% extends %} end here, with the reason.
    Not TemplateNotFound: `{% include … ignore missing %}` would pass that over silently."""

    def load(self, environment, name, globals=None):
        raise SecurityError(f"page text cannot include, import or extend files ('{name}')")


class PageTextEnvironment(ImmutableSandboxedEnvironment):
    """A Jinja sandbox whose only names are the given macros."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, macros: Mapping[str, Callable]):
        # The same syntax settings as mkdocs-macros' own Environment, so pages render as before.
        super().__init__(loader=_NoFiles(), undefined=StrictUndefined, autoescape=False)
        self.macros = dict(macros)
        self._callables = {id(function) for function in self.macros.values()}
        self.globals.clear()
        self.globals.update(self.macros)
        self.filters.clear()

    def allowed(self) -> str:
        """What page text may use, for error messages."""
        return allowed(self.macros)

    # --- The allowlist ------------------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # loop.index, loop.first, loop.cycle(…) and the like; nothing else has attributes here.
        # (A mapping's keys stay readable: `x.key` falls back to `x['key']`.)
        return isinstance(obj, LoopContext) and super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        if id(obj) in self._callables or isinstance(obj, (Macro, LoopContext)):
            return True  # our macros, {% macro %}/caller(), a recursive loop(…)
        return inspect.ismethod(obj) and isinstance(obj.__self__, LoopContext)  # loop.cycle(…)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # An unknown name stays itself, so the message names it ('cycler' is undefined)
        # rather than the attribute asked of it.
        return obj if isinstance(obj, Undefined) else super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        return obj if isinstance(obj, Undefined) else super().getitem(obj, argument)

    def wrap_str_format(self, value: Any):
        return None  # no '…'.format(…) at all: it is an attribute, refused like any other

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - the sandbox's own signature
        if isinstance(__obj, Undefined):
            name = getattr(__obj, "_undefined_name", None)
            if isinstance(name, str) and did_you_mean(name, __self.macros):
                raise SecurityError(not_a_macro(name, __self.macros))  # a misspelt macro: say which was meant
            __obj()  # raises the reason it is undefined: an unknown name, or an attribute refused
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"{_shown(__obj)} cannot be called")
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            raise SecurityError("text formatting with '%' is not available; join text with ~")
        if _too_big(operator, left, right):
            raise SecurityError(f"'{operator}' would make a value too large for a page")
        return super().call_binop(context, operator, left, right)


def _too_big(operator: str, left: Any, right: Any) -> bool:
    sequences = (str, list, tuple)
    if operator == "*" and isinstance(left, int) and isinstance(right, sequences):
        left, right = right, left
    if operator == "*" and isinstance(left, sequences) and isinstance(right, int):
        return len(left) * max(right, 0) > MAX_SIZE
    if operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
        return len(left) + len(right) > MAX_SIZE
    if isinstance(left, int) and isinstance(right, int):
        if operator == "*":
            return left.bit_length() + right.bit_length() > MAX_BITS
        if operator == "**":
            return right > 0 and max(left.bit_length(), 1) * right > MAX_BITS
    return False


def _shown(obj: Any) -> str:
    name = getattr(obj, "__name__", None)
    return f"'{name}'" if isinstance(name, str) else f"a {type(obj).__name__} value"


# --- Rendering with the author's line ----------------------------------------------

TAG_ENDS = {"variable_begin": "variable_end", "block_begin": "block_end"}


def misplaced_blocks(environment: PageTextEnvironment, text: str, block_macros: set[str]) -> list[tuple[int, str]]:
    """Calls of block macros (a box, a list, a section) that share their line with other text:
    their HTML would land inside a paragraph. Read with Jinja's own lexer, so a call is found
    however it is spaced. Each with its line and the macro (or 'endcall')."""
    tokens = [token for token in environment.lex(text) if token[1] != "whitespace"]
    found, calls = [], []  # calls: the macro of each {% call %} still open
    for start, (line, kind, _) in enumerate(tokens):
        if kind not in TAG_ENDS:
            continue
        names = [value for _, token_kind, value in tokens[start + 1:start + 3] if token_kind == "name"]
        name = names[1] if names[:1] == ["call"] and len(names) > 1 else (names or [""])[0]
        if names[:1] == ["call"]:
            calls.append(name)
        elif name == "endcall":
            name = "endcall" if calls and calls.pop() in block_macros else ""
        if name not in block_macros and name != "endcall":
            continue
        end = next(index for index in range(start, len(tokens)) if tokens[index][1] == TAG_ENDS[kind])
        if not (_starts_line(tokens, start) and _ends_line(tokens, end)):
            found.append((line, name))
    return found


def _starts_line(tokens: list, start: int) -> bool:
    """Nothing but spaces before tokens[start] on its line."""
    if start == 0:
        return True
    line, kind, value = tokens[start - 1]
    if kind == "data":
        _, newline, tail = value.rpartition("\n")
        return not tail.strip() and (bool(newline) or _starts_line(tokens, start - 1))
    return line < tokens[start][0]


def _ends_line(tokens: list, end: int) -> bool:
    """Nothing but spaces after tokens[end] on its line."""
    if end + 1 == len(tokens):
        return True
    line, kind, value = tokens[end + 1]
    if kind == "data":
        head, newline, _ = value.partition("\n")
        return not head.strip() and (bool(newline) or _ends_line(tokens, end + 1))
    return line > tokens[end][0]


# --- A tag not written right, at the line to fix ------------------------------------------------

# Tags that open a block, each closed by its end tag; as they are written (the examples fit each).
BLOCKS = {
    "if": "{% if … %} … {% endif %}",
    "for": "{% for … in … %} … {% endfor %}",
    "call": "{% call plan_section('<plan id>', …) %} … {% endcall %}, each on a line of its own",
    "macro": "{% macro <name>(…) %} … {% endmacro %}",
    "set": "{% set <name> %} … {% endset %}",
    "filter": "{% filter … %} … {% endfilter %}",
    "with": "{% with … %} … {% endwith %}",
    "block": "{% block <name> %} … {% endblock %}",
    "autoescape": "{% autoescape … %} … {% endautoescape %}",
}


def syntax_problem(text: str, error: TemplateSyntaxError) -> tuple[int, str]:
    """The line and the words for a tag Jinja cannot read. A block never closed is reported at the
    line that opens it, with its own end tag: Jinja notices it only at the end of the page, or at
    the end tag of an outer block, far from the line to fix. The build and `make check`
    (helpcentre/macro_calls.py) say the same."""
    found = unclosed_block(text)
    ended = "Unexpected end of template" in (error.message or "")
    if found and (ended or "The innermost block that needs to be closed" in (error.message or "")):
        (tag, line), stopped = found
        fix = f"write {{% end{tag} %}} where its part ends, as in {BLOCKS[tag]}"
        if stopped is None:
            return line, f"{{% {tag} %}} is never closed: {fix}"
        end, end_line = stopped
        return line, f"{{% {tag} %}} is not closed before {{% {end} %}} on line {end_line}: {fix}"
    return error.lineno, (f"a {{{{ … }}}} or {{% … %}} is not written right: "
                          f"{(error.message or 'syntax error').rstrip('.')}; "
                          "expected e.g. {{ note('<id>') }} or {% if … %} … {% endif %}")


def unclosed_block(text: str) -> tuple[tuple[str, int], tuple[str, int] | None] | None:
    """The innermost block still open where the page ends, or where an end tag closes another
    block ((tag, line), and that end tag and its line); None when every block is closed. Read from
    Jinja's tokens."""
    try:
        tokens = [token for token in TOKENS.tokeniter(text, None) if token[1] != "whitespace"]
    except TemplateSyntaxError:
        return None
    open_blocks: list[tuple[str, int]] = []
    for index, (line, kind, _) in enumerate(tokens):
        if kind != "block_begin" or index + 1 == len(tokens) or tokens[index + 1][1] != "name":
            continue
        name = tokens[index + 1][2]
        if name in BLOCKS:
            tag = tokens[index:next((i for i in range(index, len(tokens)) if tokens[i][1] == "block_end"), len(tokens))]
            if name == "set" and any(value == "=" for _, _, value in tag):
                continue  # {% set x = … %} holds no block
            open_blocks.append((name, line))
        elif name.startswith("end") and name[3:] in BLOCKS:
            if open_blocks and open_blocks[-1][0] == name[3:]:
                open_blocks.pop()
            elif open_blocks:
                return open_blocks[-1], (name, line)
    return (open_blocks[-1], None) if open_blocks else None


def unspaced_ids(text: str) -> list[tuple[int, str]]:
    """Every `{#id}` in the text, with its line: Jinja reads it as the start of a comment."""
    return [(text.count("\n", 0, match.start()) + 1, match.group(0)) for match in UNSPACED_ID.finditer(text)]


def render(environment: PageTextEnvironment, text: str, block_macros: set[str]) -> str:
    """Render page text, or raise PageTextError with the line (in `text`) and what is wrong."""
    unspaced = unspaced_ids(text)
    if unspaced:
        line, written = unspaced[0]
        raise PageTextError(line, f"{written} starts a template comment; write a heading id with "
                                  f"spaces: {{ #{written[2:-1].split()[0]} }}")
    try:
        template = environment.from_string(text)
    except TemplateSyntaxError as error:
        raise PageTextError(*syntax_problem(text, error)) from None
    misplaced = misplaced_blocks(environment, text, block_macros)
    if misplaced:
        line, name = misplaced[0]
        written = "{% endcall %}" if name == "endcall" else f"{name}(…)"
        raise PageTextError(line, f"{written} must stand on a line of its own: it makes a block "
                                  "(a box, a list or a section), which cannot sit inside a sentence")
    try:
        with _time_limit(RENDER_SECONDS):
            return template.render()
    except Exception as error:  # noqa: BLE001 - every failure becomes one message with its line
        raise PageTextError(_template_line(error), _message(environment, error)) from None


class RenderTooLong(Exception):
    def __str__(self) -> str:
        return (f"the page was still rendering after {RENDER_SECONDS} s; a {{% for %}} over a long list, "
                "or loops inside loops, is the usual cause: page text may loop over short lists only")


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise RenderTooLong inside the rendering once `seconds` have passed (the exception carries
    the page line the loop was at). Only the main thread can take a signal; MkDocs renders pages there."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise RenderTooLong()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _template_line(error: BaseException) -> int | None:
    """The page line being rendered when `error` was raised: Jinja rewrites the traceback so
    that the template's own frames carry its line numbers (the innermost is the one)."""
    line, trace = None, error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == TEMPLATE_NAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _message(environment: PageTextEnvironment, error: Exception) -> str:
    if isinstance(error, SecurityError) and str(error).endswith(environment.allowed()):
        return str(error)  # says what is allowed already
    if isinstance(error, (SecurityError, UndefinedError)):
        return f"{str(error).rstrip('.')}; {environment.allowed()}"
    if isinstance(error, (TemplateError, MacroCallError, RenderTooLong)):
        return str(error)
    return f"{error} ({type(error).__name__})"

"""mkdocs-macros' module (`modules: [helpcentre:helpcentre.macros]` in mkdocs.yml): registers the help
centre's macros (helpcentre/render.py) and renders each page's text in the sandbox
(helpcentre/page_text.py), in the language being built."""

from __future__ import annotations

import inspect
import re
from functools import wraps

from mkdocs.exceptions import PluginError
from mkdocs.utils import meta

from . import page_text, render
from .macro_calls import BLOCK_MACROS, USAGE
from .page_text import MacroCallError


# --- Issue 14: page text is data, rendered in a sandbox (helpcentre/page_text.py) ----------
# mkdocs-macros loads this module and calls define_env, then on_pre_page_macros for every
# page; it renders nothing itself (render_by_default: false in mkdocs.yml).
# The macros, what each expects and which are HTML blocks (on a line of their own) are listed once,
# in helpcentre/macro_calls.py, which `make check` reads too.


def _build(env):
    """The language build under way (helpcentre/language_build.py), from our plugin."""
    return env.conf.plugins["helpcentre"].build


def define_env(env) -> None:
    # The data and the language are asked for at each call: define_env runs with the previous
    # language's configuration, and a language's build loads only its own texts.
    macros: dict[str, object] = {}

    def macro(name: str, function) -> None:
        """Register a renderer as a macro that says what it expects when called wrongly."""

        usage = USAGE[name]
        arity = len(inspect.signature(function).parameters) - 2  # after (data, lang)

        @wraps(function)
        def call(*args, **keywords):
            given = [*map(repr, args), *(f"{key}={value!r}" for key, value in keywords.items() if key != "caller")]
            shown = f"{name}({', '.join(given)})"
            if len(args) != arity or keywords:
                raise MacroCallError(f"{shown}: expected {usage}")
            try:
                build = _build(env)
                return function(build.data, build.lang, *args)
            except render.UnknownIdError as error:
                raise MacroCallError(f"{shown}: {error}") from None

        macros[name] = call

    macro("procedure", render.procedure_html)
    macro("note", render.note_html)
    macro("label", render.label_html)
    macro("plan", render.plan_name)
    macro("support", render.support_html)
    macro("product", lambda data, lang: render.product_name(data))
    macro("search_box", render.search_box_html)

    # --- Issue 5: a whole section limited to some plans ------------------------
    # {% call plan_section('monthly', 'trial') %} … Markdown … {% endcall %}
    # Jinja passes the block as `caller`; the body's own macros are rendered by caller().
    def plan_section(*plans, caller=None, **keywords):
        shown = f"plan_section({', '.join(map(repr, plans))})"
        if caller is None or not plans or keywords:
            raise MacroCallError(f"{shown}: expected {USAGE['plan_section']}")
        try:
            build = _build(env)
            return render.plan_section_html(build.data, build.lang, plans, caller())
        except render.UnknownIdError as error:
            raise MacroCallError(f"{shown}: {error}") from None

    macros["plan_section"] = plan_section
    for name, function in macros.items():
        env.macro(function, name)  # listed by mkdocs-macros; page text reaches them through the sandbox
    env.page_text = page_text.PageTextEnvironment(macros)  # this language's sandbox, on mkdocs-macros' plugin


def on_pre_page_macros(env) -> None:
    """Render the page's text in the sandbox, before mkdocs-macros' own (disabled) rendering.
    Every mistake stops the build with the file, the line in that file and what is expected."""
    page = env.page
    shown = _build(env).source_name(page.file)
    source = page.file.content_string
    body_start = source[: len(source) - len(meta.get_data(source)[0])].count("\n")  # front matter lines
    if "render_macros" in page.meta:
        line = next((number for number, text in enumerate(source.splitlines(), 1)
                     if re.match(r"render_macros\s*:", text)), 1)
        raise PluginError(f"{shown}:{line}: render_macros: remove it; every page's macros are rendered, "
                          "in the sandbox that allows only the help centre's macros")
    try:
        env.markdown = page_text.render(env.page_text, env.markdown, BLOCK_MACROS)
    except page_text.PageTextError as error:
        line = body_start + (error.line or 1)
        raise PluginError(f"{shown}:{line}: {error}") from None

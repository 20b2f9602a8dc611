"""mkdocs-macros entry point: wires the pure functions in render.py to the page being built."""

from __future__ import annotations

import inspect
import os
import re
from functools import wraps
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import meta

from . import page_text, render
from .data import DataError, HelpData, load_data
from .page_text import MacroCallError


def site_languages(config) -> tuple[str, ...]:
    """The locales the i18n plugin builds, default language first."""
    languages = config["plugins"]["i18n"].config.languages
    ordered = sorted(languages, key=lambda language: not language.default)
    return tuple(language.locale for language in ordered if language.build)


def page_language(config) -> str:
    """The language being built. Ask at call time: define_env and on_config see the
    previous language's config, and a page's file.locale is its *source* language,
    English on a page that fell back to the English source."""
    return config["plugins"]["i18n"].current_language


def site_data(config) -> HelpData:
    """The validated shared data, read afresh so `make serve` shows YAML edits."""
    try:
        return _load_data_cached(Path(config["config_file_path"]).parent / "data", site_languages(config))
    except DataError as error:
        raise PluginError(str(error)) from None


# --- Issue 7: read data/ once per change, not once per page --------------------
# Hooks ask for the data on every page; parsing the YAML each time was most of the
# build time (300 pages: 9 s of 16 s). The data is reused while no file in data/
# has changed (name, size, modification time), so an edit still shows at once.
_data_cache: dict = {}


def _load_data_cached(data_dir: Path, languages: tuple[str, ...]) -> HelpData:
    stamp = tuple(sorted((entry.name, entry.stat().st_mtime_ns, entry.stat().st_size)
                         for entry in os.scandir(data_dir) if entry.name.endswith(".yml")))
    key = (str(data_dir), languages)
    cached = _data_cache.get(key)
    if cached is None or cached[0] != stamp:
        _data_cache[key] = cached = (stamp, load_data(data_dir, languages))
    return cached[1]


# --- Issue 14: page text is data, rendered in a sandbox (macros/page_text.py) ----------
# mkdocs-macros loads this module and calls define_env, then on_pre_page_macros for every
# page; it renders nothing itself (render_by_default: false in mkdocs.yml).
BLOCK_MACROS = {"procedure", "note", "plan_section", "search_box"}  # HTML blocks: each on a line of its own
_page_text: list[page_text.PageTextEnvironment] = []  # this language's sandbox, made by define_env


def define_env(env) -> None:
    data = site_data(env.conf)
    macros: dict[str, object] = {}

    def macro(name: str, function, usage: str) -> None:
        """Register a renderer as a macro that says what it expects when called wrongly."""

        arity = len(inspect.signature(function).parameters) - 2  # after (data, lang)

        @wraps(function)
        def call(*args, **keywords):
            given = [*map(repr, args), *(f"{key}={value!r}" for key, value in keywords.items() if key != "caller")]
            shown = f"{name}({', '.join(given)})"
            if len(args) != arity or keywords:
                raise MacroCallError(f"{shown}: expected {usage}")
            try:
                return function(data, page_language(env.conf), *args)
            except render.UnknownIdError as error:
                raise MacroCallError(f"{shown}: {error}") from None

        macros[name] = call

    macro("procedure", render.procedure_html, "procedure('<procedure id>') on a line of its own")
    macro("note", render.note_html, "note('<note id>') on a line of its own")
    macro("label", render.label_html, "label('<label id>')")
    macro("plan", render.plan_name, "plan('<plan id>')")
    macro("support", render.support_html, "support()")
    macro("product", lambda data, lang: render.product_name(data), "product()")
    macro("search_box", render.search_box_html, "search_box()")

    # --- Issue 5: a whole section limited to some plans ------------------------
    # {% call plan_section('monthly', 'trial') %} … Markdown … {% endcall %}
    # Jinja passes the block as `caller`; the body's own macros are rendered by caller().
    def plan_section(*plans, caller=None, **keywords):
        shown = f"plan_section({', '.join(map(repr, plans))})"
        if caller is None or not plans or keywords:
            raise MacroCallError(
                f"{shown}: expected {{% call plan_section('<plan id>', …) %}} … {{% endcall %}}, "
                "each on a line of its own"
            )
        try:
            return render.plan_section_html(data, page_language(env.conf), plans, caller())
        except render.UnknownIdError as error:
            raise MacroCallError(f"{shown}: {error}") from None

    macros["plan_section"] = plan_section
    for name, function in macros.items():
        env.macro(function, name)  # listed by mkdocs-macros; page text reaches them through the sandbox
    _page_text[:] = [page_text.PageTextEnvironment(macros)]


def source_name(file, config) -> str:
    """The file a writer edits, as they know it: docs/it/x.md, or docs/en/x.md for a page that
    falls back to English (its src_uri says it/x.md)."""
    project = Path(config["config_file_path"]).parent
    if file.abs_src_path and Path(file.abs_src_path).is_relative_to(project):
        return Path(file.abs_src_path).relative_to(project).as_posix()
    return f"docs/{file.src_uri}"


def on_pre_page_macros(env) -> None:
    """Render the page's text in the sandbox, before mkdocs-macros' own (disabled) rendering.
    Every mistake stops the build with the file, the line in that file and what is expected."""
    page = env.page
    shown = source_name(page.file, env.conf)
    source = page.file.content_string
    body_start = source[: len(source) - len(meta.get_data(source)[0])].count("\n")  # front matter lines
    if "render_macros" in page.meta:
        line = next((number for number, text in enumerate(source.splitlines(), 1)
                     if re.match(r"render_macros\s*:", text)), 1)
        raise PluginError(f"{shown}:{line}: render_macros: remove it; every page's macros are rendered, "
                          "in the sandbox that allows only the help centre's macros")
    try:
        env.markdown = page_text.render(_page_text[0], env.markdown, BLOCK_MACROS)
    except page_text.PageTextError as error:
        line = body_start + (error.line or 1)
        raise PluginError(f"{shown}:{line}: {error}") from None

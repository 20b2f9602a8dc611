"""mkdocs-macros entry point: wires the pure functions in render.py to the page being built."""

from __future__ import annotations

import inspect
import os
from functools import wraps
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import render
from .data import DataError, HelpData, load_data


class MacroError(PluginError):
    """A macro call in a page cannot be rendered; the message names the page."""


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


def define_env(env) -> None:
    data = site_data(env.conf)

    def macro(name: str, function, usage: str) -> None:
        """Register a renderer as a macro that fails the build naming the page and the call."""

        arity = len(inspect.signature(function).parameters) - 2  # after (data, lang)

        @wraps(function)
        def call(*args):
            page = f"docs/{env.page.file.src_uri}" if env.page else "a page"
            shown = f"{name}({', '.join(map(repr, args))})"
            if len(args) != arity:
                raise MacroError(f"{page}: {shown}: expected {usage}")
            try:
                return function(data, page_language(env.conf), *args)
            except render.UnknownIdError as error:
                raise MacroError(f"{page}: {shown}: {error}") from None

        env.macro(call, name)

    macro("procedure", render.procedure_html, "procedure('<procedure id>')")
    macro("note", render.note_html, "note('<note id>')")
    macro("label", render.label_html, "label('<label id>')")
    macro("plan", render.plan_name, "plan('<plan id>')")
    macro("support", render.support_html, "support()")
    macro("search_box", render.search_box_html, "search_box()")
    env.macro(lambda: render.product_name(data), "product")

    # --- Issue 5: a whole section limited to some plans ------------------------
    # {% call plan_section('monthly', 'trial') %} … Markdown … {% endcall %}
    # Jinja passes the block as `caller`; the body's own macros are rendered by caller().
    def plan_section(*plans, caller=None):
        page = f"docs/{env.page.file.src_uri}" if env.page else "a page"
        shown = f"plan_section({', '.join(map(repr, plans))})"
        if caller is None or not plans:
            raise MacroError(
                f"{page}: {shown}: expected {{% call plan_section('<plan id>', …) %}} … {{% endcall %}}"
            )
        try:
            return render.plan_section_html(data, page_language(env.conf), plans, caller())
        except render.UnknownIdError as error:
            raise MacroError(f"{page}: {shown}: {error}") from None

    env.macro(plan_section, "plan_section")

"""mkdocs-macros entry point: wires the pure functions in render.py to the page being built."""

from __future__ import annotations

import inspect
from functools import wraps
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import render
from .data import DataError, load_data


class MacroError(PluginError):
    """A macro call in a page cannot be rendered; the message names the page."""


def site_languages(config) -> tuple[str, ...]:
    """The locales the i18n plugin builds, default language first."""
    languages = config["plugins"]["i18n"].config.languages
    ordered = sorted(languages, key=lambda language: not language.default)
    return tuple(language.locale for language in ordered if language.build)


def define_env(env) -> None:
    # Read the data on every build (not once per process) so `make serve` shows YAML edits.
    try:
        data = load_data(Path(env.project_dir) / "data", site_languages(env.conf))
    except DataError as error:
        raise PluginError(str(error)) from None

    def page_language() -> str:
        # Resolved per call: define_env runs before each language's build with the
        # previous language's config, and env.page.file.locale is the *source* file's
        # language, which is English on a page that fell back to the English source.
        return env.conf["plugins"]["i18n"].current_language

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
                return function(data, page_language(), *args)
            except render.UnknownIdError as error:
                raise MacroError(f"{page}: {shown}: {error}") from None

        env.macro(call, name)

    macro("procedure", render.procedure_html, "procedure('<procedure id>')")
    macro("note", render.note_html, "note('<note id>')")
    macro("label", render.label_html, "label('<label id>')")
    macro("plan", render.plan_name, "plan('<plan id>')")
    macro("support", render.support_html, "support()")
    env.macro(lambda: render.product_name(data), "product")

"""Which way each page's text runs (issue 27; helpcentre/text_direction.py): the language's direction
on <html> (Material writes it on <body> only), and every run of text in the other direction marked
with `dir` (the English shown on an Arabic page until it is translated). Templates get
`text_direction(language)` for the runs they know the language of (overrides/main.html)."""

from __future__ import annotations

from helpcentre import building
from helpcentre.text_direction import direction, mark_directions, with_html_direction


def on_env(env, config, files):
    env.globals["text_direction"] = direction
    return env


def on_post_page(output, page, config):
    return _directed(output, config, f"the page of {building.source_name(page.file, config)}")


def on_post_template(output, template_name, config):
    return _directed(output, config, f"the theme's {template_name}") if template_name.endswith(".html") else output


def _directed(html: str, config, where: str) -> str:
    page_direction = direction(building.language(config))
    return mark_directions(with_html_direction(html, page_direction, where), page_direction)

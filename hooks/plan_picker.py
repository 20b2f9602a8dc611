"""Put the plan chooser at the top of every article whose content differs by plan
(`data-plans` naming two plans or more), so writers cannot forget it; plans.js brings
it to life. An article about one kind of account (trial, reseller) gets no chooser:
hiding its own subject from a reader who chose another plan would leave it empty.

It goes into the finished page (on_post_page), after the search plugin has read the
content, so the chooser's wording does not turn up in search results."""

from __future__ import annotations

import re


from mkdocs.exceptions import PluginError

from helpcentre import building, render

PLAN_LIMITED = re.compile(r'data-plans="(?P<plans>[^"]*)"')
TITLE_END = "</h1>"


def plans_named(html: str) -> set[str]:
    """Every plan id that some plan-limited element of the page names."""
    return {plan for match in PLAN_LIMITED.finditer(html) for plan in match.group("plans").split()}


def on_post_page(output, page, config):
    if len(plans_named(page.content or "")) < 2:
        return output
    picker = render.plan_picker_html(building.data(config), building.language(config))
    # Right under the article's title (the theme's header has no <h1>).
    at = output.find(TITLE_END)
    if at == -1:
        raise PluginError(f"docs/{page.file.src_uri}: no <h1> title to put the plan chooser under")
    at += len(TITLE_END)
    return output[:at] + "\n" + picker + "\n" + output[at:]

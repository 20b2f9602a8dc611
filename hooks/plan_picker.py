"""Put the plan chooser at the top of every article whose content differs by plan
(`data-plans` naming two plans or more), so writers cannot forget it; plans.js brings
it to life. An article about one kind of account (trial, reseller) gets no chooser:
hiding its own subject from a reader who chose another plan would leave it empty.

It goes into the page's content right under the article's title, our own Markdown's
<h1>, once the search plugin has indexed that content, so the chooser's wording does not
turn up in search results; Material's page template then writes the content as it is."""

from __future__ import annotations

import re


from mkdocs.plugins import event_priority

from helpcentre import building, render

PLAN_LIMITED = re.compile(r'data-plans="(?P<plans>[^"]*)"')
TITLE_END = "</h1>"


def plans_named(html: str) -> set[str]:
    """Every plan id that some plan-limited element of the page names."""
    return {plan for match in PLAN_LIMITED.finditer(html) for plan in match.group("plans").split()}


def with_picker(content: str, picker: str) -> str:
    """The content with the chooser right under its title: after its first </h1>, or first of
    all when the article has no '# Title' of its own (Material writes the title above it)."""
    at = content.find(TITLE_END)
    at = 0 if at == -1 else at + len(TITLE_END)
    return content[:at] + "\n" + picker + "\n" + content[at:]


# The search plugin indexes page.content in its on_page_context (priority 0): after it.
@event_priority(-50)
def on_page_context(context, page, config, nav):
    if len(plans_named(page.content or "")) >= 2:
        page.content = with_picker(page.content, render.plan_picker_html(building.data(config), building.language(config)))
    return context

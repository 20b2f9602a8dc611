"""Tell helpcentre/data_use.py which page is being rendered, so that the preview knows which pages
used which shared data (nothing is recorded outside the preview). First of the hooks at each step
(priority 110), before any other hook or plugin reads the data for the page."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from helpcentre import data_use


@event_priority(110)
def on_config(config):
    if data_use.recording():
        data_use.rendering(data_use.EVERY_PAGE, again=True)  # until the first page: what every page may show
    return config


@event_priority(110)
def on_pre_page(page, config, files):
    if data_use.recording():
        data_use.rendering(page.file.dest_uri, again=True)  # its text and front matter
    return page


@event_priority(110)
def on_env(env, config, files):
    if data_use.recording():
        data_use.rendering(data_use.EVERY_PAGE)  # between the pages' text and their templates
    return env


@event_priority(110)
def on_pre_template(template, template_name, config):
    if data_use.recording():
        data_use.rendering(None)  # the 404 page and the like: made again by every build
    return template


@event_priority(110)
def on_page_context(context, page, config, nav):
    if data_use.recording():
        data_use.rendering(page.file.dest_uri)  # its template and what hooks add to its HTML
    return context


@event_priority(110)
def on_post_build(config):
    if data_use.recording():
        data_use.rendering(None)  # what on_post_build writes is written again by every build

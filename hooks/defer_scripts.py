"""Load every script file with `defer`, so no script holds up the first paint of an article.

A reader on a slow phone connection sees the text as soon as the HTML and CSS are in; the
scripts (the loader of Material's bundle, the plan chooser, copy-link buttons, the switcher) run in
document order once the page is parsed, as they did at the end of <body>. Lighthouse counted
each of them as render-blocking (about 0.7 s of first paint on its simulated mobile network).
Inline JSON (Material's __config) has no src and is left alone.
"""

from __future__ import annotations

import re

EXTERNAL_SCRIPT = re.compile(r"<script\b(?![^>]*\b(?:defer|async|type=\"module\")\b)([^>]*\bsrc=[^>]*)>")


def on_post_page(output, page, config):
    return EXTERNAL_SCRIPT.sub(r"<script defer\1>", output)


def on_post_template(output, template_name, config):
    return EXTERNAL_SCRIPT.sub(r"<script defer\1>", output) if template_name.endswith(".html") else output

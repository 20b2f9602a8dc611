"""Give theme templates what "Was this page helpful?" (overrides/partials/help-feedback.html, issue 17)
shows: the choices under "What was missing?", the support address its contact link writes to,
that e-mail's subject, and the page's address in the reader's language."""

from __future__ import annotations

import html

from markupsafe import Markup

from helpcentre import building, render
from helpcentre.data import FEEDBACK_REASONS


def on_env(env, config, files):
    def message(*keys: str, **filled: str) -> Markup:  # escaped HTML, as every message in the theme
        return render.message_html(building.data(config), building.language(config), *keys, **filled)

    env.globals["feedback_reasons"] = lambda: [{"id": reason, "text": message("feedback", "reasons", reason)}
                                               for reason in FEEDBACK_REASONS]
    env.globals["support_address"] = lambda: building.data(config).support_email
    # The article in the reader's language (an untranslated page's canonical URL is the English one).
    env.globals["feedback_page_url"] = lambda page: building.site(config).url(
        building.language(config), building.site(config).article_id(page.file.src_uri))
    # The title as readers see it: front matter comes escaped (hooks/escape_front_matter.py).
    env.globals["feedback_subject"] = lambda page: message(
        "feedback", "mail_subject", title=html.unescape(page.meta.get("title") or page.title or ""))
    return env

"""Under each translated section that is behind its English, a short notice in the reader's
language, with the date of the English change and a link to the same section in English (issue 16;
which sections: helpcentre/translations/notices.py). A page in step shows nothing, and a page shown
from the English (not translated yet) has the untranslated notice instead (overrides/main.html)."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from babel.dates import format_date
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from helpcentre import building
from helpcentre.site import babel_locale
from helpcentre.translations.notices import DataBehind, data_behind, stale_sections
from helpcentre.translations.policy import UsageError, load_config

_state: dict = {}


def on_pre_build(config):
    site, lang = building.site(config), building.language(config)
    _state.clear()
    if lang == site.default:
        return
    try:
        l10n = load_config(site.root)
    except UsageError as error:
        raise PluginError(str(error)) from None
    _state.update(config=l10n, lang=lang, behind=None)


def _behind() -> DataBehind:
    if _state["behind"] is None:
        _state["behind"] = data_behind(_state["config"], _state["lang"])
    return _state["behind"]


def on_page_content(html, page, config, files):
    if not _state or not page.file.abs_src_path:
        return html
    site, lang = building.site(config), _state["lang"]
    path = Path(page.file.abs_src_path).resolve()
    if site.language_of(path) != lang:
        return html  # shown from the English: the untranslated notice says so
    article = site.article_id(page.file.src_uri)
    source = site.source(site.default, article)
    if not source.is_file():
        return html
    found = stale_sections(_state["config"], lang, article, source, path.read_text(encoding="utf-8-sig"), _behind())
    if not found:
        return html
    message = building.data(config).message
    english = get_relative_url(site.page_path(site.default, article) or ".", page.url or ".")
    for section_id, date in found.items():
        anchor = section_id or article.replace("/", "-")  # the title's id (hooks/title_anchor.py)
        text = escape(message(lang, "stale_section", "text")).replace(
            "{date}", f'<time datetime="{date.isoformat()}">{escape(format_date(date, format="long", locale=babel_locale(lang)))}</time>')
        notice = (f'<p class="help-stale" role="note">{text} '
                  f'<a href="{escape(english)}#{escape(anchor)}" hreflang="{site.default}">'
                  f'{escape(message(lang, "stale_section", "link"))}</a></p>')
        heading = re.compile(rf'(<h([1-6])\b[^>]*\bid="{re.escape(anchor)}"[^>]*>.*?</h\2>)', re.DOTALL)
        html, count = heading.subn(lambda match: match.group(1) + notice, html, count=1)
        if not count:
            raise PluginError(f"hooks/stale_sections.py: {building.source_name(page.file, config)}: no heading "
                              f"with the id #{anchor} to put the stale-section notice under")
    return html

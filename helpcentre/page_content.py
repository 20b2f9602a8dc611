"""What the build adds to a page's content (the HTML Markdown made, before the theme's template),
each at the place the page's outline (helpcentre/outline.py) gives, so the page is read once:

- a copy-link button in every h2/h3, and one polite live region per page that announces the copy
  (the button is real HTML in the page's language; assets/javascripts/links.js builds the URL with
  site_url, ?plan= and #id on click);
- under each translated section that is behind its English, a short notice in the reader's
  language, with the date of the English change and a link to the same section in English
  (issue 16; which sections: helpcentre/translations/notices.py);
- the old id of a renamed section (data/redirects.yml `sections:`) as an invisible anchor just
  before its heading, and that of a renamed procedure step inside its list item (issue 17).
"""

from __future__ import annotations

import datetime
from html import escape

from babel.dates import format_date
from mkdocs.exceptions import PluginError

from .outline import HEADINGS, SECTION_HEADINGS, Insertions, PageOutline
from .site import babel_locale

OURS = "helpcentre/page_content.py"
LINK_ICON = ('<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">'
             '<path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0ZM8.5 '
             '19.5a4.2 4.2 0 0 1-3-7.2l2.1-2.1 1.4 1.4-2.1 2.1a2.2 2.2 0 0 0 3.1 3.1l2.1-2.1 1.4 1.4-2.1 '
             '2.1a4.2 4.2 0 0 1-2.9 1.3Zm8.9-5.7-1.4-1.4 2.1-2.1a2.2 2.2 0 0 0-3.1-3.1l-2.1 2.1-1.4-1.4 '
             '2.1-2.1a4.2 4.2 0 0 1 5.9 5.9Z"/></svg>')
ALIAS_TARGETS = (*HEADINGS, "ol", "li")  # a renamed section's heading, a procedure's list or step


def section_link_buttons(outline: PageOutline, toc_ids: list[str], label: str, where: str, edits: Insertions) -> None:
    """A copy-link button at the end of every h2/h3. Every h2/h3 of the table of contents must
    get one: a heading the page's HTML does not have as the toc says stops the build."""
    escaped = escape(label)
    buttoned = set()
    for heading in outline.headings(SECTION_HEADINGS):
        if heading.close < 0:
            continue
        edits.add(heading.close, f'<button type="button" class="section-copy" data-section="{heading.id}" '
                                 f'aria-label="{escaped}" title="{escaped}">{LINK_ICON}</button>')
        buttoned.add(heading.id)
    missed = [anchor for anchor in toc_ids if anchor not in buttoned]
    if missed:
        raise PluginError(f"{OURS}: {where}: no copy-link button on the heading(s) #{', #'.join(missed)}: the "
                          f"table of contents has them, and the page's HTML has no <h2>/<h3> with that id")


def copy_status(copied: str) -> str:
    """The live region that announces a copied link, once per page."""
    return (f'<div class="link-copy-status md-visually-hidden" role="status" aria-live="polite" '
            f'data-copied="{escape(copied)}"></div>')


def stale_notices(outline: PageOutline, found: dict[str, datetime.date], title_anchor: str, english_url: str,
                  lang: str, default: str, text: str, link: str, where: str, edits: Insertions) -> None:
    """Under each heading of `found` (section id -> date of the English change; "" is the title),
    the notice that the section may be behind its English."""
    for section_id, date in found.items():
        anchor = section_id or title_anchor
        heading = outline.first(anchor, HEADINGS)
        if heading is None or heading.end < 0:
            raise PluginError(f"{OURS}: {where}: no heading with the id #{anchor} to put the stale-section "
                              "notice under")
        shown = escape(text).replace(
            "{date}", f'<time datetime="{date.isoformat()}">{escape(format_date(date, format="long", locale=babel_locale(lang)))}</time>')
        edits.add(heading.end, f'<p class="help-stale" role="note">{shown} '
                               f'<a href="{escape(english_url)}#{escape(anchor)}" hreflang="{default}">'
                               f'{escape(link)}</a></p>')


def section_aliases(outline: PageOutline, aliases: dict[str, str], where: str, lang: str, edits: Insertions) -> None:
    """Each old id (alias -> the id it became) as an invisible anchor: before the heading or list
    that has the new id, or inside the list item (a list holds nothing else)."""
    ids = set(outline.ids)
    for old, new in aliases.items():
        if old in ids:
            raise PluginError(f"{where}: {old}: the page still has a section #{old}; remove the alias")
        target = outline.first(new, ALIAS_TARGETS)
        if target is None:
            raise PluginError(f"{where}: {old}: the page has no heading or procedure step #{new} ({lang})")
        edits.add(target.inside if target.tag == "li" else target.start,
                  f'<span id="{old}" class="section-alias" aria-hidden="true"></span>')

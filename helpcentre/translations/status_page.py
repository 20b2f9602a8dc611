"""The translators' status page in `make serve` (issue 16), at /_translations/: languages × articles
(in step, stale with the English change, missing, pending), then the data texts per file, and the
command that exports what needs translating. Made on each request from the files as they are, by
the preview only: `make build` never writes it, so it is never published."""

from __future__ import annotations

from html import escape

from .data_texts import IN_STEP as DATA_IN_STEP, data_texts, read_record, state as data_state
from .policy import Config
from .status import IN_STEP, STALE, translation_status
from .status_text import cell, page_changes, what_to_do

PATH = "_translations/"  # under the preview's mount path; no article has a name starting with "_"

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1a1a1a; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #999; padding: .3rem .6rem; text-align: left; vertical-align: top; }
.in-step { background: #e7f5e9; } .stale { background: #fff3cd; } .missing, .pending { background: #f8d7da; }
pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
code { background: #f4f4f4; padding: 0 .2rem; }
"""


def status_page(config: Config) -> str:
    status = translation_status(config)
    record = read_record(config.site.data, config.site.languages)
    texts = data_texts(config.site.data, config.site.languages)
    langs = status.languages
    parts = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Translation status</title>'
             f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head><body>',
             "<main><h1>Translation status</h1>",
             "<p>Every translation against its English, as the files are now (this page is the preview's "
             "own: it is not part of the built site). To send what is missing or stale to a translator: "
             + ", ".join(f"<code>make l10n-export LANG={lang}</code>" for lang in langs) + ".</p>",
             "<h2 id=\"articles\">Articles</h2><table><thead><tr><th scope=\"col\">Article</th>"
             + "".join(f'<th scope="col">{escape(lang)}</th>' for lang in langs) + "</tr></thead><tbody>"]
    for article in status.articles:
        cells = []
        for lang in langs:
            page = status.page(lang, article)
            label = escape(cell(page))
            if page.state != IN_STEP:
                label = f'<a href="#{escape(lang)}-{escape(article)}">{label}</a>'
            cells.append(f'<td class="{page.state.replace(" ", "-")}">{label}</td>')
        parts.append(f"<tr><th scope=\"row\">{escape(article)}</th>{''.join(cells)}</tr>")
    parts.append("</tbody></table>")
    for page in status.debt:
        parts.append(f'<h3 id="{escape(page.language)}-{escape(page.article)}">{escape(page.translation)}: '
                     f"{escape(page.state)}</h3>")
        parts.append(f"<pre>{escape(page_changes(page))}</pre>" if page.state == STALE
                     else f"<p>{escape(what_to_do(page))}</p>")
    parts.append("<h2 id=\"data\">Data texts</h2><table><thead><tr><th scope=\"col\">File</th>"
                 + "".join(f'<th scope="col">{escape(lang)}</th>' for lang in langs) + "</tr></thead><tbody>")
    behind: list[tuple[str, str, object]] = []
    for file in dict.fromkeys(text.file for text in texts):
        cells = []
        for lang in langs:
            states = [(text, data_state(text, lang, record)) for text in texts if text.file == file]
            debt = [(text, found) for text, found in states if found != DATA_IN_STEP]
            behind += [(lang, found, text) for text, found in debt]
            summary = "in step" if not debt else ", ".join(
                f"{sum(1 for _, found in debt if found == kind)} {kind}" for kind in dict.fromkeys(f for _, f in debt))
            cells.append(f'<td class="{"in-step" if not debt else "stale"}">{escape(summary)} '
                         f"of {len(states)}</td>")
        parts.append(f"<tr><th scope=\"row\">data/{escape(file)}</th>{''.join(cells)}</tr>")
    parts.append("</tbody></table>")
    if behind:
        parts.append("<ul>" + "".join(
            f"<li><code>{escape(lang)}</code> {escape(text.context)} (line {text.line}): {escape(found)}; "
            f"English: “{escape(text.english)}”</li>" for lang, found, text in behind) + "</ul>")
    parts.append("</main></body></html>")
    return "\n".join(parts)

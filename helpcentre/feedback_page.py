"""The feedback report as one page to look at (issue 28): `make feedback-report LOG=… HTML=report.html`
writes it, and `make serve` shows it at /_feedback/ from the engine's sample log,
helpcentre/serve/feedback-sample.log.

One self-contained HTML file: its style inline, its charts inline SVG drawn by pygal, no script,
no font, no image and no address of anywhere else, so it opens offline and a reader of it asks
nothing of anyone. pygal's SVG is made for a file of its own: it names pygal.js (a script from
the web) for tooltips, carries comments with pygal's web addresses, and declares XML namespaces by
their URIs. Inline in HTML none of that is needed: the script is switched off (js=[]) and the rest
is taken out of the tree before it is written (`inline_svg`).

Per language: helpful / not helpful per article and week; the sections readers said were missing
something; the searches that found nothing or that readers left for another, each with the
article the site's vocabulary would give now (helpcentre/search_terms.py); where the results
readers opened were in the list. A query is shown only once typed QUERY_MIN_COUNT times
(helpcentre/feedback.py says why).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from typing import Callable

import pygal
from pygal.style import Style

from .data import FEEDBACK_REASONS
from .feedback import QUERY_MIN_COUNT, Report, hidden_misses, misses
from .render import TEMPLATES
from .site import ENGINE

TEMPLATE = "feedback_report.html"
# Dark colours, each with enough contrast on white (WCAG AA): what went well green, what missed red
# and amber, the rest indigo and violet.
GOOD, BAD, LEFT, NEUTRAL, OTHER = "#1b6e3a", "#b3261e", "#8a5a00", "#3949ab", "#6a1b9a"


def style(*colors: str) -> Style:
    return Style(background="white", plot_background="white", foreground="#1a1a1a", foreground_strong="#1a1a1a",
                 foreground_subtle="#595959", opacity="1", opacity_hover=".85", transition="0s",
                 font_family="system-ui, sans-serif", colors=colors)

REASON_ORDER = FEEDBACK_REASONS  # as readers see the choices


@dataclass(frozen=True)
class Figure:
    caption: str
    svg: str


@dataclass(frozen=True)
class SearchRow:
    query: str
    nothing: int
    left: int
    article: str   # what the vocabulary would give now: "cancel-account (Cancel your account)", or ""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    votes: list[Figure]
    missing: Figure | None
    searches: Figure | None
    search_rows: list[SearchRow]
    hidden_searches: int
    positions: Figure | None


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------


def inline_svg(chart, label: str) -> str:
    """A pygal chart as SVG to put inside HTML: no script, no comment, no namespace address; named
    by `label` for screen readers (its caption says the same)."""
    root = chart.render_tree()
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag is ElementTree.Comment or child.tag == "script":
                parent.remove(child)
    root.attrib.pop("xmlns", None)
    root.set("role", "img")
    root.set("aria-label", label)
    return ElementTree.tostring(root, encoding="unicode")


def _config(colors: tuple[str, ...], **settings) -> pygal.Config:
    config = pygal.Config(js=[], style=style(*colors), disable_xml_declaration=True, width=720,
                          height=settings.pop("height", 300), legend_at_bottom=True, print_values=False,
                          show_y_guides=True, truncate_label=-1, truncate_legend=-1)
    for key, value in settings.items():
        setattr(config, key, value)
    return config


def votes_chart(article: str, weeks: dict[str, dict[str, int]]) -> str:
    chart = pygal.StackedBar(_config((GOOD, BAD)))
    order = sorted(weeks)
    chart.x_labels = order
    chart.add("Helpful", [weeks[week].get("yes", 0) for week in order])
    chart.add("Not helpful", [weeks[week].get("no", 0) for week in order])
    return inline_svg(chart, f"{article}: helpful and not helpful, per week")


def missing_chart(rows: list[tuple[str, dict[str, int]]]) -> str:
    chart = pygal.HorizontalStackedBar(_config((BAD, LEFT, NEUTRAL, OTHER, GOOD), height=120 + 40 * len(rows)))
    chart.x_labels = [where for where, _ in rows]
    reasons = [reason for reason in REASON_ORDER if any(counts.get(reason) for _, counts in rows)]
    reasons += sorted({reason for _, counts in rows for reason in counts} - set(reasons))
    for reason in reasons:
        chart.add(reason.replace("_", " "), [counts.get(reason, 0) for _, counts in rows])
    return inline_svg(chart, "What readers said was missing, per section and reason")


def searches_chart(rows: list[SearchRow]) -> str:
    chart = pygal.HorizontalStackedBar(_config((BAD, LEFT), height=120 + 40 * len(rows)))
    chart.x_labels = [row.query for row in rows]
    chart.add("Found nothing", [row.nothing for row in rows])
    chart.add("Left for another", [row.left for row in rows])
    return inline_svg(chart, "Searches that found nothing or were left for another")


def positions_chart(counts: dict[int, int]) -> str:
    chart = pygal.Bar(_config((NEUTRAL,), show_legend=False))
    order = list(range(1, max(counts) + 1))
    chart.x_labels = [str(position) for position in order]
    chart.add("Results opened", [counts.get(position, 0) for position in order])
    return inline_svg(chart, "Results opened, by their position in the list (1 = first)")


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


def language_part(report: Report, code: str, name: str, vocabulary: Callable[[str, str], str],
                  top: int = 20, min_count: int = QUERY_MIN_COUNT) -> Language:
    votes = [Figure(f"{page or '(no page)'}", votes_chart(page or "(no page)", weeks))
             for (page, lang), weeks in sorted(report.weekly.items()) if lang == code]
    missing_rows = sorted(((f"{page}#{section}" if section else f"{page} (whole page)", dict(reasons))
                           for (page, section, lang), reasons in report.missing.items() if lang == code),
                          key=lambda row: (-sum(row[1].values()), row[0]))
    search_rows = [SearchRow(query, nothing, left, vocabulary(code, query))
                   for query, nothing, left in misses(report, code, min_count)[:top]]
    positions = report.positions.get(code)
    return Language(
        code, name, votes,
        Figure("Per section and reason", missing_chart(missing_rows)) if missing_rows else None,
        Figure(f"Typed at least {min_count} times", searches_chart(search_rows)) if search_rows else None,
        search_rows, hidden_misses(report, code, min_count),
        Figure("Position 1 is the first result", positions_chart(dict(positions))) if positions else None)


def report_page(report: Report, languages: dict[str, str], vocabulary: Callable[[str, str], str],
                source: str, top: int = 20, min_count: int = QUERY_MIN_COUNT) -> str:
    """The whole page. `languages`: {code: name}, in the site's order, then any other the log names;
    `vocabulary(lang, query)`: the article the customers' words would give now ("" for none)."""
    named = dict(languages)
    for lang in sorted(({lang for _, lang in report.votes} | {lang for _, _, lang in report.missing}
                        | set(report.typed)) - set(named)):
        named[lang] = lang
    parts = [language_part(report, code, name, vocabulary, top, min_count) for code, name in named.items()]
    return TEMPLATES.get_template(TEMPLATE).render(
        report=report, languages=[part for part in parts if _has_anything(part)], source=source,
        min_count=min_count, period=f"{report.first[:10]} to {report.last[:10]}" if report.events else "")


def _has_anything(part: Language) -> bool:
    return bool(part.votes or part.missing or part.searches or part.hidden_searches or part.positions)


def site_report_page(report: Report, site, source: str, top: int = 20) -> str:
    """The page for this site: its languages, and the article its vocabulary gives now for each
    search that missed (data/search-terms.yml). `make feedback-report HTML=…` and the preview's
    /_feedback/ both make it here."""
    from .data import DataError, load_data
    from .search_terms import load_for_site, vocabulary_article

    try:
        terms, product = load_for_site(site), load_data(site.data, site.languages).product_name
    except DataError:
        terms, product = None, ""  # the page still shows what readers said; the build names the mistake

    def vocabulary(lang: str, query: str) -> str:
        return (vocabulary_article(terms, lang, query, product) or "") if terms else ""

    return report_page(report, dict(site.names), vocabulary, source, top)


# ---------------------------------------------------------------------------
# The preview's page (make serve): /_feedback/, from the sample log
# ---------------------------------------------------------------------------

PATH = "_feedback/"  # under the preview's mount path; no article has a name starting with "_"
SAMPLE_LOG = ENGINE / "serve" / "feedback-sample.log"  # lines as nginx writes them, made up, so writers see the page


def sample_page(site) -> str:
    """The report of the sample log, made at each request from the files as they are (the vocabulary
    included), by the preview only: never part of a build."""
    from .feedback import build_report

    return site_report_page(build_report([SAMPLE_LOG]), site, "helpcentre/serve/feedback-sample.log")

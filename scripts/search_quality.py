"""How well the site's search finds articles from customers' words, measured in the real search.

Types every phrasing of tests/search_phrasings.yml, and of the held-out set
tests/search_phrasings_held_out.yml (phrasings never used to tune the search, issue 27), into
the search box of a page in its language, in headless Chromium, on the site served by nginx as in
production; records where the expected article comes (1st, 2nd, ...) and the size of each
language's search index; writes the figures into their own section of BENCHMARKS.md.

    make search-quality        # or: .venv/bin/python -m scripts.search_quality [--no-write]

tests/test_search_phrasings.py uses `SearchBox` to require every phrasing of the first set in the
top three, and the held-out set's figures.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gzip
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from helpcentre.nginx import build_for_origin, free_port, nginx

ROOT = Path(__file__).resolve().parent.parent
from helpcentre.site import load_site

PHRASINGS = ROOT / "tests" / "search_phrasings.yml"
HELD_OUT = ROOT / "tests" / "search_phrasings_held_out.yml"
SITE = load_site(ROOT)
TOP = 3
CHROMIUM = "/usr/bin/chromium"
REPORT_START = "<!-- search quality: start -->"
REPORT_END = "<!-- search quality: end -->"


def load_phrasings(path: Path = PHRASINGS) -> dict[str, dict[str, list[str]]]:
    """{language: {article id: [phrasing, ...]}}"""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def home(lang: str) -> str:
    return "/" + SITE.prefix(lang)


def article_of(href: str, lang: str) -> str:
    """The article id of a result link on a page in `lang`: /it/cancel-account/?h=… -> cancel-account."""
    return urlparse(href).path.removeprefix(home(lang)).strip("/") or "index"


class SearchBox:
    """The header's search box on one page, typed into as a reader does.

    Material searches when a key is released (if the words changed) and writes the line above
    the results for every answer from its worker, which answers in order. So each search
    marks that line, types the words and waits for Material to rewrite the line: what is
    shown then is the answer to exactly those words. No sleeps, no guessing."""

    MARK = "…"

    def __init__(self, page, base: str, lang: str):
        self.page = page
        self.lang = lang
        page.goto(base + home(lang))
        self.box = page.locator("input.md-search__input")
        self.box.click()  # the reader's first tap: fetches Material's script and opens the search
        config = json.loads(page.locator("#__config").text_content())
        self.placeholder = config["translations"]["search.result.placeholder"]
        self._wait_for_line(self.placeholder)  # Material has started and its index is ready
        self.typed = ""

    def _wait_for_line(self, text: str, equal: bool = True) -> None:
        self.page.wait_for_function(
            "([text, equal]) => {"
            " const line = document.querySelector('.md-search-result__meta');"
            " return line && (line.textContent.trim() === text) === equal; }",
            arg=[text, equal])

    def results(self, words: str) -> list[Result]:
        """The results for `words`, in order, once Material has shown them."""
        if words == self.typed:  # the same words again: Material would not search
            self._type("")
        return [Result(article_of(item["href"], self.lang), item["titled"], item["in_title"])
                for item in self._type(words)]

    def _type(self, words: str) -> list[dict]:
        """Type `words` and return the results Material shows for them: each is an article,
        its own link first, then links to its best sections, each with its title or heading,
        where Material marks the words it matched."""
        self.page.eval_on_selector(".md-search-result__meta", "(line, mark) => { line.textContent = mark; }", self.MARK)
        self.box.fill(words)
        self.box.press("End")  # Material reads the box when a key is released
        self.typed = words
        answer = self.page.wait_for_function(
            """mark => document.querySelector(".md-search-result__meta").textContent.trim() !== mark
                && [...document.querySelectorAll(".md-search-result__item")].map(item => ({
                     href: item.querySelector("a").href, titled: item.querySelector(":is(h1, h2) mark") !== null,
                     in_title: item.querySelector("h1 mark") !== null}))""",
            arg=self.MARK)
        return answer.json_value()

    def search(self, words: str) -> list[str]:
        """The article ids of the results, in order."""
        return [result.article for result in self.results(words)]


@dataclass
class Result:
    article: str
    titled: bool    # the words were found in the article's title or one of its headings
    in_title: bool  # in the article's title itself


@contextlib.contextmanager
def search_boxes(browser, base: str):
    """`box(lang)`: one SearchBox per language, opened on first use and reused (each opening
    fetches Material and builds the index once), each in a browser context of its own."""
    contexts, boxes = [], {}

    def box(lang: str) -> SearchBox:
        if lang not in boxes:
            contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}))
            boxes[lang] = SearchBox(contexts[-1].new_page(), base, lang)
        return boxes[lang]

    try:
        yield box
    finally:
        for context in contexts:
            context.close()


@dataclass
class Outcome:
    lang: str
    article: str
    words: str
    found: list[str]

    @property
    def rank(self) -> int | None:
        return self.found.index(self.article) + 1 if self.article in self.found else None


def index_sizes(site: Path, lang: str) -> tuple[int, int, int]:
    """(entries, bytes, gzip bytes) of a language's search index."""
    path = site / SITE.prefix(lang) / "search" / "search_index.json"
    raw = path.read_bytes()
    return len(json.loads(raw)["docs"]), len(raw), len(gzip.compress(raw, compresslevel=6))


def measure(sets: dict[str, dict]) -> tuple[dict[str, list[Outcome]], dict[str, tuple[int, int, int]]]:
    """Every set of phrasings ({name: phrasings}) typed into one build of the site."""
    from playwright.sync_api import sync_playwright

    outcomes: dict[str, list[Outcome]] = {name: [] for name in sets}
    with tempfile.TemporaryDirectory(prefix="help-search-") as folder:
        port = free_port()
        site = Path(folder) / "site"
        build_for_origin(f"http://127.0.0.1:{port}", site)
        sizes = {lang: index_sizes(site, lang) for phrasings in sets.values() for lang in phrasings}
        with nginx(site, port, Path(folder) / "nginx") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            with search_boxes(browser, base) as box:
                for name, phrasings in sets.items():
                    for lang, articles in phrasings.items():
                        for article, lines in articles.items():
                            outcomes[name] += [Outcome(lang, article, words, box(lang).search(words)) for words in lines]
            browser.close()
    return outcomes, sizes


def figures(outcomes: list[Outcome]) -> tuple[int, int]:
    """(in the top three, first) of a set's outcomes."""
    return (sum(1 for o in outcomes if o.rank and o.rank <= TOP), sum(1 for o in outcomes if o.rank == 1))


def report(outcomes: dict[str, list[Outcome]], sizes: dict) -> str:
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    lines = [
        "## Search: customers' words (`make search-quality`)",
        "",
        f"Written by `make search-quality` on {today}: every phrasing of each set typed into the",
        "search box of a page in its language, in headless Chromium through nginx. Top 3: the",
        "expected article among the first three results (what `tests/test_search_phrasings.py`",
        "requires of every phrasing of the first set).",
    ]
    for name, mine_all in outcomes.items():
        top, first = figures(mine_all)
        lines += ["", f"`{name}`: {len(mine_all)} phrasings, {top} in the top 3, {first} first.", "",
                  "| Language | Phrasings | Top 3 | First | Index entries | Index size | gzip |",
                  "|---|---|---|---|---|---|---|"]
        for lang in dict.fromkeys(o.lang for o in mine_all):
            entries, raw, packed = sizes[lang]
            mine = [o for o in mine_all if o.lang == lang]
            top, first = figures(mine)
            lines.append(f"| {lang} | {len(mine)} | {100 * top / len(mine):.1f} % | {100 * first / len(mine):.1f} % "
                         f"| {entries} | {raw / 1024:.1f} KB | {packed / 1024:.1f} KB |")
        misses = [o for o in mine_all if not (o.rank and o.rank <= TOP)]
        lines += ["", "Missed: " + ("none." if not misses else "; ".join(
            f"{o.lang} \"{o.words}\" ({o.article}: {o.rank or 'absent'})" for o in misses))]
    return "\n".join(lines)


def write_report(output: Path, text: str) -> None:
    """Replace this script's section of BENCHMARKS.md (between its markers), nothing else."""
    block = f"{REPORT_START}\n{text.rstrip()}\n{REPORT_END}"
    existing = output.read_text(encoding="utf-8") if output.exists() else "# Benchmarks\n"
    if REPORT_START in existing and REPORT_END in existing:
        before, rest = existing.split(REPORT_START, 1)
        output.write_text(before + block + rest.split(REPORT_END, 1)[1], encoding="utf-8")
    else:
        output.write_text(existing.rstrip() + "\n\n" + block + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrasings", type=Path, action="append",
                        help="a set of phrasings (default: the first set and the held-out set)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-write", action="store_true", help="print the figures, leave BENCHMARKS.md alone")
    args = parser.parse_args()
    files = args.phrasings or [PHRASINGS, HELD_OUT]
    outcomes, sizes = measure({display(path): load_phrasings(path) for path in files})
    text = report(outcomes, sizes)
    print(text)
    if not args.no_write:
        write_report(args.output, text)
        print(f"search-quality: wrote {args.output}", file=sys.stderr)
    return 0


def display(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())

"""The customers' words for each article (data/search-terms.yml), checked against the site's
articles and languages, with the author's line in every error."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection, Mapping

from mkdocs.utils.meta import get_data

from .data import DataError, read_yaml_with_lines
from .site import Site

FILE = "search-terms.yml"
DISPLAY = f"data/{FILE}"
KEYS = ("nothing_found", "ignored_words", "articles")


@dataclass(frozen=True)
class SearchTerms:
    """A language whose words are still pending (`de: ~`) has none: its index gets only the
    articles' own words."""

    words: Mapping[str, Mapping[str, str]]  # article id -> language -> the customers' words
    nothing_found: tuple[str, ...]          # article ids offered when a search finds nothing
    ignored: Mapping[str, tuple[str, ...]]  # language -> words a query leaves out
    lines: Mapping[tuple[str, ...], int]    # key path -> line, for errors found later
    written: Mapping[str, str]              # article id -> its key in the file (an old id if moved)

    def line_of(self, article: str) -> int:
        return self.lines.get(("articles", self.written.get(article, article)), 1)


def load_search_terms(data_dir: Path, articles: Collection[str], languages: tuple[str, ...],
                      moved: Mapping[str, str] | None = None, gone: Collection[str] = (),
                      required: tuple[str, ...] | None = None) -> SearchTerms:
    """Read data/search-terms.yml; `articles` are the ids of the default language's pages,
    `languages` the site's (the default first), `required` those whose words this build needs
    (all by default): every entry that lacks one of them is listed at once, as load_data does.

    An article renamed with a redirect keeps its words: `moved` maps its old id to its current
    one (data/redirects.yml). `gone` are published articles that no longer exist and have no
    redirect yet: the build's published-link check stops on those and names the fix (add the
    redirect), so their words are left out here rather than reported a second time."""
    moved = moved or {}
    path = data_dir / FILE
    if not path.is_file():
        raise DataError(f"{DISPLAY}: file is missing; it holds the customers' words for search")
    value, lines = read_yaml_with_lines(path, DISPLAY)
    needed = tuple(lang for lang in languages if required is None or lang in required)
    missing: list[str] = []  # one line per entry that lacks a language this build needs
    absent_languages: set[str] = set()

    def error(keys: tuple[str, ...], expected: str) -> DataError:
        where = ".".join(keys) if keys else "the file"
        while keys and keys not in lines:
            keys = keys[:-1]
        return DataError(f"{DISPLAY}:{lines.get(keys, 1)}: {where}: {expected}")

    known = ", ".join(sorted(articles))

    def article(keys: tuple[str, ...], wanted: Any) -> str | None:
        current = moved.get(wanted, wanted)
        if current in articles:
            return current
        if wanted in gone:
            return None
        raise error(keys, f"unknown article '{wanted}'; known articles: {known}")

    if not isinstance(value, dict):
        raise error((), f"expected a mapping with {', '.join(KEYS)}")
    for key in value:
        if key not in KEYS:
            raise error((key,), f"unknown key '{key}'; this file has {', '.join(KEYS)}")

    offered = value.get("nothing_found")
    if not isinstance(offered, list) or not offered:
        raise error(("nothing_found",), "expected a list of article ids, e.g. [cancel-account, pause-billing]")
    resolved = (article(("nothing_found", str(i)), wanted) for i, wanted in enumerate(offered))
    nothing_found = tuple(wanted for wanted in resolved if wanted)

    def texts(keys: tuple[str, ...], node: Any) -> dict[str, str]:
        """One text per language, each a list of words or phrases separated by commas; `~` in a
        language other than the default: not written yet (that language has no words there)."""
        if not isinstance(node, dict):
            raise error(keys, f"expected one text per language ({', '.join(languages)})")
        for lang, text in node.items():
            if lang not in languages:
                raise error(keys + (lang,), f"'{lang}' is not a language of this site ({', '.join(languages)})")
            if text is None and lang != languages[0]:
                continue
            if not isinstance(text, str) or not text.strip():
                raise error(keys + (lang,), "expected words separated by commas")
        absent = [lang for lang in needed if lang not in node]
        if absent:
            absent_languages.update(absent)
            missing.append(str(error(keys, f"missing the language(s) {', '.join(absent)}; "
                                           f"every entry needs {', '.join(languages)}")))
        return {lang: " ".join(node[lang].split()) for lang in needed if node.get(lang) is not None}

    ignored_texts = texts(("ignored_words",), value.get("ignored_words"))
    ignored = {lang: tuple(word.strip() for word in ignored_texts.get(lang, "").split(",") if word.strip())
               for lang in needed}

    entries = value.get("articles")
    if not isinstance(entries, dict):
        raise error(("articles",), "expected a mapping: <article id>: one text per language")
    words: dict[str, dict[str, str]] = {}
    written: dict[str, str] = {}
    for article_id, node in entries.items():
        current = article(("articles", article_id), article_id)
        found = texts(("articles", article_id), node)
        if current:
            words[current] = found
            written[current] = article_id
    if missing:
        pending = " or ".join(f"`{lang}: ~`" for lang in languages if lang in absent_languages)
        raise DataError("\n".join(missing) + f"\n{len(missing)} entr{'ies' if len(missing) != 1 else 'y'} "
                        f"lack{'s' * (len(missing) == 1)} a language: write the customers' words, or {pending} "
                        "until they are written")
    return SearchTerms(words=words, nothing_found=nothing_found, ignored=ignored, lines=lines, written=written)


def load_for_site(site: Site, required: tuple[str, ...] | None = None) -> SearchTerms:
    """The site's search words, checked against its articles (the default language's files), its
    languages, its moved articles (data/redirects.yml) and its published links. Read again only
    when one of those files has changed: a build asks three times, and the preview builds often.
    `required`: the languages whose words this build needs (load_search_terms)."""
    from .links import MANIFEST_FILE, REDIRECTS_FILE

    sources = sorted((site.docs / site.default).rglob("*.md"))
    stamp = tuple(_stamp(path) for path in (*sources, *(site.data / name for name in (FILE, REDIRECTS_FILE, MANIFEST_FILE))))
    key = (site, required)
    cached = _loaded.get(key)
    if cached is None or cached[0] != stamp:
        _loaded[key] = cached = (stamp, _load_for_site(site, sources, required))
    return cached[1]


_loaded: dict[tuple, tuple[tuple, SearchTerms]] = {}


def _stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return (path, None)
    return (path, stat.st_mtime_ns, stat.st_size, stat.st_ino)


def _load_for_site(site: Site, sources: list[Path], required: tuple[str, ...] | None) -> SearchTerms:
    from .links import MANIFEST_FILE, entry_language, load_redirects, read_manifest

    docs = site.docs / site.default
    articles = {site.article_id(path.relative_to(docs).as_posix()) for path in sources}
    redirects = load_redirects(site.data)
    moved = {old: redirects.final_article(old) for old in redirects.pages}
    published = {entry.split("#")[0].strip("/") for entry in read_manifest(site.data / MANIFEST_FILE)
                 if entry_language(site, entry) == site.default}
    terms = load_search_terms(site.data, articles, site.languages, moved, gone=published - articles - set(moved),
                              required=required)
    for article in terms.words:
        if kept_out_of_search(site.source(site.default, article)):
            raise DataError(f"{DISPLAY}:{terms.line_of(article)}: articles.{terms.written[article]}: the page is "
                            "kept out of search (search: exclude in its front matter), so its words would find nothing")
    return terms


def kept_out_of_search(article: Path) -> bool:
    """Whether an article's front matter says `search: exclude: true`; read again only once the
    file has changed (a build asks for the words more than once)."""
    stat = article.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _excluded.get(article)
    if cached is None or cached[0] != stamp:
        _, meta = get_data(article.read_text(encoding="utf-8"))
        _excluded[article] = cached = (stamp, bool((meta.get("search") or {}).get("exclude")))
    return cached[1]


_excluded: dict[Path, tuple[tuple[int, int], bool]] = {}


# ---------------------------------------------------------------------------
# What the vocabulary gives for a query (issue 28: the feedback report)
# ---------------------------------------------------------------------------
# Not the site's search (lunr, in the reader's browser; tests/test_search_phrasings.py types into
# it): a reading of the customers' words alone, to show beside a query that missed which article
# those words would lead to now, or that none would yet. Words are compared without accents or
# case; a word matches another that starts with the same five letters (annullare, annullamento),
# or, for a shorter word, the same word.

WORD = re.compile(r"\w+")
STEM = 5


def _folded(text: str) -> list[str]:
    plain = "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))
    return WORD.findall(plain)


def _matches(word: str, known: str) -> bool:
    if len(word) < STEM or len(known) < STEM:
        return word == known
    return word[:STEM] == known[:STEM]


def vocabulary_article(terms: SearchTerms, lang: str, query: str, product: str = "") -> str | None:
    """The article whose customers' words share the most words with the query, in that language
    (the first in the file on a tie); None when no article's words share any."""
    ignored = {word for phrase in terms.ignored.get(lang, ()) for word in _folded(phrase)} | set(_folded(product))
    words = [word for word in _folded(query) if word not in ignored and len(word) > 2]
    best, best_score = None, 0
    for article, texts in terms.words.items():
        known = _folded(texts.get(lang, ""))
        score = sum(1 for word in words if any(_matches(word, other) for other in known))
        if score > best_score:
            best, best_score = article, score
    return best

"""data/search-terms.yml, the customers' words for each article: a mistake names the file, the
line, what is expected and the ids that exist (issue 12)."""

from __future__ import annotations

import re

import pytest

from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, unknown_language
from helpcentre.data import DataError
from helpcentre.search_terms import load_search_terms
from test_data_errors import data_dir, edit, line_of  # noqa: F401 (data_dir is a fixture)

ARTICLES = sorted(path.stem for path in (ROOT / "docs" / DEFAULT_LANGUAGE).glob("*.md"))
KNOWN = ", ".join(ARTICLES)


def load_error(data_dir, **options) -> str:
    with pytest.raises(DataError) as error:
        load_search_terms(data_dir, ARTICLES, LANGUAGES, **options)
    return str(error.value)


def test_real_file_covers_every_searchable_article_in_every_language():
    """Every article has the customers' words, in every language; a new one (`make new`) may wait
    for them without failing, and gets them once searches show what customers type."""
    terms = load_search_terms(ROOT / "data", ARTICLES, LANGUAGES)
    assert set(terms.words) <= set(ARTICLES) - {"index", "agents"}
    assert len(terms.words) >= 8  # the articles of the content brief
    for article, words in terms.words.items():
        assert set(words) == set(LANGUAGES), article
    assert terms.nothing_found == ("cancel-account", "pause-billing", "downgrade-plan")
    assert all(terms.ignored[lang] for lang in LANGUAGES)


def test_unknown_article(data_dir):
    path = data_dir / "search-terms.yml"
    edit(path, "\n  trial-accounts:\n", "\n  trail-accounts:\n")
    line = line_of(path, "  trail-accounts:")
    assert load_error(data_dir) == (
        f"data/search-terms.yml:{line}: articles.trail-accounts: unknown article 'trail-accounts'; "
        f"known articles: {KNOWN}")


def test_unknown_article_offered_when_nothing_is_found(data_dir):
    path = data_dir / "search-terms.yml"
    edit(path, "nothing_found: [cancel-account,", "nothing_found: [cancel,")
    line = line_of(path, "nothing_found: [cancel,")
    assert load_error(data_dir) == (
        f"data/search-terms.yml:{line}: nothing_found.0: unknown article 'cancel'; known articles: {KNOWN}")


def test_unknown_language(data_dir):
    path = data_dir / "search-terms.yml"
    other = unknown_language()
    edit(path, "  pause-billing:\n    en:", f"  pause-billing:\n    {other}: pausieren\n    en:")
    line = line_of(path, f"{other}: pausieren")
    assert load_error(data_dir) == (f"data/search-terms.yml:{line}: articles.pause-billing.{other}: '{other}' is not "
                                    f"a language of this site ({', '.join(LANGUAGES)})")


def test_missing_language(data_dir):
    path = data_dir / "search-terms.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  reseller-accounts:\n")
    french = text.index("    fr: >-\n", start)
    following = text.index("\n  ", french + len("    fr: >-\n") + 1)
    path.write_text(text[:french] + text[following + 1:], encoding="utf-8")
    line = line_of(path, "  reseller-accounts:")
    assert load_error(data_dir) == (
        f"data/search-terms.yml:{line}: articles.reseller-accounts: missing the language(s) fr; "
        f"every entry needs {', '.join(LANGUAGES)}\n"
        "1 entry lacks a language: write the customers' words, or `fr: ~` until they are written")


def test_words_not_written_yet_in_a_language(data_dir):
    """`fr: ~`: that language's index has none of the customers' words for the article yet."""
    path = data_dir / "search-terms.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  reseller-accounts:\n")
    french = text.index("    fr: >-\n", start)
    block_end = re.compile(r"\n(?!      )").search(text, french + len("    fr: >-\n")).start()  # its last line
    path.write_text(text[:french] + "    fr: ~" + text[block_end:], encoding="utf-8")
    terms = load_search_terms(data_dir, ARTICLES, LANGUAGES)
    assert "fr" not in terms.words["reseller-accounts"] and "it" in terms.words["reseller-accounts"]
    assert "fr" in terms.words["pause-billing"]


def test_empty_words(data_dir):
    path = data_dir / "search-terms.yml"
    edit(path, "ignored_words:\n  en: >-", 'ignored_words:\n  en: ""\n  unused: >-')
    line = line_of(path, 'en: ""')
    assert load_error(data_dir).startswith(
        f"data/search-terms.yml:{line}: ignored_words.en: expected words separated by commas")


def test_unknown_key(data_dir):
    path = data_dir / "search-terms.yml"
    edit(path, "articles:\n", "article:\n")
    line = line_of(path, "article:")
    assert load_error(data_dir) == (
        f"data/search-terms.yml:{line}: article: unknown key 'article'; "
        "this file has nothing_found, ignored_words, articles")


def test_yaml_that_does_not_parse(data_dir):
    edit(data_dir / "search-terms.yml", "nothing_found: [cancel-account,", "nothing_found: [cancel-account,,")
    assert load_error(data_dir).startswith("data/search-terms.yml:")


def test_a_renamed_article_keeps_its_words_through_its_redirect():
    articles = [("close-account" if article == "cancel-account" else article) for article in ARTICLES]
    terms = load_search_terms(ROOT / "data", articles, LANGUAGES, moved={"cancel-account": "close-account"})
    assert "disdire" in terms.words["close-account"]["it"]
    assert terms.nothing_found[0] == "close-account"


def test_a_published_article_gone_without_redirect_is_left_to_the_published_link_check():
    """The build's published-link check stops on it and names the fix (a redirect): reporting
    the same page here first would send the writer to the wrong file."""
    articles = [article for article in ARTICLES if article != "trial-accounts"]
    terms = load_search_terms(ROOT / "data", articles, LANGUAGES, gone={"trial-accounts"})
    assert "trial-accounts" not in terms.words
    with pytest.raises(DataError, match="unknown article 'trial-accounts'"):
        load_search_terms(ROOT / "data", articles, LANGUAGES)

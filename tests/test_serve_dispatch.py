"""The preview's decisions, without a server: which languages and pages a saved file concerns, which
pages used the data an edit changed, which language a URL is in, and what the error page shows."""

from __future__ import annotations


import pytest
from bs4 import BeautifulSoup

from helpcentre import data_use
from helpcentre.data import HelpData, Note, Step
from helpcentre.error_page import error_page
from helpcentre.language_process import Problem, Request
from helpcentre.preview import looks_like_page, url_language
from helpcentre.preview_changes import requests_for
from helpcentre.site import Site

LANGUAGES = ("en", "it", "fr")


@pytest.fixture
def site(tmp_path) -> Site:
    """en has a, b and guides/c; it translates a and guides/c; fr translates a."""
    for lang, articles in {"en": ("a", "b", "guides/c", "index"), "it": ("a", "guides/c"), "fr": ("a",)}.items():
        for article in articles:
            path = tmp_path / "docs" / lang / f"{article}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("# x\n", encoding="utf-8")
    return Site(root=tmp_path, languages=LANGUAGES, names={"en": "English", "it": "Italiano", "fr": "Français"})


def plan(site: Site, *paths: str, languages=LANGUAGES, data_languages=None) -> dict[str, Request]:
    return requests_for(site, [site.root / path for path in paths], languages, data_languages)


def pages(*outputs: str) -> Request:
    return Request(everything=False, pages=frozenset(outputs))


def test_a_translation_concerns_its_language_only(site):
    assert plan(site, "docs/it/a.md") == {"it": pages("it/a/index.html")}
    assert plan(site, "docs/it/guides/c.md") == {"it": pages("it/guides/c/index.html")}


def test_an_english_file_concerns_every_language_of_its_article(site):
    # Those that show its text, and the translations, whose notice of a section behind the English
    # depends on it (issue 16).
    for article in ("a", "b", "guides/c"):
        assert plan(site, f"docs/en/{article}.md") == {
            lang: pages(f"{prefix}{article}/index.html")
            for lang, prefix in (("en", ""), ("it", "it/"), ("fr", "fr/"))}
    assert plan(site, "docs/en/index.md")["fr"] == pages("fr/index.html")


def test_a_deleted_translation_falls_back_to_english(site):
    (site.root / "docs" / "fr" / "a.md").unlink()
    assert plan(site, "docs/fr/a.md") == {"fr": pages("fr/a/index.html")}
    assert plan(site, "docs/en/a.md")["fr"] == pages("fr/a/index.html")


def test_only_the_languages_being_previewed(site):
    assert plan(site, "docs/en/b.md", languages=("it",)) == {"it": pages("it/b/index.html")}
    assert plan(site, "docs/fr/a.md", languages=("it",)) == {}


def test_data_the_theme_and_the_configuration(site):
    assert plan(site, "data/labels.yml") == {lang: Request(everything=False, data_changed=True) for lang in LANGUAGES}
    assert plan(site, "data/labels.yml", data_languages=("it",)) == {"it": Request(everything=False, data_changed=True)}
    for whole_site in ("mkdocs.yml", "l10n.yml", "overrides/main.html", "data/redirects.yml", "data/search-terms.yml"):
        assert plan(site, whole_site) == {lang: Request(everything=True) for lang in LANGUAGES}, whole_site


def test_what_no_build_reads_is_left_alone(site):
    for path in ("README.md", "docs/it/.a.md.swp", "docs/en/a.md~", "helpcentre/x.py", "helpcentre/__pycache__/x.pyc",
                 "/elsewhere/docs/en/b.md"):
        assert plan(site, path) == {}, path


def test_other_files_in_docs_go_to_every_language_with_nothing_forced(site):
    # An image is copied by the dirty build; a folder that is no language is named by the source check.
    assert plan(site, "docs/en/img/x.png") == {lang: pages() for lang in LANGUAGES}
    assert plan(site, "docs/de/a.md") == {lang: pages() for lang in LANGUAGES}


def test_the_language_of_a_url(site):
    assert [url_language(site, "/", path) for path in ("/", "/a/", "/it/a/", "/fr/", "/italy/", "/it")] == \
        ["en", "en", "it", "fr", "en", "it"]
    assert url_language(site, "/help/", "/help/it/a/") == "it"


@pytest.mark.parametrize("path, page", [("/it/a/", True), ("/it/a", True), ("/404.html", True),
                                        ("/assets/stylesheets/help.css", False), ("/search/search_index.json", False)])
def test_what_is_a_page(path, page):
    assert looks_like_page(path) == page


# --- Which pages used which data (helpcentre/data_use.py) ----------------------------------


def help_data(**changes) -> HelpData:
    data = dict(
        languages=("en", "it"), product_name="Acme", support_email="help@acme.example",
        support_hours={"en": "9-5", "it": "9-17"},
        plans={"trial": {"en": "Trial", "it": "Prova"}, "annual": {"en": "Annual", "it": "Annuale"}},
        labels={"billing": {"en": "Billing", "it": "Fatturazione"}, "export": {"en": "Export", "it": "Esporta"}},
        procedures={"cancel": (Step("open-billing", {"en": "Open {label:billing}", "it": "Apri {label:billing}"}),)},
        notes={"trial_only": Note("note", {"en": "Trials end.", "it": "Le prove finiscono."}, ("trial",))},
        messages={"applies_to": {"en": "Applies to:", "it": "Vale per:"},
                  "note_title": {"note": {"en": "Note", "it": "Nota"}}},
    )
    return HelpData(**{**data, **changes})


def test_an_edit_changes_only_its_entry_in_its_language():
    before = help_data()
    after = help_data(labels={"billing": {"en": "Billing", "it": "Pagamenti"}, "export": {"en": "Export", "it": "Esporta"}})
    assert data_use.changed(before, after, "it") == {("labels", "billing")}
    assert data_use.changed(before, after, "en") == set()
    # An English edit concerns the translations that show the text: their notice that it may be behind.
    english = help_data(labels={"billing": {"en": "Billing and plans", "it": "Fatturazione"},
                                "export": {"en": "Export", "it": "Esporta"}})
    assert data_use.changed(before, english, "it") == set()
    assert data_use.changed_as_shown(before, english, "it", "en") == {("labels", "billing")}
    assert data_use.changed_as_shown(before, after, "en", "en") == set()
    plans = help_data(notes={"trial_only": Note("note", {"en": "Trials end.", "it": "Le prove finiscono."}, ("annual",))})
    assert data_use.changed(before, plans, "en") == data_use.changed(before, plans, "it") == {("notes", "trial_only")}
    nested = help_data(messages={"applies_to": {"en": "Applies to:", "it": "Vale per:"},
                                 "note_title": {"note": {"en": "Note", "it": "Attenzione"}}})
    assert data_use.changed(before, nested, "it") == {("messages", "note_title")}
    added = help_data(plans={**before.plans, "monthly": {"en": "Monthly", "it": "Mensile"}})
    assert data_use.changed(before, added, "en") == {("plans", "monthly"), ("plans", data_use.ALL)}
    assert data_use.changed(before, help_data(product_name="Acme Campaigns"), "it") is None


@pytest.fixture
def use():
    recorded = data_use.DataUse()
    recorded.start_recording()
    return recorded


def test_reads_are_noted_against_the_page_being_rendered(use):
    data = use.observed(help_data())
    use.rendering(data_use.EVERY_PAGE, again=True)
    data.message("it", "applies_to")  # the plugin's on_env: every page may show it
    use.rendering("it/a/index.html", again=True)
    assert data.labels["billing"]["it"] == "Fatturazione"
    use.rendering("it/b/index.html", again=True)
    assert list(data.plans) == ["trial", "annual"]  # the plan chooser lists them all
    use.rendering(None)  # the 404 page: made again by every build, not kept
    data.labels["export"]
    assert use.uses == {data_use.EVERY_PAGE: {("messages", "applies_to")},
                        "it/a/index.html": {("labels", "billing")},
                        "it/b/index.html": {("plans", data_use.ALL)}}
    assert use.rendered == ["it/a/index.html", "it/b/index.html"]

    assert use.pages_using({("labels", "billing")}) == {"it/a/index.html"}
    assert use.pages_using({("labels", "export")}) == set()
    assert use.pages_using({("plans", "trial")}) == {"it/b/index.html"}
    assert use.pages_using({("messages", "applies_to")}) is None  # every page
    assert use.pages_using(None) is None


def test_a_page_read_again_forgets_what_it_read_before(use):
    data = use.observed(help_data())
    use.rendering("it/a/index.html", again=True)
    data.labels["billing"]
    use.rendering("it/a/index.html", again=True)
    data.labels["export"]
    use.rendering("it/a/index.html")  # its template, later in the same build
    data.message("it", "applies_to")
    assert use.uses["it/a/index.html"] == {("labels", "export"), ("messages", "applies_to")}


def test_nothing_is_recorded_outside_the_preview():
    use = data_use.DataUse()
    data = help_data()
    assert use.observed(data) is data  # the data as it is, unless the preview records
    use.rendering("it/a/index.html", again=True)
    assert use.uses == {} and use.rendered == []


# --- The error page -------------------------------------------------------------------------


def test_the_error_page_shows_the_message_and_the_writers_line(tmp_path):
    article = tmp_path / "docs" / "it" / "a.md"
    article.parent.mkdir(parents=True)
    article.write_text("---\ntitle: A\n---\n\n# A <b>\n\n{{ procedur('x') }}\n\nFine.\n", encoding="utf-8")
    problem = Problem("ERROR", "docs/it/a.md:7: 'procedur' is undefined; page text may call only the macros <…>")
    page = BeautifulSoup(error_page(tmp_path, ["it"], (problem,), {"it": "Italiano"}), "html.parser")
    assert "Italiano (it) did not build" in page.get_text()
    message, source = page.select("pre.problem")
    assert message.get_text() == "docs/it/a.md:7: 'procedur' is undefined; page text may call only the macros <…>"
    assert source.select_one("b").get_text() == "   7 | {{ procedur('x') }}"
    assert "   5 | # A <b>" in source.get_text()  # escaped: the writer's text is shown, not run
    assert page.find("b", string="   5 | # A ") is None


def test_the_error_page_reads_no_file_outside_the_project(tmp_path):
    (tmp_path / "project").mkdir()
    (tmp_path / "secret.md").write_text("password\n", encoding="utf-8")
    page = error_page(tmp_path / "project", ["en"], (Problem("ERROR", "../secret.md:1: no"),), {})
    assert "password" not in page
    assert "../secret.md:1: no" in page

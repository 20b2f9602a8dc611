"""A new language in one step (issue 19): `make add-language` in a copy of the project, then the
build and the checks with no other edit; German under nginx; a language Material has no search
stemmer for; and every data text a language lacks listed at once, against that language only."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from browser_checks import watch
from conftest import DEFAULT_LANGUAGE, LANGUAGES, QUIET_ENV, ROOT, copy_project
from helpcentre import links
from helpcentre.data import load_data
from helpcentre.site import load_site
from test_nginx import get

NOTICES = ROOT / "helpcentre" / "new_language_notices.yml"
# A language CLDR knows that our table of notices has none for (Zulu, Yoruba, Hausa).
WITHOUT_NOTICE = next(code for code in ("zu", "yo", "ha") if f"\n{code}:" not in NOTICES.read_text(encoding="utf-8"))


def add_language(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`make add-language …` in the project, as a writer types it (the environment is ours already:
    READY= and BIN= keep make from setting one up in the copy)."""
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    return subprocess.run(["make", "--no-print-directory", "add-language", *arguments, "READY=",
                           f"BIN={Path(sys.executable).parent}"],
                          cwd=project, env=QUIET_ENV, capture_output=True, text=True, timeout=600)


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`make build`: every language in its own process."""
    return subprocess.run([sys.executable, "-m", "helpcentre", "build", "--site-dir", str(site)], cwd=project,
                          env=QUIET_ENV, capture_output=True, text=True, timeout=600)


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


# --- German, added with one command ------------------------------------------------


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """A copy of the project after `make add-language LANG=de NAME=Deutsch`, built, and nothing else."""
    assert "de" not in LANGUAGES, "the site has German already: pick another language for this test"
    project = copy_project(tmp_path_factory.mktemp("german") / "project")
    before = files_of(project)
    added = add_language(project, "LANG=de", "NAME=Deutsch")
    assert added.returncode == 0, added.stdout + added.stderr
    built = build(project, project / "site")
    assert built.returncode == 0, built.stderr
    return {"project": project, "before": before, "output": added.stdout, "site": project / "site"}


def test_the_language_is_listed_once_and_everything_else_follows(german):
    project = german["project"]
    site = load_site(project)
    assert site.languages == (*LANGUAGES, "de") and site.names["de"] == "Deutsch"
    changed = {name for name, content in files_of(project).items()
               if name not in ("Makefile",) and not name.startswith("site/")
               and german["before"].get(name) != content}
    # mkdocs.yml, data/ and docs/de/: nothing else needed a hand (nor a command's) edit.
    assert {name.split("/")[0] for name in changed} == {"mkdocs.yml", "data", "docs"}, sorted(changed)
    assert {name for name in changed if name.startswith("docs/")} == {"docs/de/.gitkeep"}
    data = load_data(project / "data", site.languages)  # every text has its German entry, pending or written
    notices = NOTICES.read_text(encoding="utf-8")
    assert data.message("de", "untranslated_notice") in notices
    assert data.message("de", "not_found", "title") == data.message(DEFAULT_LANGUAGE, "not_found", "title")


def test_it_says_what_is_left_to_translate(german):
    output, project = german["output"], german["project"]
    entry = re.search(r"mkdocs\.yml:(\d+): its entry: site_name, site_description, nav_translations", output)
    assert entry, output
    assert project.joinpath("mkdocs.yml").read_text(encoding="utf-8").splitlines()[int(entry[1]) - 1].strip() == \
        "- locale: de"
    articles = len(list((ROOT / "docs" / DEFAULT_LANGUAGE).glob("*.md")))
    assert f"docs/de/: {articles} articles" in output
    pending = int(re.search(r"data/: (\d+) texts written `de: ~`", output)[1])
    notice = re.search(r"data/messages\.yml:(\d+): the notice above an untranslated article", output)
    assert notice and "de: " in project.joinpath("data/messages.yml").read_text(encoding="utf-8").splitlines()[
        int(notice[1]) - 1]
    # make check lists the same texts, each with its file and line; and, of errors, only the articles
    # not translated yet (`missing`; pending once English-first publishing makes them so).
    check = subprocess.run([sys.executable, "-m", "helpcentre", "check", "--lang", "de", "--format", "json"],
                           cwd=project, env=QUIET_ENV, capture_output=True, text=True, timeout=120)
    findings = json.loads(check.stdout)["findings"]
    listed = [f for f in findings if f["code"] == "pending"]
    assert len(listed) == pending and all(f["path"].startswith("data/") and f["line"] > 1 for f in listed)
    for finding in listed:
        line = project.joinpath(finding["path"]).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
        assert line.strip() == "de: ~", finding
    errors = [f for f in findings if f["severity"] == "error"]
    assert {f["code"] for f in errors} <= {"missing"} and len(errors) in (0, articles), errors


def test_the_german_site_is_the_english_text_with_the_notice_in_german(german):
    site, project = german["site"], german["project"]
    notice = load_data(project / "data", load_site(project).languages).message("de", "untranslated_notice")
    for path in (ROOT / "docs" / DEFAULT_LANGUAGE).glob("*.md"):
        slug = path.stem
        page = BeautifulSoup((site / "de" / ("" if slug == "index" else slug) / "index.html").read_text(
            encoding="utf-8"), "html.parser")
        assert page.html["lang"] == "de", slug
        shown = page.find(class_="help-untranslated")
        assert shown and shown.get_text(strip=True) == notice, slug
        assert shown.find_next_sibling(attrs={"lang": DEFAULT_LANGUAGE}), slug
    not_found = BeautifulSoup((site / "de" / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert not_found.html["lang"] == "de"
    assert "sitemap-de.xml" in (site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site / "de" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["de"]
    # Its links for support agents are published: the site's own test of that passes as it is.
    manifest = set(links.read_manifest(project / "data" / links.MANIFEST_FILE))
    built = links.published_entries(json.loads((site / links.INDEX_JSON).read_text(encoding="utf-8")))
    assert built - manifest == set() and any(entry.startswith("/de/") for entry in manifest)


@pytest.fixture(scope="module")
def german_nginx(german, tmp_path_factory):
    from helpcentre.nginx import build_for_origin, free_port, nginx, read_project

    folder = tmp_path_factory.mktemp("german-nginx")
    port = free_port()
    build_for_origin(f"http://127.0.0.1:{port}", folder / "site", german["project"])
    with nginx(folder / "site", port, folder / "runtime", read_project(german["project"])) as url:
        yield url


def test_under_nginx_a_german_url_gets_the_german_404_and_german_readers_get_german(german_nginx):
    response, body = get(german_nginx, "/de/diese-seite-gibt-es-nicht/")
    assert response.status == 404
    page = BeautifulSoup(body, "html.parser")
    assert page.html["lang"] == "de" and page.find("form", role="search")["action"] == "/de/"
    response, _ = get(german_nginx, "/", **{"Accept-Language": "de-DE,de;q=0.9,en;q=0.8"})
    assert (response.status, response.getheader("Location")) == (302, "/de/")
    response, _ = get(german_nginx, "/?q=konto", **{"Accept-Language": "en", "Cookie": "help_lang=de"})
    assert (response.status, response.getheader("Location")) == (302, "/de/?q=konto")


# --- What it refuses, changing nothing ---------------------------------------------


@pytest.mark.parametrize("arguments, message", [
    (("LANG=en",), "add-language: LANG=en: the site has this language already"),
    (("LANG=Deutsch",), "add-language: LANG=Deutsch: expected a language code such as de, pt-BR or zh-Hant"),
    (("LANG=qq",), "add-language: LANG=qq: not a language the date formats (CLDR, through Babel) know"),
    ((f"LANG={WITHOUT_NOTICE}",), f"add-language: LANG={WITHOUT_NOTICE}: write the notice readers see above an "
                                  "article that is not translated yet, in the new language, and give it as NOTICE="),
    ((), "usage: make add-language LANG=de [NAME=Deutsch]"),
])
def test_a_language_it_cannot_add_changes_nothing(tmp_path, arguments, message):
    project = copy_project(tmp_path / "project")
    before = files_of(project)
    result = add_language(project, *arguments)
    assert result.returncode != 0 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    after = files_of(project)
    assert {name: content for name, content in after.items() if name != "Makefile"} == before


# --- A language Material has no search stemmer for -------------------------------------------


def polish_article() -> str:
    """The English pause-billing article with a Polish title and first paragraph: its sections keep
    their ids (the links published for the language when it was added need them)."""
    text = (ROOT / "docs" / DEFAULT_LANGUAGE / "pause-billing.md").read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    front = re.sub(r"(?m)^title: .*$", "title: Wstrzymanie płatności", front)
    body = re.sub(r"(?m)^# .*$", "# Wstrzymanie płatności\n\nMożesz wstrzymać płatności, gdy potrzebujesz przerwy.",
                  body, count=1)
    return front + "\n---\n" + body


@pytest.fixture(scope="module")
def polish(tmp_path_factory):
    """Polish added with make add-language (its notice from our table), and one article written in it."""
    from helpcentre.nginx import build_for_origin, free_port, nginx, read_project

    project = copy_project(tmp_path_factory.mktemp("polish") / "project")
    added = add_language(project, "LANG=pl")
    assert added.returncode == 0, added.stdout + added.stderr
    (project / "docs" / "pl" / "pause-billing.md").write_text(polish_article(), encoding="utf-8")
    built = build(project, project / "site")
    assert built.returncode == 0, built.stderr
    folder = tmp_path_factory.mktemp("polish-nginx")
    port = free_port()
    build_for_origin(f"http://127.0.0.1:{port}", folder / "site", project)
    with nginx(folder / "site", port, folder / "runtime", read_project(project)) as url:
        yield {"added": added.stdout, "built": built.stderr, "site": project / "site", "url": url}


def test_a_language_without_a_stemmer_is_warned_about_and_searched_by_plain_words(polish):
    warning = "search: Material has no stemmer for 'pl'"
    assert f"warning: {warning}" in polish["added"]
    assert f"build: warning: {warning}" in polish["built"]
    index = json.loads((polish["site"] / "pl" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert (index["config"]["lang"], index["config"]["pipeline"]) == (["en"], [])
    titles = {doc["location"]: doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    # Its own article in Polish, and every other one as its readers see it, in English (issue 27).
    assert titles["pause-billing/"] == "Wstrzymanie płatności" and titles["cancel-account/"] == "Cancel your account"


@pytest.fixture(scope="module")
def polish_search(polish, browser):
    """The Polish home page's search box, opened once (Material and the index load once), with
    the page's console errors and outside requests watched throughout."""
    from scripts.search_quality import SearchBox

    context = browser.new_context()
    page = context.new_page()
    seen = watch(page)
    yield SearchBox(page, polish["url"], "pl"), seen
    context.close()


@pytest.mark.parametrize("typed", ["płatności", "platnosci", "wstrzymać", "przerwy"])
def test_the_plain_words_index_finds_polish_words_with_or_without_their_accents(polish_search, typed):
    box, seen = polish_search
    found = box.search(typed)
    assert found[:1] == ["pause-billing"], found
    assert seen.console_errors == [] and seen.outside_requests == []


# --- Every text a language lacks, at once, against that language only --------------


def test_the_build_lists_every_text_the_language_lacks_and_blames_no_other_language(german, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(german["project"], project, ignore=shutil.ignore_patterns("site"))
    removed = []
    for file in ("labels.yml", "messages.yml", "search-terms.yml"):
        path = project / "data" / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(number for number, line in enumerate(lines) if line.strip() == "de: ~")
        # The error names the entry: the nearest line above that is less indented than its texts.
        entry = max(number for number in range(at) if lines[number].strip()
                    and indent(lines[number]) < indent(lines[at]) and not lines[number].lstrip().startswith("#"))
        removed.append((file, entry + 1))
        path.write_text("".join(lines[:at] + lines[at + 1:]), encoding="utf-8")
    result = build(project, project / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "language 'de' failed to build:" in result.stderr and "languages '" not in result.stderr, result.stderr
    for file, line in removed:
        assert re.search(rf"^ERROR +- +data/{re.escape(file)}:{line}: .*missing the language\(s\) de|"
                         rf"^data/{re.escape(file)}:{line}: .*missing the language\(s\) de", result.stderr, re.M), \
            (file, line, result.stderr)
    assert "2 texts lack a language: write them, or `de: ~` to show the en text until they are translated" \
        in result.stderr
    assert "1 entry lacks a language: write the customers' words, or `de: ~` until they are written" in result.stderr


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


# --- The parts, one by one -------------------------------------------------------------------


@pytest.mark.parametrize("language, lunr, pipeline", [
    # Material's own choice, without lunr's trimmer, which knows only its language's letters (issue 27)
    ("en", "en", ["stemmer", "stopWordFilter"]), ("it", "it", ["stemmer", "stopWordFilter"]),
    ("de", "de", ["stemmer", "stopWordFilter"]), ("pt-BR", "pt", ["stemmer", "stopWordFilter"]),
    ("nb", "no", ["stemmer", "stopWordFilter"]),
    ("ar", "ar", ["stopWordFilter"]),  # folded, not stemmed: lunr.ar splits a word from itself with its article
    ("pl", None, []), ("cs", None, []), ("uk", None, []),  # no stemmer in Material: plain words
])
def test_lunrs_language_is_materials_choice_or_none(language, lunr, pipeline):
    from helpcentre.search_language import search_language, theme_folders

    searching = search_language(language, theme_folders())
    assert searching.lunr == lunr
    config = searching.index_config({"lang": ["en"], "pipeline": ["stemmer", "stopWordFilter", "trimmer"]})
    assert config == {"lang": [lunr or "en"], "pipeline": pipeline}


def test_a_languages_build_is_handed_only_its_own_files_and_the_defaults(tmp_path):
    """MkDocs lists all of docs/; the other languages' files never reach the plugins."""
    from mkdocs.structure.files import File, Files

    from helpcentre.plugin import HelpCentrePlugin
    from helpcentre.site import Site

    docs = tmp_path / "docs"
    names = ["en/a.md", "it/a.md", "fr/a.md", "de/a.md", "fr/picture.png", "assets/logo.png"]
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names]
                  + [File("assets/theme.css", str(tmp_path / "theme"), str(tmp_path / "site"), True)])

    class Config(dict):
        docs_dir = str(docs)

    plugin = HelpCentrePlugin()
    plugin.builds.append(SimpleNamespace(site=Site(root=tmp_path, languages=("en", "it", "fr", "de")), lang="it"))
    kept = [file.src_uri for file in plugin._files_of_this_language(files, Config())]
    assert kept == ["en/a.md", "it/a.md", "assets/logo.png", "assets/theme.css"]


FLOW_AND_BLOCK = """\
# A comment that stays
plain: {en: One, it: Uno}
nested:
  deep:
    en: Two  # and this one
    it: Due
  # about the next one
  folded:
    en: >-
      Three,
      four
    it: >-
      Tre,
      quattro

again: *deep
"""


def test_a_pending_text_is_added_to_every_entry_as_text_keeping_the_rest(tmp_path):
    from helpcentre.new_language import _with_language_texts

    text = FLOW_AND_BLOCK.replace("nested:\n  deep:", "nested:\n  deep: &deep")
    added, count, _ = _with_language_texts(text, "data/x.yml", "en", "de", None)
    assert count == 3
    assert added == text.replace("{en: One, it: Uno}", "{en: One, it: Uno, de: ~}") \
        .replace("    it: Due\n", "    it: Due\n    de: ~\n") \
        .replace("      quattro\n", "      quattro\n    de: ~\n")
    import yaml
    value = yaml.safe_load(added)
    assert value["again"] == {"en": "Two", "it": "Due", "de": None}  # the alias, not a second key


def test_the_new_languages_entry_goes_after_the_last_language_and_before_what_follows():
    from helpcentre.new_language import _with_language_entry

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    added, line, keys = _with_language_entry(text, "de", "Deutsch")
    lines = added.splitlines()
    assert lines[line - 1].strip() == "- locale: de" and lines[line].strip() == "name: Deutsch"
    entry = lines[line - 1:line - 1 + len(keys) + 5]  # locale, name, build, a comment, nav_translations:
    assert added.replace("\n".join(entry) + "\n", "", 1) == text
    assert keys[:2] == ["site_name", "site_description"] and "nav_translations: Leaving" in keys
    assert load_site_from_text(added).languages == (*LANGUAGES, "de")


def load_site_from_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "mkdocs.yml").write_text(text, encoding="utf-8")
        return load_site(Path(folder))


# --- All or nothing (issue 25, issue 27) ---------------------------------------------------------


def test_the_readmes_own_example_adds_a_language_material_has_no_words_for(tmp_path):
    """Swahili: Material has no partials/languages/sw.html, so the build of the language stopped on it
    after 9 files were changed. Now the build gives the language the page of words that Material's
    documentation describes (its code and direction, Material's English for the rest), and
    add-language says how to translate Material's words."""
    from helpcentre.search_language import has_material_translation, theme_folders

    assert not has_material_translation("sw", theme_folders()), "Material has Swahili now: pick another language"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make add-language LANG=sw NAME=Kiswahili" in readme
    project = copy_project(tmp_path / "project")
    added = add_language(project, "LANG=sw", "NAME=Kiswahili", "NOTICE=Makala hii bado haipatikani kwa Kiswahili.")
    assert added.returncode == 0 and "Traceback" not in added.stderr, added.stdout + added.stderr
    assert "add partials/languages/sw.html to the theme's custom_dir" in added.stdout
    assert not (project / "overrides").exists()
    built = build(project, project / "site")
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((project / "site" / "sw" / "cancel-account" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.html["lang"] == "sw" and page.body["dir"] == "ltr"
    assert page.find(class_="help-untranslated").get_text(strip=True) == "Makala hii bado haipatikani kwa Kiswahili."


def test_a_language_that_would_not_build_changes_nothing(tmp_path):
    """A translator's article already in docs/de/ with a mistake: the new language would not build, so
    nothing is added; the message is the build's, without a traceback."""
    project = copy_project(tmp_path / "project")
    article = (ROOT / "docs" / DEFAULT_LANGUAGE / "pause-billing.md").read_text(encoding="utf-8")
    (project / "docs" / "de").mkdir()
    (project / "docs" / "de" / "pause-billing.md").write_text(article.replace("procedure(", "procedur(", 1),
                                                              encoding="utf-8")
    before = files_of(project)
    result = add_language(project, "LANG=de")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert "add-language: de could not be added, the site does not build in it; nothing was changed:" \
        in result.stderr and "docs/de/pause-billing.md:" in result.stderr and "procedur" in result.stderr, result.stderr
    assert {name: content for name, content in files_of(project).items() if name != "Makefile"} == before


def test_a_failure_while_the_files_are_written_puts_every_one_back(tmp_path, monkeypatch):
    """Interrupted after some files were renamed into place (Ctrl-C, a full disk): each is as it was,
    the files and folders it created are gone, and so is the lock that held the preview."""
    import os

    from helpcentre import project_writes
    from helpcentre.new_language import add_language as scaffold

    project = copy_project(tmp_path / "project")
    before = files_of(project)
    renamed = []
    real_replace = os.replace

    def replace(source, target):
        if len(renamed) == 4:
            raise KeyboardInterrupt
        renamed.append(target)
        real_replace(source, target)

    monkeypatch.setattr(project_writes.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        scaffold(project, "ar")
    monkeypatch.undo()
    assert len(renamed) == 4
    assert files_of(project) == before
    assert not (project / "docs" / "ar").exists() and not (project / project_writes.LOCK_FILE).exists()


def test_the_files_are_renamed_into_place_and_the_language_enabled_last(tmp_path, monkeypatch):
    import os

    from helpcentre import project_writes
    from helpcentre.new_language import add_language as scaffold

    project = copy_project(tmp_path / "project")
    renamed = []
    real_replace = os.replace

    def replace(source, target):
        assert Path(source).name.startswith(".") and Path(source).parent == Path(target).parent
        assert (project / project_writes.LOCK_FILE).is_file() and project_writes.writing(project)
        renamed.append(Path(target).relative_to(project).as_posix())
        real_replace(source, target)

    monkeypatch.setattr(project_writes.os, "replace", replace)
    scaffold(project, "ar")
    assert renamed[0] == "docs/ar/.gitkeep" and renamed[-2:] == ["mkdocs.yml", "data/published-links.txt"]
    assert {name for name in renamed if name.startswith("data/")} >= {"data/messages.yml", "data/notes.yml"}
    assert not project_writes.writing(project)


def test_a_lock_held_by_a_running_command_refuses_and_one_left_by_a_killed_command_does_not(tmp_path):
    import os

    from helpcentre import project_writes

    target = tmp_path / "a.txt"
    lock = tmp_path / project_writes.LOCK_FILE
    lock.write_text(f"{os.getppid()}\n", encoding="utf-8")  # pytest's parent: running
    with pytest.raises(project_writes.LockedError, match="another command"):
        project_writes.write_all(tmp_path, [project_writes.Write(target, b"x")])
    assert not target.exists()
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.write_text(finished.stdout, encoding="utf-8")  # a process that has ended
    assert not project_writes.writing(tmp_path)
    project_writes.write_all(tmp_path, [project_writes.Write(target, b"x")])
    assert target.read_bytes() == b"x" and not lock.exists()


def test_the_preview_starts_no_round_while_a_command_writes(tmp_path):
    """The round after the lock is gone sees every change at once (the snapshots are not taken meanwhile)."""
    import threading

    from helpcentre import project_writes
    from helpcentre.preview import Preview

    class Seen:
        root, round_lock, rounds = tmp_path, threading.Lock(), 0

        def changes(self):
            raise AssertionError("a round started while the lock was held")

    (tmp_path / project_writes.LOCK_FILE).write_text(f"{os.getpid()}\n", encoding="utf-8")
    Preview.build_round(Seen())
    assert Seen.rounds == 0


def test_our_notices_cover_the_languages_help_centres_are_asked_for_and_cldr_knows_each():
    """Issue 27: built-in notices for at least the 30 languages a SaaS help centre is most often asked
    for, so that `make add-language LANG=ar` (he, fa, hi…) needs no NOTICE=; each under a code CLDR knows."""
    import yaml
    from babel import Locale

    notices = yaml.safe_load(NOTICES.read_text(encoding="utf-8"))
    asked_for = ["ar", "he", "fa", "hi", "id", "vi", "th", "ja", "ko", "zh", "zh-Hant", "de", "es", "pt", "pt-BR",
                 "nl", "sv", "da", "nb", "fi", "pl", "cs", "tr", "ru", "uk", "el", "ro", "hu", "it", "fr", "ms", "bg"]
    assert set(asked_for) <= set(notices) and len(notices) >= 30, sorted(set(asked_for) - set(notices))
    for code, text in notices.items():
        Locale.parse(code.replace("-", "_"))
        assert isinstance(text, str) and text.strip() == text and "{" not in text and "English" not in text, code


@pytest.mark.parametrize("code, expected", [("zh-TW", "zh-Hant"), ("pt-PT", "pt"), ("de-AT", "de"), ("ar-EG", "ar")])
def test_a_regional_code_gets_the_notice_of_its_script_or_language(code, expected):
    import yaml

    from helpcentre.new_language import _babel_locale, _notice

    notices = yaml.safe_load(NOTICES.read_text(encoding="utf-8"))
    assert _notice(code, _babel_locale(code), "en", None) == (notices[expected], False)


@pytest.mark.parametrize("code", ["pt-BR", "zh-Hant"])
def test_a_language_with_a_region_or_a_script_dates_its_pages(code):
    """Babel writes pt_BR where mkdocs.yml writes pt-BR: the pages' dates (and the translators'
    catalogs) are made with the language as Babel writes it."""
    import datetime

    from babel.dates import format_date

    from helpcentre.site import babel_locale

    assert format_date(datetime.date(2026, 12, 7), format="long", locale=babel_locale(code))

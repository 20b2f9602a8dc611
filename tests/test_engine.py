"""The engine as a declared MkDocs plugin: installed, named in mkdocs.yml, used by plain `mkdocs`
commands; a generator for any help centre (a second one, and one made by `init`); and state that
stays whole and the same size however many times a language is built again."""

from __future__ import annotations

import subprocess
import sys
import time
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import QUIET_ENV, ROOT, copy_project, stop_process_group
from helpcentre.language_process import Request, language_builder

MKDOCS = Path(sys.executable).with_name("mkdocs")  # the command every MkDocs user types
SECOND = ROOT / "tests" / "second_centre"


def mkdocs(project: Path, *arguments: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(MKDOCS), *arguments], cwd=project, env=QUIET_ENV, capture_output=True, text=True,
                          timeout=timeout)


def helpcentre(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpcentre", *arguments], cwd=project, env=QUIET_ENV,
                          capture_output=True, text=True, timeout=300)


# --- Declared and installed ----------------------------------------------------------------------


def test_the_plugin_is_installed_and_named_in_mkdocs_yml_with_no_hooks_left():
    [entry] = entry_points(group="mkdocs.plugins", name="helpcentre")
    assert entry.value == "helpcentre.plugin:HelpCentrePlugin"
    assert entry.load().__name__ == "HelpCentrePlugin"
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    plugins = [next(iter(plugin)) if isinstance(plugin, dict) else plugin for plugin in config["plugins"]]
    assert "helpcentre" in plugins
    assert len(config.get("hooks") or []) <= 2
    assert not (ROOT / "hooks").exists()


# --- A generator, not one site -----------------------------------------------------------------


def test_a_second_help_centre_builds_with_its_own_product_plans_languages_and_labels(tmp_path):
    project = copy_project_of(SECOND, tmp_path / "second")
    result = mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    german = BeautifulSoup((site / "de" / "cancel-subscription" / "index.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert german.html["lang"] == "de"
    assert "Globex Notes Hilfe-Center" in german.title.get_text()
    text = german.get_text(" ")
    assert "Arbeitsbereich-Einstellungen" in text and "Abo beenden" in text  # its labels, in German
    plans = {option.get("value") for option in german.select("[data-plan-picker] input, [data-plan-picker] option")}
    assert {"free", "pro", "enterprise"} <= plans, plans
    spanish = (site / "es" / "change-plan" / "index.html").read_text(encoding="utf-8")
    assert "Pro, facturación mensual" in spanish and "Plan y facturación" in spanish
    assert "Acme" not in "".join(path.read_text(encoding="utf-8", errors="replace") for path in site.rglob("*.html"))
    check = helpcentre(project, "check")
    assert check.returncode == 0, check.stdout[-3000:]
    assert "the check passes" in check.stdout


def test_init_writes_a_help_centre_that_builds_at_once(tmp_path):
    made = helpcentre(tmp_path, "init", "new-help", "--product", "Initech Forms", "--languages", "en,de")
    assert made.returncode == 0, made.stderr
    assert "python -m helpcentre serve" in made.stdout
    project = tmp_path / "new-help"
    result = mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-3000:]
    home = (tmp_path / "site" / "de" / "index.html").read_text(encoding="utf-8")
    assert "Initech Forms" in home
    refused = helpcentre(tmp_path, "init", "new-help")
    assert refused.returncode == 1 and "already exists and is not empty" in refused.stderr
    assert "Traceback" not in refused.stderr


def copy_project_of(source: Path, destination: Path) -> Path:
    import shutil

    shutil.copytree(source, destination)
    return destination


# --- State that lasts as long as the preview ----------------------------------------------------


class Watching:
    """What a language's process tells its parent (helpcentre/language_process.py), ignored here."""

    def doing(self, what: str = "") -> None:
        pass

    def idle(self) -> None:
        pass

    def now(self) -> tuple[str, float]:
        return "", 0.0


@pytest.mark.long_running
def test_a_hundred_saves_keep_the_search_index_links_and_memory_the_same_size(tmp_path):
    """The preview's language process builds again after every save, with the plugins MkDocs keeps
    alive: nothing they keep may grow with the number of saves (it doubled the index once)."""
    project = copy_project(tmp_path / "project")
    site_dir = tmp_path / "it"
    build = language_builder("it", project / "mkdocs.yml", site_dir, False, "http://127.0.0.1:8000/")
    first = build(Request(), Watching())
    assert first.built, first.problems
    index = site_dir / "it" / "search" / "search_index.json"
    sizes = {"index": index.stat().st_size, "links": (site_dir / "links-it.json").stat().st_size}
    article = project / "docs" / "it" / "pause-billing.md"
    original = article.read_text(encoding="utf-8")
    resident = []
    for save in range(100):
        article.write_text(original + "\n" * (save % 2), encoding="utf-8")
        outcome = build(Request(everything=False, pages=frozenset({"it/pause-billing/index.html"})), Watching())
        assert outcome.built and outcome.rendered == 1, (save, outcome)
        resident.append(_resident_kb())
    assert index.stat().st_size == sizes["index"]
    assert (site_dir / "links-it.json").stat().st_size == sizes["links"]
    # Memory is flat: the last ten saves use no more than the first ten (a doubling index took GBs).
    assert max(resident[-10:]) < max(resident[:10]) + 20_000, resident


def _resident_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest.mark.long_running
def test_plain_mkdocs_serve_serves_the_site_and_its_index_stays_whole_through_saves(tmp_path):
    import json
    import socket
    import urllib.request

    project = copy_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The server's log goes to a file: a pipe nobody reads fills after 64 KiB and the server
    # then blocks on its next log line, which is what made this test time out under load.
    log = tmp_path / "serve.log"
    with log.open("w") as log_file:
        server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                                  env=QUIET_ENV, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)

    def get(path: str) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
                return answer.read().decode("utf-8")
        except OSError:
            return None

    def entries_of_the_article() -> int:
        index = json.loads(get("/it/search/search_index.json"))
        return sum(1 for doc in index["docs"] if doc["location"].startswith("pause-billing/"))

    def wait_until(condition, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.2)

    try:
        wait_until(lambda: get("/it/search/search_index.json") is not None)
        before = entries_of_the_article()
        assert before > 1
        article = project / "docs" / "it" / "pause-billing.md"
        for save in range(3):  # plain `mkdocs serve` builds every language again after each save
            article.write_text(article.read_text(encoding="utf-8") + f"\nSalvataggio {save}.\n", encoding="utf-8")
            wait_until(lambda: f"Salvataggio {save}." in (get("/it/pause-billing/") or ""))
            wait_until(lambda: f"Salvataggio {save}" in (get("/it/search/search_index.json") or ""))
            assert entries_of_the_article() == before, f"save {save + 1}: the article is in the index more than once"
    finally:
        stop_process_group(server)


def test_a_message_the_site_does_not_write_is_the_engines_own_so_a_new_one_breaks_no_site(tmp_path):
    """A newer engine adds messages; a site that has not written them yet still builds, with the
    engine's English words, and a message the site writes is the site's."""
    from helpcentre.data import REQUIRED_MESSAGES, engine_messages, load_data

    english = engine_messages()  # every message the engine uses has its English here
    data = copy_project_of(SECOND / "data", tmp_path / "data")
    (data / "messages.yml").write_text("# nothing written yet\n", encoding="utf-8")
    loaded = load_data(data, ("en", "de", "es"))
    for keys in REQUIRED_MESSAGES:
        node = english
        for key in keys:
            node = node[key]
        assert loaded.message("de", *keys) == node, keys
    (data / "messages.yml").write_text("search_label:\n  en: Search the notes help\n  de: Hilfe durchsuchen\n"
                                       "  es: Buscar en la ayuda\n", encoding="utf-8")
    assert load_data(data, ("en", "de", "es")).message("de", "search_label") == "Hilfe durchsuchen"

"""The translation check (`make check`, helpcentre/translations/): golden cases, the real content, record and diff."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from helpcentre import cli
from helpcentre.translations.markdown import fact_key, facts, source_hash
from helpcentre.translations.policy import DEFAULT_SEVERITY, load_config, source_path
from helpcentre.translations.terminology import LabelFinder
CASES = ROOT / "tests" / "translations"
BASE = CASES / "_base"
GIT = ["git", "-c", "user.name=Translator", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """The command line, run in-process (a process per case would dominate the suite's time)."""

    def run_command(root: Path, *args: str) -> Result:
        capsys.readouterr()
        status = cli.main([args[0], "--root", str(root), *args[1:]])
        output = capsys.readouterr()
        return Result(status, output.out, output.err)

    return run_command


def project(case: str, destination: Path) -> Path:
    """A case folder laid over the minimal valid data every case shares."""
    shutil.copytree(BASE, destination)
    shutil.copytree(CASES / case, destination, dirs_exist_ok=True)
    return destination


# --- Golden cases: one folder per kind of drift -----------------------------------


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name != "_base"))
def test_golden_case(run, case, tmp_path):
    spec = yaml.safe_load((CASES / case / "case.yml").read_text(encoding="utf-8"))
    result = run(project(case, tmp_path / "site"), "check", *spec.get("args", []))
    assert result.stdout == (CASES / case / "expected.txt").read_text(encoding="utf-8"), result.stderr
    assert result.returncode == spec["status"]


def test_the_real_content_passes_the_check():
    """`make check` as a writer runs it, in its own process: `make test` fails exactly when it does
    (warnings such as `stale` pass unless l10n.yml says otherwise)."""
    result = subprocess.run([sys.executable, "-m", "helpcentre", "check"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_json_format_for_tools(run, tmp_path):
    result = run(project("heading", tmp_path / "site"), "check", "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["failed"] is True and report["errors"] == 2
    assert report["findings"][0] == {
        "path": "docs/it/export.md", "line": 23, "code": "heading", "language": "it", "severity": "error",
        "message": "### Cosa contiene il file { #file } where docs/en/export.md:21 has "
                   "## What the file holds { #file }",
    }


def test_policy_file_can_make_a_warning_fail_and_hide_a_code(run, tmp_path):
    root = project("stale", tmp_path / "site")
    (root / "l10n.yml").write_text("translations:\n  severity:\n    stale: error\n", encoding="utf-8")
    assert run(root, "check").returncode == 1
    (root / "l10n.yml").write_text("translations:\n  severity:\n    stale: 'off'\n", encoding="utf-8")
    result = run(root, "check")
    assert (result.returncode, result.stdout) == (0, "all translations consistent\n")


def test_an_unknown_code_in_the_policy_is_named(run, tmp_path):
    root = project("clean", tmp_path / "site")
    (root / "l10n.yml").write_text("translations:\n  severity:\n    stail: error\n", encoding="utf-8")
    result = run(root, "check")
    assert result.returncode == 2
    assert "l10n.yml: translations.severity: unknown code 'stail'" in result.stderr


# --- record: the only command that writes a writer's file ---------------------------


def test_record_changes_only_the_source_hash_line(run, tmp_path):
    root = project("stale", tmp_path / "site")
    page = root / "docs" / "it" / "export.md"
    before = page.read_text(encoding="utf-8").splitlines()
    new_hash = source_hash((root / "docs" / "en" / "export.md").read_text(encoding="utf-8"))

    result = run(root, "record", "it/export.md")

    after = page.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert len(before) == len(after)
    assert changed == [("source_hash: 2b73fabc8322", f"source_hash: {new_hash}")]
    assert result.stdout == (f"docs/it/export.md:4: source_hash 2b73fabc8322 -> {new_hash} "
                             f"(docs/en/export.md)\n")
    assert run(root, "check").stdout == "all translations consistent\n"


def test_record_adds_the_line_to_an_unrecorded_page(run, tmp_path):
    root = project("unrecorded", tmp_path / "site")
    page = root / "docs" / "it" / "export.md"
    before = page.read_text(encoding="utf-8").splitlines()
    result = run(root, "record", "docs/it/export.md")
    after = page.read_text(encoding="utf-8").splitlines()
    assert after[:3] + after[4:] == before and after[3].startswith("source_hash: ")
    assert result.stdout.startswith("docs/it/export.md:4: added source_hash: ")


def test_record_refuses_a_source_page(run, tmp_path):
    result = run(project("clean", tmp_path / "site"), "record", "en/export.md")
    assert result.returncode == 2
    assert result.stderr == "error: en/export.md: 'en' is not a translation language (it)\n"


# --- diff: what changed in the source since the recorded version ----------------------


def git(root: Path, *args: str) -> None:
    subprocess.run([*GIT, "-C", str(root), *args], check=True, capture_output=True)


def test_diff_shows_the_source_changes_since_the_recorded_version(run, tmp_path):
    root = project("clean", tmp_path / "site")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "English and Italian in step")
    recorded_commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"],
                                     capture_output=True, text=True).stdout.strip()
    english = root / "docs" / "en" / "export.md"
    english.write_text(english.read_text(encoding="utf-8").replace(
        "Keep a copy of your contacts", "Keep a full copy of your contacts"), encoding="utf-8")
    git(root, "commit", "-qam", "English: say full copy")

    result = run(root, "diff", "it/export.md")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"docs/it/export.md: stale, recorded against docs/en/export.md as it was at "
                               f"{recorded_commit[:10]}; the English last changed on ")
    assert lines[1].strip() == "the title and introduction: changed in English (docs/it/export.md:1)"
    # The English paragraph is line 8; in Italian, the same paragraph starts on line 9.
    assert lines[2].strip() == ('docs/en/export.md:8, in the translation at docs/it/export.md:9 '
                                '("Prima di annullare, conserva una copia dei tuoi contatti. L\'esportazione è"):')
    assert "-Keep a copy of your contacts before you cancel. The export is free for the" in [l.strip() for l in lines]
    assert "+Keep a full copy of your contacts before you cancel. The export is free for the" in [l.strip() for l in lines]


def test_diff_of_an_up_to_date_page_says_so(run, tmp_path):
    result = run(project("clean", tmp_path / "site"), "diff", "it/export.md")
    assert (result.returncode, result.stdout) == (0, "docs/it/export.md is in step with docs/en/export.md\n")


def test_diff_without_the_version_in_history_says_what_to_do(run, tmp_path):
    root = project("stale", tmp_path / "site")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "only the changed English")
    result = run(root, "diff", "it/export.md")
    assert result.returncode == 0
    assert "git has no version of docs/en/export.md with the hash 2b73fabc8322" in result.stdout
    assert "compare the two files by hand, then `make record FILE=it/export.md`" in result.stdout


# --- Pieces -------------------------------------------------------------------------


def test_source_path_maps_any_translation_to_its_source():
    config = load_config(ROOT)
    assert source_path(config, ROOT / "docs" / "it" / "a" / "b.md") == ROOT / "docs" / "en" / "a" / "b.md"
    assert source_path(config, ROOT / "docs" / "fr" / "index.md") == ROOT / "docs" / "en" / "index.md"


@pytest.mark.parametrize("text, sentence_start, found", [
    ("then open Contacts and choose", False, ["Contacts"]),
    ("choose **Export** to save", False, ["Export"]),
    ('select "Billing & Upgrade"', False, ["Billing & Upgrade"]),
    ("Export your list first", True, []),       # a sentence opening with the word
    ("keep your contacts", False, []),          # the everyday word, not the label
    ("Done. Export it now.", False, []),        # after a full stop
])
def test_label_finder(text, sentence_start, found):
    finder = LabelFinder({"contacts": "Contacts", "export": "Export",
                                       "billing_upgrade": "Billing & Upgrade"})
    assert [label for label, _ in finder.find(text, sentence_start)] == found


def test_times_and_separators_are_compared_by_value():
    def key(text):
        return sorted(fact_key(kind, value) for kind, value in facts(text))
    assert key("9:00 to 18:00, 10% of 1,000") == key("de 9 h à 18 h, 10 % de 1 000")
    assert key("10%") != key("15%")


def test_record_refuses_while_the_structure_differs_unless_forced(run, tmp_path):
    root = project("table", tmp_path / "site")
    page = root / "docs" / "it" / "export.md"
    english = root / "docs" / "en" / "export.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    before = page.read_bytes()
    difference = ("docs/it/export.md:25: [table] a table of 2 columns and 1 row "
                  "where docs/en/export.md:23 has a table of 2 columns and 2 rows")

    refused = run(root, "record", "it/export.md")
    assert refused.returncode == 1 and page.read_bytes() == before
    assert difference in refused.stderr
    assert "`make record FILE=it/export.md FORCE=1`" in refused.stderr

    forced = run(root, "record", "it/export.md", "--force")
    assert forced.returncode == 0 and page.read_bytes() != before
    assert forced.stderr == f"still differs: {difference}\n"


def test_every_code_has_a_golden_case():
    """A new kind of finding comes with a folder that shows it."""
    shown = set()
    for expected in CASES.glob("*/expected.txt"):
        shown |= {line.split("[", 1)[1].split("]", 1)[0] for line in expected.read_text().splitlines() if ": [" in line}
    assert shown == set(DEFAULT_SEVERITY)


# --- French typography: what counts as prose -------------------------------------------

NARROW, NO_BREAK = "\u202f", "\u00a0"


@pytest.mark.parametrize("text, found", [
    (f"Horaires{NARROW}: de 9:00 à 18:00", []),                        # times
    ("Voir https://acme.example/a?b=1 ou mailto:aide@acme.example", []),  # addresses
    (f"Le code `a : b ? c` et {{{{ label('x') }}}}{NARROW}!", []),     # code spans, macros
    (f"Concerne{NO_BREAK}: {{plan}} et {{label:billing_upgrade}}", []),  # no-break space, placeholders
    ("Prêt&#8239;? Oui&nbsp;! Tom &amp; Léa", []),                     # entities
    (f"[Et ensuite{NARROW}?](page.md#a:b) ![x](i.png)", []),           # link targets, images
    (f"Vraiment{NARROW}?!", []),                                       # one space for ?!
    ("!!! tip", []), (": une définition", []), ("|:---|---:|", []),    # Markdown syntax
    ("Bonjour !", [("!", "a plain space")]),
    ("Bonjour!", [("!", "no space")]),
    (f"«{NARROW}oui{NARROW}» et «non »", [("«", "no space"), ("»", "a plain space")]),
    ("{{ support() }}:", [(":", "no space")]),                        # a mark after a macro
    ('!!! note "Attention :"', [(":", "a plain space")]),              # a box's title is prose
])
def test_french_typography_checks_prose_only(text, found):
    from helpcentre.translations import typography

    assert [(problem.mark, problem.found) for problem in typography.problems(text)] == found


def test_french_typography_in_a_page_skips_code_and_sees_line_breaks():
    from helpcentre.translations import typography

    page = ("---\ntitle: \"Résilier : mode d'emploi\"\ndescription: Tout est là.\n---\n\n"
            "Un paragraphe qui continue\n? sur la ligne suivante.\n\n```\na : b\n```\n")
    assert [(line, problem.mark, problem.found) for line, problem in typography.page_problems(page)] == [
        (2, ":", "a plain space"), (7, "?", "a line break")]


def test_a_label_shared_by_two_ids_names_both():
    """The billing page's menu entry and its title are the same words in English."""
    finder = LabelFinder({"billing_upgrade": "Billing & Upgrade", "billing_page": "Billing & Upgrade"})
    assert list(finder.find('open "Billing & Upgrade"', False)) == [("Billing & Upgrade", ("billing_upgrade", "billing_page"))]


def test_recording_data_drops_the_keys_no_text_has_any_more(tmp_path):
    """Issue 24: procedures.cancel_account.confirm.text became procedures.cancel_account.steps.
    confirm.text; the old key records nothing and is not written back."""
    from helpcentre.translations import data_texts

    (tmp_path / "notes.yml").write_text("kept:\n  text:\n    en: Kept\n    it: Tenuta\n", encoding="utf-8")
    texts = data_texts.parse_texts("notes.yml", (tmp_path / "notes.yml").read_text(encoding="utf-8"), ("en", "it"))
    record = {"it": {"notes.yml": {"gone.text": "0123456789ab", "kept.text": data_texts.text_hash("Kept")}}}
    data_texts.write_record(tmp_path, record, texts)
    written = (tmp_path / data_texts.RECORD_FILE).read_text(encoding="utf-8")
    assert "kept.text: " in written and "gone.text" not in written


def test_a_data_text_reads_as_yaml_reads_it_in_every_form_it_can_take():
    """The data texts are read from libyaml's nodes, without parsing each value again: what each
    language's text is, and where it is written, must still be what yaml.safe_load reads there."""
    from helpcentre.translations import data_texts

    text = ("plain:\n  en: Pause billing\n  it: Sospendi la fatturazione\n"
            "quoted:\n  en: 'Pay: \"now\"'\n  it: \"Paga\\tsubito \\u00e8 \\U0001F600\"\n"
            "folded:\n  en: >\n    Two lines\n    folded into one.\n  it: |\n    Due righe\n    tenute.\n"
            "multi_line_plain:\n  en: A sentence that goes\n    on over two lines.\n  it: ~\n"
            "typed:\n  en: yes\n  it: 3\n"
            "flow: {en: Café, it: Caffè}\n"
            "empty:\n  en: Written\n  it:\n"
            "list:\n  - id: first\n    text:\n      en: Ünïcödé ✓ first\n      it: null\n")
    texts = {found.key: found for found in data_texts.parse_texts("notes.yml", text, ("en", "it"))}
    loaded = yaml.safe_load(text)
    for key, found in texts.items():
        node = loaded
        for part in key.split("."):
            node = next(item for item in node if item.get("id") == part) if isinstance(node, list) else node[part]
        assert found.english == str(node["en"]), key
        assert found.translations["it"] == (None if node["it"] is None else str(node["it"])), key
        for lang, (start, end) in found.spans.items():
            assert yaml.safe_load(text[start:end]) == node[lang], (key, lang)
    assert len(texts) == 8 and texts["typed"].english == "True" and texts["typed"].translations["it"] == "3"

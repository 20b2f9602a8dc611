"""Translation status section by section (issue 18): `make status`, `make diff` and `make record` on
a copy of the real project in git, English first (pending translations pass the check unless a
release blocks on them), and where an English change lands in a translation written in other
words."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpcentre.translations.sections import changes, split
from test_writer_loop import GIT, make, project  # noqa: F401 (project is a fixture)

RESUME_EN = "You can resume at any time, from the same page:"
RESUME_EN_NOW = "You can resume at any time, from the same page; billing starts again that day:"
RESUME_IT = "Puoi riattivarla quando vuoi, dalla stessa pagina:"
RESUME_IT_NOW = "Puoi riattivarla quando vuoi, dalla stessa pagina; la fatturazione riparte quel giorno:"
RESUME_FR = "Vous pouvez la reprendre à tout moment, depuis la même page\u202f:"
RESUME_FR_NOW = ("Vous pouvez la reprendre à tout moment, depuis la même page\u202f; la facturation reprend "
                 "ce jour-là\u202f:")


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, relative: str, needle: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def commit(project: Path, message: str) -> None:
    subprocess.run([*GIT, "commit", "-qam", message], cwd=project, check=True)


def one_french_section_stale(project: Path) -> None:
    """English changes a sentence of #resume; Italian follows and is recorded; French does not."""
    edit(project, "docs/en/pause-billing.md", RESUME_EN, RESUME_EN_NOW)
    commit(project, "English: say when billing starts again")
    edit(project, "docs/it/pause-billing.md", RESUME_IT, RESUME_IT_NOW)
    recorded = make(project, "record", "FILE=it/pause-billing.md")
    assert recorded.returncode == 0, recorded.stderr
    commit(project, "Italian in step")


def test_make_status_shows_the_stale_french_section_with_its_diff(project):
    one_french_section_stale(project)

    status = make(project, "status")

    assert status.returncode == 0, status.stderr
    out = status.stdout
    assert "pause-billing                in step  stale (1)" in out
    assert "trial-accounts               in step  in step" in out
    french = "docs/fr/pause-billing.md"
    assert f"{french}: stale, recorded against docs/en/pause-billing.md as it was at " in out
    heading, paragraph = line_of(project, french, "{ #resume }"), line_of(project, french, RESUME_FR)
    assert f'#resume "Resume billing": changed in English ({french}:{heading})' in out
    english_line = line_of(project, "docs/en/pause-billing.md", RESUME_EN_NOW)
    assert (f"docs/en/pause-billing.md:{english_line}, in the translation at {french}:{paragraph} "
            f'("{RESUME_FR}"):') in out
    diff = [line.strip() for line in out.splitlines()]
    assert f"-{RESUME_EN}" in diff and f"+{RESUME_EN_NOW}" in diff
    assert "docs/it/pause-billing.md" not in out, "Italian is in step"
    assert "`make record FILE=fr/pause-billing.md`" in out
    assert out.rstrip().endswith("1 translation pending (1 stale): readers get the English, or the translation as "
                                 "it is, until then; `make check` passes (l10n.yml: block_on_pending: false)")

    checked = make(project, "check")
    assert checked.returncode == 0, checked.stdout
    assert (f"{french}:{heading}: [stale] #resume: changed in docs/en/pause-billing.md since this translation was "
            "recorded; see `make diff FILE=fr/pause-billing.md`") in checked.stdout
    assert "1 pending (stale) in fr: the check passes" in checked.stdout

    diff = make(project, "diff", "FILE=fr/pause-billing.md")
    shown = diff.stdout.split("\n", 1)[1]  # after make's echo of the command
    assert diff.returncode == 0 and shown.strip() in out


def test_record_refuses_an_untouched_translation_and_then_records_it_translated(project):
    one_french_section_stale(project)
    french = project / "docs" / "fr" / "pause-billing.md"
    before = french.read_bytes()

    refused = make(project, "record", "FILE=fr/pause-billing.md")

    assert refused.returncode != 0 and french.read_bytes() == before
    assert ("docs/fr/pause-billing.md: not recorded, it is not in step with docs/en/pause-billing.md yet:\n"
            "  the English changed #resume since this translation was recorded, and the translation there is as "
            "it was then: see `make diff FILE=fr/pause-billing.md`") in refused.stderr
    assert "`make record FILE=fr/pause-billing.md FORCE=1`" in refused.stderr
    assert "Traceback" not in refused.stderr

    edit(project, "docs/fr/pause-billing.md", RESUME_FR, RESUME_FR_NOW)
    translated = french.read_text(encoding="utf-8").splitlines()
    recorded = make(project, "record", "FILE=fr/pause-billing.md")
    assert recorded.returncode == 0, recorded.stderr
    after = french.read_text(encoding="utf-8").splitlines()
    assert [(old, new) for old, new in zip(translated, after) if old != new] == [
        (translated[3], after[3])] and after[3].startswith("source_hash: ")
    assert "every translation is in step with English" in make(project, "status").stdout


def test_force_records_an_english_change_that_needs_no_translation(project):
    one_french_section_stale(project)
    forced = make(project, "record", "FILE=fr/pause-billing.md", "FORCE=1")
    assert forced.returncode == 0, forced.stderr
    assert "pause-billing                in step  in step" in make(project, "status").stdout


def test_a_straight_copy_of_the_english_does_not_pass(project):
    english = (project / "docs" / "en" / "trial-accounts.md").read_text(encoding="utf-8")
    (project / "docs" / "it" / "trial-accounts.md").write_text(english, encoding="utf-8")

    checked = make(project, "check")
    assert checked.returncode != 0
    assert ("docs/it/trial-accounts.md:5: [untranslated] the text is still the English of "
            "docs/en/trial-accounts.md") in checked.stdout
    status = make(project, "status").stdout
    assert "trial-accounts               pending  in step" in status
    assert "docs/it/trial-accounts.md: still the English text of docs/en/trial-accounts.md" in status
    refused = make(project, "record", "FILE=it/trial-accounts.md")
    assert refused.returncode != 0 and "[untranslated]" in refused.stderr
    assert "source_hash" not in (project / "docs" / "it" / "trial-accounts.md").read_text(encoding="utf-8")


def test_english_first_passes_and_a_release_can_block_on_translation_debt(project):
    (project / "docs" / "it" / "reseller-accounts.md").unlink()
    edit(project, "docs/en/pause-billing.md", RESUME_EN, RESUME_EN_NOW)
    # A new list item: the translations' lists are one short, which is them being behind, not wrong.
    edit(project, "docs/en/pause-billing.md", "- You are not charged the monthly fee.\n",
         "- You are not charged the monthly fee.\n- Scheduled campaigns wait until you resume.\n")
    commit(project, "English first")
    checked = make(project, "check")
    assert checked.returncode == 0, checked.stdout
    assert "5 pending (missing, stale) in it, fr: the check passes" in checked.stdout
    assert "[list]" not in checked.stdout

    edit(project, "l10n.yml", "block_on_pending: false", "block_on_pending: true")
    blocked = make(project, "check")
    assert blocked.returncode != 0
    assert "5 pending (missing, stale) in it, fr: the check fails (l10n.yml: block_on_pending: true)" in blocked.stdout


def test_a_stale_translation_still_fails_on_a_mistake_outside_what_english_changed(project):
    edit(project, "docs/en/pause-billing.md", RESUME_EN, RESUME_EN_NOW)
    commit(project, "English: say when billing starts again")
    # Behind English in #resume: pending. A number changed in #while-paused, which English did not touch: an error.
    edit(project, "docs/fr/pause-billing.md", "{{ procedure('pause_billing') }}", "{{ procedure('resume_billing') }}")
    checked = make(project, "check")
    assert checked.returncode != 0
    line = line_of(project, "docs/fr/pause-billing.md", "{{ procedure('resume_billing') }}")
    assert (f"docs/fr/pause-billing.md:{line}: [macro] {{{{ procedure('resume_billing') }}}} where "
            "docs/en/pause-billing.md") in checked.stdout
    assert "[macro]" not in "\n".join(l for l in checked.stdout.splitlines() if "docs/it/" in l)


def test_status_for_tools(project):
    one_french_section_stale(project)
    result = subprocess.run([str(project / ".venv" / "bin" / "python"), "-m", "helpcentre", "status", "--format",
                             "json"], cwd=project, capture_output=True, text=True, timeout=60)
    status = json.loads(result.stdout)
    pages = {(page["language"], page["article"]): page for page in status["pages"]}
    stale = pages[("fr", "pause-billing")]
    assert (stale["state"], stale["file"], pages[("it", "pause-billing")]["state"]) == (
        "stale", "fr/pause-billing.md", "in step")
    [section] = stale["sections"]
    assert (section["id"], section["kind"], section["heading"]) == ("resume", "changed", "Resume billing")
    assert section["hunks"][0]["translation_text"] == RESUME_FR


# --- Where an English change lands: sections and blocks, in-process ------------------------

THEN = """---
title: Export
description: Keep your contacts.
---

# Export

Keep a copy
of your contacts.

## Steps { #steps }

- Open Contacts.
- Choose Export.

## Old { #old }

Gone soon.
"""
TRANSLATION = """---
title: Esportare
description: Conserva i contatti.
source_hash: 0123456789ab
---

# Esportare

Conserva una copia dei tuoi contatti, che
ti serviranno.

## Passi { #steps }

- Apri Contatti.
- Scegli Esporta.

## Vecchio { #old }

Presto via.
"""


def landing(then: str, now: str) -> list[tuple[str, str, int, str]]:
    return [(change.id, change.kind, hunk.translation_line, hunk.position)
            for change in changes(then, now, TRANSLATION) for hunk in change.hunks]


def test_a_changed_paragraph_lands_on_the_translations_paragraph_however_it_is_broken():
    now = THEN.replace("Keep a copy\nof your contacts.", "Keep a full copy\nof your contacts.")
    assert landing(THEN, now) == [("", "changed", 9, "at")]


def test_front_matter_changes_land_on_the_same_key():
    assert landing(THEN, THEN.replace("Keep your contacts.", "Keep every contact.")) == [("", "changed", 3, "at")]


def test_added_list_items_land_before_the_next_item_or_after_the_last():
    middle = THEN.replace("- Open Contacts.\n", "- Open Contacts.\n- Select all.\n")
    assert landing(THEN, middle) == [("steps", "changed", 15, "before")]
    end = THEN.replace("- Choose Export.\n", "- Choose Export.\n- Save the file.\n")
    assert landing(THEN, end) == [("steps", "changed", 15, "after")]


def test_new_and_removed_sections():
    now = THEN.replace("## Old { #old }\n\nGone soon.\n", "## New { #new }\n\nFresh.\n")
    found = {change.id: change for change in changes(THEN, now, TRANSLATION)}
    assert found["new"].kind == "added" and found["new"].translation_line is None
    assert found["new"].hunks[0].translation_line == 16  # after #steps, the section before it in English
    assert found["old"].kind == "removed" and found["old"].translation_line == 17


def test_a_call_above_a_heading_opens_its_section():
    sections = split("# T\n\nIntro.\n\n{% call plan_section('trial') %}\n## Trials { #trials }\n\nText.\n{% endcall %}\n")
    assert (sections[""].end, sections["trials"].start, sections["trials"].heading_line) == (3, 5, 6)

"""Translators in their own tools (issue 16): `make l10n-export` writes a PO file that gettext's
msgfmt accepts, `make l10n-import` brings it back, byte for byte where nothing changed, recorded as
in step; a stale segment goes out with the old translation as a fuzzy draft; and every bad file is
refused with the segment named and nothing written. On copies of the real project in git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpcentre.translations.exchange import write_catalog
from helpcentre.translations.data_texts import data_texts, read_record, text_hash
from helpcentre.translations.segments import one_line, placeholders, replaced, segments, yaml_scalar
from conftest import ROOT
from test_translation_status import RESUME_EN, RESUME_EN_NOW, RESUME_IT, RESUME_IT_NOW, commit, edit, line_of
from test_writer_loop import GIT, make, project  # noqa: F401 (project is a fixture)

RESUME_CONTEXT = "docs/it/pause-billing.md #resume 2"
PAUSE_STEP = "procedures.pause_billing.pause.text"
PAUSE_STEP_EN = "On the {label:billing_page} page, select {label:pause_billing} and confirm."
PAUSE_STEP_EN_NOW = "On the {label:billing_page} page, select {label:pause_billing}, then confirm."


def export(project: Path, lang: str, *extra: str) -> tuple[Path, object]:
    result = make(project, "l10n-export", f"LANG={lang}", *extra)
    assert result.returncode == 0, result.stderr
    path = project / "l10n" / f"help-centre-{lang}.po"
    checked = subprocess.run(["msgfmt", "--check-format", "--check", "-o", "/dev/null", str(path)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, f"msgfmt refuses the export:\n{checked.stderr}"
    with path.open("rb") as po:
        return path, read_po(po)


def save(catalog, path: Path) -> None:
    """As a CAT tool saves the file (and msgfmt accepts it)."""
    write_catalog(catalog, path)
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def entry(catalog, context: str):
    found = [message for message in catalog if message.id and message.context == context]
    assert len(found) == 1, f"{context}: {len(found)} entries"
    return found[0]


def tree_changes(project: Path) -> str:
    """What changed in the project's committed files (the export's own folder aside)."""
    return subprocess.run([*GIT, "status", "--porcelain", "--", ".", ":!l10n"], cwd=project,
                          capture_output=True, text=True, check=True).stdout


# ---------------------------------------------------------------------------
# Segments: the Markdown comes back exactly
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(path.relative_to(ROOT / "docs").as_posix()
                                        for path in (ROOT / "docs").glob("*/*.md")))
def test_every_page_is_rebuilt_exactly_from_its_segments(page):
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    found = segments(text)
    assert found, "no segments"
    assert replaced(text, {segment.key: segment.text for segment in found}) == text
    # A new translation replaces only its own lines.
    first = found[-1]
    changed = replaced(text, {first.key: "Parole nuove"}).split("\n")
    assert changed[first.first].endswith("Parole nuove" + first.suffix)
    assert len(changed) == len(text.split("\n")) - (first.last - first.first)


def test_translations_keep_the_english_segments_one_for_one():
    for english in sorted((ROOT / "docs" / "en").glob("*.md")):
        ours = [(s.key, s.kind) for s in segments(english.read_text(encoding="utf-8"))]
        for lang in ("it", "fr"):
            theirs = segments((ROOT / "docs" / lang / english.name).read_text(encoding="utf-8"))
            assert [(s.key, s.kind) for s in theirs] == ours, f"{lang}/{english.name}"


def test_placeholders_are_macros_labels_link_targets_and_tags():
    text = "Select {label:x} in {{ product() }}, see [the page](cancel-account.md#confirm) or <kbd>Esc</kbd>."
    assert sorted(placeholders(text)) == ["</kbd>", "<kbd>", "](cancel-account.md#confirm)", "{label:x}",
                                          "{{ product() }}"]


@pytest.mark.parametrize("text", ["perché è già più", "À bientôt, ça coûte 5 € !", "« Œuvre »", "l’account — così…",
                                  "Ça, Éric, Ô, Ïle", "😀 fatto"])
def test_mojibake_is_utf8_read_with_the_wrong_charset_and_nothing_else(text):
    from helpcentre.mojibake import mojibake

    assert mojibake(text) is None
    for wrong in ("cp1252", "latin-1"):
        garbled = text.encode("utf-8").decode(wrong, errors="ignore")
        assert mojibake(garbled), garbled


@pytest.mark.parametrize("text", ["Plain words", "Note: a colon", "{label:x} first", "« Guillemets »",
                                  "Pause\u202f: maintenant", 'He said "yes"', "- a dash", "yes", "# not a comment"])
def test_a_data_text_is_written_as_yaml_that_reads_back_the_same(text):
    import yaml

    assert yaml.safe_load(f"k: {yaml_scalar(text)}") == {"k": text}


def test_a_translators_line_breaks_become_spaces_and_french_no_break_spaces_stay():
    assert one_line("Pause\u202f: maintenant,\n  et  après\u00a0!") == "Pause\u202f: maintenant, et après\u00a0!"
    assert yaml_scalar(one_line("Concerne\u202f:")) == '"Concerne\\u202f:"'


# ---------------------------------------------------------------------------
# The round trip
# ---------------------------------------------------------------------------


def test_exporting_everything_and_importing_it_unchanged_changes_nothing(project):
    english_segments = sum(len(segments(path.read_text(encoding="utf-8")))
                           for path in (project / "docs" / "en").glob("*.md"))
    texts = len(data_texts(project / "data", ("en", "it", "fr")))
    for lang in ("it", "fr"):
        path, catalog = export(project, lang, "ALL=1")
        messages = [message for message in catalog if message.id]
        assert sum(message.context.startswith(f"docs/{lang}/") for message in messages) == english_segments
        assert sum(message.context.startswith("data/") for message in messages) == texts
        assert not any(message.fuzzy for message in messages)  # the real site is in step
        assert all(message.string for message in messages)

        result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

        assert result.returncode == 0, result.stderr
        assert "make check passes" in result.stdout
    assert tree_changes(project) == ""


def test_in_step_there_is_nothing_to_export(project):
    path, catalog = export(project, "it")
    assert [message for message in catalog if message.id] == []
    assert "in step with English: nothing to translate" in make(project, "l10n-export", "LANG=it").stdout


# ---------------------------------------------------------------------------
# A changed English paragraph and a changed step
# ---------------------------------------------------------------------------


def english_moves_on(project: Path) -> None:
    edit(project, "docs/en/pause-billing.md", RESUME_EN, RESUME_EN_NOW)
    edit(project, "data/procedures.yml", f"en: {PAUSE_STEP_EN}", f"en: {PAUSE_STEP_EN_NOW}")
    commit(project, "English: say when billing starts again; a clearer step")


def test_a_changed_paragraph_goes_out_with_the_old_translation_as_a_draft_and_comes_back_recorded(project):
    english_moves_on(project)

    path, catalog = export(project, "it")

    messages = [message for message in catalog if message.id]
    assert [message.context for message in messages] == [RESUME_CONTEXT, f"data/procedures.yml {PAUSE_STEP}"]
    paragraph = entry(catalog, RESUME_CONTEXT)
    assert (paragraph.id, paragraph.string, paragraph.fuzzy) == (RESUME_EN_NOW, RESUME_IT, True)
    # The English it was translated from, as gettext writes it (Babel reads it as a comment).
    written = path.read_text(encoding="utf-8")
    assert f'#| msgid "{RESUME_EN}"\nmsgctxt "{RESUME_CONTEXT}"\n' in written
    assert "[-page:-] {+page; billing starts again that day:+}" in " ".join(paragraph.auto_comments)
    assert paragraph.locations == [("docs/en/pause-billing.md", line_of(project, "docs/en/pause-billing.md", RESUME_EN_NOW))]
    step = entry(catalog, f"data/procedures.yml {PAUSE_STEP}")
    assert (step.id, step.fuzzy) == (PAUSE_STEP_EN_NOW, True)
    assert f'#| msgid "{PAUSE_STEP_EN}"\nmsgctxt "data/procedures.yml {PAUSE_STEP}"\n' in written
    assert any(flag.startswith("placeholders:") for flag in step.flags)
    assert "keep: {label:billing_page}  {label:pause_billing}" in step.auto_comments

    paragraph.string = RESUME_IT_NOW
    paragraph.flags.discard("fuzzy")
    step.string = "Nella pagina {label:billing_page}, seleziona {label:pause_billing}, poi conferma."
    step.flags.discard("fuzzy")
    save(catalog, path)
    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode == 0, result.stderr
    translation = (project / "docs/it/pause-billing.md").read_text(encoding="utf-8")
    assert RESUME_IT_NOW in translation and RESUME_IT + "\n" not in translation
    assert "seleziona {label:pause_billing}, poi conferma." in (project / "data/procedures.yml").read_text()
    assert read_record(project / "data", ("en", "it", "fr"))["it"]["procedures.yml"][PAUSE_STEP] == text_hash(PAUSE_STEP_EN_NOW)
    status = make(project, "status", "LANG=it")
    assert "pause-billing                in step" in status.stdout, status.stdout
    assert sorted(line[3:] for line in tree_changes(project).splitlines()) == [
        "data/procedures.yml", "data/translated-from.yml", "docs/it/pause-billing.md"]
    # Nothing is left to send.
    _, again = export(project, "it")
    assert [message for message in again if message.id] == []


def test_a_fuzzy_draft_is_not_imported(project):
    english_moves_on(project)
    path, catalog = export(project, "it")

    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode == 0, result.stderr
    assert "2 fuzzy or empty entries left as they were" in result.stdout
    assert tree_changes(project) == ""
    status = make(project, "status", "LANG=it").stdout
    line = next(number for number, text in enumerate((project / "data/procedures.yml").read_text(encoding="utf-8")
                                                     .splitlines(), 1) if text.strip() == f"en: {PAUSE_STEP_EN_NOW}")
    assert f"data/procedures.yml:{line}: {PAUSE_STEP}.it: stale" in status, status


# ---------------------------------------------------------------------------
# Refusals: the segment named, nothing written
# ---------------------------------------------------------------------------


def lose_placeholder(catalog, path):
    step = entry(catalog, "data/procedures.yml procedures.pause_billing.pause.text")
    step.string = step.string.replace("{label:pause_billing}", "Sospendi fatturazione")
    return "data/procedures.yml procedures.pause_billing.pause.text: placeholders must stay as in the English; " \
           "missing: {label:pause_billing}"


def change_placeholder(catalog, path):
    step = entry(catalog, "docs/it/after-you-cancel.md #check-statement 2")
    step.string = step.string.replace("{{ support() }}", "{{ suport() }}")
    return "docs/it/after-you-cancel.md #check-statement 2: placeholders must stay as in the English; " \
           "missing: {{ support() }}; not in the English: {{ suport() }}"


def wrong_language(catalog, path):
    catalog.locale = "de"
    return "its Language is 'de', not one of this site's translations (it, fr)"


def segment_of_another_language(catalog, path):
    message = entry(catalog, "docs/it/after-you-cancel.md title")
    message.context = "docs/fr/after-you-cancel.md title"
    return "docs/fr/after-you-cancel.md title: a segment of fr, in a file for it"


def template_code_over_lines(catalog, path):
    """Code a placeholder pattern reads line by line would miss: each tag broken over two lines."""
    paragraph = entry(catalog, RESUME_CONTEXT)
    paragraph.string += " {% for a in ['a', 'b']\n%}{{ procedure('pause_billing'\n) }}{%\nendfor %}"
    return (f"{RESUME_CONTEXT}: template code must stay exactly as in the English: a translation brings no "
            "{{ … }}, {% … %} or {# … #} of its own; not in the English: {% for a in ['a', 'b'] %}  "
            "{{ procedure('pause_billing' ) }}  {% endfor %}")


def template_code_in_a_data_text(catalog, path):
    step = entry(catalog, f"data/procedures.yml {PAUSE_STEP}")
    step.string += " {{ config\n}}"
    return f"data/procedures.yml {PAUSE_STEP}: template code must stay exactly as in the English"


def unclosed_tag(catalog, path):
    """An HTML tag left without its closing >: a browser makes it a tag all the same."""
    notice = entry(catalog, "data/messages.yml untranslated_notice")
    notice.string += " <img src=x onerror=alert(1)"
    return ("data/messages.yml untranslated_notice: placeholders must stay as in the English; "
            "not in the English: <img src=x onerror=alert(1)")


def mojibake(catalog, path):
    """Italian that went through a tool trusting the wrong charset: "è" became "Ã¨"."""
    paragraph = entry(catalog, RESUME_CONTEXT)
    paragraph.string = "Ora è più facile: " + paragraph.string
    paragraph.string = paragraph.string.encode("utf-8").decode("cp1252")
    return f"{RESUME_CONTEXT}: 'Ã¨' is UTF-8 read with the wrong charset"


REFUSALS = {"lost placeholder": lose_placeholder, "changed placeholder": change_placeholder,
            "wrong language": wrong_language, "another language's segment": segment_of_another_language,
            "template code over lines": template_code_over_lines,
            "template code in a data text": template_code_in_a_data_text, "unclosed HTML tag": unclosed_tag,
            "mojibake": mojibake}


@pytest.mark.parametrize("mistake", REFUSALS)
def test_a_bad_file_is_refused_with_the_segment_named_and_nothing_written(project, mistake):
    path, catalog = export(project, "it", "ALL=1")
    good = entry(catalog, "docs/it/pause-billing.md 1")
    good.string = "Sospendere la fatturazione, per ora"  # a good change beside the bad one: not written either
    expected = REFUSALS[mistake](catalog, path)
    save(catalog, path)

    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert "nothing was" in result.stderr and "Traceback" not in result.stderr
    assert tree_changes(project) == ""


@pytest.mark.parametrize("content, expected", [
    ('msgid "Pause billing"\nmsgstr "Sospendi\n', "not a valid PO file"),
    ('<?xml version="1.0"?>\n<xliff version="2.0" srcLang="en" trgLang="it"><file id="f"/></xliff>\n',
     "not a PO file (it looks like XML/XLIFF)"),
    ('msgid ""\nmsgstr "Project-Id-Version: other 1\\nLanguage: it\\n"\n\nmsgid "a"\nmsgstr "b"\n',
     "not a PO file from make l10n-export"),
    ("", "no entries at all"),
    (b"\xde\x12\x04\x95\x00\x00\x00\x00", "a compiled .mo file, not a PO file"),
], ids=["broken", "xliff", "another project's PO", "empty", "mo"])
def test_a_file_that_is_not_our_po_is_refused(project, content, expected):
    path = project / "l10n" / "help-centre-it.po"
    path.parent.mkdir()
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    result = make(project, "l10n-import", "FILE=l10n/help-centre-it.po")

    assert result.returncode != 0
    assert expected in result.stderr and "l10n/help-centre-it.po" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree_changes(project) == ""


@pytest.mark.parametrize("breakage, expected", [
    (lambda text: text.replace('msgctxt "docs/it/pause-billing.md title"\n', "", 1).replace(
        'msgid "Pause billing"\n', "", 1), "msgstr where msgctxt or msgid was expected"),
    (lambda text: text + '\nmsgctxt "docs/it/pause-billing.md title"\nmsgid "Pause billing"\nmsgstr "Altro"\n',
     "a second entry for the segment 'docs/it/pause-billing.md title'"),
    (lambda text: text.rsplit("msgstr", 1)[0], "the file ends before the msgstr of the entry"),
], ids=["msgstr without msgid", "an entry twice", "cut short"])
def test_a_po_file_babel_would_misread_is_refused(project, breakage, expected):
    """Babel joins a msgstr with no msgid to the next entry and keeps one of two entries for a
    segment, without a word; gettext refuses both, and so does the import."""
    path, _ = export(project, "it", "ALL=1")
    path.write_text(breakage(path.read_text(encoding="utf-8")), encoding="utf-8")

    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode != 0
    assert expected in result.stderr and "not a valid PO file" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree_changes(project) == ""


def test_a_file_whose_header_names_another_charset_is_refused_at_that_line(project):
    """A UTF-8 file that says charset=ISO-8859-1: Babel would trust the header and import every
    "è" as "Ã¨". The header's line is named, and nothing is written."""
    path, catalog = export(project, "it", "ALL=1")
    entry(catalog, RESUME_CONTEXT).string = "Puoi riprendere quando vuoi, è facile:"
    save(catalog, path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("charset=utf-8", "charset=ISO-8859-1"), encoding="utf-8")
    line = next(number for number, written in enumerate(text.splitlines(), 1) if "charset=" in written)

    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode != 0 and "make check passes" not in result.stdout
    assert (f"l10n/help-centre-it.po:{line}: its header says charset=ISO-8859-1; the help centre reads PO files "
            "as UTF-8 only") in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree_changes(project) == ""


def test_an_english_change_after_the_export_is_refused(project):
    path, catalog = export(project, "it", "ALL=1")
    resume = entry(catalog, RESUME_CONTEXT)
    resume.string = RESUME_IT_NOW
    save(catalog, path)
    edit(project, "docs/en/pause-billing.md", RESUME_EN, RESUME_EN_NOW)
    commit(project, "English moves on while the translator works")

    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode != 0
    assert f"{RESUME_CONTEXT}: the English changed since the export" in result.stderr, result.stderr
    assert f"now:      {RESUME_EN_NOW}" in result.stderr
    assert tree_changes(project) == ""


def test_a_translation_that_breaks_the_check_is_refused_and_nothing_written(project):
    path, catalog = export(project, "it", "ALL=1")
    heading = entry(catalog, "docs/it/pause-billing.md 1")
    heading.string = "Sospendere la fatturazione"
    step = entry(catalog, "data/labels.yml pause_billing")
    step.string = "Sospendi la fatturazione con 30 giorni di preavviso"  # a number the English does not have
    save(catalog, path)

    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode != 0
    assert "would break `make check`" in result.stderr and "data/labels.yml" in result.stderr, result.stderr
    assert tree_changes(project) == ""


def test_a_paragraph_added_in_english_goes_out_with_its_section_and_comes_back_in_its_place(project):
    before = (project / "docs/it/pause-billing.md").read_text(encoding="utf-8")
    edit(project, "docs/en/pause-billing.md", "{{ procedure('resume_billing') }}\n",
         "{{ procedure('resume_billing') }}\n\nBilling starts again on the day you resume.\n")
    commit(project, "English: a paragraph on when billing starts again")

    path, catalog = export(project, "it")

    messages = {message.context: message for message in catalog if message.id}
    assert list(messages) == ["docs/it/pause-billing.md #resume 1", RESUME_CONTEXT, "docs/it/pause-billing.md #resume 3"]
    heading, paragraph, new = messages.values()
    assert (heading.string, heading.fuzzy) == ("Riattivare la fatturazione", False)  # unchanged: no review needed
    assert (paragraph.string, paragraph.fuzzy) == (RESUME_IT, False)
    assert (new.id, new.string) == ("Billing starts again on the day you resume.", "")
    assert "English: new" in new.auto_comments

    new.string = "La fatturazione riparte il giorno in cui la riattivi."
    save(catalog, path)
    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode == 0, result.stderr
    after = (project / "docs/it/pause-billing.md").read_text(encoding="utf-8")
    recorded = next(line for line in after.splitlines() if line.startswith("source_hash:"))
    old_record = next(line for line in before.splitlines() if line.startswith("source_hash:"))
    # Every other line as the translator wrote it (line breaks included); the new paragraph in its place.
    assert after == before.replace(old_record, recorded).replace(
        "{{ procedure('resume_billing') }}\n",
        "{{ procedure('resume_billing') }}\n\nLa fatturazione riparte il giorno in cui la riattivi.\n")
    assert "pause-billing                in step" in make(project, "status", "LANG=it").stdout


def test_a_missing_translation_is_written_once_every_segment_came_back(project):
    italian = (project / "docs/it/trial-accounts.md").read_text(encoding="utf-8")
    (project / "docs/it/trial-accounts.md").unlink()
    commit(project, "Italian trial page withdrawn")
    path, catalog = export(project, "it")
    messages = [message for message in catalog if message.id]
    assert {message.context.split(" ")[0] for message in messages} == {"docs/it/trial-accounts.md"}
    assert all(message.string == "" and not message.fuzzy for message in messages)
    words = {segment.key: segment.text for segment in segments(italian)}

    messages[0].string = words[messages[0].context.split(" ", 1)[1]]
    save(catalog, path)
    partly = make(project, "l10n-import", f"FILE={path.relative_to(project)}")
    assert partly.returncode == 0, partly.stderr
    assert f"docs/it/trial-accounts.md: not written, {len(messages) - 1} of {len(messages)} segments still to " \
           "translate" in partly.stdout
    assert not (project / "docs/it/trial-accounts.md").exists()

    for message in messages:
        message.string = words[message.context.split(" ", 1)[1]]
    save(catalog, path)
    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode == 0, result.stderr
    written = (project / "docs/it/trial-accounts.md").read_text(encoding="utf-8")
    assert [(s.key, s.text) for s in segments(written)] == [(s.key, s.text) for s in segments(italian)]
    assert "trial-accounts               in step" in make(project, "status", "LANG=it").stdout


def test_windows_line_ends_and_a_byte_order_mark_survive_the_round_trip(project):
    """A file saved by a Windows editor keeps its line ends and its byte-order mark, in docs/ and data/."""
    for relative in ("docs/it/pause-billing.md", "data/procedures.yml"):
        path = project / relative
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    commit(project, "saved on Windows")
    path, catalog = export(project, "it", "ALL=1")

    assert make(project, "l10n-import", f"FILE={path.relative_to(project)}").returncode == 0
    assert tree_changes(project) == ""

    entry(catalog, RESUME_CONTEXT).string = RESUME_IT_NOW
    entry(catalog, f"data/procedures.yml {PAUSE_STEP}").string = \
        "Nella pagina {label:billing_page}, seleziona {label:pause_billing}, poi conferma."
    save(catalog, path)
    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode == 0, result.stderr
    for relative, words in (("docs/it/pause-billing.md", RESUME_IT_NOW), ("data/procedures.yml", "poi conferma.")):
        raw = (project / relative).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and words.encode("utf-8") in raw
        assert raw.count(b"\n") == raw.count(b"\r\n"), relative


def test_a_french_data_text_comes_back_with_its_narrow_no_break_spaces(project):
    path, catalog = export(project, "fr", "ALL=1")
    words = "Inutile de résilier un essai\u202f: laissez-le expirer. Rien ne vous est facturé\u202f!"
    entry(catalog, "data/notes.yml trial_no_cancel.text").string = words
    save(catalog, path)

    result = make(project, "l10n-import", f"FILE={path.relative_to(project)}")

    assert result.returncode == 0, result.stderr
    notes = (project / "data/notes.yml").read_text(encoding="utf-8")
    assert 'fr: "Inutile de résilier un essai\\u202f: laissez-le expirer. Rien ne vous est facturé\\u202f!"' in notes
    texts = {text.key: text for text in data_texts(project / "data", ("en", "it", "fr"))}
    assert texts["trial_no_cancel.text"].translations["fr"] == words

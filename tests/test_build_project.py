"""A build of a throwaway copy of the project: a page not translated yet still gets its shared data
in the reader's language. (Mistakes that must stop the build are in test_bad_input.py.)"""

from __future__ import annotations

from conftest import LANGUAGES, build_site, copy_project, read_page
from helpcentre.data import load_data


def test_untranslated_page_renders_shared_data_in_the_page_language(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "it" / "trial-accounts.md").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    data = load_data(project / "data", LANGUAGES)
    page = read_page(tmp_path / "site", "it", "trial-accounts")
    assert page.html["lang"] == "it"
    note = page.select_one('div.plan-note[data-note="trial_no_cancel"]')
    assert note.select_one(".admonition-title").get_text() == data.message("it", "note_title", "info")
    assert data.notes["trial_no_cancel"].text["it"].split(":")[0] in note.get_text()
    steps = page.select('ol.procedure[data-procedure="export_contacts"] > li')
    assert steps[0].select_one(".ui-label").get_text() == data.labels["contacts"]["it"]


def test_files_saved_by_a_windows_editor_build(tmp_path):
    """A byte-order mark and CRLF line ends are UTF-8 as MkDocs reads it: the checks accept them too."""
    project = copy_project(tmp_path / "project")
    for relative in ("docs/fr/pause-billing.md", "data/notes.yml"):
        path = project / relative
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = read_page(tmp_path / "site", "fr", "pause-billing")
    assert page.select_one('ol.procedure[data-procedure="pause_billing"]')


def test_template_text_that_a_page_prints_is_never_rendered_again(tmp_path):
    """What page text outputs ({% raw %} text here) is the page's final Markdown: mkdocs-macros,
    which would render it again outside the sandbox, renders nothing."""
    attack = "{{ cycler.__init__.__globals__.os.popen('touch pwned').read() }}"
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "trial-accounts.md"
    title = next(line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
    page.write_text(page.read_text(encoding="utf-8").replace(
        title + "\n", f"{title}\n\nRaw: {{% raw %}}{attack}{{% endraw %}}\n", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert not list(project.rglob("pwned")), "text printed by a page was rendered again, outside the sandbox"
    assert result.returncode == 0, result.stderr
    text = read_page(tmp_path / "site", "en", "trial-accounts").select_one("article").get_text()
    assert "{{ cycler." in text and "os.popen('touch pwned').read() }}" in text  # as text (Markdown bolds __init__)

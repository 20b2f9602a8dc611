"""Where the build relies on what Material writes (helpcentre/material/): each edit of Material's
output finds its target exactly as often as Material writes it, each block our theme's main.html
replaces is still the block we replaced, Material's inline scripts are
published from Material itself, and what the on-demand loader and our search worker assume of
Material's scripts is read from them. When any of that moves, the build stops with one message
naming our module, Material's template and what changed.

Most tests here are of the pure functions, on Material's real files and on altered copies of them
(no build); the last ones build a copy of the project whose own theme folder plays a changed Material."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT, build_site, copy_project, read_page
from helpcentre import outline, page_content, plugin
from helpcentre.data import load_data
from helpcentre.material import blocks as material_blocks, conformance as html_conformance
from helpcentre.material import inline_scripts as material_inline_scripts, on_demand as material_on_demand
from helpcentre.material import search_config, search_worker as material_search_worker, seams
from helpcentre.material.seams import (MaterialChanged, ReplacedBlock, Seam, block_body, block_fingerprint,
                                       material_template, material_version)

MATERIAL = Path(__import__("material").__file__).parent / "templates"
OUR_THEME = ROOT / "helpcentre" / "theme"
DATA = load_data(ROOT / "data", LANGUAGES)


def material_file(pattern: str) -> tuple[str, str]:
    """(site path, text) of the one file of Material's theme matching the glob `pattern`."""
    [path] = MATERIAL.glob(pattern)
    return path.relative_to(MATERIAL).as_posix(), path.read_text(encoding="utf-8")


BUNDLE_PATH, BUNDLE = material_file("assets/javascripts/bundle.*.min.js")


# --- The shared helper: replace exactly as often as Material writes it, or fail --------------

SEAM = Seam("helpcentre/example.py", "partials/search.html", "the search dialog")


def test_a_seam_replaces_what_it_finds_as_often_as_expected():
    assert SEAM.replace("<a><b>", "<b>", "<c>") == "<a><c>"
    assert SEAM.replace("<b><b>", "<b>", "<c>", count=2) == "<c><c>"
    assert SEAM.sub(re.compile(r"<(b)>"), r"<\1 x>", "<a><b>") == "<a><b x>"


@pytest.mark.parametrize("text,count,found", [("<a>", 1, "not at all"), ("<b><b>", 1, "twice"), ("<b>", 2, "once")])
def test_a_seam_that_finds_its_target_another_number_of_times_stops_the_build(text, count, found):
    with pytest.raises(MaterialChanged) as failure:
        SEAM.replace(text, "<b>", "<c>", count=count, where="the page of docs/en/index.md")
    message = str(failure.value)
    assert message.startswith("helpcentre/example.py: the search dialog, written by Material's partials/search.html, "
                              f"was found {found} (expected {'once' if count == 1 else 'twice'}) "
                              "in the page of docs/en/index.md.")
    assert f"Material {material_version()} has changed it: update helpcentre/example.py" in message


# --- Blocks that our theme's main.html replaces whole -------------------------------------------

def test_a_blocks_text_is_read_with_the_blocks_inside_it():
    source = "{% block a %}A{% block b %}B{% endblock %}a{%- endblock a -%}{% block c %}C{% endblock %}"
    assert block_body(source, "a") == "A{% block b %}B{% endblock %}a"
    assert block_body(source, "b") == "B"
    assert block_body(source, "c") == "C"
    assert block_body(source, "d") is None


def test_a_blocks_fingerprint_leaves_out_the_release_and_the_hashes_in_file_names():
    old = '<script src="bundle.a5f9d56c.min.js"></script><meta content="mkdocs-material-9.8.1">'
    new = '<script src="bundle.0123abcd.min.js"></script><meta content="mkdocs-material-9.9.0">'
    assert block_fingerprint(old, "9.8.1") == block_fingerprint(new, "9.9.0")
    assert block_fingerprint(old, "9.8.1") != block_fingerprint(old.replace("<meta", "<meta defer"), "9.8.1")


@pytest.mark.parametrize("block", material_blocks.REPLACED, ids=lambda block: block.block)
def test_the_blocks_we_replace_are_still_materials(block):
    block.check()  # the build does the same (helpcentre/material/blocks.py)
    main = (OUR_THEME / "main.html").read_text(encoding="utf-8")
    assert block_body(main, block.block) is not None and "super()" not in block_body(main, block.block)


def altered_material(tmp_path, monkeypatch, name: str, old: str, new: str) -> None:
    """Material, as the checks read it, with `old` replaced by `new` in its template `name`."""
    copy = tmp_path / "material"
    target = copy / name
    target.parent.mkdir(parents=True, exist_ok=True)
    source = (MATERIAL / name).read_text(encoding="utf-8")
    assert old in source
    target.write_text(source.replace(old, new), encoding="utf-8")
    monkeypatch.setattr(seams, "material_template", lambda wanted: copy / wanted if (copy / wanted).is_file()
                        else MATERIAL / wanted)


def test_a_material_upgrade_that_changes_a_replaced_block_stops_the_build(tmp_path, monkeypatch):
    altered_material(tmp_path, monkeypatch, "base.html", '<meta name="viewport"',
                     '<meta name="theme-color" content="#fff">\n      <meta name="viewport"')
    [site_meta] = [block for block in material_blocks.REPLACED if block.block == "site_meta"]
    with pytest.raises(MaterialChanged) as failure:
        site_meta.check()
    message = str(failure.value)
    assert message.startswith("helpcentre/theme/main.html replaces the block 'site_meta' of Material's base.html")
    assert f"Material {material_version()} has changed that block: compare it with ours ({tmp_path}" in message
    assert "record its new fingerprint" in message


def test_a_replaced_block_that_material_no_longer_has_stops_the_build(tmp_path, monkeypatch):
    altered_material(tmp_path, monkeypatch, "base.html", "{% block scripts %}", "{% block page_scripts %}")
    block = ReplacedBlock("helpcentre/theme/main.html", "base.html", "scripts", "0", "why")
    with pytest.raises(MaterialChanged, match="has no such block any more"):
        block.check()


def test_materials_own_template_is_read_not_our_theme():
    assert (OUR_THEME / "main.html").is_file()
    assert material_template("main.html") == MATERIAL / "main.html"


def test_the_generator_tag_names_the_installed_material(site):
    generator = read_page(site, "fr", "pause-billing").find("meta", attrs={"name": "generator"})["content"]
    assert generator.endswith(f", mkdocs-material-{material_version()}")
    assert "9.8.1" not in (OUR_THEME / "main.html").read_text(encoding="utf-8")


# --- Material's inline scripts, published as files (CSP) --------------------------------------

def test_materials_storage_script_is_published_with_the_scope_from_our_script_tag():
    storage, content = material_inline_scripts.SCRIPTS
    source = (MATERIAL / storage.partial).read_text(encoding="utf-8")
    code = storage.code(source, [])
    assert "{{" not in code and "<script" not in code
    assert code.count("new URL(document.currentScript.dataset.scope,location)") == 1
    assert "__md_get=" in code and "__md_set=" in code
    # Our override of the partial gives data-scope exactly the value Material writes into its script.
    override = (OUR_THEME / storage.partial).read_text(encoding="utf-8")
    assert f"data-scope={material_inline_scripts.SCOPE}" in override
    assert storage.file in override and content.file in (OUR_THEME / content.partial).read_text(encoding="utf-8")


def test_materials_content_script_follows_the_sites_features():
    content = material_inline_scripts.SCRIPTS[1]
    source = (MATERIAL / content.partial).read_text(encoding="utf-8")
    assert "__md_get(\"__tabs\")" not in content.code(source, [])
    assert "__md_get(\"__tabs\")" in content.code(source, ["content.tabs.link"])  # as Material would inline it


@pytest.mark.parametrize("change,message", [
    (lambda source: source + '<div class="banner"></div>', "no longer holds only inline scripts"),
    (lambda source: source.replace("<script>", "<script>var v={{ config.extra.version }};", 1),
     "needs a value this module does not give"),
    (lambda source: source.replace('"{{ config.extra.scope | d(base_url) }}"', '"{{ base_url }}"'),
     "the value \"{{ config.extra.scope | d(base_url) }}\", written by Material's partials/javascripts/base.html, "
     "was found not at all"),
])
def test_a_changed_inline_script_partial_stops_the_build(change, message):
    storage = material_inline_scripts.SCRIPTS[0]
    source = (MATERIAL / storage.partial).read_text(encoding="utf-8")
    with pytest.raises(MaterialChanged, match=re.escape(message)):
        storage.code(change(source), [])


def test_the_published_scripts_are_materials_and_no_page_has_an_inline_script(site):
    storage, content = material_inline_scripts.SCRIPTS
    assert (site / storage.file).read_text(encoding="utf-8") == storage.code(
        (MATERIAL / storage.partial).read_text(encoding="utf-8"), [])
    assert (site / content.file).read_text(encoding="utf-8") == content.code(
        (MATERIAL / content.partial).read_text(encoding="utf-8"), [])
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        inline = [script for script in soup.find_all("script", src=False) if script.get("type") != "application/json"]
        assert inline == [], path.relative_to(site)


# --- Edits of Material's HTML -------------------------------------------------------------------

def material_page() -> str:
    """The parts of a built page that helpcentre/material/conformance.py edits, as Material writes them."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    toggles = "\n".join(line for line in base.splitlines() if '<input class="md-toggle"' in line)
    return f'<html>{toggles}\n{html_conformance.SEARCH_DIALOG}<label class="md-nav__link" for="x" tabindex="">'


def test_materials_markup_is_made_valid():
    page = html_conformance.conform(material_page(), 'Cerca "qui"', "a page")
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Cerca &quot;qui&quot;">' in page
    assert 'autocomplete' not in page and 'tabindex=""' not in page


@pytest.mark.parametrize("old,new,what", [
    ('role="dialog"', 'role="dialog" data-md-scrollfix', "the search dialog"),
    (' autocomplete="off"', "", "the drawer and search toggles"),
])
def test_markup_that_material_writes_differently_stops_the_build(old, new, what):
    with pytest.raises(MaterialChanged) as failure:
        html_conformance.conform(material_page().replace(old, new), "Search", "the page of docs/en/index.md")
    assert str(failure.value).startswith(f"helpcentre/material/conformance.py: {what}")
    assert "was found not at all" in str(failure.value) and "in the page of docs/en/index.md" in str(failure.value)


def material_config(**changes) -> str:
    config = {"base": "..", "features": [], "search": "../assets/javascripts/workers/search.a7633da7.min.js",
              "translations": {"search.result.none": "No matching documents"}, **changes}
    return f'<body><script id="__config" type="application/json">{json.dumps(config)}</script></body>'


def test_the_search_config_points_at_the_languages_index_and_our_worker():
    page = search_config.rebased_search(material_config(), "it/", "Nessun articolo", "a page")
    config = json.loads(BeautifulSoup(page, "html.parser").find(id="__config").string)
    assert config["base"] == "../it/"
    assert config["search"] == "../assets/javascripts/workers/help-search.js?material=search.a7633da7.min.js"
    assert config["translations"]["search.result.none"] == "Nessun articolo"


@pytest.mark.parametrize("page,found", [
    ("<body></body>", "was found not at all"),
    (material_config() * 2, "was found twice"),
    (material_config(translations={"search.result.placeholder": "Type"}), "has the keys"),
])
def test_a_search_config_material_writes_differently_stops_the_build(page, found):
    with pytest.raises(MaterialChanged) as failure:
        search_config.rebased_search(page, "", "None", "the page of docs/en/index.md")
    assert str(failure.value).startswith("helpcentre/material/search_config.py: the page's config <script id=\"__config\"")
    assert found in str(failure.value)


# --- Our own content: the plan chooser under the title, a copy-link button on every section ----

def test_the_plan_chooser_goes_right_under_the_title():
    assert plugin._with_plan_picker('<h1 id="t">T</h1><p>x</p>', "<P>") == '<h1 id="t">T</h1>\n<P>\n<p>x</p>'
    # No '# Title' of its own: Material writes the <h1> above the content, so first of all.
    assert plugin._with_plan_picker("<p>x</p>", "<P>") == "\n<P>\n<p>x</p>"


def test_every_plan_chooser_sits_right_under_its_articles_title(site):
    for lang in LANGUAGES:
        for slug in ("cancel-account", "pause-billing"):
            title = read_page(site, lang, slug).select_one("article h1")
            assert title.find_next_sibling().has_attr("data-plan-picker"), (lang, slug)


def toc(*entries):
    return [SimpleNamespace(id=anchor, level=level, children=toc(*children)) for anchor, level, children in entries]


def test_the_sections_of_a_page_are_its_h2_and_h3():
    assert list(plugin._section_ids(toc(("title", 1, [("a", 2, [("b", 3, [("c", 4, [])])]), ("d", 2, [])])))) == \
        ["a", "b", "d"]


def with_buttons(content: str, toc_ids: list[str]) -> str:
    edits = outline.Insertions()
    page_content.section_link_buttons(outline.read(content), toc_ids, "Copy", "docs/en/pause-billing.md", edits)
    return edits.into(content)


def test_a_section_heading_the_page_does_not_have_stops_the_build():
    content = '<h2 id="steps">Steps</h2><h2 class="x">Other</h2>'
    assert with_buttons(content, ["steps"]).count('class="section-copy"') == 1
    with pytest.raises(Exception, match=r"docs/en/pause-billing.md: no copy-link button on the heading\(s\) #other"):
        with_buttons(content, ["steps", "other"])


def test_every_permalink_is_titled_in_its_pages_language(site):
    for lang in LANGUAGES:
        links = read_page(site, lang, "cancel-account").select("a.headerlink")
        assert len(links) >= 3
        assert {link["title"] for link in links} == {DATA.message(lang, "permalink_title")}, lang


# --- What the on-demand loader assumes of Material's bundle -----------------------------------

def test_materials_shortcut_keys_are_read_from_its_bundle():
    assert material_on_demand.shortcut_keys(BUNDLE) == ["f", "s", "/", "p", ",", "n", "."]
    material_on_demand.check_bundle(BUNDLE, BUNDLE_PATH)


def test_the_loader_is_given_materials_bundle_and_keys(site):
    for lang in LANGUAGES:
        loader = read_page(site, lang, "pause-billing").find("script", attrs={"data-bundle": True})
        assert loader["data-bundle"].endswith(BUNDLE_PATH)
        assert loader["data-shortcuts"].split(" ") == material_on_demand.shortcut_keys(BUNDLE)
    assert "DOMContentLoaded\"))" not in (OUR_THEME / "assets/javascripts/material-on-demand.js").read_text()


@pytest.mark.parametrize("old,new,what", [
    ('case"s":', 'case"k":case"s":', None),  # a new key is simply passed on
    ('==="global")).subscribe(e=>{switch(e.type){case"p"', '==="global")).subscribe(e=>{switch(e.key){case"p"',
     "the keyboard handlers outside the search"),
    ('"DOMContentLoaded",{once:!0}', '"readystatechange",{once:!0}', "the start on DOMContentLoaded"),
    ("window.document$=", "window.doc$=", "the export of document$"),
    ('classList.remove("no-js")', 'classList.remove("nojs")', "the swap of no-js for js"),
])
def test_a_bundle_that_moved_what_the_loader_relies_on_stops_the_build(old, new, what):
    assert BUNDLE.count(old) == 1
    bundle = BUNDLE.replace(old, new)
    if what is None:
        assert "k" in material_on_demand.shortcut_keys(bundle)
        return
    with pytest.raises(MaterialChanged) as failure:
        material_on_demand.check_bundle(bundle, BUNDLE_PATH)
        material_on_demand.shortcut_keys(bundle, BUNDLE_PATH)
    assert str(failure.value).startswith(f"helpcentre/material/on_demand.py: {what}")
    assert f"written by Material's {BUNDLE_PATH}" in str(failure.value)


# --- What our search worker assumes of Material's --------------------------------------------

def test_an_enums_members_are_numbered_as_typescript_does():
    assert material_search_worker.enum_values("A, /* x */ B = 4,\n C // y\n") == {"A": 0, "B": 4, "C": 5}


def test_our_search_worker_numbers_materials_messages_as_material_does():
    _, source_map = material_file("assets/javascripts/bundle.*.min.js.map")
    materials = material_search_worker.material_message_types(source_map, "bundle.js.map")
    assert materials == {"SETUP": 0, "READY": 1, "QUERY": 2, "RESULT": 3}
    ours = material_search_worker.our_message_types(material_search_worker.OUR_WORKER.read_text(encoding="utf-8"))
    assert ours == {"SETUP": 0, "QUERY": 2, "RESULT": 3}
    material_search_worker.check_message_types(ours, materials)
    with pytest.raises(MaterialChanged, match="set the constants in help-search.js to Material's"):
        material_search_worker.check_message_types(ours, {**materials, "QUERY": 3, "RESULT": 4})


# --- A changed Material, played by the project's own theme folder, stops the real build --------

def override(project: Path, name: str, old: str, new: str) -> None:
    """Give the project copy its own version of one of Material's files (in its theme's custom_dir,
    which comes before ours and Material's), with `old` made `new`."""
    source = (MATERIAL / name).read_text(encoding="utf-8")
    assert old in source
    (project / "overrides" / name).parent.mkdir(parents=True, exist_ok=True)
    (project / "overrides" / name).write_text(source.replace(old, new), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1),
                                        encoding="utf-8")


@pytest.mark.parametrize("name,old,new,message", [
    ("partials/search.html", 'role="dialog"', 'role="dialog" aria-modal="true"',
     "helpcentre/material/conformance.py: the search dialog <div class=\"md-search\" data-md-component=\"search\" "
     "role=\"dialog\">, written by Material's partials/search.html, was found not at all (expected once) in"),
    (BUNDLE_PATH, 'switch(e.type){case"p"', 'switch(e.key){case"p"',
     f"helpcentre/material/on_demand.py: the keyboard handlers outside the search (mode === \"global\": switch "
     f"(key.type) {{ case …}}), written by Material's {BUNDLE_PATH}, was found once (expected twice)"),
], ids=["search dialog", "bundle"])
def test_a_changed_material_stops_the_build_with_one_message(tmp_path, name, old, new, message):
    project = copy_project(tmp_path / "project")
    override(project, name, old, new)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert message in result.stderr, result.stderr[-3000:]
    assert f"Material {material_version()} has changed it" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr[-3000:]

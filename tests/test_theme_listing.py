"""The theme's files, listed once where they are installed (helpcentre/theme_listing.py): the site
gets the same static files MkDocs would copy, and a file added to a folder of the project or the
engine during a preview is there at the next build."""

from __future__ import annotations

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from conftest import ROOT
from helpcentre.theme_listing import list_installed_folders_once


def theme_files(config) -> set[str]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return {file.src_uri for file in files}


def test_a_build_gets_the_static_files_mkdocs_would_copy():
    config = load_config(str(ROOT / "mkdocs.yml"))
    as_mkdocs_lists_them = theme_files(config)
    list_installed_folders_once(config.theme)
    assert isinstance(config.theme.get_env().loader, jinja2.FileSystemLoader)
    assert theme_files(config) == as_mkdocs_lists_them
    assert any(uri.startswith("assets/javascripts/bundle.") for uri in as_mkdocs_lists_them)
    # Material's templates still load its icons from the hidden folder the listing leaves out.
    assert config.theme.get_env().get_template(".icons/material/magnify.svg")


def test_a_file_added_to_the_projects_theme_folder_is_copied_by_the_next_build(tmp_path):
    overrides = tmp_path / "overrides"  # a project's custom_dir: read at every build, never remembered
    overrides.mkdir()
    config = load_config(str(ROOT / "mkdocs.yml"), theme={"name": "material", "custom_dir": str(overrides)})
    list_installed_folders_once(config.theme)
    assert "assets/added.css" not in theme_files(config)
    (overrides / "assets").mkdir()
    (overrides / "assets" / "added.css").write_text("p { margin: 0 }\n", encoding="utf-8")
    assert "assets/added.css" in theme_files(config)

"""Generate a synthetic help centre shaped like ours, for `make bench`.

N articles in each language (en, it, fr), grouped in navigation sections of
ARTICLES_PER_SECTION, each with front matter, headings with ids, and macro calls
for steps, notes and labels taken from the real data/. The project copies the
real mkdocs.yml, data/, helpcentre/, macros/, hooks/, overrides/ and scripts/ and only swaps
the navigation, so it builds exactly as our site does.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from helpcentre.site import PROJECT_ROOT as ROOT
from helpcentre.translations.markdown import RECORD_KEY, source_hash
LANGUAGES = ("en", "it", "fr")
ARTICLES_PER_SECTION = 50
PROJECT_PARTS = ("data", "helpcentre", "macros", "hooks", "overrides", "scripts", "serve", "l10n.yml")
WORDS = {
    "en": "Your account keeps every campaign report and contact until you decide what to do next".split(),
    "it": "Il tuo account conserva ogni campagna report e contatto finché non decidi cosa fare".split(),
    "fr": "Votre compte conserve chaque campagne rapport et contact jusqu'à ce que vous décidiez".split(),
}
HEADINGS = {"en": ("Before you start", "What happens next"), "it": ("Prima di iniziare", "Cosa succede dopo"),
            "fr": ("Avant de commencer", "Et ensuite")}
TITLE = {"en": "Article", "it": "Articolo", "fr": "Article"}


def data_ids(name: str, key: str | None = None) -> list[str]:
    content = yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))
    return sorted((content[key] if key else content).keys())


def paragraph(lang: str, seed: int, words: int = 60) -> str:
    vocabulary = WORDS[lang]
    text = " ".join(vocabulary[(seed * 7 + i) % len(vocabulary)] for i in range(words))
    return text[0].upper() + text[1:] + "."


def article(lang: str, number: int, procedures: list[str], notes: list[str], labels: list[str],
            recorded: str = "") -> str:
    """One article; `recorded` is the source_hash line a translation carries (see translations.py)."""
    before, after = HEADINGS[lang]
    return f"""---
title: {TITLE[lang]} {number}
description: {paragraph(lang, number, 15)}
{recorded}---

# {TITLE[lang]} {number}

{paragraph(lang, number)}

{{{{ note('{notes[number % len(notes)]}') }}}}

## {before} {{ #before }}

{paragraph(lang, number + 1)} {{{{ label('{labels[number % len(labels)]}') }}}}.

{{{{ procedure('{procedures[number % len(procedures)]}') }}}}

## {after} {{ #after }}

{paragraph(lang, number + 2)} {{{{ label('{labels[(number + 1) % len(labels)]}') }}}}.

{paragraph(lang, number + 3)}
"""


def index_page(lang: str, recorded: str = "") -> str:
    return f"---\ntitle: {TITLE[lang]}s\ndescription: {TITLE[lang]}s\n{recorded}---\n\n# {{{{ product() }}}}\n\n{paragraph(lang, 0)}\n"


def slug(number: int) -> str:
    return f"article-{number:04d}"


def navigation(count: int) -> list:
    nav: list = [{"Home": "index.md"}]
    for start in range(1, count + 1, ARTICLES_PER_SECTION):
        section = f"Section {start // ARTICLES_PER_SECTION + 1}"
        nav.append({section: [f"{slug(n)}.md" for n in range(start, min(start + ARTICLES_PER_SECTION, count + 1))]})
    return nav


def generate(destination: Path, count: int) -> Path:
    """Write a project with `count` articles per language; return its mkdocs.yml."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if (ROOT / part).is_file():
            shutil.copy2(ROOT / part, destination / part)
        else:
            shutil.copytree(ROOT / part, destination / part, ignore=shutil.ignore_patterns("__pycache__"),
                            dirs_exist_ok=True)
    # The synthetic site has published nothing yet: the real manifest's URLs do not apply.
    (destination / "data" / "published-links.txt").write_text("", encoding="utf-8")
    (destination / "data" / "search-terms.yml").write_text(search_terms(count), encoding="utf-8")
    procedures, notes, labels = data_ids("procedures", "procedures"), data_ids("notes"), data_ids("labels")
    for number in range(1, count + 1):
        english = article(LANGUAGES[0], number, procedures, notes, labels)
        # Translations in step with their source, as a maintained site's are (make check: clean).
        recorded = f"{RECORD_KEY}: {source_hash(english)}\n"
        for lang in LANGUAGES:
            docs = destination / "docs" / lang
            docs.mkdir(parents=True, exist_ok=True)
            text = english if lang == LANGUAGES[0] else article(lang, number, procedures, notes, labels, recorded)
            (docs / f"{slug(number)}.md").write_text(text, encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = navigation(count)
    # Collapsible sections with navigation.prune: a page carries only its own section's
    # links, so its size does not grow with the number of articles. (navigation.sections
    # renders every top-level section expanded, which prune then cannot drop: 110 KB
    # pages at 300 articles instead of 38 KB.)
    features = config["theme"].setdefault("features", [])
    features[:] = [feature for feature in features if feature != "navigation.sections"] + ["navigation.prune"]
    config["validation"] = {**config.get("validation", {}), "omitted_files": "warn"}
    config_file = destination / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # The real site's index.md links to our real articles; the synthetic one has others.
    english_index = index_page(LANGUAGES[0])
    for lang in LANGUAGES:
        recorded = "" if lang == LANGUAGES[0] else f"{RECORD_KEY}: {source_hash(english_index)}\n"
        (destination / "docs" / lang / "index.md").write_text(index_page(lang, recorded), encoding="utf-8")
    return config_file


def search_terms(count: int) -> str:
    """data/search-terms.yml for the synthetic articles: the real articles' words, lent to
    them in turn, so the search indexes weigh what a real site's would."""
    real = yaml.safe_load((ROOT / "data" / "search-terms.yml").read_text(encoding="utf-8"))
    words = list(real["articles"].values())
    terms = {"nothing_found": [slug(1)], "ignored_words": real["ignored_words"],
             "articles": {slug(number): words[(number - 1) % len(words)] for number in range(1, count + 1)}}
    return yaml.safe_dump(terms, allow_unicode=True, sort_keys=False, width=100)


def plain_config(project: Path) -> Path:
    """Plain Material, English only: no i18n, no macros, no hooks (the floor to compare with)."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = {
        "site_name": config["site_name"], "docs_dir": "docs/en",
        "theme": {"name": "material", "font": False, "features": config["theme"]["features"]},
        "markdown_extensions": config["markdown_extensions"], "plugins": ["search"], "nav": config["nav"],
    }
    path = project / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("destination", type=Path)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    print(generate(args.destination, args.articles))


if __name__ == "__main__":
    main()

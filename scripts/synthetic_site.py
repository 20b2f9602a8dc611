"""Generate a synthetic help centre shaped like ours, for `make bench`.

N articles in each language (en, it, fr, and up to seven more), grouped in navigation sections
of ARTICLES_PER_SECTION, each with front matter, headings with ids, and macro calls for steps,
notes and labels taken from the real data/. The project copies the real mkdocs.yml, data/ and
l10n.yml (the engine, helpcentre/, is the installed package) and only swaps the navigation, so it
builds exactly as our site does. A language beyond the real site's three is added as a writer adds
one, with `make add-language` (helpcentre/new_language.py): its data texts are pending (the
English is shown), its articles are written in it.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from helpcentre.new_language import add_language
from helpcentre.translations.markdown import RECORD_KEY, source_hash

ROOT = Path(__file__).resolve().parent.parent  # this help centre: the real data the synthetic one borrows
LANGUAGES = ("en", "it", "fr")
# Languages for the languages axis of the benchmark, after the real site's: each has a stemmer in
# Material, as a real site's languages mostly would.
MORE_LANGUAGES = ("de", "es", "pt", "nl", "sv", "da", "fi")
ARTICLES_PER_SECTION = 50
PROJECT_PARTS = ("data", "l10n.yml")
WORDS = {
    "en": "Your account keeps every campaign report and contact until you decide what to do next".split(),
    "it": "Il tuo account conserva ogni campagna report e contatto finché non decidi cosa fare".split(),
    "fr": "Votre compte conserve chaque campagne rapport et contact jusqu'à ce que vous décidiez".split(),
    "de": "Ihr Konto behält jeden Kampagnenbericht und jeden Kontakt bis Sie entscheiden was als Nächstes geschieht".split(),
    "es": "Tu cuenta conserva cada informe de campaña y cada contacto hasta que decidas qué hacer".split(),
    "pt": "A sua conta guarda cada relatório de campanha e cada contacto até decidir o que fazer".split(),
    "nl": "Uw account bewaart elk campagnerapport en elk contact totdat u beslist wat u verder doet".split(),
    "sv": "Ditt konto sparar varje kampanjrapport och varje kontakt tills du bestämmer vad som händer".split(),
    "da": "Din konto gemmer hver kampagnerapport og hver kontakt indtil du beslutter hvad der skal ske".split(),
    "fi": "Tilisi säilyttää jokaisen kampanjaraportin ja yhteystiedon kunnes päätät mitä seuraavaksi tehdään".split(),
}
HEADINGS = {"en": ("Before you start", "What happens next"), "it": ("Prima di iniziare", "Cosa succede dopo"),
            "fr": ("Avant de commencer", "Et ensuite"), "de": ("Bevor Sie beginnen", "Wie es weitergeht"),
            "es": ("Antes de empezar", "Qué pasa después"), "pt": ("Antes de começar", "O que acontece a seguir"),
            "nl": ("Voordat u begint", "Wat er daarna gebeurt"), "sv": ("Innan du börjar", "Vad som händer sedan"),
            "da": ("Før du begynder", "Hvad der sker bagefter"), "fi": ("Ennen kuin aloitat", "Mitä tapahtuu seuraavaksi")}
TITLE = {"en": "Article", "it": "Articolo", "fr": "Article", "de": "Artikel", "es": "Artículo", "pt": "Artigo",
         "nl": "Artikel", "sv": "Artikel", "da": "Artikel", "fi": "Artikkeli"}


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


def languages(count: int) -> tuple[str, ...]:
    """The first `count` languages: the real site's, then MORE_LANGUAGES."""
    every = LANGUAGES + MORE_LANGUAGES
    if not len(LANGUAGES) <= count <= len(every):  # the real data/ has the first three's texts
        raise ValueError(f"from {len(LANGUAGES)} to {len(every)} languages, not {count}")
    return every[:count]


def generate(destination: Path, count: int, language_count: int = len(LANGUAGES)) -> Path:
    """Write a project with `count` articles in each of `language_count` languages; return its mkdocs.yml."""
    chosen = languages(language_count)
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
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    i18n["languages"] = [entry for entry in i18n["languages"] if entry["locale"] in chosen]
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
    write_articles(destination, LANGUAGES[0], count, procedures, notes, labels)
    for lang in chosen[1:]:
        if lang not in LANGUAGES:
            add_language(destination, lang)  # as a writer would: make add-language LANG=<lang>
        write_articles(destination, lang, count, procedures, notes, labels)
    return config_file


def write_articles(destination: Path, lang: str, count: int, procedures, notes, labels) -> None:
    """The language's articles and home page; a translation records its source's version, in step
    as a maintained site's are (make check: clean)."""
    docs = destination / "docs" / lang
    docs.mkdir(parents=True, exist_ok=True)
    default = LANGUAGES[0]

    def write(name: str, english: str, translated) -> None:
        text = english if lang == default else translated(f"{RECORD_KEY}: {source_hash(english)}\n")
        (docs / name).write_text(text, encoding="utf-8")

    for number in range(1, count + 1):
        write(f"{slug(number)}.md", article(default, number, procedures, notes, labels),
              lambda recorded: article(lang, number, procedures, notes, labels, recorded))
    # The real site's index.md links to our real articles; the synthetic one has others.
    write("index.md", index_page(default), lambda recorded: index_page(lang, recorded))


def search_terms(count: int) -> str:
    """data/search-terms.yml for the synthetic articles: the real articles' words, lent to
    them in turn, so the search indexes weigh what a real site's would."""
    real = yaml.safe_load((ROOT / "data" / "search-terms.yml").read_text(encoding="utf-8"))
    words = list(real["articles"].values())
    terms = {"nothing_found": [slug(1)], "ignored_words": real["ignored_words"],
             "articles": {slug(number): dict(words[(number - 1) % len(words)]) for number in range(1, count + 1)}}
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
    parser.add_argument("--languages", type=int, default=len(LANGUAGES),
                        help=f"how many languages (default %(default)s, at most {len(LANGUAGES + MORE_LANGUAGES)})")
    args = parser.parse_args()
    print(generate(args.destination, args.articles, args.languages))


if __name__ == "__main__":
    main()

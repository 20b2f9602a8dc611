"""Which of lunr's languages each site language's search index uses, as Material ships them.

Material's search worker loads `lunr.<language>.min.js` (assets/javascripts/lunr/min/) for the
language an index names, with that language's stemmer, stop words and trimmer. Material has
them for some 30 languages; for the others (Polish, Czech, Greek, Ukrainian…) a worker that
asked for one would fail, and no search would work at all. Such a language's index is made of
plain words instead: no stemmer and no stop words (a word finds the words it begins, accents
and one typo still forgiven by our worker), and every build says so once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

LUNR_FILE = "assets/javascripts/lunr/min/lunr.{}.min.js"
MATERIAL_LANGUAGE = "partials/languages/{}.html"
# Material's own choice of stemmer for a language (nb -> no, pt-BR -> pt), in its translations.
MATERIAL_SEARCH_LANGUAGE = re.compile(r'"search\.config\.lang":\s*"(?P<lang>[^"]+)"')
BUILT_IN = "en"            # lunr's own language, no file to load
PLAIN_PIPELINE: list[str] = []  # no trimmer, stemmer or stop words: our worker trims words itself
# lunr's trimmer for a language keeps only that language's letters: Arabic's or Russian's cut every
# English word of the pages still shown in English down to nothing. Our worker trims what is not a
# letter or a digit of any script instead (issue 27), so the index never asks for lunr's.
TRIMMER = "trimmer"
# Languages whose stemmer lunr has but the index does without, and why: the folding of the
# search worker (helpcentre/search_folding.py) does their job without it.
NOT_STEMMED = {
    # lunr.ar's root stemmer takes a word's first letter for a particle (فوترة -> وتر, but
    # الفوترة -> فوتر), so a word with and without its article never meet; folding the hamza
    # forms, ta marbuta and the article makes them meet, and a word still finds the longer words
    # it begins (its suffixes).
    "ar": "its root stemmer splits a word from itself with its article",
}
STEMMER = "stemmer"


@dataclass(frozen=True)
class SearchLanguage:
    language: str        # the site's language (mkdocs.yml)
    lunr: str | None     # lunr's language for its index; None: Material has no stemmer for it

    @property
    def plain(self) -> bool:
        return self.lunr is None

    def index_config(self, material_config: dict) -> dict:
        """What the language's search index says about its language to Material's worker: lunr's
        language, and the steps of lunr's pipeline it keeps (never the trimmer: TRIMMER)."""
        if self.plain:  # lunr's built-in language, every step of it left out (Material's own way)
            return {**material_config, "lang": [BUILT_IN], "pipeline": PLAIN_PIPELINE}
        left_out = {TRIMMER} | ({STEMMER} if self.language.split("-")[0] in NOT_STEMMED else set())
        pipeline = [step for step in material_config.get("pipeline", []) if step not in left_out]
        return {**material_config, "lang": [self.lunr], "pipeline": pipeline}

    def warning(self) -> str:
        return (f"search: Material has no stemmer for '{self.language}' (no {LUNR_FILE.format(self.language)}): "
                f"its index is made of plain words, without stemming or stop words (a word still finds "
                f"the words it begins, accents and one typo are still forgiven)")


def theme_folders() -> list[Path]:
    """Material's templates, for commands that do not load the configuration."""
    import material

    return [Path(material.__file__).resolve().parent / "templates"]


def search_language(language: str, folders: Iterable[str | Path]) -> SearchLanguage:
    """lunr's language for a site language, looked up in the theme's folders (overrides first)."""
    folders = [Path(folder) for folder in folders]
    primary = language.replace("_", "-").split("-")[0].lower()
    if primary == BUILT_IN:
        return SearchLanguage(language, BUILT_IN)
    chosen = _materials_choice(language, folders) or _materials_choice(primary, folders) or primary
    if chosen != BUILT_IN and any((folder / LUNR_FILE.format(chosen)).is_file() for folder in folders):
        return SearchLanguage(language, chosen)
    return SearchLanguage(language, None)


def _materials_choice(language: str, folders: list[Path]) -> str | None:
    for folder in folders:
        partial = folder / MATERIAL_LANGUAGE.format(language)
        if partial.is_file():
            found = MATERIAL_SEARCH_LANGUAGE.search(partial.read_text(encoding="utf-8"))
            return found["lang"] if found else None
    return None


def has_material_translation(language: str, folders: Iterable[str | Path]) -> bool:
    """Whether Material has its own words (search box, navigation labels) in this language."""
    return any((Path(folder) / MATERIAL_LANGUAGE.format(language)).is_file() for folder in folders)

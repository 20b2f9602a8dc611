"""Material's words in a language it has none for (Swahili, Pashto…): its code and direction.

Material prints its own words (the search box's placeholder, the navigation's labels), the page's
language on <html> and its direction on <body> from partials/languages/<theme language>.html, and
stops the build with "TemplateNotFound" for a language it does not have. mkdocs-static-i18n sets
the theme's language to each language built, so adding such a language stopped every later build.
Material's documentation adds a language with a page of its own ("Custom translations"); the
build gives one, as a last resort after the site's theme folders and Material's: the language's
code and its direction (CLDR, helpcentre/text_direction.py), and for every other word nothing, so
that Material's partials/language.html shows its English one. A site that translates Material's
words puts its own partials/languages/<lang>.html in its theme's custom_dir, which comes first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from jinja2 import BaseLoader, ChoiceLoader, DictLoader

from ..text_direction import direction

PARTIAL = "partials/languages/{}.html"  # Material's page of words for a language


def has_words(lang: str, folders: Iterable[str | Path]) -> bool:
    """Whether the theme (the site's folder, ours, Material's) has a page of words for the language."""
    return any((Path(folder) / PARTIAL.format(lang)).is_file() for folder in folders)


def words_page(lang: str) -> str:
    """The page of words for a language Material does not have: its code and direction only."""
    return (f"{{#- Given by the help centre for a language Material has no words for (helpcentre/material/"
            f"language_words.py): the rest is Material's English. -#}}\n"
            f"{{% macro t(key) %}}{{{{ {{\"language\": {json.dumps(lang)}, \"direction\": "
            f"{json.dumps(direction(lang))}}}[key] }}}}{{% endmacro %}}\n")


def with_missing_language(loader: BaseLoader, lang: str, folders: Iterable[str | Path]) -> BaseLoader:
    """The theme's template loader, with the language's page of words after every theme folder when
    none of them has one."""
    if has_words(lang, folders):
        return loader
    return ChoiceLoader([loader, DictLoader({PARTIAL.format(lang): words_page(lang)})])

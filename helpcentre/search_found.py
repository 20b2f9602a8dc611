"""How many articles a search found, in our words: Material counts "documents" ("1 matching
document", "# documenti trovati"), next to our own "No article matches these words." The keys are
Material's (its page config's `translations`, where # stands for the number); material/search_config.py
puts these in their place."""

from __future__ import annotations

from .data import HelpData

# Material's translation key -> our message (data/messages.yml, search_found).
MATERIAL_KEYS = {"search.result.one": "one", "search.result.other": "other"}


def words(data: HelpData, lang: str) -> dict[str, str]:
    return {key: data.message(lang, "search_found", message) for key, message in MATERIAL_KEYS.items()}

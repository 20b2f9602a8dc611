"""Product labels typed by hand in prose, where the label macro should have been used."""

from __future__ import annotations

import re
from typing import Iterator

from .markdown import SENTENCE_END

# Characters around a label that show it is quoted as on-screen text.
QUOTES_BEFORE = "*_`\"“«‘'"
QUOTES_AFTER = "*_`\"”»’'"


class LabelFinder:
    """Finds a language's product labels in prose. A label counts when quoted or emphasised
    (**Export**, "Export") or, if it has a capital, written mid-sentence with that exact case:
    "open Contacts" is the screen's label, "your contacts" and a sentence opening "Export" are not."""

    def __init__(self, labels: dict[str, str]):
        # Two labels may show the same words (the billing page's menu entry and its title are
        # one text in English): the finding then names every id, for the writer to pick.
        self.ids: dict[str, tuple[str, ...]] = {}
        for label_id, text in labels.items():
            self.ids[text] = self.ids.get(text, ()) + (label_id,)
        names = sorted(self.ids, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, names)) + r")(?![\w&])") if names else None

    def find(self, text: str, sentence_start: bool) -> Iterator[tuple[str, tuple[str, ...]]]:
        if not self.pattern:
            return
        for match in self.pattern.finditer(text):
            label = match.group(1)
            before = text[: match.start()]
            after = text[match.end():]
            quoted = before[-1:] in QUOTES_BEFORE and before[-1:] != "" and after[:1] in QUOTES_AFTER and after[:1] != ""
            opening = (sentence_start and not before.strip(" \t>-*+0123456789.)")) or \
                bool(SENTENCE_END.search(before)) or before.rstrip().endswith("[")
            if quoted or (label != label.lower() and not opening):
                yield label, self.ids[label]

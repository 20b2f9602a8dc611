"""How the search makes the ways one word is written meet: what "accents do not matter" means in
each script.

A reader types a word the way their keyboard and habits write it: "resilier" for "résilier",
الغاء without its hamza for الإلغاء, فوترة without the article for الفوترة, שלום without the
vowel points of שָׁלוֹם, a Persian ی or ک where the page has the Arabic ي or ك. The search folds
the index's words and the reader's alike, so that each pair meets:

- marks are removed: Latin accents, Hebrew points (niqqud) and cantillation, Arabic short vowels
  and other diacritics (harakat, shadda, sukun, superscript alef), the hamza written above or
  below a letter (أ إ آ ؤ ئ become ا ا ا و ي), and the tatweel that only stretches a word;
- letters written in more than one way become one: œ/oe, æ/ae, ß/ss, ł/l, ø/o, ð/đ/d, þ/th,
  dotless ı/i; alef wasla ٱ/ا, ta marbuta ة/ه, alef maqsura ى/ي, the Persian ی/ي and ک/ك, and
  Arabic-Indic and Persian digits;
- a word's Arabic article (ال, and with the particles that join it: وال بال كال فال لل) is left
  out while three letters or more remain, so that فوترة finds الفوترة and الغاء finds الإلغاء.

The rules are data: every language's search index carries them (helpcentre/search_index.py,
`FOLDING` in its config), and the search worker in the browser applies them to the index's
words and to the reader's (helpcentre/theme/assets/javascripts/workers/help-search.js). `fold_word`
applies them here, the same way, for the build and its tests.
"""

from __future__ import annotations

import re
import unicodedata

# Removed after canonical decomposition (NFD), which is what splits a Latin accent or an Arabic
# hamza off its letter: Latin combining marks; Hebrew cantillation and points (not the maqaf,
# paseq, sof pasuq or nun hafukha, which are punctuation); Arabic honorifics, harakat, hamza
# above/below and maddah, superscript alef, Quranic marks; and the tatweel.
MARKS = ("[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670"
         "\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
LETTERS = {
    "œ": "oe", "æ": "ae", "ß": "ss", "ł": "l", "ø": "o", "ð": "d", "đ": "d", "þ": "th", "ı": "i",
    "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك",
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # ٠١٢ Arabic-Indic digits
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # ۰۱۲ Persian digits
}
ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")  # longest first: وال before ال
SHORTEST_AFTER_ARTICLE = 3  # الم (pain) keeps its ال; الحساب loses it

_MARKS = re.compile(MARKS)
_LETTERS = re.compile("|".join(map(re.escape, LETTERS)))


def fold_text(text: str) -> str:
    """Text with its marks removed and its letters written one way (no article left out)."""
    without_marks = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", _LETTERS.sub(lambda match: LETTERS[match.group(0)], without_marks))


def fold_word(word: str) -> str:
    """One word as the search index holds it: folded, and without its Arabic article."""
    word = fold_text(word)
    while True:
        article = next((article for article in ARTICLES
                        if word.startswith(article) and len(word) - len(article) >= SHORTEST_AFTER_ARTICLE), None)
        if article is None:
            return word
        word = word[len(article):]


def worker_rules() -> dict:
    """The rules as the search worker reads them from an index's config."""
    return {"marks": MARKS, "letters": LETTERS, "articles": list(ARTICLES), "shortest_after_article": SHORTEST_AFTER_ARTICLE}

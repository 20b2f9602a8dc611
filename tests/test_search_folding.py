"""How the search folds the ways a word is written (issue 27, helpcentre/search_folding.py): accents
for Latin, alef and hamza forms, ta marbuta, alef maqsura, tatweel, diacritics and the article for
Arabic, niqqud for Hebrew, ی/ي and ک/ك for Persian; and the search worker, run as the browser runs
it (scripts/search_worker.js), folds each word exactly as the build's rules say."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT
from helpcentre.search_folding import fold_text, fold_word

# (what a reader types, the way the page writes it): each pair folds to one word.
MEETING = [
    # Latin: accents, ligatures, letters written two ways
    ("resilier", "résilier"), ("resiliation", "résiliation"), ("ete", "été"), ("kundigung", "kündigung"),
    ("strasse", "straße"), ("platnosci", "płatności"), ("oeuvre", "œuvre"), ("ao", "ão"),
    # Arabic: alef and hamza forms
    ("الغاء", "إلغاء"), ("اشتراك", "إشتراك"), ("اضافة", "أضافة"), ("امكانية", "إمكانية"), ("اخر", "آخر"),
    ("سوال", "سؤال"), ("هيئة", "هيية"),
    # the article, alone and with the particles that join it
    ("فوترة", "الفوترة"), ("حساب", "الحساب"), ("الغاء", "الإلغاء"), ("حساب", "للحساب"), ("حساب", "والحساب"),
    ("حساب", "بالحساب"),
    # ta marbuta, alef maqsura, tatweel, diacritics, alef wasla, Arabic-Indic digits
    ("فاتوره", "فاتورة"), ("مستوي", "مستوى"), ("الغاء", "إلغــــاء"), ("إلغاء", "إِلْغَاءٌ"),
    ("شهر", "شَهْر"), ("اشتراك", "ٱشتراك"), ("12", "١٢"),
    # Hebrew: points (niqqud) and cantillation
    ("חשבון", "חֶשְׁבּוֹן"), ("ביטול", "בִּיטּוּל"), ("שלום", "שָׁלוֹם"),
    # Persian: the Persian yeh and keheh as the Arabic letters
    ("كتاب", "کتاب"), ("يك", "یک"), ("۱۲", "12"),
]


@pytest.mark.parametrize("typed, written", MEETING)
def test_the_readers_word_and_the_pages_fold_to_one(typed, written):
    assert fold_word(typed) == fold_word(written)


@pytest.mark.parametrize("word, folded", [
    ("الإلغاء", "غاء"), ("الفوترة", "فوتره"), ("الم", "الم"),  # too short: ال is the word's own
    ("résiliation", "resiliation"), ("계정", "계정"), ("がぎ", "がぎ"),  # Korean and Japanese stay composed
    ("בית־ספר", "בית־ספר"),  # the maqaf is punctuation, not a point
])
def test_folding_keeps_what_is_the_words_own(word, folded):
    assert fold_word(word) == folded


def test_different_words_stay_different():
    pairs = [("حساب", "حسام"), ("resume", "resuma"), ("كتاب", "كتب"), ("שלום", "שלם")]
    assert all(fold_word(a) != fold_word(b) for a, b in pairs)
    assert fold_text("الحساب") == "الحساب"  # the article goes by word, not in running text


def test_the_search_worker_folds_each_word_as_the_build_does(site):
    """The rules travel in each index's config; the worker applies them in the browser (here, as in a
    browser, in Node)."""
    words = sorted({word for pair in MEETING for word in pair} | {"الم", "straße", "계정", "がぎ"})
    result = subprocess.run(["node", str(ROOT / "scripts" / "search_worker.js"), str(site), "en", "--fold", *words],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [fold_word(word) for word in words]

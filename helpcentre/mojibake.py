"""Text that was UTF-8 read as Latin-1 or Windows-1252 ("è" become "Ã¨", "’" become "â€™"): a
tool that trusted a wrong charset, or an editor that guessed one. Each such character is two or
three characters that, written back in Windows-1252, are one valid UTF-8 sequence again; Italian and
French never write those pairs ("Ã" before "¨", "â€" before "™").
"""

from __future__ import annotations

import re

# A lead byte of a UTF-8 sequence, read as Latin-1: Â-ß start two bytes (U+0080-U+07FF: every
# accented Latin letter), â (E2) starts three (U+2000-U+2FFF: ’ “ ” – — … €), ð (F0) four (emoji).
LEAD = re.compile("[\u00c2-\u00df\u00e2\u00f0]")


def _byte(character: str) -> int | None:
    """The byte a character was read from, as Windows-1252 (else Latin-1) reads it."""
    for encoding in ("cp1252", "latin-1"):
        try:
            return character.encode(encoding)[0]
        except UnicodeEncodeError:
            continue
    return None


def mojibake(text: str) -> str | None:
    """The first few characters of `text` that are UTF-8 read with the wrong charset, or None."""
    for lead in LEAD.finditer(text):
        first = ord(lead.group(0))
        length = 2 if first < 0xE0 else 3 if first < 0xF0 else 4
        tail = text[lead.end():lead.end() + length - 1]
        raw = [_byte(character) for character in tail]
        if len(tail) != length - 1 or not all(byte is not None and 0x80 <= byte <= 0xBF for byte in raw):
            continue
        try:
            bytes([first, *raw]).decode("utf-8")
        except UnicodeDecodeError:
            continue
        return text[lead.start():lead.end() + length - 1]
    return None

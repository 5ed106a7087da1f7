"""One accent folding for every name key: Latin letters to their ASCII spelling.

Backed by ``anyascii`` (ISC licence): "Straße" -> "Strasse", "Zürich" -> "Zurich", "São Paulo"
-> "Sao Paulo", "Đà Nẵng" -> "Da Nang", "İstanbul" -> "Istanbul". Only Latin-script letters are
transliterated; letters of other scripts keep their form (minus combining marks), so a name
written in Cyrillic or Arabic is not turned into a guessed Latin spelling that could collide
with another place's name. Case and punctuation are left to the caller.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from anyascii import anyascii


@lru_cache(maxsize=8192)
def _char(ch: str) -> str:
    if unicodedata.combining(ch):
        return ""
    if "LATIN" in unicodedata.name(ch, ""):
        return anyascii(ch)
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_accents(text: str) -> str:
    """`text` with its Latin letters in ASCII and no combining marks (case kept)."""
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else _char(ch) for ch in text)

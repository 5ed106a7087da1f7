"""Other romanizations of one place name: a consonant skeleton (issue 13).

Names written from Arabic, Persian, Pashto, Urdu or Somali have many Latin spellings
("Maarat al-Numan", "Ma'arrat an-Nu'man"; "Sheikh Zuweid", "Shaykh Zuwayd"; "Deir al-Balah",
"Dayr al Balah"). They differ in the vowels (and y, w), in doubled letters, in the article
(al, an, ash ...: `name_articles` of place_words.yaml) and in a few digraphs (kh/k, gh/g,
q/k, dh/d, th/t, ph/f). The skeleton of a folded name drops all of these: the first letter,
then the consonants without vowels, y or w, doubled letters once. Two spellings of one name
share it; the gazetteer indexes the skeleton of every town and division name
(`spelling` table), and the resolver looks a name up by it only when the name itself is
unknown and shows the marks of such a romanization (`romanized`: an article word, kh, dh,
aa, q, gh; `dossier.nlp.place_resolution`), never English names that differ in their
vowels ("Headington", "Haddington"). Skeletons shorter than `MIN_SKELETON` consonants
are not indexed: too many names share them.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache

MIN_SKELETON = 5
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("q", "k"))
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLE = re.compile(r"(.)\1+")
# the places whose names are indexed: towns and divisions
_KINDS = ("PPL", "PPLA", "PPLC", "ADM1", "ADM2")


@cache
def _articles() -> frozenset[str]:
    from dossier.knowledge.gazetteer import place_words

    return frozenset(place_words("name_articles"))


# marks of a romanized name (an article word, kh, dh, aa, q without u, gh before a vowel):
# English names that differ only in vowels ("Headington", "Haddington") are left alone
_ROMANIZED = re.compile(r"kh|dh|aa|q(?!u)|gh(?=[aeiou])")


def romanized(key: str) -> bool:
    """Whether a folded name shows the marks of a romanization from Arabic-script languages:
    the only names looked up by their skeleton."""
    words = key.split()
    return (len(words) > 1 and any(w in _articles() for w in words)) or bool(_ROMANIZED.search(key))


def skeleton(key: str) -> str:
    """The consonant skeleton of a folded name ("maarrat an numan" -> "mrtnmn"), or "" when
    it is shorter than MIN_SKELETON or the name is not plain Latin letters."""
    words = key.split()
    if len(words) > 1:
        words = [w for w in words if w not in _articles()] or words
    text = "".join(words)
    if not text.isascii() or not text.isalpha():
        return ""
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    text = _DOUBLE.sub(r"\1", text[0] + _VOWELS.sub("", text[1:]))
    return text if len(text) >= MIN_SKELETON else ""


def build_spelling_table(conn: sqlite3.Connection) -> None:
    """The `spelling` table: the skeleton of every own or alternate name of a town or
    division, with its place."""
    conn.execute("CREATE TABLE spelling (key TEXT NOT NULL, place INTEGER NOT NULL)")
    marks = ",".join("?" * len(_KINDS))
    rows = conn.execute(
        "SELECT DISTINCT n.key, n.place FROM names n JOIN places p ON p.id = n.place "
        f"WHERE n.quality <= 1 AND p.fcode IN ({marks})",
        _KINDS,
    )
    seen: set[tuple[str, int]] = set()
    for key, place in rows.fetchall():
        sk = skeleton(str(key))
        if sk:
            seen.add((sk, int(place)))
    conn.executemany("INSERT INTO spelling VALUES (?,?)", sorted(seen))
    conn.execute("CREATE INDEX spelling_key ON spelling(key)")

"""Other romanizations of one place name: a consonant skeleton (issue 13).

Names written from Arabic, Persian, Pashto, Urdu or Somali have many Latin spellings
("Maarat al-Numan", "Ma'arrat an-Nu'man"; "Sheikh Zuweid", "Shaykh Zuwayd"; "Deir al-Balah",
"Dayr al Balah"). They differ in the vowels (and y, w), in doubled letters, in the article
(al, an, ash ...: `name_articles` of place_words.yaml) and in a few digraphs (kh/k, gh/g,
q/k, dh/d, th/t, ph/f). The skeleton of a folded name drops all of these: the first letter,
then the consonants without the dropped letters, doubled letters once. Two spellings of one
name share it; the gazetteer indexes the skeleton of every town and division name
(`spelling` table), and the resolver looks a name up by it only when the name itself is
unknown and shows the marks of such a romanization (`romanized`: an article word, kh, dh,
aa, q, gh; `dossier.nlp.place_resolution`), never English names that differ in their
vowels ("Headington", "Haddington"). Skeletons shorter than `MIN_SKELETON` consonants
are not indexed: too many names share them.

The letters, digraphs and marks, each with the romanization convention that states it, are
data: ``knowledge/data/romanization.yaml`` (:class:`RomanizationFile`); this module holds
only the mechanism.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache

from dossier.knowledge.gazetteer import ROMANIZATION_FILE, place_words
from dossier.knowledge.resources import load_yaml
from dossier.rules.schemas.places import RomanizationFile

MIN_SKELETON = 5
_DOUBLE = re.compile(r"(.)\1+")
# the places whose names are indexed: towns and divisions
_KINDS = ("PPL", "PPLA", "PPLC", "ADM1", "ADM2")


@cache
def _articles() -> frozenset[str]:
    return frozenset(place_words("name_articles"))


@dataclass(frozen=True)
class _Rules:
    dropped: re.Pattern[str]  # the letters left out after the first
    digraphs: tuple[tuple[str, str], ...]  # (letters, read as), replaced in this order
    marks: re.Pattern[str]  # any mark of a romanized name


@cache
def _rules() -> _Rules:
    data = RomanizationFile.model_validate(load_yaml(ROMANIZATION_FILE))
    marks = []
    for m in data.marks:
        pattern = re.escape(m.letters)
        if m.before:
            pattern += f"(?=[{re.escape(m.before)}])"
        if m.not_before:
            pattern += f"(?![{re.escape(m.not_before)}])"
        marks.append(pattern)
    return _Rules(
        dropped=re.compile(f"[{re.escape(data.dropped_letters.letters)}]"),
        digraphs=tuple((d.letters, d.reads_as) for d in data.digraphs),
        marks=re.compile("|".join(marks)),
    )


def romanized(key: str) -> bool:
    """Whether a folded name shows the marks of a romanization from Arabic-script languages
    (`marks` of romanization.yaml, or an article word): the only names looked up by their
    skeleton."""
    words = key.split()
    return (len(words) > 1 and any(w in _articles() for w in words)) or bool(
        _rules().marks.search(key)
    )


def skeleton(key: str) -> str:
    """The consonant skeleton of a folded name ("maarrat an numan" -> "mrtnmn"), or "" when
    it is shorter than MIN_SKELETON or the name is not plain Latin letters."""
    words = key.split()
    if len(words) > 1:
        words = [w for w in words if w not in _articles()] or words
    text = "".join(words)
    if not text.isascii() or not text.isalpha():
        return ""
    rules = _rules()
    for a, b in rules.digraphs:
        text = text.replace(a, b)
    text = _DOUBLE.sub(r"\1", text[0] + rules.dropped.sub("", text[1:]))
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

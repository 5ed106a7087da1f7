"""Looking the place names of a document up (the resolution half of `dossier_places`).

Names go to the gazetteer by normalized key; a name it lacks gets a place named inside it ("Far
North Alberta") or a fuzzy match ("Tehrna" -> Tehran) against well-populated places and the
document's own places, never against country names. Containers ("Paris, Texas") and the
document's countries are gathered for the ranking in :mod:`dossier.nlp.geocoding`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import numpy
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from spacy.tokens import Doc

from dossier.knowledge.gazetteer import (
    FUZZY_MIN_POPULATION,
    Candidate,
    Gazetteer,
    fold,
    name_keys,
    place_words,
    strip_article,
)
from dossier.knowledge.namesakes import ends_with_namesake_word
from dossier.nlp.geocoding import Toponym, W
from dossier.nlp.place_candidates import GAZETTEER_MIN_CITY
from dossier.nlp.place_reading import EMBEDDED_MIN_CITY, LOOSE_MIN_POPULATION, PlaceReading
from dossier.nlp.place_tokens import generic_place_word, name_like_text
from dossier.nlp.state import PLACE_TYPES, Analysis
from dossier.nlp.tokens import token_table

COUNTRY_REFUSAL = W.country_refusal
GUESSED_SOURCES = ("gazetteer", "residence", "context")  # names NER did not read as places
_STATE_CODE = re.compile(r"^[A-Z]{2}$")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_NEXT_NAMES = re.compile(r"(?:[ \t]+[A-Z][a-z]+\.?){1,2}")


class _FuzzyVocabulary:
    """Names of well-populated non-country places (by length: a name within `n` edits of a key
    is within `n` characters of its length), and the country names (never fuzzed into).

    Each length bucket also holds its names' letter counts (`_letter_counts`): a name `d`
    edits away from a key differs from it by at most `d` letters each way (an edit removes
    or adds one letter, a transposition none), so the names whose counts differ more are
    left out before the edit distance is computed, which changes no answer."""

    __slots__ = ("best", "by_length", "countries", "counts")

    def __init__(self, names: list[str], countries: frozenset[str]) -> None:
        self.countries = countries
        self.by_length: dict[int, tuple[list[str], list[int]]] = {}
        for i, name in enumerate(names):
            bucket = self.by_length.setdefault(len(name), ([], []))
            bucket[0].append(name)
            bucket[1].append(i)
        self.counts = {n: _letter_counts(bucket[0]) for n, bucket in self.by_length.items()}
        # key -> the nearest name, across documents (the vocabulary is read-only)
        self.best: dict[str, str | None] = {}

    def nearest(self, key: str, max_edits: int) -> str | None:
        """The first name (in vocabulary order) at the fewest edits from `key`, if any within
        `max_edits`: what `process.extractOne` over the whole vocabulary returns."""
        if key in self.best:
            return self.best[key]
        found: tuple[int, int, str] | None = None
        mine = _letter_counts([key])[0].astype(numpy.int16)
        for n in range(len(key) - max_edits, len(key) + max_edits + 1):
            bucket = self.by_length.get(n)
            if bucket is None:
                continue
            # letters differing: at most max_edits each way, and the two ways differ by the
            # difference in length
            differ = numpy.abs(self.counts[n] - mine).sum(axis=1)
            near = numpy.flatnonzero(differ <= 2 * max_edits - abs(n - len(key))).tolist()
            if not near:
                continue
            names = [bucket[0][j] for j in near]  # in vocabulary order
            hit = process.extractOne(key, names, scorer=OSA.distance, score_cutoff=max_edits)
            if hit is not None:
                ranked = (int(hit[1]), bucket[1][near[hit[2]]], hit[0])
                if found is None or ranked < found:
                    found = ranked
        if len(self.best) > 100_000:
            self.best.clear()
        result = self.best[key] = found[2] if found is not None else None
        return result


# the letters counted apart by `_letter_counts` (any other character is counted as one more)
_LETTERS = "abcdefghijklmnopqrstuvwxyz "


def _letter_counts(names: list[str]) -> Any:
    """For each name, how often it holds each of `_LETTERS` and other characters (an int16
    numpy array, one row per name): merging characters into one count can only make two
    names' counts closer, so the counts' difference stays a lower bound of their distance."""
    width = len(_LETTERS) + 1
    points = numpy.frombuffer(
        "".join(names).encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32
    )
    lookup = numpy.full(128, len(_LETTERS), dtype=numpy.int64)
    lookup[[ord(ch) for ch in _LETTERS]] = numpy.arange(len(_LETTERS))
    column = numpy.where(points < 128, lookup[numpy.minimum(points, 127)], len(_LETTERS))
    row = numpy.repeat(numpy.arange(len(names)), [len(name) for name in names])
    flat = numpy.bincount(row * width + column, minlength=len(names) * width)
    return flat.reshape(len(names), width).astype(numpy.int16)


_VOCABULARIES: dict[str, _FuzzyVocabulary] = {}


def _fuzzy_vocabulary(gz: Gazetteer) -> _FuzzyVocabulary:
    """The fuzzy vocabulary of a gazetteer, built once per gazetteer file."""
    cached = _VOCABULARIES.get(str(gz.path))
    if cached is not None:
        return cached
    names, countries = gz.fuzzy_names()
    result = _FuzzyVocabulary(names, frozenset(countries))
    _VOCABULARIES[str(gz.path)] = result
    return result


class PlaceResolver(PlaceReading):
    """Gazetteer candidates, containers and context countries for a document's toponyms."""

    def _lookup(self, toponyms: list[Toponym], context: list[str]) -> None:
        for top in toponyms:
            word = self._division_word(top)
            cands = _article_variants(list(self.gz.lookup(top.surface)), top.surface, bool(word))
            cands = _divisions_only(cands, word)
            if any(c.match != "bare" for c in cands):
                # name variants ("Florida City" -> "florida") only when the name itself fails
                cands = [c for c in cands if c.match != "bare"]
            if top.source == "residence":
                # "Ana Ruiz of Levittown": a town's own name, where a person lives
                cands = [
                    c
                    for c in cands
                    if c.match == "name"
                    and (c.population >= LOOSE_MIN_POPULATION or c.fcode not in ("PPL", "PPLA"))
                ]
            elif top.source == "context":
                # a name the context reads as a place: a town of any size under its own name
                # (kept by the ranking only where the document supports it)
                cands = [c for c in cands if c.match in ("name", "alt")]
            elif top.source == "gazetteer":
                cands = [
                    c
                    for c in cands
                    if (
                        c.match == "name"
                        and (c.fcode not in ("PPL", "ADM2") or c.population >= GAZETTEER_MIN_CITY)
                    )
                    or (c.match == "alt" and c.fcode in ("PCLI", "RGN", "CONT", "OTHER"))
                ]
            if not cands and top.source in ("entity", "ner"):
                cands = self._split_name(top)
            if not cands and top.source in ("entity", "ner") and " " in top.surface.strip():
                cands = _divisions_only(self._inner_name(top.surface), word)
            if len(top.surface) <= 3 and top.surface.isalpha() and not top.surface.isupper():
                # "Up" is not UP (Uttar Pradesh): a short name written in lower case is only
                # the own name of a place, never its abbreviation
                key = fold(top.surface)
                cands = [c for c in cands if fold(c.name) == key]
            elif _abbreviation(top.surface):
                # "BA" is no code of Bath nor the Fijian town Ba: a short name in capitals is
                # a country, a division, a capital, a region or a big city ("LA")
                cands = [
                    c
                    for c in cands
                    if c.fcode in ("PCLI", "ADM1", "PPLC", "CONT", "RGN", "OTHER")
                    or c.population >= ABBREVIATED_MIN_CITY
                ]
            if cands:
                top.candidates = cands
        # one sense per discourse: a name NER missed here but read as a place elsewhere in
        # the document ("in Lakewood" ... "the Lakewood bus depot") has its candidates
        read = {
            fold(t.surface): t for t in toponyms if t.candidates and t.source not in GUESSED_SOURCES
        }
        for top in toponyms:
            if top.source in GUESSED_SOURCES:
                other = read.get(fold(top.surface))
                if other is not None:
                    top.candidates = list(other.candidates)
                    top.abstain = other.abstain
        known = {c.id for t in toponyms for c in t.candidates}
        for top in toponyms:
            if not top.candidates and top.source in ("entity", "ner"):
                self._fuzzy(top, known)
                self._other_spelling(top)

    def _split_name(self, top: Toponym) -> list[Candidate]:
        """A place name NER cut in two ("Fort St." and "John" a person): the gazetteer has no
        entry for the first part, and has one under the longer name with the capitalized words
        that follow it in the text. The toponym's spans then cover the whole name."""
        text = self._text
        start, end = top.spans[0]
        m = _NEXT_NAMES.match(text, end)
        if m is None:
            return []
        # where each following word ends, from the end of the first span
        ends = [w.end() for w in re.finditer(r"\S+", m.group(0))]
        for longer in reversed(ends):
            cands = [
                c for c in self.gz.lookup(text[start : end + longer]) if c.match in ("name", "alt")
            ]
            if cands:
                tail = text[end : end + longer]
                top.spans = [
                    (s, e + longer) if text[e : e + longer] == tail else (s, e)
                    for s, e in top.spans
                ]
                top.surface = text[start : end + longer]
                return cands
        return []

    def _division_follows(self, top: Toponym) -> bool:
        """Whether a mention of the name goes on with the word of a division ("Borno state",
        "Idlib province": `division_suffixes` of place_words.yaml)."""
        return self._division_word(top) is not None

    def _division_word(self, top: Toponym) -> str | None:
        """The division word a mention of the name goes on with ("Borno state"), or the word
        that ends the name itself when it is both a division suffix and a division noun, or a
        county word ("Lamu County", "Kech District" read as one name; not "San Diego State",
        a university), or None."""
        last = fold(top.surface).rsplit(" ", 1)
        own = place_words("division_suffixes") & place_words("division_nouns")
        if len(last) == 2 and last[1] in own | place_words("county_words"):
            return last[1]
        text = self._text
        for _, end in top.spans:
            m = _NEXT_WORD.match(text, end)
            if m is not None and (word := fold(m.group(1))) in place_words("division_suffixes"):
                return word
        return None

    def _inner_name(self, surface: str) -> list[Candidate]:
        """A place named inside a longer name the gazetteer lacks: "the County of Brant"
        (a place noun and "of" before the name), "Far North Alberta",
        "Southern Ontario", "East Berlin" (leading qualifiers dropped), "Tucson
        Police", "Baltic coastal" (trailing words dropped), "Business Kenya" (a
        country or province at the end)."""
        if ends_with_namesake_word(surface):
            return []  # "Kuwait Roundabout" is no place in Kuwait
        words = surface.split()
        if len(words) > 2 and words[1] == "of" and fold(words[0]) in place_words("place_nouns"):
            # "the County of Brant", "the Town of Groton": the division or town by its name
            cands = [
                c
                for c in self.gz.lookup(" ".join(words[2:]))
                if c.match == "name"
                and (c.population >= LOOSE_MIN_POPULATION or c.fcode not in ("PPL", "PPLA"))
            ]
            if cands:
                return cands
        qualifiers = place_words("qualifiers")
        for k in range(1, len(words)):
            if fold(words[k - 1]) not in qualifiers:
                break
            cands = [
                c
                for c in self.gz.lookup(" ".join(words[k:]))
                if c.match == "name"
                and (c.population >= LOOSE_MIN_POPULATION or c.fcode not in ("PPL", "PPLA"))
            ]
            if cands:
                return cands
        for k in range(len(words) - 1, 0, -1):
            institution = fold(words[k]) in place_words("institution_words")
            # "the Laurel County Jail": a county named in full, with its word
            county = fold(words[k - 1]) in place_words("county_words")
            cands = [
                c
                for c in self.gz.lookup(" ".join(words[:k]))
                if c.match == "name"
                and (
                    c.fcode in ("PCLI", "ADM1", "PPLC", "RGN", "CONT", "OTHER")
                    or c.population >= EMBEDDED_MIN_CITY
                    or (institution and c.population >= LOOSE_MIN_POPULATION)
                    or (county and c.fcode == "ADM2")
                )
            ]
            if cands:
                return cands
        for k in range(len(words) - 1, 0, -1):
            if generic_place_word(words[k]):
                continue  # "Eldorado Valley" is not in The Valley, Anguilla
            cands = [
                c
                for c in self.gz.lookup(" ".join(words[k:]))
                if c.match == "name" and c.fcode in ("PCLI", "ADM1")
            ]
            if cands:
                return cands
        return []

    def _fuzzy(self, top: Toponym, known: set[int]) -> None:
        key = fold(top.surface)
        if len(key) < 5:
            return
        vocab = _fuzzy_vocabulary(self.gz)
        near_country = process.extractOne(key, vocab.countries, scorer=fuzz.ratio)
        if near_country and near_country[1] >= COUNTRY_REFUSAL:
            return  # looks like a (misspelt) country name: never fuzz into or around those
        # typos: one edit (a transposition counts as one) in short names, two in long ones
        best = vocab.nearest(key, 1 if len(key) < 9 else 2)
        if best is None:
            return
        # a division's English name is often among its alternate names ("Lower Shabelle")
        cands = [
            c
            for c in self.gz.lookup(best)
            if c.match == "name" or c.id in known or (c.match == "alt" and c.fcode == "ADM1")
        ]
        cands = [
            c
            for c in cands
            if c.population >= FUZZY_MIN_POPULATION or c.id in known or c.fcode in ("RGN", "ADM1")
        ]
        if cands:
            top.candidates = [_as_fuzzy(c) for c in cands]
            top.fuzzy = True

    def _other_spelling(self, top: Toponym) -> None:
        """A name NER reads as a place, unknown to the gazetteer under this spelling: the
        towns and divisions that share its consonant skeleton ("Maarat al-Numan", "Sheikh
        Zuweid"; issue 13), scored as a misspelling (the document's own countries decide)."""
        cands = self.gz.by_spelling(top.surface)
        if 0 < len(cands) <= MAX_SPELLING_CANDIDATES:
            # beside a typo's candidates ("Deir al-Balah" is one edit from the governorate's
            # name, and shares its skeleton with the town)
            have = {c.id for c in top.candidates}
            top.candidates += [_as_fuzzy(c) for c in cands if c.id not in have]
            top.fuzzy = True

    def _containers(self, doc: Doc, toponyms: list[Toponym]) -> None:
        """ "X, Y", "X in Y" and "X (Y)": Y's gazetteer entries that can contain X."""
        table = token_table(doc)
        words, lower, n = table.words, table.lower, table.n
        for top in toponyms:
            for start, end in top.spans:
                tokens = table.expanded(start, end)
                if tokens is None or tokens[1] >= n - 1:
                    continue
                link = words[tokens[1]]
                k = tokens[1] + 1
                near = False
                if (
                    link == ","
                    and k + 1 < n
                    and lower[k] in place_words("directions")
                    and (lower[k + 1] == "of")
                ):
                    k += 2  # "Kingston, south of Brisbane"
                    near = True
                elif link not in (",", "in", "("):
                    continue
                m = k
                while m < n and m - k < 4 and name_like_text(words[m]):
                    m += 1
                if m == k:
                    continue
                surface = table.text[table.idx[k] : table.end(m - 1)]
                kinds = ("PCLI", "ADM1", "ADM2", "CONT", "RGN")
                group = [
                    c
                    for c in self.gz.lookup(surface)
                    if (near and c.match == "name") or c.fcode in kinds
                ]
                if near:
                    group = [_near(c) for c in group]
                if _STATE_CODE.match(surface):
                    group.append(_us_state(surface))
                if group:
                    top.containers.append(group)

    def _context_countries(self, state: Analysis) -> list[str]:
        """Countries of the document's actors and demonyms."""
        found: list[str] = []
        for ent in state.entities.values():
            if not ent.country:
                continue
            if ent.type in PLACE_TYPES:
                found.extend(ent.country for m in ent.mentions if m.kind == "demonym")
            else:
                found.append(ent.country)
        return found


# a skeleton shared by more places than this says nothing about which one is meant
MAX_SPELLING_CANDIDATES = 12
ABBREVIATED_MIN_CITY = 500_000  # the strict "big city" of `_known_place`


def _abbreviation(surface: str) -> bool:
    """A name of at most three capital letters, with or without periods ("BA", "L.A.")."""
    letters = surface.replace(".", "")
    return 0 < len(letters) <= 3 and letters.isalpha() and letters.isupper()


def _article_variants(
    cands: list[Candidate], surface: str, division_follows: bool = False
) -> list[Candidate]:
    """ "Mafraq" is "Al Mafraq" (an Arabic article dropped): as good as an alternate name,
    unlike other name variants ("Florida City" is not Florida). "Borno" followed in the text
    by the word of a division ("in Borno state") is the division "Borno State" by its own
    name; alone, a bare "Kharkiv" stays the city rather than "Kharkiv Oblast"."""
    if not any(c.match == "bare" for c in cands):
        return cands
    key = fold(surface)
    out: list[Candidate] = []
    for c in cands:
        if c.match == "bare" and strip_article(fold(c.name)) == key != fold(c.name):
            c = replace(c, match="alt")
        elif (
            division_follows
            and c.match == "bare"
            and c.fcode in ("ADM1", "ADM2")
            and key in name_keys(c.name)[1:]
        ):
            c = replace(c, match="name")
        out.append(c)
    return out


def _divisions_only(cands: list[Candidate], word: str | None) -> list[Candidate]:
    """The divisions among `cands` when the name goes on with the word of a division and
    some are: "Mexico state" is the division, not the country it is named like, "Tillabéri
    region" not the town (issue 13), "Lamu County" not the town."""
    if word not in (None, "city") and any(c.fcode in ("ADM1", "ADM2") for c in cands):
        return [c for c in cands if c.fcode not in ("PCLI", "PPL", "PPLA", "PPLC")]
    return cands


def _as_fuzzy(c: Candidate) -> Candidate:
    return Candidate(
        c.id, c.geonameid, c.name, c.country, c.fcode, c.lat, c.lon, c.population, c.admin1, "name"
    )


def _near(c: Candidate) -> Candidate:
    """A container meaning "within a few hundred km of" ("south of Brisbane")."""
    return Candidate(
        c.id, c.geonameid, c.name, c.country, "NEAR", c.lat, c.lon, c.population, c.admin1, c.match
    )


def _us_state(code: str) -> Candidate:
    return Candidate(-1, None, code, "USA", "ADM1", 0.0, 0.0, 0, code, "name")

"""What both halves of `dossier_places` read: the document being processed (its text,
entities and token texts) and the gazetteer, with the tests of a name against it.

The tests (`_known_place`, `_town_named`, `_city_named`) depend only on the name and the
gazetteer, and a common name ("Washington", "Springfield") has hundreds of entries to go
through: their answers are kept for the life of the component (`gazetteer_test`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from spacy.tokens import Doc

from dossier.knowledge.countries import CountryIndex
from dossier.knowledge.gazetteer import Gazetteer, gazetteer
from dossier.nlp.geocoding import W
from dossier.nlp.tokens import TokenTable, token_table

LOOSE_MIN_POPULATION = W.loose_min_population
EMBEDDED_MIN_CITY = W.embedded_min_city
MAX_REMEMBERED_TESTS = 200_000  # answers kept per component (forgotten all at once past this)

_Test = TypeVar("_Test", bound=Callable[..., bool])


def gazetteer_test(method: _Test) -> _Test:
    """Keep the answers of a test of a name against the gazetteer, by its arguments (the
    same name asked again, in this document or a later one, is not looked through again)."""
    name = method.__name__

    @functools.wraps(method)
    def remembered(self: PlaceReading, *args: Any, **kwargs: Any) -> bool:
        key = (name, args, tuple(kwargs.items())) if kwargs else (name, args)
        memo = self._tests
        found = memo.get(key)
        if found is None:
            if len(memo) >= MAX_REMEMBERED_TESTS:
                memo.clear()
            found = memo[key] = method(self, *args, **kwargs)
        return found

    return remembered  # type: ignore[return-value]


class PlaceReading:
    """The document being read (its text, entities and token texts, see `_prepare`) and the
    gazetteer, shared by the candidate finder and the resolver."""

    abstain: float
    gazetteer_path: str
    countries: CountryIndex
    _gz: Gazetteer | None
    _maybe: dict[str, bool]
    _tests: dict[tuple[Any, ...], bool]
    _doc: Doc | None
    _table: TokenTable | None
    _text: str
    _ents: list[tuple[int, int, str]]
    _place_ents: set[tuple[int, int]]
    _starts: list[int]
    _words: list[str]

    @property
    def gz(self) -> Gazetteer:
        if self._gz is None:
            from pathlib import Path

            self._gz = gazetteer(Path(self.gazetteer_path) if self.gazetteer_path else None)
        return self._gz

    @property
    def table(self) -> TokenTable:
        """The token table of the document being read."""
        assert self._table is not None, "no document is being read"
        return self._table

    def _prepare(self, doc: Doc) -> None:
        """Read the text, entities and token texts once: spaCy builds `doc.text` and
        `doc.ents` anew on every access, and every token visited is a new Python object."""
        self._doc = doc
        self._table = table = token_table(doc)
        self._text = table.text
        self._ents = table.ents  # (start, end, label): `doc.ents` without a Span for each
        self._place_ents = {(a, b) for a, b, label in self._ents if label in ("GPE", "LOC")}
        self._starts = table.idx
        self._words = table.words

    def _maybe_place(self, surface: str) -> bool:
        """Whether the gazetteer knows `surface` well enough for any of the tests on names NER
        missed (cached per name: most capitalized words come back in every document)."""
        known = self._maybe.get(surface)
        if known is None:
            if len(self._maybe) > 100_000:
                self._maybe.clear()
            known = self._maybe[surface] = any(
                c.match == "name"
                or (c.match == "alt" and c.fcode in ("PCLI", "ADM1", "RGN", "CONT", "OTHER"))
                for c in self.gz.lookup(surface)
            )
        return known

    @gazetteer_test
    def _city_named(self, surface: str) -> bool:
        """A city of EMBEDDED_MIN_CITY people or more, or a province, bears this very name
        (a name that opens an organisation's name: "Boston Celtics", "Leeds Capital
        Management")."""
        return any(
            c.match == "name"
            and (c.population >= EMBEDDED_MIN_CITY or c.fcode in ("PCLI", "ADM1", "PPLC"))
            for c in self.gz.lookup(surface)
        )

    @gazetteer_test
    def _town_named(self, surface: str, size: int = 1000, alternate: bool = False) -> bool:
        """The gazetteer has a place of this very name (a town of `size` people or more, a
        county ...); with `alternate`, also under another of its spellings ("Mazar-i-Sharif"
        for Mazar-e Sharif)."""
        return any(
            (c.match == "name" or (alternate and c.match == "alt"))
            and (c.population >= size or c.fcode not in ("PPL", "PPLA"))
            for c in self.gz.lookup(surface)
        )

    @gazetteer_test
    def _known_place(self, surface: str, strict: bool = False, loose: bool = False) -> bool:
        """A name the gazetteer knows as a country, region, province or sizeable city (`loose`:
        also a town, its own name, of LOOSE_MIN_POPULATION people or more, when the context
        already says it is a place: "a farmhouse in Keswick")."""
        if loose and any(
            c.match == "name"
            and (
                c.population >= LOOSE_MIN_POPULATION or c.fcode in ("ADM1", "ADM2", "RGN", "OTHER")
            )
            for c in self.gz.lookup(surface)
        ):
            return True
        big = 500_000 if strict else 100_000
        kinds = ("PCLI", "ADM1", "PPLC") if strict else ("PCLI", "ADM1", "RGN", "CONT", "PPLC")
        return any(
            (
                c.match == "name"
                or (c.match in ("alt", "bare") and not strict)
                or (c.match == "alt" and c.fcode in ("PCLI", "ADM1", "RGN"))
            )
            and (c.fcode in kinds or c.population >= big)
            for c in self.gz.lookup(surface)
        )

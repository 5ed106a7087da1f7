"""The `dossier_places` component: find the document's places and geocode them.

1. **candidates**: the mentions of GPE/LOC/FAC entities left by `dossier_entities` (all mentions
   of one entity form one toponym; demonym mentions such as "Iranian" are not places: they only
   set the entity's country), metonyms ("Tehran said", kept as actors too), names spaCy read as
   PERSON/ORG after a locative preposition ("in Gaza") or where a person lives ("Ana Ruiz of
   Levittown"), and capitalized names that NER missed but the gazetteer knows well (or that are
   read as places elsewhere in the document). Without the entities component, spaCy's entities are used.
2. **lookup**: the gazetteer by normalized name; names it lacks get a fuzzy match ("Tehrna" ->
   Tehran) against well-populated places and the document's own places, never against country
   names ("Albany" is not Albania).
3. **ranking** (`dossier.nlp.geocoding`): priors, containment ("Paris, Texas"), coherence with
   the document's countries and places, abstain threshold.
4. **output**: one `Place` per gazetteer entry in `state.places`, and `entity.place` on the
   entities that are places.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from dossier.knowledge.countries import country_index
from dossier.knowledge.gazetteer import Gazetteer, fold, place_words
from dossier.knowledge.namesakes import named_after
from dossier.nlp.geocoding import DEFAULT_ABSTAIN, Resolution, Toponym, resolve
from dossier.nlp.place_candidates import CandidateFinder
from dossier.nlp.place_resolution import PlaceResolver
from dossier.nlp.place_tokens import opens_with_institution_word
from dossier.nlp.state import PLACE_TYPES, Analysis, get_state
from dossier.nlp.tokens import TokenTable, token_table
from dossier.record import Place, Span

_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
# `Token.ent_iob` codes (the token table's `ent_iob`), and the labels of longer names
_INSIDE, _BEGINS = 1, 3
_NAMES = ("PERSON", "GPE", "LOC", "FAC")


class PlacesComponent(CandidateFinder, PlaceResolver):
    """The `dossier_places` component: candidates (:mod:`dossier.nlp.place_candidates`),
    lookup (:mod:`dossier.nlp.place_resolution`), ranking (:mod:`dossier.nlp.geocoding`) and
    the document's places."""

    def __init__(
        self,
        nlp: Language,
        name: str = "dossier_places",
        abstain: float = DEFAULT_ABSTAIN,
        gazetteer_path: str = "",
    ) -> None:
        self.name = name
        self.abstain = abstain
        self.gazetteer_path = gazetteer_path
        self._gz: Gazetteer | None = None
        self._maybe: dict[str, bool] = {}
        self._tests: dict[tuple[object, ...], bool] = {}  # see `place_reading.gazetteer_test`
        # the document being read, with its text, entities and token texts (see `_prepare`)
        self._doc: Doc | None = None
        self._table: TokenTable | None = None
        self._text = ""
        self._ents: list[tuple[int, int, str]] = []
        self._place_ents: set[tuple[int, int]] = set()
        self._starts: list[int] = []
        self._words: list[str] = []
        self.countries = country_index()

    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        self._prepare(doc)
        toponyms = self.toponyms(doc, state)
        context = self._context_countries(state)
        self._lookup(toponyms, context)
        self._containers(doc, toponyms)
        results = resolve(toponyms, context)
        self._repeat_mentions(doc, state, toponyms, results)
        self._write(doc, state, toponyms, results)
        # nothing of the document outlives it here
        self._doc, self._table, self._ents = None, None, []
        return doc

    def _repeat_mentions(
        self, doc: Doc, state: Analysis, toponyms: list[Toponym], results: list[Resolution | None]
    ) -> None:
        """One sense per discourse: once a name is resolved as a place, its other occurrences
        are mentions of that place too ("Tucson Police", "Tucson residents", also inside a
        longer name that did not resolve: "the Tucson Civic Center"), except inside the name
        of a person ("George Washington") or of a longer place that did resolve."""
        text = self._text
        table = token_table(doc)
        # the spans of the names that resolved: a longer name left unresolved ("the Mount
        # Pleasant Civic Center") does not hide the place named inside it
        taken = [
            span
            for t, res in zip(toponyms, results, strict=True)
            if res is not None or self._names_a_place(state, t)
            for span in t.spans
        ]
        if not taken:
            return
        # the characters of those spans, marked 1 (all spans hold characters: a range
        # overlaps one of them if and only if it holds a marked character)
        covered = bytearray(len(text))
        for ts, te in taken:
            covered[ts:te] = b"\x01" * (te - ts)
        done: set[str] = set()
        for top, res in zip(toponyms, results, strict=True):
            if res is None or top.fuzzy:
                continue
            for s0, e0 in list(top.spans):
                surface = text[s0:e0]
                if surface in done or len(surface) < (2 if _short_country(surface, res) else 3):
                    continue
                done.add(surface)
                for variant in _case_variants(surface):
                    pos = text.find(variant)
                    while pos != -1:
                        end = pos + len(variant)
                        toks = (
                            None
                            if covered.find(1, pos, end) != -1
                            or named_after(text, end) is not None  # "Kuwait Roundabout"
                            or self._division_named(end)  # "Douglas County" is not Douglas
                            else table.tokens_of(pos, end)
                        )
                        if toks is not None and not self._in_person_name(state, table, *toks):
                            top.spans.append((pos, end))
                            covered[pos:end] = b"\x01" * (end - pos)
                        pos = text.find(variant, end)

    def _names_a_place(self, state: Analysis, t: Toponym) -> bool:
        """Whether a toponym is the name of a place by itself (an entity NER and the entity
        layer read as a town, region or site: "Tennessee Colony"), not a longer name of
        something else that holds a place's name ("the Madison County Health Department")."""
        ent = state.entities.get(t.entity) if t.entity else None
        return ent is not None and ent.type in ("GPE", "LOC")

    def _division_named(self, end: int) -> bool:
        """Whether the name ending at `end` goes on with the word of a division ("Douglas
        County", "Idlib province"): then it names the division, not the town."""
        m = _NEXT_WORD.match(self._text, end)
        if m is None:
            return False
        word = fold(m.group(1))
        return word != "city" and (
            word in place_words("county_words") or word in place_words("division_suffixes")
        )

    def _in_person_name(self, state: Analysis, table: TokenTable, a: int, b: int) -> bool:
        """Whether tokens [a, b) lie inside a longer name of a person or place ("George
        Washington", "Paris Hilton", "New York"), or in a mention of a known person."""
        iob, kind = table.ent_iob, table.ent_type
        # a building opening with the name of its town ("the Tucson Civic Center") does name
        # the town (`named_after` keeps out streets and squares)
        opens_building = kind[a] == "FAC" and (
            iob[a] == _BEGINS or (a > 0 and iob[a - 1] == _BEGINS and table.lower[a - 1] == "the")
        )
        if iob[a] == _INSIDE and kind[a] in _NAMES and not opens_building:
            return True
        if b < table.n and iob[b] == _INSIDE and kind[b] in _NAMES and not opens_building:
            return True
        for i in range(a, b):
            m = state.token_mention.get(i)
            ent = state.entities.get(m.entity) if m is not None else None
            if (
                ent is not None
                and ent.type == "PERSON"
                and (ent.gender or ent.role)
                and not (opens_with_institution_word(table, b, min(b + 1, table.n)))
            ):
                return True
        return False

    def _write(
        self, doc: Doc, state: Analysis, toponyms: list[Toponym], results: list[Resolution | None]
    ) -> None:
        by_candidate: dict[int, Place] = {}
        text = self._text
        for top, res in zip(toponyms, results, strict=True):
            if res is None:
                continue
            c = res.candidate
            place = by_candidate.get(c.id)
            if place is None:
                pid = f"P{len(state.places) + 1}"
                place = Place(
                    id=pid,
                    name=c.name,
                    geonameid=c.geonameid,
                    country=c.country,
                    kind=c.kind,
                    lat=round(c.lat, 5),
                    lon=round(c.lon, 5),
                    confidence=res.confidence,
                    rule=res.rule,
                )
                state.places[pid] = place
                by_candidate[c.id] = place
            else:
                place.confidence = max(place.confidence, res.confidence)
            seen = {(s.start, s.end) for s in place.mentions}
            for start, end in top.spans:
                if (start, end) not in seen:
                    seen.add((start, end))  # a toponym may hold a span twice
                    place.mentions.append(Span.of(text, start, end))
            place.mentions.sort(key=lambda s: s.start)
            if top.entity and top.entity in state.entities:
                ent = state.entities[top.entity]
                if ent.place is None:
                    ent.place = place.id
                if (
                    c.country
                    and ent.type in PLACE_TYPES
                    and ent.country != c.country
                    and not ((ent.kb_id or "").startswith("country:"))
                ):
                    ent.country = c.country  # "Paris, Texas" is in the USA, not France
                    ent.rule.append(f"country of the place {c.name}")


def _short_country(surface: str, res: Resolution) -> bool:
    """A country written with two capitals ("US", "UK"): its other occurrences are mentions
    too (a shorter name or one in lower case is not looked for: "IN" in a headline)."""
    return surface.isupper() and res.candidate.fcode == "PCLI"


def _case_variants(surface: str) -> set[str]:
    """How else the same name is written: in capitals ("TUCSON" in a heading), and a name
    met in capitals (a dateline, "TORRINGTON -") with initial capitals."""
    variants = {surface, surface.upper()}
    if surface.isupper() and len(surface) > 3:
        variants.add(" ".join(w[:1] + w[1:].lower() for w in surface.split(" ")))
    return variants


@Language.factory(
    "dossier_places",
    default_config={"abstain": DEFAULT_ABSTAIN, "gazetteer_path": ""},
)
def make_places(nlp: Language, name: str, abstain: float, gazetteer_path: str) -> PlacesComponent:
    return PlacesComponent(nlp, name, abstain, gazetteer_path)

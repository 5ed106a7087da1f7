"""The `dossier_places` component: find the document's places and geocode them.

1. **candidates**: the mentions of GPE/LOC/FAC entities left by `dossier_entities` (all mentions
   of one entity form one toponym; demonym mentions such as "Iranian" are not places: they only
   set the entity's country), metonyms ("Tehran said", kept as actors too), names spaCy read as
   PERSON/ORG after a locative preposition ("in Gaza") or where a person lives ("Jodi Mahler of
   Bellmore"), and capitalized names that NER missed but the gazetteer knows well (or that are
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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dossier.knowledge.countries import country_index
from dossier.knowledge.gazetteer import Candidate, Gazetteer, fold, gazetteer, place_words
from dossier.nlp.geocoding import DEFAULT_ABSTAIN, Resolution, Toponym, resolve
from dossier.nlp.state import Analysis, EntityState, get_state
from dossier.nlp.tokens import token_table
from dossier.record import Place, Span

PLACE_TYPES = {"GPE", "LOC", "FAC"}
PLACE_MENTION_KINDS = {"name", "alias", "title"}
NOT_PLACE_LABELS = {
    "PERSON",
    "NORP",
    "ORG",
    "WORK_OF_ART",
    "EVENT",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
    "DATE",
    "TIME",
    "MONEY",
    "QUANTITY",
    "PERCENT",
    "CARDINAL",
    "ORDINAL",
}
LOCATIVE_PREPS = {
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "across",
    "outside",
    "inside",
    "throughout",
    "around",
    "towards",
    "toward",
    "via",
    "through",
    "within",
    "between",
}
FUZZY_MIN_POPULATION = 100_000  # also in the gazetteer's fuzzy table
COUNTRY_REFUSAL = 75.0
GAZETTEER_ABSTAIN = 0.95  # names NER missed need a stronger case
GAZETTEER_MIN_CITY = 50_000
LOOSE_MIN_POPULATION = 5_000
EMBEDDED_MIN_CITY = 100_000
_STATE_CODE = re.compile(r"^[A-Z]{2}$")
DATELINE_MARKS = {"—", "–", "-", "--", ",", "(", ":"}
DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "outside",
    "near",
}


def _institution(words: SpacySpan) -> bool:
    return len(words) > 0 and fold(words[0].text) in place_words("institution_words")


class _FuzzyVocabulary:
    """Names of well-populated non-country places (by length: a name within `n` edits of a key
    is within `n` characters of its length), and the country names (never fuzzed into)."""

    __slots__ = ("best", "by_length", "countries")

    def __init__(self, names: list[str], countries: frozenset[str]) -> None:
        self.countries = countries
        self.by_length: dict[int, tuple[list[str], list[int]]] = {}
        for i, name in enumerate(names):
            bucket = self.by_length.setdefault(len(name), ([], []))
            bucket[0].append(name)
            bucket[1].append(i)
        # key -> the nearest name, across documents (the vocabulary is read-only)
        self.best: dict[str, str | None] = {}

    def nearest(self, key: str, max_edits: int) -> str | None:
        """The first name (in vocabulary order) at the fewest edits from `key`, if any within
        `max_edits`: what `process.extractOne` over the whole vocabulary returns."""
        if key in self.best:
            return self.best[key]
        found: tuple[int, int, str] | None = None
        for n in range(len(key) - max_edits, len(key) + max_edits + 1):
            bucket = self.by_length.get(n)
            if bucket is None:
                continue
            hit = process.extractOne(key, bucket[0], scorer=OSA.distance, score_cutoff=max_edits)
            if hit is not None:
                ranked = (int(hit[1]), bucket[1][hit[2]], hit[0])
                if found is None or ranked < found:
                    found = ranked
        if len(self.best) > 100_000:
            self.best.clear()
        result = self.best[key] = found[2] if found is not None else None
        return result


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


class PlacesComponent:
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
        # the document being read, with its text, entities and token texts (see `_prepare`)
        self._doc: Doc | None = None
        self._text = ""
        self._ents: Sequence[SpacySpan] = ()
        self._place_ents: set[tuple[int, int]] = set()
        self._starts: list[int] = []
        self._words: list[str] = []
        self.countries = country_index()

    @property
    def gz(self) -> Gazetteer:
        if self._gz is None:
            from pathlib import Path

            self._gz = gazetteer(Path(self.gazetteer_path) if self.gazetteer_path else None)
        return self._gz

    # --- the component -------------------------------------------------------------------
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
        self._doc = None
        return doc

    def _prepare(self, doc: Doc) -> None:
        """Read the text, entities and token texts once: spaCy builds `doc.text` and
        `doc.ents` anew on every access, and every token visited is a new Python object."""
        self._doc = doc
        table = token_table(doc)
        self._text = table.text
        self._ents = doc.ents
        self._place_ents = {(e.start, e.end) for e in self._ents if e.label_ in ("GPE", "LOC")}
        self._starts = table.idx
        self._words = table.words

    def _repeat_mentions(
        self, doc: Doc, state: Analysis, toponyms: list[Toponym], results: list[Resolution | None]
    ) -> None:
        """One sense per discourse: once a name is resolved as a place, its other occurrences
        are mentions of that place too ("Gainesville Police", "Gainesville residents"), except
        inside the name of a person ("George Washington") or of a longer place."""
        text = self._text
        taken = [span for t in toponyms for span in t.spans]
        if not taken:
            return
        done: set[str] = set()
        for top, res in zip(toponyms, results, strict=True):
            if res is None or top.fuzzy:
                continue
            for s0, e0 in list(top.spans):
                surface = text[s0:e0]
                if surface in done or len(surface) < 3:
                    continue
                done.add(surface)
                for variant in {surface, surface.upper()}:
                    pos = text.find(variant)
                    while pos != -1:
                        end = pos + len(variant)
                        span = (
                            None
                            if any(pos < te and end > ts for ts, te in taken)
                            else (doc.char_span(pos, end))
                        )
                        if span is not None and not self._in_person_name(
                            doc, state, span.start, span.end
                        ):
                            top.spans.append((pos, end))
                            taken.append((pos, end))
                        pos = text.find(variant, end)

    def _in_person_name(self, doc: Doc, state: Analysis, a: int, b: int) -> bool:
        """Whether tokens [a, b) lie inside a longer name of a person or place ("George
        Washington", "Paris Hilton", "New York"), or in a mention of a known person."""
        if doc[a].ent_iob_ == "I" and doc[a].ent_type_ in ("PERSON", "GPE", "LOC", "FAC"):
            return True
        if (
            b < len(doc)
            and doc[b].ent_iob_ == "I"
            and doc[b].ent_type_ in ("PERSON", "GPE", "LOC", "FAC")
        ):
            return True
        for i in range(a, b):
            m = state.token_mention.get(i)
            ent = state.entities.get(m.entity) if m is not None else None
            if (
                ent is not None
                and ent.type == "PERSON"
                and (ent.gender or ent.role)
                and not (_institution(doc[b : b + 1]))
            ):
                return True
        return False

    def toponyms(self, doc: Doc, state: Analysis) -> list[Toponym]:
        if self._doc is not doc:
            self._prepare(doc)
        text = self._text
        ents = self._ents
        by_key: dict[str, Toponym] = {}
        taken: set[int] = set()

        def add(
            start: int,
            end: int,
            tok_start: int,
            tok_end: int,
            source: str,
            entity: str | None = None,
            metonym: str | None = None,
        ) -> None:
            surface = text[start:end]
            key = (entity or "") + "|" + fold(surface)
            if not fold(surface):
                return
            top = by_key.get(key)
            if top is None:
                top = by_key[key] = Toponym(
                    key=key,
                    surface=surface,
                    source=source,
                    entity=entity,
                    metonym_country=metonym,
                    abstain=self.abstain,
                )
                if source == "gazetteer":
                    top.abstain = max(self.abstain, GAZETTEER_ABSTAIN)
            top.spans.append((start, end))
            taken.update(range(tok_start, tok_end))

        if state.entities:
            place_surfaces = {
                fold(text[m.start : m.end])
                for e in state.entities.values()
                if e.type in PLACE_TYPES
                for m in e.mentions
                if m.kind in PLACE_MENTION_KINDS
            } | {fold(e.text) for e in ents if e.label_ in PLACE_TYPES}
            ner_at = {e.start: e for e in ents if e.label_ in ("GPE", "LOC")}
            org_at = {e.start: e for e in ents if e.label_ in ("ORG", "FAC") and len(e) > 1}
            for ent in state.entities.values():
                for m in ent.mentions:
                    if ent.type not in PLACE_TYPES and m.tok_end - m.tok_start > 1:
                        # "U.S. officials", "the Iraq war": a place NER saw inside the mention
                        for k in range(m.tok_start, m.tok_end):
                            org = org_at.get(k)
                            if (
                                org is not None
                                and org.end <= m.tok_end
                                and (org.start > m.tok_start or org.end < m.tok_end)
                            ):  # "the president of Air Canada Cargo"
                                for a, b in self._embedded(org):
                                    add(
                                        self._starts[a],
                                        self._starts[b - 1] + len(self._words[b - 1]),
                                        a,
                                        b,
                                        "embedded",
                                    )
                            inner = ner_at.get(k)
                            if (
                                inner is None
                                or inner.end > m.tok_end
                                or (inner.start == m.tok_start and inner.end == m.tok_end)
                            ):
                                continue
                            if self.countries.lookup(inner.text) is not None or (
                                self._known_place(inner.text)
                            ):
                                add(
                                    inner.start_char,
                                    inner.end_char,
                                    inner.start,
                                    inner.end,
                                    "embedded",
                                )
                    named_country = self.countries.lookup(text[m.start : m.end]) is not None
                    if m.kind not in PLACE_MENTION_KINDS and not named_country:
                        continue  # "Iranian" is not a place mention; "U.S. troops" is
                    start, end = self._strip_span(m.tok_start, m.tok_end)
                    if start >= end:
                        continue
                    surface = text[start:end]
                    metonym = self.countries.metonym(surface)
                    if ent.type in PLACE_TYPES or (named_country and ent.type == "GROUP"):
                        add(
                            start,
                            end,
                            m.tok_start,
                            m.tok_end,
                            "entity",
                            ent.id,
                            metonym[0] if metonym else None,
                        )
                        continue
                    if metonym and self.countries.capital(surface):
                        add(start, end, m.tok_start, m.tok_end, "metonym", ent.id, metonym[0])
                        continue
                    span = doc[m.tok_start : m.tok_end]
                    if self._misread(ent, span, surface, place_surfaces):
                        add(start, end, m.tok_start, m.tok_end, "misread", ent.id)
                    elif len(span) > 1 and (
                        ent.type in ("ORG", "FAC")
                        or all(t.ent_type_ in ("ORG", "FAC") for t in span)
                    ):  # NER reads it as an organisation even if the entity layer does not
                        for a, b in self._embedded(span):
                            add(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), a, b, "embedded")
                    elif len(span) > 1 and not ent.gender:
                        found = self._institution_prefix(span)
                        if found is not None:
                            a, b = found
                            add(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), a, b, "embedded")
        else:
            ner_places = {fold(e.text) for e in ents if e.label_ in PLACE_TYPES}
            for sent_ent in ents:
                if sent_ent.label_ in PLACE_TYPES:
                    start, end = _strip_span(doc, sent_ent.start, sent_ent.end)
                    if start < end:
                        add(start, end, sent_ent.start, sent_ent.end, "ner")
                elif sent_ent.label_ in ("PERSON", "ORG", "NORP") and (
                    (
                        _after_locative(sent_ent[0])
                        or fold(sent_ent.text) in ner_places
                        or (
                            sent_ent.label_ != "PERSON"
                            and self.countries.demonym(sent_ent.text) is None
                        )
                    )
                    and self._known_place(sent_ent.text)
                ):
                    add(
                        sent_ent.start_char,
                        sent_ent.end_char,
                        sent_ent.start,
                        sent_ent.end,
                        "misread",
                    )
        self._gazetteer_names(doc, state, taken, add)
        return list(by_key.values())

    def _misread(
        self, ent: EntityState, span: SpacySpan, surface: str, place_surfaces: set[str]
    ) -> bool:
        """A name spaCy labelled PERSON/ORG/NORP that is a place: it follows a locative
        preposition ("in Gaza"), is written like a place named elsewhere in the document, or
        is an organisation or group unknown to the actor KB whose name is a well-known place."""
        if (span.start, span.end) in self._place_ents and self._known_place(surface):
            return True  # NER saw a place the entity layer merged into something else
        if self._after_place_noun(span.start) and self._known_place(surface, loose=True):
            return True  # "the coastal town of Izmir"
        if ent.kb_id and not ent.kb_id.startswith("country:"):
            # an actor that is also a region ("the EU"), or a seat named as a place ("at the
            # White House", "in the Kremlin")
            after = _after_locative(span[0])
            return any(
                (c.fcode in ("PCLI", "RGN", "CONT") and c.match in ("name", "alt"))
                or (after and c.fcode == "OTHER" and c.match == "name")
                for c in self.gz.lookup(surface)
            )
        if ent.type not in ("PERSON", "ORG", "NORP", "GROUP") or ent.role or ent.sector:
            return False
        if self.countries.demonym(surface):
            return False
        if fold(surface) in place_surfaces:
            return True
        if (
            ent.type == "PERSON"
            and not _after_locative(span[0])
            and (len(ent.name.split()) > 1 or ent.gender or ent.role)
        ):
            return False
        return self._known_place(surface, loose=_after_locative(span[0]))

    def _strip_span(self, tok_start: int, tok_end: int) -> tuple[int, int]:
        """`_strip_span` on the current document's token texts (no spaCy objects)."""
        words = self._words
        while tok_start < tok_end and words[tok_start].lower() == "the":
            tok_start += 1
        while tok_end > tok_start and words[tok_end - 1] in POSSESSIVES:
            tok_end -= 1
        if tok_start >= tok_end:
            return 0, 0
        return self._starts[tok_start], self._starts[tok_end - 1] + len(words[tok_end - 1])

    def _after_place_noun(self, i: int) -> bool:
        """`_after_place_noun` on the current document's token texts."""
        words = self._words
        i -= 1
        if i >= 2 and words[i].lower() in ("and", ",") and words[i - 1][:1].isupper():
            i -= 2
        return (
            i >= 1 and words[i].lower() == "of" and fold(words[i - 1]) in place_words("place_nouns")
        )

    def _surface(self, i: int, end: int) -> str:
        """The text of tokens [i, end) of the current document."""
        return self._text[self._starts[i] : self._starts[end - 1] + len(self._words[end - 1])]

    def _embedded(self, span: SpacySpan) -> list[tuple[int, int]]:
        """Well-known place names inside an organisation's name ("Conference Board of Canada")."""
        found: list[tuple[int, int]] = []
        words = self._words
        first = self._institution_prefix(span)
        if first is not None:
            found.append(first)
        opening = span.start + (1 if words[span.start].lower() == "the" else 0)
        i = first[1] if first is not None else opening
        while i < span.end:
            matched = False
            for end in range(min(span.end, i + 4), i, -1):
                if not all(w[:1].isupper() for w in words[i:end]):
                    continue
                if i == span.start and end == span.end:
                    continue
                surface = self._surface(i, end)
                if not self._known_place(surface, strict=True) and not (
                    i == opening
                    and (
                        self._city_named(surface)
                        or (
                            end < span.end
                            and words[end] in POSSESSIVES
                            and self._town_named(surface, LOOSE_MIN_POPULATION)
                        )
                    )  # "Derry's Altnagelvin Hospital"
                ):
                    continue
                found.append((i, end))
                i = end
                matched = True
                break
            if not matched:
                i += 1
        return found

    def _institution_prefix(self, span: SpacySpan) -> tuple[int, int] | None:
        """A place that opens a name and is followed by an institution word: "Gainesville
        Police Department", "Metcalfe County Sheriff's Office", "Huntsville Fire"."""
        words = self._words
        i = span.start + (1 if words[span.start].lower() == "the" else 0)
        institutions = place_words("institution_words")
        for end in range(min(span.end, i + 4), i, -1):
            if (
                end >= len(words)
                or not words[end][:1].isupper()
                or (fold(words[end]) not in institutions)
            ):
                continue
            if not all(_name_like_text(w) for w in words[i:end]):
                continue
            if self._town_named(self._surface(i, end)):
                return i, end
        return None

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

    def _city_named(self, surface: str) -> bool:
        """A city of EMBEDDED_MIN_CITY people or more, or a province, bears this very name
        (a name that opens an organisation's name: "Oakland Athletics", "Aberdeen Asset
        Management")."""
        return any(
            c.match == "name"
            and (c.population >= EMBEDDED_MIN_CITY or c.fcode in ("PCLI", "ADM1", "PPLC"))
            for c in self.gz.lookup(surface)
        )

    def _town_named(self, surface: str, size: int = 1000) -> bool:
        """The gazetteer has a place of this very name (a town of `size` people or more, a
        county ...)."""
        return any(
            c.match == "name" and (c.population >= size or c.fcode not in ("PPL", "PPLA"))
            for c in self.gz.lookup(surface)
        )

    def _known_place(self, surface: str, strict: bool = False, loose: bool = False) -> bool:
        """A name the gazetteer knows as a country, region, province or sizeable city (`loose`:
        also a town, its own name, of LOOSE_MIN_POPULATION people or more, when the context
        already says it is a place: "a cottage in Dewsbury")."""
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

    def _gazetteer_names(self, doc: Doc, state: Analysis, taken: set[int], add: object) -> None:
        """Capitalized token runs that NER missed and the gazetteer knows by their own name.

        Inside other names (organisations, events, works: "Air Zimbabwe", "Dubai World Cup")
        only well-known places count (countries, provinces, capitals, big cities); names of
        people are left alone, and so are whole entity names (handled as misreadings)."""
        assert callable(add)
        zone: dict[int, int] = {}  # 1: inside another name (strict), 2: blocked
        whole: set[tuple[int, int]] = set()
        words = self._words
        starts = self._starts
        text = self._text
        lookup = self.gz.lookup
        name_like = [
            i for i, w in enumerate(words) if w[:1].isupper() and w.replace(".", "").isalpha()
        ]  # in order
        name_set = set(name_like)
        inside: set[int] = set()
        blocked: set[int] = set(taken)
        for e in self._ents:
            if e.label_ in NOT_PLACE_LABELS:
                (blocked if e.label_ == "PERSON" else inside).update(range(e.start, e.end))
                whole.add((e.start, e.end))
        for i, m in state.token_mention.items():
            ent = state.entities.get(m.entity)
            if ent is None or ent.type == "PERSON" or m.kind not in ("name", "alias", "title"):
                blocked.add(i)
            else:
                inside.add(i)
            whole.add((m.tok_start, m.tok_end))
        zone.update(dict.fromkeys(inside, 1))
        zone.update(dict.fromkeys(blocked, 2))
        n = len(words)
        after = 0  # the end of the last name found
        for i in name_like:
            if i < after or zone.get(i, 0) == 2:
                continue
            j = i
            while j < n and j - i < 4 and j in name_set and zone.get(j, 0) != 2:
                j += 1
            for end in range(j, i, -1):
                if not self._maybe_place(text[starts[i] : starts[end - 1] + len(words[end - 1])]):
                    continue  # the gazetteer does not know the name: nothing more to check
                span = doc[i:end]
                if _dateline(span) and any(c.match == "name" for c in lookup(span.text)):
                    add(span.start_char, span.end_char, i, end, "dateline")
                elif not self._gazetteer_ok(doc, span, zone, whole):
                    continue
                else:
                    add(
                        span.start_char,
                        span.end_char,
                        i,
                        end,
                        "residence" if _residence_of(span[0]) else "gazetteer",
                    )
                after = end
                break
        pos = text.find("-")
        while pos != -1:
            # "U.S.-led", "Calif.--": a place name glued to what follows by a hyphen
            k = bisect_right(starts, pos) - 1
            start = starts[k] if k >= 0 else pos
            prefix = text[start:pos]
            pos = text.find("-", pos + 1)
            if (
                len(prefix) < 2
                or not prefix[0].isupper()
                or zone.get(k, 0) == 2
                or (not prefix.replace(".", "").isalpha())
            ):
                continue
            if any(
                c.fcode in ("PCLI", "ADM1", "CONT", "RGN") and c.match in ("name", "alt")
                for c in self.gz.lookup(prefix)
            ):
                add(start, start + len(prefix), k, k + 1, "embedded")

    def _gazetteer_ok(
        self, doc: Doc, span: SpacySpan, zone: dict[int, int], whole: set[tuple[int, int]]
    ) -> bool:
        strict = any(zone.get(k, 0) == 1 for k in range(span.start, span.end)) or any(
            t.is_upper and len(t) <= 3 for t in span
        )
        first = span[0]
        if len(span) == 1 and (first.is_sent_start or first.is_stop) and not strict:
            # a capitalized first word is a name only in a dateline ("BEIRUT —") or when a
            # place follows ("COLUMBUS, Ohio")
            nxt = doc[span.end : span.end + 2]
            dateline = (
                first.is_upper
                and len(first) > 3
                and len(nxt) > 0
                and (nxt[0].text in DATELINE_MARKS)
            )
            if not dateline and not (
                len(nxt) == 2 and nxt[0].text == "," and self._known_place(nxt[1].text)
            ):
                return False
        if strict:
            if (span.start, span.end) in whole:
                # a name NER labelled oddly ("in Aleppo" as a LANGUAGE) that no entity took
                return (
                    span[0].ent_type_ not in ("PERSON", "ORG", "NORP")
                    and zone.get(span.start, 0) == 1
                    and (_after_locative(span[0]) or _after_place_noun(span[0]))
                    and self._known_place(span.text, loose=True)
                )
            return self._known_place(span.text, True)
        return any(
            c.match == "name" or (c.match == "alt" and c.fcode in ("PCLI", "RGN", "CONT", "OTHER"))
            for c in self.gz.lookup(span.text)
        )

    # --- candidates ------------------------------------------------------------------------
    def _lookup(self, toponyms: list[Toponym], context: list[str]) -> None:
        for top in toponyms:
            cands = _article_variants(list(self.gz.lookup(top.surface)), top.surface)
            if any(c.match != "bare" for c in cands):
                # name variants ("Florida City" -> "florida") only when the name itself fails
                cands = [c for c in cands if c.match != "bare"]
            if top.source == "residence":
                # "David Mahler of Bellmore": a town's own name, where a person lives
                cands = [
                    c
                    for c in cands
                    if c.match == "name"
                    and (c.population >= LOOSE_MIN_POPULATION or c.fcode not in ("PPL", "PPLA"))
                ]
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
            if not cands and top.source in ("entity", "ner") and " " in top.surface.strip():
                cands = self._inner_name(top.surface)
            if len(top.surface) <= 3 and top.surface.isalpha() and not top.surface.isupper():
                # "Up" is not UP (Uttar Pradesh): a short name written in lower case is only
                # the own name of a place, never its abbreviation
                key = fold(top.surface)
                cands = [c for c in cands if fold(c.name) == key]
            if cands:
                top.candidates = cands
        # one sense per discourse: a name NER missed here but read as a place elsewhere in
        # the document ("in Riverdale" ... "the Riverdale gas station") has its candidates
        read = {
            fold(t.surface): t
            for t in toponyms
            if t.candidates and t.source not in ("gazetteer", "residence")
        }
        for top in toponyms:
            if top.source in ("gazetteer", "residence"):
                other = read.get(fold(top.surface))
                if other is not None:
                    top.candidates = list(other.candidates)
                    top.abstain = other.abstain
        known = {c.id for t in toponyms for c in t.candidates}
        for top in toponyms:
            if not top.candidates and top.source in ("entity", "ner"):
                self._fuzzy(top, known)

    def _inner_name(self, surface: str) -> list[Candidate]:
        """A place named inside a longer name the gazetteer lacks: "Far North Queensland",
        "Southern California", "North London" (leading qualifiers dropped), "St. Louis
        Police", "Pacific equatorial" (trailing words dropped), "Politics Ukraine" (a
        country or province at the end)."""
        words = surface.split()
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
            cands = [
                c
                for c in self.gz.lookup(" ".join(words[:k]))
                if c.match == "name"
                and (
                    c.fcode in ("PCLI", "ADM1", "PPLC", "RGN", "CONT", "OTHER")
                    or c.population >= EMBEDDED_MIN_CITY
                    or (institution and c.population >= LOOSE_MIN_POPULATION)
                )
            ]
            if cands:
                return cands
        for k in range(len(words) - 1, 0, -1):
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
        cands = [c for c in self.gz.lookup(best) if c.match == "name" or c.id in known]
        cands = [
            c
            for c in cands
            if c.population >= FUZZY_MIN_POPULATION or c.id in known or c.fcode in ("RGN", "ADM1")
        ]
        if cands:
            top.candidates = [_as_fuzzy(c) for c in cands]
            top.fuzzy = True

    def _containers(self, doc: Doc, toponyms: list[Toponym]) -> None:
        """ "X, Y" and "X in Y": Y's gazetteer entries that can contain X."""
        for top in toponyms:
            for start, end in top.spans:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or span.end >= len(doc) - 1:
                    continue
                link = doc[span.end]
                k = span.end + 1
                near = False
                if (
                    link.text == ","
                    and k + 1 < len(doc)
                    and doc[k].lower_ in DIRECTIONS
                    and (doc[k + 1].lower_ == "of")
                ):
                    k += 2  # "Kingston, south of Brisbane"
                    near = True
                elif link.text not in (",", "in"):
                    continue
                m = k
                while m < len(doc) and m - k < 4 and _name_like(doc[m]):
                    m += 1
                if m == k:
                    continue
                surface = doc[k:m].text
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

    # --- output ------------------------------------------------------------------------------
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


def _capitalized(tok: Token) -> bool:
    text = tok.text
    return (
        bool(text[:1].isupper())
        and text.isalpha()
        and not (len(text) > 1 and text.isupper() and len(text) <= 3)
    )


def _name_like(tok: Token) -> bool:
    return _name_like_text(tok.text)


def _name_like_text(text: str) -> bool:
    return bool(text[:1].isupper()) and text.replace(".", "").isalpha()


def _dateline(span: SpacySpan) -> bool:
    """An upper-case name opening a line and followed by a dateline mark ("BEIRUT —",
    "HOLLIDAY, Mo.", "CAMP MURRAY, Wash.")."""
    doc = span.doc
    if not span[0].is_sent_start or span.end >= len(doc):
        return False
    if not all(t.is_upper and t.is_alpha for t in span) or sum(len(t) for t in span) < 4:
        return False
    mark = doc[span.end].text
    return mark in DATELINE_MARKS or mark.startswith(("—", "–", "--"))


def _after_locative(tok: Token) -> bool:
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_ == "the" and tok.i > 1:
        prev = tok.doc[tok.i - 2]
    return prev is not None and (prev.lower_ in LOCATIVE_PREPS or _residence_of(tok))


def _residence_of(tok: Token) -> bool:
    """A name after "<person> of" or "<person>, of": where the person lives ("David Mahler
    of Bellmore", "Miss Abdhou, of Hayes")."""
    i = tok.i - 1
    if i < 1 or tok.doc[i].lower_ != "of":
        return False
    before = tok.doc[i - 1]
    if before.text == "," and i >= 2:
        before = tok.doc[i - 2]
    return before.ent_type_ == "PERSON"


def _after_place_noun(tok: Token) -> bool:
    """ "the town of X", "the villages of X and Y"."""
    doc = tok.doc
    i = tok.i - 1
    if i >= 2 and doc[i].lower_ in ("and", ",") and doc[i - 1].text[:1].isupper():
        i -= 2  # "villages of Foua and [Kfraya]"
    return i >= 1 and doc[i].lower_ == "of" and fold(doc[i - 1].text) in place_words("place_nouns")


def _strip_span(doc: Doc, tok_start: int, tok_end: int) -> tuple[int, int]:
    """Character offsets of a mention without a leading "the" or a trailing possessive."""
    while tok_start < tok_end and doc[tok_start].lower_ == "the":
        tok_start += 1
    while tok_end > tok_start and doc[tok_end - 1].text in POSSESSIVES:
        tok_end -= 1
    if tok_start >= tok_end:
        return 0, 0
    span = doc[tok_start:tok_end]
    return span.start_char, span.end_char


POSSESSIVES = ("'s", "’s", "'", "’")


_ARTICLE = re.compile(r"^(?:al|el|ash|as|ad|ar|an|at|az|adh|ath) (?=\w{3})")  # as in name keys


def _article_variants(cands: list[Candidate], surface: str) -> list[Candidate]:
    """ "Karak" is "Al Karak" (an Arabic article dropped): as good as an alternate name,
    unlike other name variants ("Florida City" is not Florida)."""
    if not any(c.match == "bare" for c in cands):
        return cands
    key = fold(surface)
    return [
        replace(c, match="alt")
        if c.match == "bare" and _ARTICLE.sub("", fold(c.name)) == key != fold(c.name)
        else c
        for c in cands
    ]


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


def place_names(places: Iterable[Place]) -> list[str]:
    return [p.name for p in places]


@Language.factory(
    "dossier_places",
    default_config={"abstain": DEFAULT_ABSTAIN, "gazetteer_path": ""},
)
def make_places(nlp: Language, name: str, abstain: float, gazetteer_path: str) -> PlacesComponent:
    return PlacesComponent(nlp, name, abstain, gazetteer_path)

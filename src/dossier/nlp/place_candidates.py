"""Finding the place names of a document (the candidate half of `dossier_places`).

The mentions of GPE/LOC/FAC entities left by `dossier_entities` (all mentions of one entity form
one toponym; demonyms only set countries), metonyms ("Tehran said"), names spaCy read as
PERSON/ORG where the context says place ("in Gaza", "Ana Ruiz of Levittown"), place names inside
organisation names, datelines, and capitalized names NER missed that the gazetteer knows well.
:class:`~dossier.nlp.place_reading.PlaceReading` holds what both halves read of the document
being processed, and the tests of a name against the gazetteer.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc

from dossier.knowledge.gazetteer import Candidate, fold, place_words
from dossier.knowledge.namesakes import named_after
from dossier.nlp.geocoding import Toponym, W
from dossier.nlp.place_cues import CueKind, PlaceCue
from dossier.nlp.place_reading import LOOSE_MIN_POPULATION, PlaceReading
from dossier.nlp.place_tokens import (
    DATELINE_MARKS,
    after_locative,
    after_place_noun,
    dateline,
    generic_place_word,
    name_like_text,
    residence_of,
    strip_span,
)
from dossier.nlp.state import PLACE_TYPES, Analysis, EntityState
from dossier.nlp.tokens import C_SENT_START, POSSESSIVE_MARKS

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
# NER labels the small model gives to village names by mistake (no actor, date or number)
_ODD_LABELS = frozenset({"WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE"})
GAZETTEER_ABSTAIN = W.gazetteer_abstain  # names NER missed need a stronger case
GAZETTEER_MIN_CITY = W.gazetteer_min_city
CONTEXT_ABSTAIN = W.context_names.abstain
# a capitalized name of several words joined by hyphens, through short lower-case particles
# ("Croix-des-Bouquets", "Port-au-Prince"): the tokenizer splits it and NER often tags a part.
# The name opens at a capital with no word character before it (`\b` before it, written as a
# look-behind after it, so that the search can skip to the next capital letter)
_HYPHENATED = re.compile(r"[A-Z](?<!\w[A-Z])[^\W\d_]+(?:-(?:[a-z]{1,3}-)*[A-Z][^\W\d_]+)+\b")


class CandidateFinder(PlaceReading):
    """The toponyms of a document: every place name and its mentions."""

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
            cue: PlaceCue | None = None,
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
                elif source == "context":
                    top.abstain = max(self.abstain, CONTEXT_ABSTAIN)
                    top.cue = cue
            top.spans.append((start, end))
            taken.update(range(tok_start, tok_end))

        compounds = self._hyphenated(add)
        if state.entities:
            place_surfaces = {
                fold(text[m.start : m.end])
                for e in state.entities.values()
                if e.type in PLACE_TYPES
                for m in e.mentions
                if m.kind in PLACE_MENTION_KINDS
            } | {fold(self._surface(a, b)) for a, b, label in ents if label in PLACE_TYPES}
            ner_at = {e[0]: e for e in ents if e[2] in ("GPE", "LOC")}
            org_at = {e[0]: e for e in ents if e[2] in ("ORG", "FAC") and e[1] - e[0] > 1}
            for ent in state.entities.values():
                for m in ent.mentions:
                    if ent.type not in PLACE_TYPES and m.tok_end - m.tok_start > 1:
                        # "U.S. officials", "the Iraq war": a place NER saw inside the mention
                        for k in range(m.tok_start, m.tok_end):
                            org = org_at.get(k)
                            if (
                                org is not None
                                and org[1] <= m.tok_end
                                and (org[0] > m.tok_start or org[1] < m.tok_end)
                            ):  # "the head of Air Chile Freight"
                                for a, b in self._embedded(org[0], org[1]):
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
                                or inner[1] > m.tok_end
                                or (inner[0] == m.tok_start and inner[1] == m.tok_end)
                            ):
                                continue
                            inner_text = self._surface(inner[0], inner[1])
                            if self.countries.lookup(inner_text) is not None or (
                                self._known_place(inner_text)
                            ):
                                inner_start = self._starts[inner[0]]
                                add(
                                    inner_start,
                                    inner_start + len(inner_text),
                                    inner[0],
                                    inner[1],
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
                    a, b = m.tok_start, m.tok_end
                    if self._misread(ent, a, b, surface, place_surfaces):
                        add(start, end, m.tok_start, m.tok_end, "misread", ent.id)
                    elif read := self._misread_in_context(
                        doc, state, ent, m.tok_start, m.tok_end, taken
                    ):
                        # "the villages of Maarzaf and Hish" with Hish read as a person
                        cue, b = read  # "Bokkos LGA" read as a firm: the place "Bokkos"
                        end = min(end, self._starts[b - 1] + len(self._words[b - 1]))
                        add(start, end, m.tok_start, b, "context", ent.id, cue=cue)
                    elif b - a > 1 and (
                        ent.type in ("ORG", "FAC")
                        or all(self.table.ent_type[k] in ("ORG", "FAC") for k in range(a, b))
                    ):  # NER reads it as an organisation even if the entity layer does not
                        for x, y in self._embedded(a, b):
                            add(self._starts[x], self.table.end(y - 1), x, y, "embedded")
                    elif b - a > 1 and not ent.gender:
                        found = self._institution_prefix(a, b)
                        if found is not None:
                            x, y = found
                            add(self._starts[x], self.table.end(y - 1), x, y, "embedded")
        else:
            table = self.table
            ner_places = {fold(self._surface(a, b)) for a, b, label in ents if label in PLACE_TYPES}
            for a, b, label in ents:
                if label in PLACE_TYPES:
                    start, end = strip_span(table, a, b)
                    if start < end:
                        add(start, end, a, b, "ner")
                    continue
                surface = self._surface(a, b)
                if label in ("PERSON", "ORG", "NORP") and (
                    (
                        after_locative(table, a)
                        or fold(surface) in ner_places
                        or (label != "PERSON" and self.countries.demonym(surface) is None)
                    )
                    and self._known_place(surface)
                ):
                    add(self._starts[a], self._starts[a] + len(surface), a, b, "misread")
        self._gazetteer_names(doc, state, taken, add)
        named = list(by_key.values())
        if compounds:
            # a part of a hyphenated place name is no mention of its own ("Croix" of
            # "Croix-des-Bouquets")
            for top in named:
                top.spans = [
                    (a, b)
                    for a, b in top.spans
                    if not any(x <= a and b <= y and (a, b) != (x, y) for x, y in compounds)
                ]
            named = [top for top in named if top.spans]
        return _without_namesakes(text, named)

    def _hyphenated(self, add: object) -> list[tuple[int, int]]:
        """Hyphenated names the gazetteer has under their own name or another spelling of it as
        a division or a town of LOOSE_MIN_POPULATION people or more ("Croix-des-Bouquets",
        "Mazar-i-Sharif"; issue 13), added as read
        from their context; their character spans."""
        assert callable(add)
        text, starts = self._text, self._starts
        if "-" not in text:
            return []
        spans: list[tuple[int, int]] = []
        table = self.table
        read = [(starts[a], table.end(b - 1)) for a, b, label in self._ents if label in PLACE_TYPES]
        for m in _HYPHENATED.finditer(text):
            surface = m.group()
            if any(x <= m.start() and m.end() <= y for x, y in read):
                continue  # NER read the whole name as a place
            if not self._town_named(surface, LOOSE_MIN_POPULATION, alternate=True):
                continue
            a = bisect_left(starts, m.start())
            b = bisect_left(starts, m.end())
            if a >= len(starts) or starts[a] != m.start():
                continue
            add(m.start(), m.end(), a, b, "context", cue=PlaceCue(CueKind.HYPHENATED))
            spans.append((m.start(), m.end()))
        return spans

    def _misread(
        self, ent: EntityState, a: int, b: int, surface: str, place_surfaces: set[str]
    ) -> bool:
        """A name spaCy labelled PERSON/ORG/NORP that is a place: it follows a locative
        preposition ("in Gaza"), is written like a place named elsewhere in the document, or
        is an organisation or group unknown to the actor KB whose name is a well-known place.

        Never the short form of the entity's longer name ("Hopkins" for "David Hopkins", even
        where NER reads it as a place) unless a locative preposition goes before it, and a nationality or group word only under a place's
        own name ("Jewish" is no other name of Israel)."""
        if (
            ent.type not in PLACE_TYPES
            and _short_form_of_name(surface, ent.name)
            and not after_locative(self.table, a)  # "marched in Washington" is the city
        ):
            return False
        if ent.type == "NORP" and not any(c.match == "name" for c in self.gz.lookup(surface)):
            return False
        if (a, b) in self._place_ents and self._known_place(surface):
            return True  # NER saw a place the entity layer merged into something else
        if self._after_place_noun(a) and self._known_place(surface, loose=True):
            return True  # "the port town of Mersin"
        if ent.kb_id and not ent.kb_id.startswith("country:"):
            # an actor that is also a region ("the EU"), or a seat named as a place ("at the
            # White House", "in the Kremlin")
            after = after_locative(self.table, a)
            return any(
                (c.fcode in ("PCLI", "RGN", "CONT") and c.match in ("name", "alt"))
                or (after and c.fcode == "OTHER" and c.match == "name")
                for c in self.gz.lookup(surface)
            )
        if ent.type not in ("PERSON", "ORG", "NORP", "GROUP") or ent.role or ent.sector:
            return False
        if self.countries.demonym(surface):
            return False
        if self._static_before(a) and _big_town_spelling(self.gz.lookup(surface)):
            return False  # "in X" under another spelling of a town: its context decides
        if fold(surface) in place_surfaces:
            return True
        if (
            ent.type == "PERSON"
            and not after_locative(self.table, a)
            and (len(ent.name.split()) > 1 or ent.gender or ent.role)
        ):
            return False
        return self._known_place(surface, loose=after_locative(self.table, a))

    def _strip_span(self, tok_start: int, tok_end: int) -> tuple[int, int]:
        """`_strip_span` on the current document's token texts (no spaCy objects)."""
        words = self._words
        while tok_start < tok_end and words[tok_start].lower() == "the":
            tok_start += 1
        while tok_end > tok_start and words[tok_end - 1] in POSSESSIVE_MARKS:
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

    def _embedded(self, start: int, stop: int) -> list[tuple[int, int]]:
        """Well-known place names inside an organisation's name, tokens [start, stop) ("Wine
        Council of Chile")."""
        found: list[tuple[int, int]] = []
        words = self._words
        first = self._institution_prefix(start, stop)
        if first is not None:
            found.append(first)
        opening = start + (1 if words[start].lower() == "the" else 0)
        i = first[1] if first is not None else opening
        while i < stop:
            matched = False
            for end in range(min(stop, i + 4), i, -1):
                if not all(w[:1].isupper() for w in words[i:end]):
                    continue
                if i == start and end == stop:
                    continue
                surface = self._surface(i, end)
                if not self._known_place(surface, strict=True) and not (
                    i == opening
                    and (
                        self._city_named(surface)
                        or (
                            end < stop
                            and words[end] in POSSESSIVE_MARKS
                            and self._town_named(surface, LOOSE_MIN_POPULATION)
                        )
                    )  # "Derry's Altnagelvin Hospital"
                ):
                    continue
                if self._longer_town(i, end, stop):
                    # "Queens" of "Queens Park Rangers", "Miami" of "Miami Beach Rowing Club":
                    # the longer name is the place, if a town of some size at the opening
                    if not (
                        i == opening
                        and (i > start or end + 1 < stop)
                        and self._town_named(self._surface(i, end + 1), LOOSE_MIN_POPULATION)
                    ):
                        continue
                    end += 1
                found.append((i, end))
                i = end
                matched = True
                break
            if not matched:
                i += 1
        return found

    def _longer_town(self, i: int, end: int, limit: int) -> bool:
        """Whether the name [i, end) goes on, before `limit`, into the own name of a town the
        gazetteer has: "Queens" of "Queens Park Rangers" is the town Queens Park's, not the
        city Queens'."""
        return (
            end < limit
            and name_like_text(self._words[end])
            and self._town_named(self._surface(i, end + 1))
        )

    def _institution_prefix(self, start: int, stop: int) -> tuple[int, int] | None:
        """A place that opens the name of tokens [start, stop) and is followed by an
        institution word: "Tucson Police Department", "Marin County Sheriff's Office", "Fresno
        Fire"."""
        words = self._words
        i = start + (1 if words[start].lower() == "the" else 0)
        institutions = place_words("institution_words")
        portfolios = institutions | place_words("portfolio_words")
        for end in range(min(stop, i + 4), i, -1):
            if (
                end >= len(words)
                or not words[end][:1].isupper()
                or (fold(words[end]) not in institutions)
            ):
                continue
            if not all(name_like_text(w) for w in words[i:end]):
                continue
            if all(fold(w) in portfolios for w in words[i:end]):
                continue  # "the Justice Department": what it does, not where it is
            surface = self._surface(i, end)
            if (
                self._city_named(surface)
                if fold(words[end]) in place_words("eponym_institution_words")
                else self._town_named(surface)
            ):
                return i, end
        return None

    def _gazetteer_names(self, doc: Doc, state: Analysis, taken: set[int], add: object) -> None:
        """Capitalized token runs that NER missed and the gazetteer knows by their own name.

        Inside other names (organisations, events, works: "Air Namibia", "Dubai Film Festival")
        only well-known places count (countries, provinces, capitals, big cities); names of
        people are left alone, and so are whole entity names (handled as misreadings)."""
        assert callable(add)
        zone: dict[int, int] = {}  # 1: inside another name (strict), 2: blocked
        whole: set[tuple[int, int]] = set()
        words = self._words
        starts = self._starts
        text = self._text
        table = self.table
        lookup = self.gz.lookup
        capitalized = [
            i for i, w in enumerate(words) if w[:1].isupper() and w.replace(".", "").isalpha()
        ]  # in order
        name_set = set(capitalized)
        inside: set[int] = set()
        blocked: set[int] = set(taken)
        merged = self._merged_names(state)
        for a, b, label in self._ents:
            if label in NOT_PLACE_LABELS and (a, b) not in merged:
                (blocked if label == "PERSON" else inside).update(range(a, b))
                whole.add((a, b))
        for i, m in state.token_mention.items():
            ent = state.entities.get(m.entity)
            if (m.tok_start, m.tok_end) in merged:
                continue
            if ent is None or ent.type == "PERSON" or m.kind not in ("name", "alias", "title"):
                blocked.add(i)
            else:
                inside.add(i)
            whole.add((m.tok_start, m.tok_end))
        # 3: inside a name NER ran over a comma: a name there needs a cue of place
        zone.update(dict.fromkeys((k for a, b in merged for k in range(a, b)), 3))
        zone.update(dict.fromkeys(inside, 1))
        zone.update(dict.fromkeys(blocked, 2))
        n = len(words)
        after = 0  # the end of the last name found
        for i in capitalized:
            if i < after or zone.get(i, 0) == 2:
                continue
            j = i
            while j < n and j - i < 4 and j in name_set and zone.get(j, 0) != 2:
                j += 1
            for end in range(j, i, -1):
                surface = text[starts[i] : starts[end - 1] + len(words[end - 1])]
                if not self._maybe_place(surface):
                    cue = None if zone.get(i, 0) else self._spelling_in_context(doc, i, end, taken)
                    if cue is None:
                        cue = self._division_before_noun(i, end, surface, zone)
                    if cue is None:
                        continue  # the gazetteer does not know the name: nothing more to check
                    # another spelling of a town ("Azaz in northern Syria")
                    add(starts[i], starts[i] + len(surface), i, end, "context", cue=cue)
                    after = end
                    break
                first = starts[i]
                if dateline(table, i, end) and any(c.match == "name" for c in lookup(surface)):
                    add(first, first + len(surface), i, end, "dateline")
                elif not self._gazetteer_ok(i, end, surface, zone, whole):
                    continue
                elif residence_of(table, i):
                    add(first, first + len(surface), i, end, "residence")
                else:
                    cue = (
                        self._place_context(doc, i, end, taken)
                        if zone.get(i, 0) in (0, 3)
                        else self._odd_label_in_place_context(i, end, zone)
                    )
                    if cue is None and zone.get(i, 0) == 3:
                        continue
                    add(
                        first,
                        first + len(surface),
                        i,
                        end,
                        "gazetteer" if cue is None else "context",
                        cue=cue,
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

    def _odd_label_in_place_context(
        self, i: int, end: int, zone: dict[int, int]
    ) -> PlaceCue | None:
        """Why the name [i, end), inside an NER span of a label that names no actor (a
        WORK_OF_ART, a PRODUCT ...) that no entity took, reads as a place: after a place noun
        ("the town of X") or a preposition of where something is ("in X", not "to the
        Mound"), and the span holds no other name ("the Mound and Midland Trail" is a longer
        name); None when it does not."""
        if zone.get(i, 0) != 1 or self.table.ent_type[i] not in _ODD_LABELS:
            return None  # never a person, group or firm, a date or a number ("in March")
        ent = next((e for e in self._ents if e[0] <= i < e[1]), None)
        if ent is None or any(
            name_like_text(self._words[k])
            for k in range(ent[0], ent[1])
            if not i <= k < end and self._words[k].lower() != "the"
        ):
            return None
        if after_place_noun(self.table, i):
            return PlaceCue(CueKind.PLACE_NOUN)
        k = i - 2 if i > 1 and self._words[i - 1].lower() == "the" else i - 1
        if k >= 0 and (
            self._words[k].lower() in place_words("static_prepositions") or self._attack_on(k)
        ):
            # where something is ("in X", "near X") or is attacked ("the assault on X"), not
            # where it goes ("to the Mound")
            return PlaceCue(CueKind.PREPOSITION, self._words[k].lower())
        if k >= 0 and self._route_from(k, end):
            return PlaceCue(CueKind.PREPOSITION, "from")
        return None

    def _division_before_noun(
        self, i: int, end: int, surface: str, zone: dict[int, int]
    ) -> PlaceCue | None:
        """Why the name [i, end), that the gazetteer has only as the name of a province or
        district without its noun ("X District"), is a place: the text writes that noun after
        it ("in Pakistan's X district"), and NER left it untagged or gave it a label that names
        no actor (a PRODUCT) over the name alone; None when it is not (wave 9b)."""
        words = self._words
        if end >= len(words) or fold(words[end]) not in (
            place_words("division_suffixes") & place_words("division_nouns")
        ):
            return None
        if zone.get(i, 0) == 1:
            ent = next((e for e in self._ents if e[0] <= i < e[1]), None)
            if ent is None or ent[2] not in _ODD_LABELS or ent[0] < i or ent[1] > end:
                return None
        elif zone.get(i, 0) != 0:
            return None
        if not all(self.table.pos[k] == "PROPN" for k in range(i, end)):
            return None
        key = fold(surface)
        if not any(
            c.match == "bare" and c.fcode in ("ADM1", "ADM2") and fold(c.name).startswith(key)
            for c in self.gz.lookup(surface)
        ):
            return None
        return PlaceCue(CueKind.DIVISION_NOUN, words[end].lower())

    def _static_before(self, i: int) -> bool:
        """Whether a preposition of where something is ("in", "near": `static_prepositions`)
        stands before token i (or before "the" before it)."""
        w = self._words
        k = i - 2 if i > 1 and w[i - 1].lower() == "the" else i - 1
        return k >= 0 and w[k].lower() in place_words("static_prepositions")

    def _route_from(self, k: int, end: int) -> bool:
        """Whether word k is "from" and the name that follows it, ending at `end`, is followed
        by "to" and another capitalized name: the two ends of a route ("the road from X to
        Y"), where "from" alone would also come before people and sources."""
        w = self._words
        return (
            w[k].lower() == "from"
            and end + 1 < len(w)
            and w[end].lower() == "to"
            and name_like_text(w[end + 1])
        )

    def _attack_on(self, k: int) -> bool:
        """Whether word k is "on" after an attack noun ("the assault on", `attack_nouns`)."""
        w = self._words
        return k >= 1 and w[k].lower() == "on" and fold(w[k - 1]) in place_words("attack_nouns")

    def _merged_names(self, state: Analysis) -> set[tuple[int, int]]:
        """Token spans of names NER ran over a comma ("Wainwright, Alta", "Hornsey, Stoke
        Newington" read as one organisation) that the actor KB does not know: a list or a
        town and its province, whose words are looked at as names NER left untagged."""
        words = self._words
        spans = {
            (a, b)
            for a, b, label in self._ents
            if label in NOT_PLACE_LABELS and "," in words[a + 1 : b - 1]
        }
        known: set[int] = set()
        # each mention once (the map holds it under every one of its tokens)
        for m in {id(m): m for m in state.token_mention.values()}.values():
            ent = state.entities.get(m.entity)
            if ent is not None and (ent.role or ent.sector or ent.kb_id or ent.gender):
                known.update(range(m.tok_start, m.tok_end))
            elif "," in words[m.tok_start + 1 : m.tok_end - 1]:
                spans.add((m.tok_start, m.tok_end))
        return {(a, b) for a, b in spans if not known.intersection(range(a, b))}

    def _misread_in_context(
        self,
        doc: Doc,
        state: Analysis,
        ent: EntityState,
        tok_start: int,
        tok_end: int,
        taken: set[int],
    ) -> tuple[PlaceCue, int] | None:
        """Why a name NER read as a person, organisation or group, unknown to the actor KB,
        is a place all the same (its context, see `_place_context`), and where the name ends,
        or None when it is not: the small model often reads villages as people ("fled to
        Azaz") and a town with its division noun as a firm ("Bokkos LGA")."""
        if ent.type not in ("PERSON", "ORG", "NORP", "GROUP") or (
            ent.role or ent.sector or ent.gender or ent.kb_id
        ):
            return None
        if ent.type == "PERSON" and (
            len(ent.name.split()) != len(self._surface(tok_start, tok_end).split())
            or self._surname(state, ent.name)
        ):
            return None  # "Clinton" for "Hillary Clinton"
        words = self._words
        while tok_start < tok_end and words[tok_start].lower() == "the":
            tok_start += 1
        while tok_end > tok_start and words[tok_end - 1] in POSSESSIVE_MARKS:
            tok_end -= 1
        if (
            ent.type == "ORG"
            and tok_end - tok_start > 1
            and fold(words[tok_end - 1]) in place_words("division_nouns")
        ):
            tok_end -= 1  # "Bokkos LGA": the name before its division noun
        if tok_start >= tok_end or tok_end - tok_start > 4:
            return None
        surface = self._surface(tok_start, tok_end)
        found = self.gz.lookup(surface)
        matches = {c.match for c in found}
        if self.countries.demonym(surface) or not matches & {"name", "alt"}:
            return None
        cue = self._place_context(doc, tok_start, tok_end, taken)
        if (
            cue is not None
            and ent.type == "PERSON"
            and cue.after_preposition
            and (
                not ("name" in matches or _big_town_spelling(found))
                or cue.kind is CueKind.DIRECTION
                or cue.word not in place_words("static_prepositions")
            )
        ):
            # a person's name after a preposition: only where people are, never whom they meet
            # or write to ("sent to Henry", "a letter from Pierce"), and under the town's own
            # name or another spelling of a town of `gazetteer_min_city` people ("in Jamison"
            # is no other spelling of a small town)
            return None
        return None if cue is None else (cue, tok_end)

    @staticmethod
    def _surname(state: Analysis, name: str) -> bool:
        """Whether a longer name of a person in the document ends with `name`."""
        tail = " " + name
        return any(e.type == "PERSON" and e.name.endswith(tail) for e in state.entities.values())

    def _spelling_in_context(self, doc: Doc, i: int, end: int, taken: set[int]) -> PlaceCue | None:
        """Why a capitalized name known to the gazetteer only as another spelling of a town
        is a place: a context stronger than a preposition (`_place_context`), or None."""
        if not any(c.match == "alt" for c in self.gz.lookup(self._surface(i, end))):
            return None
        cue = self._place_context(doc, i, end, taken)
        return None if cue is None or cue.after_preposition else cue

    def _place_context(self, doc: Doc, i: int, end: int, taken: set[int]) -> PlaceCue | None:
        """Why the capitalized run [i, end) that NER left untagged reads as a place name, or None
        when nothing around it says so. Such a name may be a village or small town (the
        gazetteer's towns of 500 people and more): the ranking keeps a small town only where
        the document's other places or countries support it.

        The cues (`place_words.yaml`): a locative preposition before it ("clashes near
        Kafr Sousa") or "on" after an attack noun ("the assault on X"), a place noun before
        ("the village of X") or after it ("X district"), a country or province after a comma
        or in brackets ("X, Syria", "X (Seno province)"), "north of X", and a list whose
        other members are places ("A, B and C")."""
        words = self._words
        n = len(words)
        pos = self.table.pos
        if not all(pos[k] == "PROPN" for k in range(i, end)):
            return None  # "in Spring", "at Noon": capitalized common words
        if (
            end < n
            and name_like_text(words[end])
            and fold(words[end]) not in place_words("division_nouns")
        ) or (i > 0 and name_like_text(words[i - 1])):
            return None  # part of a longer name ("Windsor Castle", not "Kech District")
        if end + 1 < n and words[end] in (",", "in", "("):
            # "X, Syria", "X in northern Syria", "X, in Idlib province", "X (Seno province)":
            # first, the strongest cue (a person's name after "in" is taken only under a
            # stronger one)
            m = end + 1
            if words[m] == "in" and words[end] == ",":
                m += 1
            while m < n and fold(words[m]) in place_words("qualifiers"):
                m += 1
            first = m
            while m < n and m - first < 3 and name_like_text(words[m]):
                m += 1
            if m > first and any(
                c.fcode in ("PCLI", "ADM1") and c.match in ("name", "alt")
                for c in self.gz.lookup(self._surface(first, m))
            ):
                return PlaceCue(CueKind.COUNTRY_AFTER)
        k = i - 1
        if k >= 0 and words[k].lower() == "the":
            k -= 1
        before = words[k].lower() if k >= 0 else ""
        if before in place_words("context_prepositions") or self._attack_on(k):
            return PlaceCue(CueKind.PREPOSITION, before)  # "near X", "the assault on X"
        if before == "of" and k >= 1 and words[k - 1].lower() in place_words("directions"):
            return PlaceCue(CueKind.DIRECTION, words[k - 1].lower())
        if self._after_place_noun(i):
            return PlaceCue(CueKind.PLACE_NOUN)
        if end < n and fold(words[end]) in place_words("division_nouns"):
            return PlaceCue(CueKind.DIVISION_NOUN, words[end].lower())
        listed = (
            k >= 1 and before in (",", "and", "or") and (k - 1) in taken,
            end + 1 < n and words[end] in (",", "and", "or") and (end + 1) in taken,
        )
        if any(listed):
            return PlaceCue(CueKind.LISTED)
        return None

    def _gazetteer_ok(
        self, i: int, end: int, surface: str, zone: dict[int, int], whole: set[tuple[int, int]]
    ) -> bool:
        """Whether the capitalized run of tokens [i, end), `surface`, that NER missed is a
        name the gazetteer knows well enough where it stands."""
        table = self.table
        words = table.words
        strict = any(zone.get(k, 0) == 1 for k in range(i, end)) or any(
            words[k].isupper() and len(words[k]) <= 3 for k in range(i, end)
        )
        first = words[i]
        if end - i == 1 and (table.array[i, C_SENT_START] == 1 or self._is_stop(i)) and not strict:
            # a capitalized first word is a name only in a dateline ("BEIRUT —") or when a
            # place follows ("COLUMBUS, Ohio")
            nxt = words[end : end + 2]
            dateline = (
                first.isupper() and len(first) > 3 and len(nxt) > 0 and (nxt[0] in DATELINE_MARKS)
            )
            if not dateline and not (len(nxt) == 2 and nxt[0] == "," and self._known_place(nxt[1])):
                return False
        if strict:
            if (i, end) in whole:
                # a name NER labelled oddly ("in Aleppo" as a LANGUAGE) that no entity took
                return (
                    table.ent_type[i] not in ("PERSON", "ORG", "NORP")
                    and zone.get(i, 0) == 1
                    and (
                        after_locative(table, i)
                        or after_place_noun(table, i)
                        or self._attack_on(i - 1)
                    )
                    and self._known_place(surface, loose=True)
                )
            if self._odd_label_in_place_context(i, end, zone):
                # "the town of X", "in X" with X inside an odd NER span ("X in" as a
                # WORK_OF_ART, a village as a PRODUCT)
                return self._known_place(surface, loose=True)
            return self._known_place(surface, True)
        return any(
            c.match == "name" or (c.match == "alt" and c.fcode in ("PCLI", "RGN", "CONT", "OTHER"))
            for c in self.gz.lookup(surface)
        )

    def _is_stop(self, i: int) -> bool:
        """`Token.is_stop` of token i (a flag of the vocabulary's entry, asked rarely)."""
        assert self._doc is not None
        return bool(self._doc[i].is_stop)


def _short_form_of_name(surface: str, name: str) -> bool:
    """Whether `surface` is the last word of a person-like name of two or three capitalized
    words ("Hopkins" of "David Hopkins", "Bell" of "Tyrise M. Bell"); not of a longer title or
    a name run into other words ("Trump - Wisconsin")."""
    words = name.split()
    return (
        1 < len(words) <= 3
        and words[-1] == surface
        and all(w[:1].isupper() and w.replace(".", "").replace("'", "").isalpha() for w in words)
    )


def _big_town_spelling(found: Sequence[Candidate]) -> bool:
    """Whether the gazetteer's entries of a name hold another spelling of a town of
    `gazetteer_min_city` people or more, the only place of that name ("Khan Yunis" written
    with another vowel): a romanization, not a person's name that a small village's
    alternate names happen to hold (wave 9b)."""
    c = found[0] if len(found) == 1 else None
    return (
        c is not None
        and c.match == "alt"
        and c.fcode in ("PPL", "PPLA", "PPLC")
        and c.population >= GAZETTEER_MIN_CITY
    )


def _without_namesakes(text: str, toponyms: list[Toponym]) -> list[Toponym]:
    """The toponyms without the mentions that name something else after a place ("Kuwait
    Roundabout", "Damascus Gate": `place_namesakes.yaml`), and without the toponyms left with
    no mention; nor a bare noun of places ("Valley" of "the Kanawha Valley" is no mention of
    The Valley, Anguilla)."""
    kept: list[Toponym] = []
    for top in toponyms:
        top.spans = [
            (s, e)
            for s, e in top.spans
            if named_after(text, e) is None and not generic_place_word(text[s:e])
        ]
        if top.spans:
            kept.append(top)
    return kept

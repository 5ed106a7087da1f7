"""Where an event happened: the place attached to it, else the nearest in its sentence, the
dateline, the document focus.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Literal, NamedTuple

from spacy.tokens import Doc, Span

from dossier.knowledge.namesakes import named_after
from dossier.knowledge.resources import load_yaml
from dossier.nlp import event_args as args
from dossier.nlp.events.docinfo import DocInfo, doc_info
from dossier.nlp.events.match import Trigger
from dossier.nlp.state import Analysis, Mention
from dossier.nlp.tokens import TokenTable, token_table


@cache
def event_place_preps() -> frozenset[str]:
    """Prepositions whose place object is where an event happened (`events/_shared.yaml`)."""
    return frozenset(load_yaml("events/_shared.yaml").get("event_place_preps") or [])


# modifiers of a prepositional object that may name the place it stands for: "in the Idlib
# countryside" (compound), "in Syria's Idlib province" (compound before poss: the narrower place)
_PHRASE_MODS = ("compound", "nmod", "poss")

PlaceBasis = Literal["attached", "sentence", "dateline", "focus"]


class PlaceChoice(NamedTuple):
    """An event's place, why it was chosen (`basis`, a value to branch on) and the reason
    as text for the event's `rule`."""

    place: str | None
    basis: PlaceBasis | None
    reason: str


_NO_PLACE = PlaceChoice(None, None, "")


def place_of(
    state: Analysis, doc: Doc, sent: Span, trig: Trigger, used: set[str], focus: str | None
) -> PlaceChoice:
    """The event's place: the place syntactically attached to it ("in/near/at X", "in X's Y
    district", "in the X governorate", "in the town of X"), else the nearest place of its
    sentence that is not an actor's own, else the dateline, else the document focus."""
    if not state.places:
        return _NO_PLACE
    info = doc_info(doc)
    if info.char_place is None:
        info.char_place = {}
        doc_text = info.table.text
        for place_id, place in state.places.items():
            for m in place.mentions:
                # "Pakistan Air Force": the force's country, not where it acts
                # (knowledge/data/place_namesakes.yaml)
                if named_after(doc_text, m.end, "not_event_place") is None:
                    info.char_place[m.start] = place_id
    char_place = info.char_place
    token_mention = state.token_mention
    entities = state.entities
    idx = info.table.idx

    def place_at_i(i: int) -> str | None:
        mention = token_mention.get(i)
        if mention is not None:
            ent = entities.get(mention.entity)
            if ent is not None and ent.place:
                return ent.place
            return char_place.get(mention.start)
        return char_place.get(idx[i])

    heads = [trig.head.i] + ([trig.noun.i] if trig.noun is not None else [])
    px = token_table(doc)
    dep = px.dep
    heads += [c for h in list(heads) for c in px.kids[h] if dep[c] in args.OBJ_DEPS]
    for head in heads:
        for prep, pobj in args.prep_object_ids(px, head, event_place_preps()):
            found = _phrase_place(px, pobj, place_at_i)
            if found:
                pid, at = found
                words = px.words[pobj] if at == pobj else f"{px.words[at]} {px.words[pobj]}"
                return PlaceChoice(
                    pid, "attached", f"place: '{prep} {words}' attached to the event"
                )
    # the nearest place named in the sentence that is not an actor's own
    # (the places named in a sentence change only when a mention is added: cached until then)
    near = [
        (abs(i - trig.head.i), i, pid)
        for i, pid in _places_in(info, token_mention, sent, place_at_i)
        if pid not in used
    ]
    if near:
        return PlaceChoice(min(near)[2], "sentence", "place: the nearest named in the sentence")
    n = len(px.kids)
    if n:
        text = px.words
        for i in range(min(4, args.sentence_end(doc[0]) + 1, n)):
            if i + 1 < n and text[i + 1] in {":", "—", "–", "-", "("}:
                dateline = place_at_i(i)
                if dateline:
                    return PlaceChoice(dateline, "dateline", "place: dateline")
    if focus:
        return PlaceChoice(focus, "focus", "place: document focus (most mentioned place)")
    return _NO_PLACE


def _phrase_place(
    px: TokenTable, pobj: int, place_at: Callable[[int], str | None]
) -> tuple[str, int] | None:
    """The place a prepositional object names: itself, else a modifier of it ("the Idlib
    countryside", "Syria's Idlib province": compound before possessor), else the object of
    its "of" ("the town of X"); with the token that names it."""
    pid = place_at(pobj)
    if pid:
        return pid, pobj
    kids, dep = px.kids[pobj], px.dep
    for wanted in _PHRASE_MODS:
        for c in kids:
            if dep[c] == wanted and (pid := place_at(c)):
                return pid, c
    for c in kids:
        if dep[c] == "prep" and px.lower[c] == "of":
            for g in px.kids[c]:
                if dep[g] == "pobj" and (pid := place_at(g)):
                    return pid, g
    return None


def _places_in(
    info: DocInfo,
    token_mention: dict[int, Mention],
    sent: Span,
    place_at: Callable[[int], str | None],
) -> list[tuple[int, str]]:
    """(token, `place_at(token)`) for the tokens of `sent` that name a place, in text order.
    Only tokens in a mention or at the start of a place mention can: those are looked at,
    and the answer is kept until the next mention is added."""
    version = len(token_mention)
    cached = info.sentence_places.get(sent.start)
    if cached is not None and cached[0] == version:
        return cached[1]
    if info.place_tokens[0] != version:
        assert info.char_place is not None
        idx, n = info.table.idx, info.table.n
        starts = {i for c in info.char_place if (i := bisect_left(idx, c)) < n and idx[i] == c}
        info.place_tokens = (version, sorted(starts.union(token_mention)))
    tokens = info.place_tokens[1]
    lo, hi = bisect_left(tokens, sent.start), bisect_left(tokens, sent.end)
    named = [(i, pid) for i in tokens[lo:hi] if (pid := place_at(i))]
    info.sentence_places[sent.start] = (version, named)
    return named


def focus_place(state: Analysis) -> str | None:
    counts = Counter({pid: len(p.mentions) for pid, p in state.places.items()})
    if not counts:
        return None
    (pid, n), *rest = [*counts.most_common(2), ("", 0)]
    return pid if n >= 2 and n > rest[0][1] else None


def locate_groups(state: Analysis, ids: list[str], place_id: str) -> None:
    """Collective actors without a country ("rebels", "refugees") acting in a place of the
    event's own clause take that place's country, as CAMEO codes local actors."""
    place = state.places.get(place_id)
    if place is None or not place.country:
        return
    for i in ids:
        ent = state.entities.get(i)
        if ent is not None and ent.type == "GROUP" and ent.country is None:
            ent.country = place.country
            ent.rule.append(f"events: country of the place it acts in ({place.name})")

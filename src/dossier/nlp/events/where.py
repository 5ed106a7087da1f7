"""Where an event happened: a place in its clause, else in its sentence, the dateline, the
document focus.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Span

from dossier.nlp import event_args as args
from dossier.nlp.events.docinfo import DocInfo, doc_info
from dossier.nlp.events.match import Trigger
from dossier.nlp.state import Analysis, Mention
from dossier.nlp.tokens import token_table

_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "across", "outside", "from", "over"})


def place_of(
    state: Analysis, doc: Doc, sent: Span, trig: Trigger, used: set[str], focus: str | None
) -> tuple[str | None, str, bool]:
    """(place id, reason, whether it is in the event's own clause): the place in the clause,
    else the sentence, dateline, focus."""
    if not state.places:
        return None, "", False
    info = doc_info(doc)
    if info.char_place is None:
        info.char_place = {}
        for place_id, place in state.places.items():
            for m in place.mentions:
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
        for prep, pobj in args.prep_object_ids(px, head, _PLACE_PREPS):
            pid = place_at_i(pobj)
            if pid:
                return pid, f"place: '{prep} {px.words[pobj]}' in the event clause", True
    # the first place named in the sentence that is not an actor's own
    # (the places named in a sentence change only when a mention is added: cached until then)
    for pid in _places_in(info, token_mention, sent, place_at_i):
        if pid not in used:
            return pid, "place: named in the sentence", False
    n = len(px.kids)
    if n:
        text = px.words
        for i in range(min(4, args.sentence_end(doc[0]) + 1, n)):
            if i + 1 < n and text[i + 1] in {":", "—", "–", "-", "("}:
                pid = place_at_i(i)
                if pid:
                    return pid, "place: dateline", False
    if focus:
        return focus, "place: document focus (most mentioned place)", False
    return None, "", False


def _places_in(
    info: DocInfo,
    token_mention: dict[int, Mention],
    sent: Span,
    place_at: Callable[[int], str | None],
) -> list[str]:
    """`place_at(i)` of the tokens of `sent` that name a place, in text order. Only tokens in
    a mention or at the start of a place mention can: those are looked at, and the answer is
    kept until the next mention is added."""
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
    named = [pid for pid in map(place_at, tokens[lo:hi]) if pid]
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

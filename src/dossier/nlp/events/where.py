"""Where an event happened: the place attached to it (the narrowest), else the nearest in its
sentence, the dateline, the document focus, the nearest in the sentences before, the first in
the sentence after.
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
from dossier.nlp.events.lexicon import lexicon
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

PlaceBasis = Literal["attached", "sentence", "dateline", "preceding", "focus", "following"]

# how specific a place kind is (lower: narrower): a town over its province over its country
_SPECIFICITY = {"city": 0, "other": 1, "admin": 2, "region": 3, "country": 4}
# a narrower place of the phrase lies in the wider one: the same country and, under a
# province or region, this close to its point
_WITHIN_KM = 250.0
# the links that stay inside a place phrase ("in Syria near the town of X", "in Y province's X
# district", "in Y, X district"): not clauses ("in Syria, where officials in Damascus said")
# nor coordinated places ("in Syria and Iraq")
_PHRASE_DEPS = frozenset({"prep", "pobj", "appos", "compound", "poss", "nmod", "npadvmod"})
_DATELINE_MARKS = frozenset({":", "—", "–", "-", "("})
# how many sentences back a place named before the event may still be where it happened
_PRECEDING_SENTENCES = 2


class PlaceChoice(NamedTuple):
    """An event's place, why it was chosen (`basis`, a value to branch on) and the reason
    as text for the event's `rule`."""

    place: str | None
    basis: PlaceBasis | None
    reason: str


_NO_PLACE = PlaceChoice(None, None, "")


def place_of(
    state: Analysis,
    doc: Doc,
    sent: Span,
    trig: Trigger,
    used: set[str],
    focus: str | None,
    material: bool = False,
) -> PlaceChoice:
    """The event's place: the place syntactically attached to it ("in/near/at X", "in X's Y
    district", "in the X governorate", "in the town of X"; for a material event also its
    object, "shelled X"), the narrowest when several are (a town over its province over its
    country, also a town named inside the attached phrase: "in Syria, near X"); else the
    nearest place of its sentence that is not an actor's own; else the dateline; else the
    document focus; else the nearest place of the two sentences before (not an actor's
    own)."""
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
    objects = [c for h in list(heads) for c in px.kids[h] if dep[c] in args.OBJ_DEPS]
    heads += objects
    attached: list[tuple[str, int, str]] = []  # (place id, phrase token, words)
    for head in heads:
        for prep, pobj in args.prep_object_ids(px, head, event_place_preps()):
            found = _phrase_place(px, pobj, place_at_i)
            if found:
                pid, at = found
                words = px.words[pobj] if at == pobj else f"{px.words[at]} {px.words[pobj]}"
                attached.append((pid, pobj, f"'{prep} {words}'"))
    if material:
        # "shelled Kharkiv", "captured the town of X": the object of a material event is
        # where it happened, when it is a town or a division (a country object acts)
        for obj in objects:
            found = _phrase_place(px, obj, place_at_i)
            if found and _kind(state, found[0]) != "country":
                attached.append((found[0], obj, f"object '{px.words[found[1]]}'"))
    if attached:
        rank = {pid: n for n, (pid, _, _) in reversed(list(enumerate(attached)))}
        pid, phrase, words = min(attached, key=lambda a: (_rank(state, a[0]), rank[a[0]]))
        narrower = _narrower_in(state, px, phrase, pid, place_at_i) or _town_in_sentence(
            state, info, token_mention, px, sent, pid, place_at_i, used
        )
        if narrower is not None:
            return PlaceChoice(
                narrower[0],
                "attached",
                f"place: '{px.words[narrower[1]]}' inside {words} attached to the event",
            )
        return PlaceChoice(pid, "attached", f"place: {words} attached to the event")
    # the nearest place named in the sentence that is not an actor's own
    # (the places named in a sentence change only when a mention is added: cached until then)
    # an actor's place is left out where it acts ("Kenya and Somalia signed"), not where the
    # sentence says the event happened at it ("protested ... in Rabat", "strikes on targets
    # in southern Lebanon"), nor a town or division a material event hit ("shelling of X")
    near = [
        (abs(i - trig.head.i), i, pid)
        for i, pid in _places_in(info, token_mention, sent, place_at_i)
        if pid not in used
        or _in_locative_phrase(px, i)
        or (material and _kind(state, pid) != "country" and not _dateline_at(px, i))
    ]
    if near:
        return PlaceChoice(min(near)[2], "sentence", "place: the nearest named in the sentence")
    for i in _dateline_tokens(info):
        dateline = place_at_i(i)
        if dateline:
            return PlaceChoice(dateline, "dateline", "place: dateline")
    if focus:
        return PlaceChoice(focus, "focus", "place: document focus (most mentioned place)")
    before = _preceding_place(info, token_mention, doc, sent, place_at_i, used)
    if before is not None:
        return PlaceChoice(before, "preceding", "place: the nearest named in the sentences before")
    after = _following_place(info, token_mention, doc, sent, place_at_i, used)
    if after is not None:
        return PlaceChoice(after, "following", "place: the first named in the sentence after")
    return _NO_PLACE


def _dateline_tokens(info: DocInfo) -> list[int]:
    """The tokens of the first sentence that open the document before a dateline mark (found
    once per document)."""
    if info.dateline_tokens is None:
        px = info.table
        n = px.n
        last = px.sent_bounds(0)[1] - 1 if n else -1  # the first sentence's last token
        info.dateline_tokens = [i for i in range(min(4, last + 1, n)) if _dateline_at(px, i)]
    return info.dateline_tokens


def _dateline_at(px: TokenTable, i: int) -> bool:
    """Whether token `i` opens the document before a dateline mark ("BAGHDAD -")."""
    return i < 4 and i + 1 < len(px.words) and px.words[i + 1] in _DATELINE_MARKS


def _in_locative_phrase(px: TokenTable, i: int) -> bool:
    """Whether token `i` names the object of a locative preposition, itself or as a modifier
    of it ("in Rabat", "across northern France", "in the Idlib countryside")."""
    head, dep = px.head, px.dep
    for _ in range(3):
        if dep[i] == "pobj":
            return px.lower[head[i]] in event_place_preps()
        if dep[i] not in _PHRASE_MODS and dep[i] not in ("amod", "appos"):
            return False
        i = head[i]
    return False


def _kind(state: Analysis, pid: str) -> str:
    place = state.places.get(pid)
    return place.kind if place is not None else "other"


def _rank(state: Analysis, pid: str) -> int:
    return _SPECIFICITY.get(_kind(state, pid), 1)


def _inside(state: Analysis, inner: str, outer: str) -> bool:
    """Whether place `inner` is narrower than `outer` and lies in it: a town in the country,
    a town or province near the point of a province or region."""
    a, b = state.places.get(inner), state.places.get(outer)
    if a is None or b is None or a.id == b.id:
        return False
    if _SPECIFICITY.get(a.kind, 1) >= _SPECIFICITY.get(b.kind, 1):
        return False
    if b.kind == "country":
        return a.country == b.country
    from dossier.knowledge.gazetteer import haversine_km

    return (a.country == b.country or not b.country) and haversine_km(
        a.lat, a.lon, b.lat, b.lon
    ) <= _WITHIN_KM


def _narrower_in(
    state: Analysis, px: TokenTable, phrase: int, pid: str, place_at: Callable[[int], str | None]
) -> tuple[str, int] | None:
    """The narrowest place named inside the attached phrase (the prepositional object's own
    words and what hangs on them: "in Syria near the town of X", "in Y province, X
    district") that lies in `pid`, with its token."""
    if _rank(state, pid) == 0:
        return None
    best: tuple[int, int, str] | None = None
    dep = px.dep
    stack = [c for c in px.kids[phrase] if dep[c] in _PHRASE_DEPS]
    while stack:
        t = stack.pop()
        stack.extend(c for c in px.kids[t] if dep[c] in _PHRASE_DEPS)
        inner = place_at(t)
        if inner and _inside(state, inner, pid):
            key = (_rank(state, inner), t, inner)
            best = key if best is None or key < best else best
    return (best[2], best[1]) if best is not None else None


def _town_in_sentence(
    state: Analysis,
    info: DocInfo,
    token_mention: dict[int, Mention],
    px: TokenTable,
    sent: Span,
    pid: str,
    place_at: Callable[[int], str | None],
    used: set[str],
) -> tuple[str, int] | None:
    """A town named elsewhere in the sentence after a locative preposition, not an actor's
    own, that lies in the attached division `pid` ("killed near X in Y's Z district": X in
    Z), with its token: the narrowest place the sentence gives (issue 13, wave 7). Only
    under a province or district, never a country."""
    if _kind(state, pid) != "admin":
        return None
    for i, inner in _places_in(info, token_mention, sent, place_at):
        if (
            inner not in used
            and _kind(state, inner) == "city"
            and _in_locative_phrase(px, i)
            and _inside(state, inner, pid)
        ):
            return inner, i
    return None


def _preceding_place(
    info: DocInfo,
    token_mention: dict[int, Mention],
    doc: Doc,
    sent: Span,
    place_at: Callable[[int], str | None],
    used: set[str],
) -> str | None:
    """The last place named in the two sentences before `sent` (the event goes on where the
    story was), not one of the event's actors."""
    start = sent.start
    for _ in range(_PRECEDING_SENTENCES):
        if start <= 0:
            return None
        a, b = info.table.sent_bounds(start - 1)
        named = _unused_places(info, token_mention, doc[a:b], place_at, used)
        if named:
            return named[-1]
        start = a
    return None


def _following_place(
    info: DocInfo,
    token_mention: dict[int, Mention],
    doc: Doc,
    sent: Span,
    place_at: Callable[[int], str | None],
    used: set[str],
) -> str | None:
    """The first place named in the sentence right after `sent`, not one of the event's
    actors: a report that tells what happened first and where next ("Gunmen killed a
    councillor. The shooting happened in X.")."""
    if sent.end >= len(doc):
        return None
    a, b = info.table.sent_bounds(sent.end)
    named = _unused_places(info, token_mention, doc[a:b], place_at, used)
    return named[0] if named else None


def _unused_places(
    info: DocInfo,
    token_mention: dict[int, Mention],
    span: Span,
    place_at: Callable[[int], str | None],
    used: set[str],
) -> list[str]:
    """The places named in `span`, in order, that are not one of the event's actors."""
    return [pid for _, pid in _places_in(info, token_mention, span, place_at) if pid not in used]


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
    # "in a village near X", "at a checkpoint outside X": the place the object lies by
    for c in kids:
        if dep[c] == "prep" and px.lower[c] in lexicon().place_lies_by:
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
        if info.place_starts is None:
            # the tokens that start a place mention do not change: found once per document
            assert info.char_place is not None
            idx, n = info.table.idx, info.table.n
            info.place_starts = frozenset(
                i for c in info.char_place if (i := bisect_left(idx, c)) < n and idx[i] == c
            )
        info.place_tokens = (version, sorted(info.place_starts.union(token_mention)))
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


def locate_groups(
    state: Analysis, ids: list[str], place_id: str, *, local_only: bool = False
) -> None:
    """Collective actors without a country ("rebels", "refugees") acting in a place of the
    event's own clause take that place's country, as CAMEO codes local actors. With
    `local_only` (a place named elsewhere in the sentence) only a town or a division counts:
    a country named in a sentence is as often what is acted upon ("aid for Poland")."""
    place = state.places.get(place_id)
    if place is None or not place.country:
        return
    if local_only and _kind(state, place_id) == "country":
        return
    for i in ids:
        ent = state.entities.get(i)
        if ent is not None and ent.type == "GROUP" and ent.country is None and ent.code is None:
            # (a code says more than a country: "UN troops" are IGO wherever they are)
            ent.country = place.country
            ent.rule.append(f"events: country of the place it acts in ({place.name})")

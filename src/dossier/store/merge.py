"""Cross-document merging rules: which rows of different articles are the same thing.

Actors
    One row per real actor. The key is ``kb:<kb_id>`` when the entity is linked to the actor
    knowledge base, else ``name:<normalized name>|<country>`` (case, accents, punctuation
    and a leading "the" ignored; the ISO3 country keeps "Ministry of Defence" of two states
    apart). All mentions are kept in ``actor_mentions``.

Places
    ``gn:<geonameid>`` when the gazetteer gave one, else ``name:<normalized>|<country>``.

Events (the rule that makes ``events`` and ``event_mentions``, like GDELT's Mentions table)
    A new event mention joins an existing event when all of these hold:

    1. same PLOVER type, and the same ``negated`` and ``hypothetical`` flags;
    2. dates within one day (the event's date, else the article's publication date); a
       mention with no date at all never joins: it starts its own event;
    3. actors overlap: the source sets share an actor or one of them is empty, the target
       sets share an actor or one of them is empty, and at least one actor is shared in the
       same role (so "A struck B" and "B struck A" stay apart, and two events with no
       known actors never merge);
    4. compatible places: either is unknown, or they are the same place, or one is a country
       and the other lies in that country;
    5. the event has no mention from the same document yet (the analyser already decided
       what is one event inside an article).

    Among several candidates the one sharing the most actors wins, then the nearest date,
    then the oldest. Actors of the joining mention are added to the event (union).

Relations
    Every factual (not negated, not hypothetical) event adds, for each source x target pair,
    one to the pair's ``interaction`` relation and to its month in ``relation_periods``, as
    cooperation (quad classes 1-2) or conflict (3-4); the quad class is the event's own,
    else its PLOVER type's in the ontology (knowledge/data/plover.yaml). Typed ties from the records
    (``ally``, ``proxy`` ...) add evidence to the relation of that type. A relation's weight
    is its number of events plus its number of evidence items.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dossier.store.limits import bounded_key

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(the|al)\s+")

MERGE_WINDOW = timedelta(days=1)


def normalize_name(name: str) -> str:
    """Casefolded, accents and punctuation removed, spaces collapsed, no leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCT.sub(" ", text.casefold().replace("’", "'").replace("'s ", " "))
    text = _SPACE.sub(" ", text).strip()
    return _ARTICLE.sub("", text) or text


def actor_key(name: str, country: str | None, kb_id: str | None) -> str:
    if kb_id:
        return bounded_key(f"kb:{kb_id}")
    return bounded_key(f"name:{normalize_name(name)}|{(country or '').upper()}")


def place_key(name: str, country: str | None, geonameid: int | None) -> str:
    if geonameid is not None:
        return f"gn:{geonameid}"
    return bounded_key(f"name:{normalize_name(name)}|{(country or '').upper()}")


_QUAD_WORDS = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}


def quad_class(value: Any) -> int | None:
    """1-4 from the event's quad_class in any usual spelling ("4", 4, "material_conflict")."""
    if value is None:
        return None
    if isinstance(value, int) and 1 <= value <= 4:
        return value
    text = str(value).strip().lower().replace("_", " ").replace("-", " ")
    if text.isdigit() and 1 <= int(text) <= 4:
        return int(text)
    text = _SPACE.sub(" ", text)
    return _QUAD_WORDS.get(text)


def event_quad(event_type: str, value: Any) -> int | None:
    """The event's own quad class, else the one its PLOVER type has in the ontology."""
    quad = quad_class(value)
    if quad is not None:
        return quad
    from dossier.knowledge.ontology import ontology

    try:
        return quad_class(ontology().quad_class(event_type))
    except Exception:  # a broken user ontology file must not stop storing
        return None


def is_cooperation(quad: int | None) -> bool:
    return quad in (1, 2)


def is_conflict(quad: int | None) -> bool:
    return quad in (3, 4)


def parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class PlaceInfo:
    id: int
    country: str | None
    kind: str | None


@dataclass
class EventShape:
    """What the rule compares: a stored event, or a new mention."""

    type: str
    day: date | None
    sources: set[int] = field(default_factory=set)
    targets: set[int] = field(default_factory=set)
    place: PlaceInfo | None = None
    negated: bool = False
    hypothetical: bool = False


def _sides_overlap(a: set[int], b: set[int]) -> bool:
    return not a or not b or bool(a & b)


def places_compatible(a: PlaceInfo | None, b: PlaceInfo | None) -> bool:
    if a is None or b is None or a.id == b.id:
        return True
    if a.kind == "country" and b.country and a.country == b.country:
        return True
    return bool(b.kind == "country" and a.country and a.country == b.country)


def shared_actors(a: EventShape, b: EventShape) -> int:
    return len(a.sources & b.sources) + len(a.targets & b.targets)


def same_event(stored: EventShape, new: EventShape) -> str | None:
    """The reason `new` is a mention of `stored`, or None when the rule says they differ."""
    if stored.type != new.type:
        return None
    if stored.negated != new.negated or stored.hypothetical != new.hypothetical:
        return None
    if stored.day is None or new.day is None or abs(stored.day - new.day) > MERGE_WINDOW:
        return None
    if not (
        _sides_overlap(stored.sources, new.sources) and _sides_overlap(stored.targets, new.targets)
    ):
        return None
    shared = shared_actors(stored, new)
    if shared == 0:
        return None
    if not places_compatible(stored.place, new.place):
        return None
    gap = abs((stored.day - new.day).days)
    place = "place unknown" if stored.place is None or new.place is None else "compatible place"
    return (
        f"same type {new.type}, {shared} shared actor(s) in the same role, "
        f"dates {gap} day(s) apart, {place}"
    )

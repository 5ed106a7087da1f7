"""Turn a processed spaCy Doc's working state into the public analysis record."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from dossier.nlp.state import EntityState, doc_text, get_state
from dossier.record import Record


def entity_data(text: str, ent: EntityState) -> dict[str, Any]:
    """The fields of the record's `Entity`, validated with the whole `Record` (one call
    into pydantic's validator per record, not one per entity and mention)."""
    mentions = sorted(ent.mentions, key=lambda m: (m.start, m.end))
    return {
        "id": ent.id,
        "name": ent.name,
        "type": ent.type,
        "mentions": [
            {"start": m.start, "end": m.end, "text": text[m.start : m.end]} for m in mentions
        ],
        "mention_kinds": [m.kind for m in mentions],
        "country": ent.country,
        "sector": ent.sector,
        "actor_code": ent.actor_code,
        "kb_id": ent.kb_id,
        "place": ent.place,
        "role": ent.role,
        "rule": "; ".join(ent.rule),
    }


def build_record(doc: Doc, *, doc_id: str, published: str | None = None) -> Record:
    state = get_state(doc)
    text = doc_text(doc)
    entities = sorted(
        (e for e in state.entities.values() if e.mentions), key=lambda e: e.first_mention().start
    )
    return Record.model_validate(
        {
            "id": doc_id,
            "published": published,
            "entities": [entity_data(text, e) for e in entities],
            "statements": list(state.statements),
            "events": list(state.events),
            "places": sorted(
                state.places.values(), key=lambda p: p.mentions[0].start if p.mentions else 0
            ),
            "relations": list(state.relations),
            "warnings": list(state.warnings),
        }
    )

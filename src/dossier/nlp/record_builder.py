"""Turn a processed spaCy Doc's working state into the public analysis record."""

from __future__ import annotations

from spacy.tokens import Doc

from dossier.nlp.state import EntityState, doc_text, get_state
from dossier.record import Entity, Record, Span


def entity_record(text: str, ent: EntityState) -> Entity:
    mentions = sorted(ent.mentions, key=lambda m: (m.start, m.end))
    return Entity(
        id=ent.id,
        name=ent.name,
        type=ent.type,
        mentions=[Span.of(text, m.start, m.end) for m in mentions],
        mention_kinds=[m.kind for m in mentions],
        country=ent.country,
        sector=ent.sector,
        actor_code=ent.actor_code,
        kb_id=ent.kb_id,
        place=ent.place,
        role=ent.role,
        rule="; ".join(ent.rule),
    )


def build_record(doc: Doc, *, doc_id: str, published: str | None = None) -> Record:
    state = get_state(doc)
    text = doc_text(doc)
    entities = sorted(
        (e for e in state.entities.values() if e.mentions), key=lambda e: e.first_mention().start
    )
    return Record(
        id=doc_id,
        published=published,
        entities=[entity_record(text, e) for e in entities],
        statements=list(state.statements),
        events=list(state.events),
        places=sorted(
            state.places.values(), key=lambda p: p.mentions[0].start if p.mentions else 0
        ),
        relations=list(state.relations),
        warnings=list(state.warnings),
    )

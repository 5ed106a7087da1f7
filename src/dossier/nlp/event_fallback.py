"""Minimal entities from spaCy's named entities, for the events component run on its own
(no entity component before it)."""

from __future__ import annotations

from spacy.tokens import Doc

from dossier.knowledge.countries import country_index
from dossier.nlp.event_args import country_of_token
from dossier.nlp.state import Analysis, EntityState, Mention


def fallback_entities(doc: Doc, state: Analysis) -> None:
    """Minimal entities from spaCy's named entities when no entity component ran.

    Used only when the state holds no entity at all (the events component run on its own);
    the project's entity component does this properly.
    """
    from dossier.knowledge.actors import actor_kb

    index = country_index()
    kb = actor_kb()
    by_name: dict[str, EntityState] = {}
    for span in doc.ents:
        if span.label_ not in {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}:
            continue
        text = span.text
        if text.lower().startswith("the "):
            span = span[1:]
            text = span.text
        if not text:
            continue
        country = index.lookup(text) or index.demonym(text)
        sector = None
        metonym = index.metonym(text)
        if metonym:
            country, sector = metonym
        kb_id = None
        actor = kb.lookup(text)
        if actor is not None:
            a_country, a_sector, _ = actor.coding_on(state.published)
            country = country or a_country
            sector = sector or a_sector
            kb_id = getattr(actor, "id", None)
        if country is None:
            for tok in span.root.lefts:
                if tok.i < span.start:
                    country = country_of_token(tok)
                    if country:
                        break
            if country is None:
                for tok in span:
                    country = country_of_token(tok)
                    if country:
                        break
        type_ = "GPE" if span.label_ == "NORP" and country and index.lookup(text) else span.label_
        key = (country or text) if span.label_ in {"GPE", "NORP"} and country else text
        ent = by_name.get(key)
        if ent is None:
            ent = state.new_entity(text, type_, country=country, sector=sector, kb_id=kb_id)
            ent.rule.append("events fallback: spaCy named entity")
            by_name[key] = ent
        state.add_mention(
            ent,
            Mention(
                start=span.start_char,
                end=span.end_char,
                tok_start=span.start,
                tok_end=span.end,
                kind="demonym" if span.label_ == "NORP" else "name",
                head=span.root.i,
            ),
        )

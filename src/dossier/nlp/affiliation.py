"""The `dossier_affiliation` component: countries for actors the text ties to one indirectly.

Runs after places (so cities know their country) and before statements and events. For each
person, organisation or group that still has no country, the first rule that applies wins:

1. **modifier**: a possessive or compound modifier that is itself a coded entity
   ("EU foreign ministers" -> IGO code, "Iraq's interim government" -> IRQ);
2. **located in**: a locative "in X" / "from X" attached to the mention, X a place or country
   ("opposition groups in Zimbabwe", "demonstrators in Baghdad");
3. **document focus**: for people and for actors with a sector (role-noun groups), the
   document's dominant country when it holds at least 60% of the country evidence (every
   mention of a place or country, and each actor already coded with a country, once)
   ("President Levy Mwanawasa ... the Zambian people").

Each assignment is written to the entity's `rule`.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Token

from dossier.knowledge.gazetteer import place_words
from dossier.nlp.state import Analysis, EntityState, get_state

ACTOR_TYPES = {"PERSON", "ORG", "GROUP", "NORP"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
FOCUS_SHARE = 0.6


class AffiliationComponent:
    def __init__(self, nlp: Language, name: str = "dossier_affiliation") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        focus = focus_country(state)
        for ent in list(state.entities.values()):
            if ent.country or ent.code or ent.type not in ACTOR_TYPES:
                continue
            modifier = _modifier_entity(doc, state, ent)
            if modifier is not None:
                ent.country, ent.code = modifier.country, modifier.code
                ent.rule.append(
                    f"modifier {modifier.name!r} -> {modifier.country or modifier.code}"
                )
                continue
            place = _located_in(doc, state, ent)
            if place is not None:
                ent.country = place.country
                ent.rule.append(f"located in {place.name!r} -> {place.country}")
                continue
            if focus and (ent.sector or ent.type == "PERSON") and ent.sector not in ("IGO", "NGO"):
                ent.country = focus
                ent.rule.append(f"document focus country {focus} (>= {FOCUS_SHARE:.0%} of places)")
        return doc


def focus_country(state: Analysis) -> str | None:
    """The country holding at least FOCUS_SHARE of all place and country mentions."""
    counts: Counter[str] = Counter()
    for ent in state.entities.values():
        if ent.country and len(ent.country) == 3:
            # places count every mention; actors coded with a country count once
            counts[ent.country] += len(ent.mentions) if ent.type in PLACE_TYPES else 1
    total = sum(counts.values())
    if not total:
        return None
    country, count = counts.most_common(1)[0]
    return country if count / total >= FOCUS_SHARE else None


def _heads(doc: Doc, ent: EntityState) -> list[Token]:
    return [doc[m.head] for m in ent.mentions if m.head >= 0 and m.kind != "pronoun"]


def _modifier_entity(doc: Doc, state: Analysis, ent: EntityState) -> EntityState | None:
    for head in _heads(doc, ent):
        for child in head.children:
            if child.dep_ not in ("poss", "compound", "nmod", "amod"):
                continue
            other = state.entity_at(child)
            if (
                other is not None
                and other.id != ent.id
                and (other.country or other.code)
                and (other.type in PLACE_TYPES or (other.type == "ORG" and other.code))
            ):
                return other
    return None


def _located_in(doc: Doc, state: Analysis, ent: EntityState) -> EntityState | None:
    for head in _heads(doc, ent):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in place_words("origin_prepositions"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                other = state.entity_at(obj)
                if other is not None and other.type in PLACE_TYPES and other.country:
                    return other
    return None


@Language.factory("dossier_affiliation")
def make_affiliation(nlp: Language, name: str) -> AffiliationComponent:
    return AffiliationComponent(nlp, name)

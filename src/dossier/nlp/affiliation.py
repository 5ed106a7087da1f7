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
   ("President Levy Mwanawasa ... the Zambian people"); not when every place of that
   country is named only in the actor's own predicates, as what the actor acts upon
   ("President X imposed sanctions on Cuba": Cuba is X's target, not X's country).

Each assignment is written to the entity's `rule`.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Token

from dossier.knowledge.gazetteer import place_words
from dossier.nlp.state import PLACE_TYPES, Analysis, EntityState, get_state

ACTOR_TYPES = {"PERSON", "ORG", "GROUP", "NORP"}
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
                if _focus_only_acted_upon(doc, state, ent, focus):
                    ent.rule.append(
                        f"no document focus: {focus} is named only as what it acts upon"
                    )
                    continue
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


_OBJECT_PATH = frozenset(
    {"dobj", "dative", "prep", "pobj", "compound", "amod", "poss", "conj", "appos", "relcl", "acl"}
)


def _focus_only_acted_upon(doc: Doc, state: Analysis, ent: EntityState, focus: str) -> bool:
    """Whether every mention of a place of the `focus` country is the object of an act that
    `ent` does to another party (`acted_upon_types` of events/_shared.yaml: "President X
    imposed sanctions on Cuba", "his forces shelled Syria"): the country an actor acts upon is
    no evidence of his own. Places only, and only objects of the actor's own verb (not a
    clause under it: "said his troops would defend Kenya")."""
    from dossier.nlp.events.lexicon import lexicon

    lex = lexicon()
    hostile = lex.acted_upon_types
    if not hostile:
        return False

    def is_hostile(verb: Token) -> bool:
        pat = lex.verbs.get(verb.lemma_.lower())
        if pat is not None and pat.type in hostile:
            return True
        for obj in verb.children:  # "imposed sanctions", "launched strikes"
            if obj.dep_ == "dobj":
                noun = lex.nouns.get(obj.lemma_.lower())
                if noun is not None and noun.type in hostile:
                    return True
        return False

    acts = [
        h.head
        for h in _heads(doc, ent)
        if h.dep_ == "nsubj" and h.head.pos_ == "VERB" and is_hostile(h.head)
    ]
    if not acts:
        return False
    act_ids = {v.i for v in acts}

    def acted_upon(tok: Token) -> bool:
        while tok.dep_ in _OBJECT_PATH and tok.head.i != tok.i:
            tok = tok.head
            if tok.i in act_ids:
                return True
        return False

    found = False
    for other in state.entities.values():
        if other.type not in PLACE_TYPES or other.country != focus:
            continue
        for m in other.mentions:
            if m.head < 0 or not acted_upon(doc[m.head]):
                return False
            found = True
    return found


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

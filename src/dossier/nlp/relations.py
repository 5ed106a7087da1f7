"""The ``dossier_relations`` component: standing ties between entities, with evidence.

Three sources, each named in the relation's `rule`:

1. Text: a role noun that links a named actor to another actor, by apposition or compound
   ("their closest proxy, Hezbollah", "their ally Bashar Assad", "Hezbollah leader Hassan
   Nasrallah", "a top commander of Iran's Armed Forces"). Words in ``events/_shared.yaml``
   (``relation_nouns``).
2. Events: real (not negated, not hypothetical) events between two actors (AID -> supplies;
   repeated AID/SUPPORT/COOPERATE -> ally; ASSAULT/COERCE -> adversary), per
   ``event_relations``.
3. The knowledge base: `ties` of linked actors whose tie target is also in the document.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from dossier.knowledge.resources import load_yaml
from dossier.nlp import event_args as args
from dossier.nlp.state import Analysis, EntityState, get_state
from dossier.nlp.tokens import token_table
from dossier.record import Relation


@dataclass(frozen=True)
class RelationWords:
    nouns: dict[str, str]
    symmetric: frozenset[str]
    event_rules: tuple[tuple[frozenset[str], str, int], ...]


@cache
def relation_words() -> RelationWords:
    data: dict[str, Any] = load_yaml("events/_shared.yaml")
    nouns = {str(k).lower(): str(v) for k, v in (data.get("relation_nouns") or {}).items()}
    rules = tuple(
        (frozenset(str(t) for t in r["types"]), str(r["relation"]), int(r.get("min", 1)))
        for r in data.get("event_relations") or []
    )
    return RelationWords(
        nouns=nouns,
        symmetric=frozenset(str(s) for s in data.get("symmetric_relations") or []),
        event_rules=rules,
    )


class _Collector:
    def __init__(self, words: RelationWords) -> None:
        self.words = words
        self.found: dict[tuple[str, str, str], Relation] = {}
        self.rules: dict[tuple[str, str, str], list[str]] = {}  # the rules joined in each `rule`

    def add(
        self, source: str, target: str, type_: str, evidence: str, rule: str, conf: float
    ) -> None:
        if source == target:
            return
        if type_ in self.words.symmetric and source > target:
            source, target = target, source
        key = (source, target, type_)
        rel = self.found.get(key)
        if rel is None:
            self.found[key] = Relation(
                source=source,
                target=target,
                type=type_,
                evidence=[evidence],
                rule=rule,
                confidence=conf,
            )
            self.rules[key] = [rule]
            return
        if evidence not in rel.evidence:
            rel.evidence.append(evidence)
        if rule not in self.rules[key]:
            self.rules[key].append(rule)
            rel.rule = "; ".join(self.rules[key])
        rel.confidence = round(min(0.99, max(rel.confidence, conf) + 0.05), 2)


def _owner_entities(state: Analysis, role: Token) -> list[EntityState]:
    """Whose role it is: the possessor ("their", "Iran's") or a modifier ("Hezbollah leader"),
    or an "of" phrase ("commander of Iran's Armed Forces")."""
    found: list[EntityState] = []
    for child in role.children:
        if child.dep_ == "poss":
            ids = args.tokens_entities(state, [child], create=False)
            found.extend(state.entities[i] for i in ids)
        elif child.dep_ in {"compound", "nmod", "amod"} and child.i < role.i:
            ent = state.entity_at(child)
            if ent is None:
                ent = next((state.entity_at(g) for g in child.subtree if state.entity_at(g)), None)
            if ent is not None:
                found.append(ent)
    if not found:
        for _, pobj in args.prep_objects(role, {"of"}):
            found.extend(args.np_entities(state, pobj, create=False))
    return found


def _named_entities(state: Analysis, role: Token) -> list[tuple[EntityState, Token]]:
    """The named actor the role noun describes: apposition either way, or the name the role
    noun modifies as a compound ("leader Hassan Nasrallah")."""
    out: list[tuple[EntityState, Token]] = []
    own = state.entity_at(role)
    for child in role.children:
        if child.dep_ == "appos":
            ent = state.entity_at(child)
            if ent is not None and ent is not own:
                out.append((ent, child))
    if role.dep_ == "appos":
        ent = state.entity_at(role.head)
        if ent is not None and ent is not own:
            out.append((ent, role.head))
    if role.dep_ == "compound" and role.head.pos_ == "PROPN":
        ent = state.entity_at(role.head)
        if ent is not None:
            out.append((ent, role.head))
    return out


def text_relations(doc: Doc, state: Analysis, out: _Collector) -> None:
    words = out.words
    px = token_table(doc)  # built by the events component for this document already
    for i, (pos, lemma) in enumerate(zip(px.pos, px.lemma, strict=True)):
        if pos not in {"NOUN", "PROPN"}:
            continue
        rel_type = words.nouns.get(lemma)
        if rel_type is None:
            continue
        tok = doc[i]
        named = _named_entities(state, tok)
        if not named:
            continue
        owners = _owner_entities(state, tok)
        for ent, name_tok in named:
            for owner in owners:
                if owner.id == ent.id:
                    continue
                lo, hi = min(tok.i, name_tok.i), max(tok.i, name_tok.i)
                lo = min([lo] + [c.i for c in tok.lefts])
                span = doc[lo : hi + 1]
                out.add(
                    ent.id,
                    owner.id,
                    rel_type,
                    f"chars:{span.start_char}-{span.end_char}",
                    f"text: '{tok.text}' links {ent.name} to {owner.name}",
                    0.75,
                )


def event_relations(state: Analysis, out: _Collector) -> None:
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for ev in state.events:
        if ev.negated or ev.hypothetical:
            continue
        for s in ev.source:
            for t in ev.target:
                if s != t:
                    pairs[(s, t)].append((ev.type, ev.id))
    for (s, t), evs in pairs.items():
        for types, rel_type, minimum in out.words.event_rules:
            matching = [eid for etype, eid in evs if etype in types]
            if len(matching) >= minimum:
                for eid in matching:
                    out.add(
                        s,
                        t,
                        rel_type,
                        eid,
                        f"events: {len(matching)} x {'/'.join(sorted(types))}",
                        min(0.9, 0.4 + 0.15 * len(matching)),
                    )


def kb_relations(state: Analysis, out: _Collector) -> None:
    try:
        from dossier.knowledge.actors import actor_kb

        kb = actor_kb()
    except Exception:  # no knowledge base: nothing to add
        return
    by_kb: dict[str, EntityState] = {e.kb_id: e for e in state.entities.values() if e.kb_id}
    if not by_kb:
        return
    actors = getattr(kb, "actors", None)
    for kb_id, ent in by_kb.items():
        actor = actors.get(kb_id) if isinstance(actors, dict) else None
        if actor is None:
            continue
        for tie in getattr(actor, "ties", []) or []:
            target_id = str(tie.get("target", ""))
            other = by_kb.get(target_id) or _country_entity(state, target_id)
            if other is not None:
                out.add(
                    ent.id,
                    other.id,
                    str(tie.get("type", "related")),
                    f"kb:{kb_id}",
                    f"knowledge base: {kb_id} {tie.get('type')} {tie.get('target')}",
                    0.8,
                )


def _country_entity(state: Analysis, kb_id: str) -> EntityState | None:
    """A KB tie target that is a country ("iran"): the document's entity for that country."""
    from dossier.knowledge.countries import country_index

    iso3 = country_index().lookup(kb_id.replace("-", " "))
    if iso3 is None:
        return None
    for ent in state.entities.values():
        if ent.type == "GPE" and ent.country == iso3:
            return ent
    return None


class RelationsComponent:
    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        out = _Collector(relation_words())
        text_relations(doc, state, out)
        event_relations(state, out)
        kb_relations(state, out)
        state.relations.extend(out.found.values())
        return doc


@Language.factory("dossier_relations")
def make_relations(nlp: Language, name: str) -> RelationsComponent:
    relation_words()
    return RelationsComponent()

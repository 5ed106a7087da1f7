"""The ``dossier_events`` spaCy component: per sentence, triggers -> arguments -> modality ->
the coded PLOVER event with its place, date and attribution.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from dossier.knowledge.ontology import ontology
from dossier.nlp import event_args as args
from dossier.nlp import event_fallback
from dossier.nlp.events.coding import (
    accusation,
    containing_statement,
    crowd_act,
    dedup,
    desired_of_other,
    drop_attack_parts,
    governing_speaker,
    instrument,
    labour_strike,
    object_is_people,
    obligation_args,
    obligation_modal,
    people_seized,
    protest_purpose,
    salience,
    share_sources,
)
from dossier.nlp.events.docinfo import doc_info, new_doc_info
from dossier.nlp.events.lexicon import Pattern, lexicon
from dossier.nlp.events.match import (
    Trigger,
    caused_by_other,
    find_triggers,
    has_question_complement,
    sentence_contexts,
)
from dossier.nlp.events.roles import Args, add_ids, noun_args, verb_args
from dossier.nlp.events.state_forces import state_forces
from dossier.nlp.events.where import focus_place, locate_groups, place_of
from dossier.nlp.modality import (
    Modality,
    clause_modality,
    noun_modality,
)
from dossier.nlp.state import Analysis, get_state
from dossier.nlp.temporal import event_date
from dossier.nlp.tokens import token_table
from dossier.record import Event, Statement
from dossier.record import Span as RSpan


def _has_purpose(head: object, verbs: frozenset[str]) -> bool:
    """Whether the verb `head` has a purpose clause ("to demand higher pay") of `verbs`."""
    from spacy.tokens import Token

    if not verbs or not isinstance(head, Token):
        return False
    return any(
        child.dep_ in ("advcl", "xcomp")
        and child.lemma_.lower() in verbs
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        for child in head.children
    )


def _has_purpose_noun(head: object, nouns: frozenset[str]) -> bool:
    """Whether the verb `head` has a "for" phrase naming its purpose with one of `nouns`
    ("gathered for a rally outside parliament")."""
    from spacy.tokens import Token

    if not nouns or not isinstance(head, Token):
        return False
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for o in prep.children:
            if o.dep_ != "pobj":
                continue
            # the parser may take the noun for a modifier ("a rally outside parliament")
            heads = [o, *(c for c in o.children if c.dep_ in ("nmod", "compound"))]
            if any(n.lemma_.lower() in nouns for n in heads):
                return True
    return False


_ROUNDED: dict[float, float] = {}


def _rounded(conf: float) -> float:
    """`round(conf, 2)`, kept: confidences are a pattern's plus fixed steps, a few dozen
    values, and rounding a float to digits is slow."""
    found = _ROUNDED.get(conf)
    if found is None:
        if len(_ROUNDED) > 4096:
            _ROUNDED.clear()
        found = _ROUNDED[conf] = round(conf, 2)
    return found


@dataclass
class EventsComponent:
    min_confidence: float = 0.3
    fallback_entities: bool = True

    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        # a new document: forget per-token caches
        new_doc_info(doc)
        args.reset_enriched(doc)
        if self.fallback_entities and not state.entities:
            event_fallback.fallback_entities(doc, state)
        lex = lexicon()
        focus = focus_place(state)
        events: list[Event] = []
        for sent in doc.sents:
            triggers = find_triggers(sent, lex)
            heads = {t.head.i: t for t in triggers}
            for trig in triggers:
                event = self._event(doc, state, sent, trig, focus, heads)
                if event is not None:  # (`_event` drops one under `min_confidence`)
                    events.append(event)
                    accused = accusation(doc, state, event)
                    if accused is not None:
                        events.append(accused)
        share_sources(events)
        events = drop_attack_parts(events)
        state.events.extend(dedup(events, start=len(state.events) + 1))
        return doc

    @staticmethod
    def _contexts(doc: Doc, sent: Span) -> frozenset[str]:
        """The contexts of `sent` (sport ...), looked up once per sentence."""
        cache = doc_info(doc).contexts
        found = cache.get(sent.start)
        if found is None:
            found = cache[sent.start] = frozenset(sentence_contexts(sent, lexicon()))
        return found

    def _event(
        self,
        doc: Doc,
        state: Analysis,
        sent: Span,
        trig: Trigger,
        focus: str | None,
        heads: dict[int, Trigger],
    ) -> Event | None:
        # spans are cut from token spans: Doc.text joins every token of the document
        onto = ontology()
        p = trig.pattern
        if p.not_in_context and set(p.not_in_context) & self._contexts(doc, sent):
            return None  # "Spain beat Japan 5-0": the words in another domain's sense
        info = doc_info(doc)
        px = token_table(doc)
        idx = info.table.idx
        h = trig.head.i
        head_start = idx[h]
        head_end = head_start + len(px.words[h])
        probe: tuple[int, int] | None = None  # characters `stmt_probe` was looked up for
        stmt_probe: Statement | None = None
        if trig.kind == "noun":
            a = noun_args(state, trig)
            if not a.source and not a.target and not trig.asserted:
                # a bare event noun ("the war", "the attack") is only an event with a light
                # verb, an argument or a verb that says it happened ("fighting broke out")
                return None
            modality = noun_modality(trig.head)
        elif trig.kind == "obligation":
            found = obligation_args(state, trig)
            if found is None:
                return None
            a, modality = found
        else:
            if p.not_with_question and has_question_complement(trig.head):
                return None
            if caused_by_other(trig.head, p):
                return None  # "floods killed 20 people": no one's act
            a = verb_args(state, trig)
            if trig.kind == "inverse":
                # "received weapons from the government": the giver acts on the receiver
                givers: list[str] = []
                for _prep, pobj in args.prep_objects(trig.head, {"from"}):
                    add_ids(givers, args.tokens_entities(state, [pobj]))
                a = Args(
                    source=givers,
                    target=list(a.source),
                    paths=[*a.paths, "receiver is the target, 'from' the source"],
                )
            if p.instrument_preps:
                p, a = instrument(state, trig, p, a)
                trig = Trigger(
                    p, trig.head, trig.tokens, trig.noun, trig.kind, trig.key, trig.asserted
                )
            speaker_ids: list[str] = []
            probe = (head_start, head_end)
            stmt_probe = containing_statement(state, *probe)
            if stmt_probe is not None and stmt_probe.speaker:
                speaker_ids = [stmt_probe.speaker]
            else:
                speaker_ids = governing_speaker(state, trig.head)
            modality = clause_modality(trig.head, subject_ids=a.source, speaker_ids=speaker_ids)
            obligation = obligation_modal(trig.head)
            if obligation and speaker_ids and not set(speaker_ids) & set(a.source):
                # "Britain said Libya must hand over the suspects": Britain demands it of Libya
                a = Args(
                    source=list(speaker_ids),
                    target=list(a.source),
                    paths=[*a.paths, f"obligation '{obligation}' under a speech verb"],
                )
                modality = Modality(reasons=[f"obligation '{obligation}' -> demand"])
                p = Pattern(
                    type="REQUEST",
                    mode="demand",
                    cameo="10",
                    confidence=0.7,
                    source=f"obligation on {p.source}",
                )
                trig = Trigger(p, trig.head, trig.tokens, trig.noun, trig.kind, trig.key)
        if a.target and a.source and set(a.target) <= set(a.source):
            # "met his counterpart", "demanded their release" read back to the actor: an act
            # of an actor on itself is no event between actors (PLOVER codes dyads)
            a = Args(
                source=a.source,
                target=[],
                paths=[*a.paths, "target: only the actor itself, dropped"],
            )
        if ("target" in p.requires and not a.target) or ("source" in p.requires and not a.source):
            return None
        if (
            p.source_roles
            and not any(
                (state.entities[i].role or "").lower() in p.source_roles
                for i in a.source
                if i in state.entities
            )
            and not _has_purpose(trig.head, p.purpose_verbs)
            and not _has_purpose_noun(trig.head, p.purpose_nouns)
        ):
            return None  # "leaders gathered in Rome": only a crowd's gathering is a protest
        if p.not_by_sectors and any(
            (state.entities[i].sector or "") in p.not_by_sectors
            for i in a.source
            if i in state.entities
        ):
            return None  # "police came under fire from lawmakers": criticism, not shooting
        if p.people_only and not (
            object_is_people(state, trig.head) if trig.kind != "noun" else a.target
        ):
            return None  # "released his tax returns", "returned to Kabul": no people released
        if trig.pattern.requires_actor and not a.source and not a.target and not trig.asserted:
            return None  # "oil prices fell", "heavy rain hit the coast": no actor, no event
        crowd = (
            crowd_act(state, p, a)
            or people_seized(state, p, a, trig.head)
            or labour_strike(state, p, a, trig)
            or protest_purpose(state, p, a, trig)
        )
        if crowd is not None:
            # "protesters set fire to a police station": a crowd's violence is a riot;
            # "riot police beat protesters": force against a crowd is repression
            p = crowd
            trig = Trigger(p, trig.head, trig.tokens, trig.noun, trig.kind, trig.key, trig.asserted)
        if trig.kind != "noun" and modality.intent and modality.governor is not None:
            asked = desired_of_other(state, trig, modality.governor, a)
            if asked is not None:
                # "Obama wants Putin to attack Switzerland": Obama appeals to Putin
                a = asked
                modality = Modality(reasons=[f"'{modality.governor.text}' someone else to act"])
                p = Pattern(
                    type="REQUEST",
                    mode="appeal",
                    cameo="02",
                    confidence=0.7,
                    source=f"desire on {p.source}",
                )
        type_, cameo, mode = p.type, p.cameo, p.mode
        lex = lexicon()
        rule = [f"pattern {p.source} ({trig.kind} '{trig.key}')"]
        context: list[str] = []
        if (
            modality.intent
            and not modality.hypothetical
            and not modality.negated
            and type_ in lex.scheduled_types
            and modality.governor is not None
            and modality.governor.lemma_.lower() in lex.scheduling
        ):
            # "is scheduled to attend a summit", "prepared to attend": the meeting itself
            rule.append(f"scheduled {type_} stays {type_}")
        elif modality.intent and not modality.hypothetical:
            if modality.negated:
                conv = onto.negated_intent_of(type_)
                if conv is not None:
                    context.append(f"intent:{type_}")
                    type_, cameo, mode = conv[0], conv[1], None
                    modality.negated = False
                    rule.append("negated intention -> " + type_)
            else:
                conv = onto.intent_of(type_)
                if conv is not None and conv[0] != type_:
                    context.append(f"intent:{type_}")
                    type_ = conv[0]
                    cameo = conv[1] + (p.cameo[2:3] if p.cameo and len(p.cameo) > 2 else "")
                    mode = "promise" if type_ == "AGREE" else None
                    rule.append("stated intention -> " + type_)
        if modality.reasons:
            rule.append("modality: " + ", ".join(modality.reasons))
        if a.paths:
            rule.append("args: " + "; ".join(a.paths))
        conf = p.confidence
        if not a.source:
            conf -= 0.15
        if not a.target:
            conf -= 0.1
        if modality.hypothetical:
            conf -= 0.05
        if trig.kind == "noun" and not trig.asserted:
            conf -= 0.1
        delta, why = salience(trig, heads)
        conf += delta
        if why:
            rule.append(why)
        positions = sorted([t.i for t in trig.tokens])
        first, last = positions[0], positions[-1]
        if len(positions) > 1 and last - first <= 6:
            t_start, t_end = idx[first], idx[last] + len(px.words[last])
        else:
            t_start, t_end = head_start, head_end
        text = info.table.text
        trigger_text = text[t_start:t_end]
        # the statements do not change here: the probe above answered for the same characters
        stmt = (
            stmt_probe if probe == (t_start, t_end) else containing_statement(state, t_start, t_end)
        )
        if stmt is not None:
            rule.append(f"attributed to {stmt.id}")
        date, date_rule = event_date(trig.head, sent, state.published)
        if date_rule:
            rule.append(date_rule)
        used_places = {
            str(state.entities[i].place)
            for i in a.source + a.target
            if i in state.entities and state.entities[i].place
        }
        material = (onto.quad_class(type_) or "").startswith("material")
        place, place_basis, place_rule = place_of(
            state, doc, sent, trig, used_places, focus, material
        )
        if place_rule:
            rule.append(place_rule)
        if place and (
            place_basis == "attached"
            # a town named elsewhere in the sentence of a violent act ("police fired on
            # protesters, ... in Harare"): leaders who meet in a capital are visitors
            or (place_basis == "sentence" and type_ in args.argument_words().local_actor_types)
        ):
            locate_groups(state, a.source + a.target, place, local_only=place_basis == "sentence")
        # a country that attacks by military means is its armed forces (events/_shared.yaml);
        # after the place, which the country's own entity keeps from being the event's
        a.source, forces_rule = state_forces(state, px, sent, trig.tokens, a.source, type_)
        if forces_rule:
            rule.append(forces_rule)
        quad = onto.quad_class(type_)
        sentence = info.sentences.get(sent.start)
        if sentence is None:
            s_start, s_end = idx[sent.start], sent.end_char
            sentence = info.sentences[sent.start] = RSpan(
                start=s_start, end=s_end, text=text[s_start:s_end]
            )
        confidence = _rounded(max(0.05, min(conf, 0.99)))
        if confidence < self.min_confidence:
            return None  # dropped by the caller: no record object for it
        return Event(
            id="",
            type=type_,
            mode=mode,
            cameo=cameo,
            source=a.source,
            target=a.target,
            trigger=RSpan(start=t_start, end=t_end, text=trigger_text),
            sentence=sentence,
            place=place,
            place_basis=place_basis,
            date=date,
            negated=modality.negated,
            hypothetical=modality.hypothetical,
            attributed_to=stmt.id if stmt is not None else None,
            confidence=confidence,
            rule="; ".join(rule),
            context=context,
            quad_class=quad,
        )


@Language.factory(
    "dossier_events",
    default_config={"min_confidence": 0.3, "fallback_entities": True},
)
def make_events(
    nlp: Language, name: str, min_confidence: float, fallback_entities: bool
) -> EventsComponent:
    lexicon()  # compile once, at pipeline build time
    return EventsComponent(min_confidence=min_confidence, fallback_entities=fallback_entities)

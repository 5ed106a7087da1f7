"""The ``dossier_dictionaries`` spaCy component: coding with a user's PETRARCH/TABARI
dictionaries (given by path) after Dossier's own events component.

Added to the pipeline only when dictionaries are given (``Analyzer(dictionaries=...)``,
``--dictionary KIND=PATH``): without them the pipeline and the records are what they were.

Per sentence, :func:`dossier.nlp.petrarch_coder.code_sentence` gives (source, target, CAMEO)
with the actor codes of the dictionaries. Each coded event:

- takes the entity whose mention covers the actor phrase (or a new entity for a dictionary
  actor Dossier did not find), whose ``code`` becomes the dictionary's actor code
  (``VLDMIL``): the user's dictionary governs;
- replaces the CAMEO code, PLOVER type (CAMEO->PLOVER of the ontology) and source/target of
  Dossier's event on the same verb, or is added as a new event; its ``rule`` names the
  dictionary lines.

A story discard phrase drops the events of the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dossier.knowledge.ontology import ontology
from dossier.knowledge.petrarch_dicts import Dictionaries, load_dictionaries
from dossier.nlp.events.coding import crowd_act
from dossier.nlp.events.lexicon import Pattern
from dossier.nlp.events.roles import Args
from dossier.nlp.petrarch_coder import ActorSpan, CodedEvent, code_sentence, discarded
from dossier.nlp.state import Analysis, EntityState, Mention, get_state
from dossier.record import Event
from dossier.record import Span as RSpan

NAME = "dossier_dictionaries"


def _entity(doc: Doc, state: Analysis, actor: ActorSpan) -> EntityState:
    span = doc[actor.start : actor.end]
    # the entity of the phrase's head ("soldiers" in "Valdorian soldiers"), else any in it
    found = [e for e in [state.entity_at(span.root.i)] if e is not None] or state.entities_in(
        actor.start, actor.end
    )
    if found:
        ent = found[0]
    else:
        mention = Mention(
            start=span.start_char,
            end=span.end_char,
            tok_start=actor.start,
            tok_end=actor.end,
            kind="name",
            head=span.root.i,
        )
        made = state.new_entity_with(mention, span.text, "GROUP", rule=[f"dictionary {actor.rule}"])
        ent = made if made is not None else state.new_entity(span.text, "GROUP")
    if ent.code != actor.code:
        ent.code = actor.code  # the user's dictionary governs
        ent.rule.append(f"dictionary actor code {actor.code} ({actor.rule})")
    return ent


@dataclass
class DictionaryEventsComponent:
    dictionaries: Dictionaries = field(default_factory=Dictionaries)

    def __call__(self, doc: Doc) -> Doc:
        d = self.dictionaries
        if d.empty:
            return doc
        state = get_state(doc)
        if discarded([t.text.upper() for t in doc], d, story=True):
            state.events.clear()
            return doc
        day: dt.date | None = state.published
        by_trigger = {(e.trigger.start, e.trigger.end): e for e in state.events}
        onto = ontology()
        for sent in doc.sents:
            for coded in code_sentence(doc, sent, d, day):
                self._add(doc, state, coded, by_trigger, onto.from_cameo(coded.cameo))
        return doc

    @staticmethod
    def _add(
        doc: Doc,
        state: Analysis,
        coded: CodedEvent,
        by_trigger: dict[tuple[int, int], Event],
        plover: tuple[str | None, str | None],
    ) -> None:
        source = _entity(doc, state, coded.source)
        target = _entity(doc, state, coded.target)
        type_, mode = plover
        verb = doc[coded.verb]
        key = (verb.idx, verb.idx + len(verb.text))
        rule = coded.rule
        cameo = coded.cameo
        if type_ is not None:
            # what the actors are turns the act as it does Dossier's own codes: a crowd's
            # violence is a riot, security forces' force against a crowd is repression
            by_actor = crowd_act(
                state,
                Pattern(type=type_, mode=mode, cameo=cameo, confidence=0.6, source=coded.rule),
                Args(source=[source.id], target=[target.id]),
            )
            if by_actor is not None:
                type_, mode, cameo = by_actor.type, by_actor.mode, by_actor.cameo or cameo
                rule = f"{rule}; {by_actor.source.split(' (')[0]} -> {type_}"
        own = by_trigger.pop(key, None)
        if own is not None and type_ is not None:
            # Dossier's event on the same verb takes the dictionary's coding
            own.cameo, own.type, own.mode = cameo, type_, mode
            own.quad_class = ontology().quad_class(type_)
            own.source, own.target = [source.id], [target.id]
            own.rule = f"{own.rule}; {rule}" if own.rule else rule
            return
        if type_ is None:
            return  # CAMEO roots without a PLOVER type (public statements, appeals)
        sent = verb.sent
        text = doc.text
        state.events.append(
            Event(
                id=f"V{len(state.events) + 1}",
                type=type_,
                mode=mode,
                cameo=cameo,
                source=[source.id],
                target=[target.id],
                trigger=RSpan(start=key[0], end=key[1], text=text[key[0] : key[1]]),
                sentence=RSpan(
                    start=sent.start_char,
                    end=sent.end_char,
                    text=text[sent.start_char : sent.end_char],
                ),
                confidence=0.6,
                rule=rule,
                quad_class=ontology().quad_class(type_),
            )
        )


@Language.factory(NAME, default_config={"verbs": [], "actors": [], "agents": [], "discards": []})
def make_dictionary_events(
    nlp: Language,
    name: str,
    verbs: list[str],
    actors: list[str],
    agents: list[str],
    discards: list[str],
) -> DictionaryEventsComponent:
    paths: dict[str, Any] = {
        "verbs": verbs,
        "actors": actors,
        "agents": agents,
        "discards": discards,
    }
    return DictionaryEventsComponent(load_dictionaries(paths))

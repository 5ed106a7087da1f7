"""From a trigger and its arguments to the coded event: instruments ("died in a drone strike"),
obligations and wishes under speech verbs, accusations, salience, and the within-document
dedup.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from spacy.tokens import Doc, Token

from dossier.nlp import event_args as args
from dossier.nlp.events.docinfo import doc_info
from dossier.nlp.events.lexicon import NOUN_POS, VERB_POS, Pattern, lexicon, lower_lemma
from dossier.nlp.events.match import Trigger, match_noun, obligated_heads, verb_lemmas
from dossier.nlp.events.roles import Args, noun_args
from dossier.nlp.frames import frame
from dossier.nlp.modality import Modality, modality_words
from dossier.nlp.state import Analysis
from dossier.nlp.tokens import token_table
from dossier.record import Event, Statement

# a mention of the same act (same type and actor, one without a target) this close is the same
NEARBY_CHARS = 400
EMBED_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "prep", "pobj", "acl", "relcl", "dobj"})


_FINDER: list[Any] = []


def recoded(made: Pattern, p: Pattern, why: str) -> Pattern:
    """`p` re-coded as `made` (its type, mode and CAMEO code) for the reason `why`, keeping
    `p`'s confidence and target prepositions; the rule names both ("crowd violence (...)")."""
    return Pattern(
        type=made.type,
        mode=made.mode,
        cameo=made.cameo,
        confidence=p.confidence,
        target_preps=p.target_preps,
        source=f"{why} ({p.source})",
    )


def _statement_finder() -> Any:
    """The statements component's `statement_containing`, when it has one (looked up once)."""
    if not _FINDER:
        try:
            from dossier.nlp import statements as statements_mod

            _FINDER.append(getattr(statements_mod, "statement_containing", None))
        except ImportError:
            _FINDER.append(None)
    return _FINDER[0]


def containing_statement(state: Analysis, start: int, end: int) -> Statement | None:
    if not state.statements:
        return None
    finder = _statement_finder()
    if finder is not None:
        found = finder(state, start, end)
        return found if isinstance(found, Statement) or found is None else None
    best: Statement | None = None
    for stmt in state.statements:
        for span in stmt.content:
            if (
                span.start <= start
                and end <= span.end
                and (
                    best is None
                    or span.end - span.start < min(s.end - s.start for s in best.content)
                )
            ):
                best = stmt
    return best


def instrument(state: Analysis, trig: Trigger, p: Pattern, a: Args) -> tuple[Pattern, Args]:
    """ "died in a drone strike carried out by the army": the instrument event gives the mode,
    the CAMEO code and (when the clause has none) the source."""
    lex = lexicon()
    candidates = list(args.prep_objects(trig.head, p.instrument_preps))
    for child in trig.head.children:
        if child.dep_ == "prep" and child.lower_ in p.instrument_preps:
            candidates += [(child.lower_, g) for g in child.children if g.dep_ == "pcomp"]
    for prep, pobj in candidates:
        hit = match_noun(pobj, lex) if pobj.pos_ in NOUN_POS else None
        if hit is None and pobj.pos_ in VERB_POS:
            verb_hit = next((lex.verbs[x] for x in verb_lemmas(pobj) if x in lex.verbs), None)
            hit = (verb_hit, pobj.lemma_) if verb_hit is not None else None
        if hit is None or hit[0].type != p.type:
            continue
        inner = hit[0]
        noun_trig = Trigger(inner, pobj, [pobj], noun=pobj, kind="noun", key=hit[1])
        inner_args = noun_args(state, noun_trig)
        if not a.source and inner_args.source:
            a = Args(
                source=inner_args.source,
                target=a.target,
                paths=[*a.paths, f"source<-instrument '{prep} {pobj.text}'"],
            )
        merged = Pattern(
            type=p.type,
            mode=inner.mode,
            cameo=inner.cameo,
            confidence=max(p.confidence, inner.confidence),
            roles=p.roles,
            target_preps=p.target_preps,
            source=f"{p.source} by {inner.source}",
        )
        return merged, a
    return p, a


def desired_of_other(state: Analysis, trig: Trigger, governor: Token, a: Args) -> Args | None:
    if lower_lemma(governor) not in lexicon().desire_verbs:
        return None
    wanter, _ = args.subject_tokens(governor)
    wanter_ids = args.tokens_entities(state, wanter, create=False)
    if not wanter_ids or not a.source or set(wanter_ids) & set(a.source):
        return None
    return Args(
        source=wanter_ids,
        target=list(a.source),
        paths=[*a.paths, f"subject of '{governor.text}' asks the actor"],
    )


def accusation(doc: Doc, state: Analysis, event: Event) -> Event | None:
    """A claim that someone else committed a conflictual act is an accusation of them
    ("the ministry claimed that the militia had attacked the town" -> the ministry accuses
    the militia)."""
    if event.attributed_to is None or event.hypothetical or event.negated or not event.source:
        return None
    if event.quad_class != "material_conflict":
        return None
    info = doc_info(doc)
    if info.statements is None:
        info.statements = {}
        for s in state.statements:
            info.statements.setdefault(s.id, s)
    stmt = info.statements.get(event.attributed_to)
    if stmt is None or stmt.cue is None or stmt.speaker is None or stmt.speaker in event.source:
        return None
    cue = doc.char_span(stmt.cue.start, stmt.cue.end, alignment_mode="expand")
    cues = lexicon().accusing_cues
    if cue is None or not any(lower_lemma(t) in cues for t in cue):
        return None
    return Event(
        id="",
        type="ACCUSE",
        mode="accuse",
        cameo="112",
        source=[stmt.speaker],
        target=list(event.source),
        trigger=stmt.cue,
        sentence=event.sentence,
        date=event.date,
        attributed_to=stmt.reported_by,
        confidence=round(min(0.99, event.confidence + 0.05), 2),
        rule=f"accusation: '{stmt.cue.text}' that {event.type} {event.trigger.text!r} happened",
        context=[f"claim:{event.type}"],
        quad_class="verbal_conflict",
    )


def obligation_modal(verb: Token) -> str | None:
    """The obligation modal on `verb` as written ("must"), if any."""
    lex = lexicon()
    heads = obligated_heads(verb.doc, lex)
    at = bisect_left(heads, verb.i)
    if at == len(heads) or heads[at] != verb.i:
        return None  # no obligation modal among its auxiliaries: no need for its frame
    f = frame(verb.doc, verb.i)
    words = lex.obligation
    for low, text in zip(f.auxiliaries, f.auxiliary_text, strict=True):
        if low in words:
            return text
    return None


def crowd_act(state: Analysis, p: Pattern, a: Args) -> Pattern | None:
    """The riot pattern (`crowd_violence` of events/_shared.yaml) when a crowd (protesters,
    rioters, a mob) is the actor of an act of violence; None otherwise."""
    lex = lexicon()
    dissent = lex.dissent_pattern
    if dissent is not None and p.type in lex.dissent_types and a.source:
        roles = [state.entities[i].role for i in a.source if i in state.entities]
        if any(r is not None and r.lower() in lex.dissent_roles for r in roles):
            # "protesters demanded jobs": a crowd of protesters making demands is protesting
            return recoded(dissent, p, "crowd dissent")
    riot = lex.crowd_pattern
    if riot is None or p.type not in lex.crowd_types or not a.source:
        return repression(state, p, a)
    if p.mode in lex.crowd_not_modes:
        return None
    roles = [state.entities[i].role for i in a.source if i in state.entities]
    if not any(r is not None and r.lower() in lex.crowd_roles for r in roles) and not (
        _civilians_against_forces(state, a, lex.crowd_civilians_against)
    ):
        return repression(state, p, a)
    return recoded(riot, p, "crowd violence")


def _civilians_against_forces(state: Analysis, a: Args, forces: frozenset[str]) -> bool:
    """Whether the sources are all civilian groups ("youths", "residents": sector CVL) and a
    target is one of the `forces` ("threw stones at police")."""
    sources = [state.entities[i] for i in a.source if i in state.entities]
    targets = [state.entities[i] for i in a.target if i in state.entities]
    return (
        bool(forces)
        and bool(sources)
        and all(e.type == "GROUP" and e.sector == "CVL" for e in sources)
        and any(e.sector in forces for e in targets)
    )


def labour_strike(state: Analysis, p: Pattern, a: Args, trig: Trigger) -> Pattern | None:
    """The strike pattern (`labour_strike` of events/_shared.yaml) when the verb "strike" has
    working people as actors ("teachers strike over pay", "dock workers struck for a week")
    and strikes no actor; None otherwise ("jets struck a convoy", "students struck a guard")."""
    lex = lexicon()
    made = lex.strike_pattern
    if made is None or p.type != "ASSAULT" or trig.kind != "verb":
        return None
    verb = trig.head
    px = token_table(verb.doc)
    f = frame(verb.doc, verb.i)
    if any(px.pos[j] == "PRON" for j in f.subjects):
        return None  # "if they strike our cities": who "they" are is not known well enough
    if f.objects and not any(px.dep[c] == "prt" for c in px.kids[verb.i]):
        return None  # "strike our cities": transitive, an attack ("strike over pay" parses
        # "over" as a particle and "pay" as its object)
    struck = [*f.objects] + [
        j for _prep, j in args.prep_object_ids(px, verb.i, frozenset({"at", "on", "against"}))
    ]
    if any(
        (ent := state.entity_at(j)) is not None and ent.type not in {"GPE", "LOC", "FAC"}
        for j in struck
    ):
        return None  # an actor struck ("students struck a guard"); a place is only where
    if not set(verb_lemmas(trig.head)) & lex.strike_verbs:
        return None
    sources = [state.entities[i] for i in a.source if i in state.entities]
    if not sources or any(
        e.sector is None or e.sector in lex.strike_not_sectors or e.type not in {"GROUP", "PERSON"}
        for e in sources
    ):
        return None
    return recoded(made, p, "labour strike")


def people_seized(state: Analysis, p: Pattern, a: Args, verb: Token) -> Pattern | None:
    """The pattern for seizing people (`people_seized` of events/_shared.yaml): "bandits
    seized a group of travellers" is an abduction, "police seized two suspects" an arrest;
    None when the act is no seizure or what is seized is no people ("seized a shipment")."""
    lex = lexicon()
    if lex.seized_patterns is None or p.type != "COERCE" or p.mode not in lex.seized_modes:
        return None
    if not a.source or not _object_is_people(state, verb, lex.seized_people):
        return None
    sources = [state.entities[i] for i in a.source if i in state.entities]
    by_state = bool(sources) and all(e.sector in lex.seized_state_sectors for e in sources)
    made = lex.seized_patterns[0] if by_state else lex.seized_patterns[1]
    return recoded(made, p, "people seized")


def object_is_people(state: Analysis, verb: Token) -> bool:
    """Whether the object of `verb` names people (`_object_is_people` with the nouns of
    `people_seized`)."""
    return _object_is_people(state, verb, lexicon().seized_people)


def _object_is_people(state: Analysis, verb: Token, people: frozenset[str]) -> bool:
    """Whether the object of `verb` names people: a person or group entity, a role noun of a
    person or group (roles.yaml), or one of `people` ("crew", "travellers"), also through
    its "of" phrase ("a group of travellers")."""
    from dossier.knowledge.roles import roles

    px = token_table(verb.doc)
    table = roles()

    def human(i: int) -> bool:
        ent = state.entity_at(i)
        if ent is not None:
            return ent.type in {"PERSON", "GROUP"}
        role = table.get(px.lemma[i])
        if role is not None and role.kind in {"person", "group"}:
            return True
        return px.lemma[i] in people or px.lemma[i] in args.argument_words().victim_nouns

    # the object, or the passive subject ("two soldiers were captured")
    acted_on = [*frame(verb.doc, verb.i).objects]
    acted_on += [c for c in px.kids[verb.i] if px.dep[c] == "nsubjpass" and c not in acted_on]
    for o in acted_on:
        if human(o):
            return True
        for c in px.kids[o]:
            if (
                px.dep[c] == "prep"
                and px.lower[c] == "of"
                and any(px.dep[g] == "pobj" and human(g) for g in px.kids[c])
            ):
                return True
    return False


def repression(state: Analysis, p: Pattern, a: Args) -> Pattern | None:
    """The repression pattern (`crowd_repression` of events/_shared.yaml) when security forces
    use force against a crowd ("riot police clashed with protesters"); None otherwise."""
    lex = lexicon()
    rep = lex.repression_pattern
    if rep is None:
        return None
    # "police broke up a student protest": the forces ending a crowd's act
    ended = bool(p.reverses) and p.reverses in lex.repression_reversal_of
    if not ended and (p.type not in lex.repression_types or p.mode in lex.repression_not_modes):
        return None
    sources = [state.entities[i] for i in a.source if i in state.entities]
    targets = [state.entities[i] for i in a.target if i in state.entities]
    if not sources or not all(e.sector in lex.repression_sectors for e in sources):
        return None
    if not ended and not any(
        e.role is not None and e.role.lower() in lex.crowd_roles for e in targets
    ):
        return None
    return recoded(rep, p, "crowd repression")


def obligation_args(state: Analysis, trig: Trigger) -> tuple[Args, Modality] | None:
    """Source and target of an obligation demand: the speaker demands it of the subject of
    the obliged verb (active or passive: "the police should be held accountable"); None when
    either is no actor."""
    verb = trig.head
    px = token_table(verb.doc)
    patients, _agents = args.passive_part_ids(px, verb.i)
    subjects = patients or list(frame(verb.doc, verb.i).subjects)
    target = args.ids_entities(state, px, subjects)
    stmt = containing_statement(state, verb.idx, verb.idx + len(verb.text))
    speakers = [stmt.speaker] if stmt is not None and stmt.speaker else []
    if not speakers:
        speakers = governing_speaker(state, verb)
    if not speakers or not target or set(speakers) & set(target):
        return None
    aux = obligation_modal(verb) or "must"
    return (
        Args(
            source=list(speakers),
            target=target,
            paths=[f"speaker of the statement; subject obliged by '{aux}'"],
        ),
        Modality(reasons=[f"obligation '{aux}' -> demand"]),
    )


def governing_speaker(state: Analysis, verb: Token) -> list[str]:
    """Entities of the subject of a speech verb governing `verb` ("Iraq said it would ...")."""
    f = frame(verb.doc, verb.i)
    if f.speech_verb is None:
        return []
    return args.ids_entities(state, token_table(verb.doc), list(f.speakers), create=False)


def salience(trig: Trigger, heads: dict[int, Trigger]) -> tuple[float, str]:
    """Confidence adjustment for where the trigger sits: main clause events are what a
    sentence reports; events in modifiers or under another event are background."""
    px = token_table(trig.head.doc)
    head, dep = px.head, px.dep
    tok = trig.head.i
    if trig.kind == "noun" and trig.asserted:
        tok = head[tok]  # "fighting broke out": where the occurrence verb sits
        if dep[tok] == "prep":
            tok = head[tok]  # "houses were burnt in an attack": the verb of the result
    if dep[tok] in {"acl", "relcl", "amod"}:
        if dep[tok] == "acl" and dep[head[tok]] == "ROOT" and px.pos[head[tok]] in NOUN_POS:
            # "Hundreds of students protested in Nairobi": the parser made the only verb a
            # modifier of the subject, which it took for the root; the verb is the predicate
            return 0.1, "main clause (the verb of a noun root)"
        return -0.25, "background: modifier clause"
    cur = tok
    for _ in range(4):
        if dep[cur] not in EMBED_DEPS or head[cur] == cur:
            break
        cur = head[cur]
        other = heads.get(cur)
        if other is not None and other is not trig:
            if other.pattern.mode == "allow":
                break  # "allowed Iran to supply weapons": what is allowed happens too
            return -0.35, f"background: under '{px.words[cur]}'"
    main = tok
    while dep[main] == "conj" and head[main] != main:
        main = head[main]
    mh = head[main]
    if dep[main] == "ROOT" or (
        dep[main] == "ccomp" and dep[mh] == "ROOT" and px.lemma[mh] in modality_words().speech_verbs
    ):
        return 0.1, "main clause"
    if trig.kind == "noun" and dep[tok] == "pobj":
        return -0.15, "noun in a prepositional phrase"
    return 0.0, ""


def share_sources(events: list[Event]) -> None:
    """ "Two soldiers were killed when militants ambushed a convoy": an event with no source
    takes the source of another real event of the same type in its sentence (one act told
    twice: by its victims and by its actors)."""
    # the events of each type and sentence, in order (the only ones that can give a source)
    alike: dict[tuple[str, int], list[Event]] = {}
    for ev in events:
        alike.setdefault((ev.type, ev.sentence.start), []).append(ev)
    for ev in events:
        if ev.source or ev.negated or ev.hypothetical:
            continue
        other = next(
            (
                o
                for o in alike[ev.type, ev.sentence.start]
                if o is not ev
                and o.type == ev.type
                and o.source
                and not o.negated
                and not o.hypothetical
                and o.sentence.start == ev.sentence.start
                and not set(o.source) & set(ev.target)
            ),
            None,
        )
        if other is not None:
            ev.source = list(other.source)
            ev.rule += f"; source from '{other.trigger.text}' in the same sentence"


def drop_attack_parts(events: list[Event]) -> list[Event]:
    """ "Gunmen stormed a prison and freed the inmates", "abducted a trader and demanded a
    ransom": an act (`attack_parts` of events/_shared.yaml) of an attack's actor told in the
    attack's sentence is part of the attack, no event of its own."""
    lex = lexicon()
    if not lex.attack_parts:
        return events
    attacks = [
        e
        for e in events
        if e.type in lex.attack_of and e.source and not e.negated and not e.hypothetical
    ]
    if not attacks:
        return events
    return [
        e
        for e in events
        if e.type not in lex.attack_parts
        or not any(
            a.sentence.start == e.sentence.start and set(a.source) & set(e.source) for a in attacks
        )
    ]


def dedup(events: list[Event], start: int) -> list[Event]:
    kept: list[Event] = []
    index: dict[tuple[Any, ...], Event] = {}
    kept_of_type: dict[str, list[Event]] = {}  # the kept events of each type, in order
    for ev in events:
        key = (
            ev.type,
            tuple(sorted(ev.source)),
            tuple(sorted(ev.target)),
            ev.negated,
            ev.hypothetical,
        )
        same = index.get(key) if (ev.source or ev.target) else None
        if same is None:
            # the same trigger counted twice (verb and noun of one clause), or one act told
            # twice in a sentence ("threatened to shell Kyiv", "struck ... facilitating the
            # attacks"): same type and source, one without a target
            same = next(
                (
                    k
                    for k in kept_of_type.get(ev.type, ())
                    if (
                        (
                            k.sentence.start == ev.sentence.start
                            and k.sentence.end == ev.sentence.end
                            and k.trigger.start <= ev.trigger.start < k.trigger.end
                        )
                        or (
                            k.source
                            and k.source == ev.source
                            and (not k.target or not ev.target)
                            and abs(k.sentence.start - ev.sentence.start) <= NEARBY_CHARS
                            and k.negated == ev.negated
                            and k.hypothetical == ev.hypothetical
                        )
                    )
                ),
                None,
            )
        if same is not None:
            if not same.target and ev.target:
                same.target = list(ev.target)
            trigger = (ev.trigger.start, ev.trigger.end)
            if trigger != (same.trigger.start, same.trigger.end) and all(
                trigger != (m.start, m.end) for m in same.mentions
            ):
                same.mentions.append(ev.trigger)
                same.confidence = round(min(0.99, max(same.confidence, ev.confidence) + 0.05), 2)
                same.rule += f"; also mentioned at {ev.trigger.start}"
            same.date = same.date or ev.date
            if same.place is None and ev.place is not None:
                # the place comes with how it was chosen
                same.place, same.place_basis = ev.place, ev.place_basis
            continue
        ev.id = f"V{start + len(kept)}"
        kept.append(ev)
        kept_of_type.setdefault(ev.type, []).append(ev)
        index[key] = ev
    return kept


def protest_purpose(state: Analysis, p: Pattern, a: Args, trig: Trigger) -> Pattern | None:
    """The protest pattern (`protest_purpose` of events/_shared.yaml) when an act of
    restriction or refusal is done to protest ("traders shut their shops to protest the tax",
    "blocked the road in protest") by actors who are no state force; None otherwise."""
    lex = lexicon()
    made = lex.purpose_pattern
    if made is None or p.type not in lex.purpose_from or trig.kind == "noun":
        return None
    verb = trig.head
    px = token_table(verb.doc)
    kids = px.kids[verb.i]
    purpose = any(
        px.dep[c] in {"advcl", "xcomp"}
        and px.lemma[c] in lex.purpose_verbs
        and any(px.dep[g] == "aux" and px.lower[g] == "to" for g in px.kids[c])
        for c in kids
    ) or any(
        px.dep[c] == "prep"
        and px.lower[c] == "in"
        and any(px.dep[g] == "pobj" and px.lemma[g] == "protest" for g in px.kids[c])
        for c in kids
    )
    if not purpose:
        return None
    sources = [state.entities[i] for i in a.source if i in state.entities]
    if not sources or any(e.sector is None or e.sector in lex.purpose_not_sectors for e in sources):
        return None
    return recoded(made, p, "protest purpose")

"""Source and target of a trigger from the dependency parse: subject / passive agent = source,
object / dative / prepositional target = target, possessives and "of" phrases of event nouns,
and the fallback target when no argument names one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from dossier.knowledge.countries import country_index
from dossier.nlp import event_args as args
from dossier.nlp.events.lexicon import NOUN_POS, VERB_POS, fallback_words, lexicon
from dossier.nlp.events.match import Trigger, match_noun_at, victim_death_verb
from dossier.nlp.frames import frame
from dossier.nlp.state import PLACE_TYPES, Analysis
from dossier.nlp.tokens import TokenTable, token_table


@dataclass
class Args:
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def add_ids(ids: list[str], new: list[str]) -> None:
    for i in new:
        if i not in ids:
            ids.append(i)


def _assign(result: Args, role: str, ids: list[str], path: str) -> None:
    if not ids:
        return
    if role == "source":
        add_ids(result.source, ids)
    elif role == "target":
        add_ids(result.target, ids)
    else:
        return
    result.paths.append(f"{role}<-{path}")


_FOR = frozenset({"for"})


def verb_args(state: Analysis, trig: Trigger) -> Args:
    result = Args()
    verb = trig.head
    p = trig.pattern
    px = token_table(verb.doc)
    doc = px.doc
    v = verb.i
    noun_i = trig.noun.i if trig.noun is not None else -1
    patients, agents = args.passive_part_ids(px, v)
    if patients or agents:
        # "strikes were carried out by Israeli jets", "a protest was held": a passive subject
        # that is the event noun the light verb carries is no argument; the agent acts
        if noun_i not in patients:
            _assign(
                result,
                p.role("passive_subject", p.role("object", "target")),
                args.ids_entities(state, px, patients),
                "passive subject",
            )
        _assign(
            result, p.role("subject", "source"), args.ids_entities(state, px, agents), "agent 'by'"
        )
    else:
        f = frame(doc, v)
        subj_ids, path = list(f.subjects), f.subject_path
        if px.dep[verb.i] == "pcomp" and victim_death_verb(px, verb.i, p, lexicon()) is not None:
            # "three civilians died in shelling by government forces": the dead are the
            # target of the attack they died in, its "by" phrase the actor
            _assign(
                result,
                "target",
                args.ids_entities(state, px, subj_ids),
                f"died in '{px.words[verb.i]}'",
            )
            for _prep, pobj in args.prep_object_ids(px, verb.i, {"by"}):
                _assign(result, "source", args.ids_entities(state, px, [pobj]), "prep 'by'")
            subj_ids = []
        # "a roadside bombing killed ...", "US Predator attacks have killed ...": the subject
        # is itself an event; its actor is the source
        inner_src: list[str] = []
        for j in subj_ids:
            add_ids(inner_src, _inner_event_actors_at(state, px, j))
        if inner_src:
            _assign(
                result,
                p.role("subject", "source"),
                inner_src,
                f"actor of event noun '{px.words[subj_ids[0]]}'",
            )
            subj_ids = []
        # "the rebel RUF announced it will return ...": pronoun subjects resolved upward
        _assign(
            result,
            p.role("subject", "source"),
            args.ids_entities(state, px, subj_ids),
            path or "nsubj",
        )
        if trig.asserted and not result.source:
            # "shells fired by the militia landed on ...": the weapon's firer is the actor
            for j in subj_ids:
                _participle_agents(state, px, j, result)
    # objects
    themes: list[str] = []
    # the parse does not change: read the verb's objects once
    object_ids = list(frame(doc, v).objects)
    for o in object_ids:
        if o == noun_i:
            continue
        # "ambushed a police patrol": what a force holds names the force, not an event
        inner = [] if args.force_asset_at(px, o) else _inner_event_actors_at(state, px, o)
        if inner:
            _assign(result, "target", inner, f"actor of event noun '{px.words[o]}'")
            continue
        ids = args.ids_entities(state, px, [o])
        if p.role("object", "target") == "theme":
            themes.extend(ids)
        else:
            _assign(result, "target", ids, "dobj")
    for c in px.kids[v]:
        c_dep = px.dep[c]
        if c_dep in {"dative", "iobj"} and px.pos[c] != "ADP":
            _assign(result, "target", args.ids_entities(state, px, [c]), "dative")
        # "allowed Iran to use ...", "urged the EC to support ...": the complement's subject
        if c_dep in {"ccomp", "xcomp"} and (
            px.lemma[verb.i] in args.argument_words().object_control
            or (c_dep == "ccomp" and p.type == "REQUEST")
        ):
            # "demanded that the US match ...": the one asked is the complement's subject
            subj = [j for j in px.kids[c] if px.dep[j] in args.SUBJ_DEPS | args.PASS_SUBJ_DEPS]
            _assign(result, "target", args.ids_entities(state, px, subj), f"subject of {c_dep}")
    # prepositions on the verb and on the event noun
    heads = [v] + ([noun_i] if noun_i >= 0 else [])
    if p.role("object", "target") == "theme":
        heads += object_ids  # "sent weapons to Hezbollah" with "to" under "weapons"
    for head in heads:
        for prep, pobj in args.prep_object_ids(px, head, None):
            role = p.role(f"prep_{prep}", "target" if prep in p.target_preps else "")
            if role:
                _assign(result, role, args.ids_entities(state, px, [pobj]), f"prep '{prep}'")
    if themes and not result.target:
        # "supply Hezbollah with weapons": a named actor object is the recipient
        named = [i for i in themes if state.entities[i].type in {"GPE", "ORG", "PERSON", "NORP"}]
        _assign(result, "target", named, "dobj (recipient)")
    if trig.noun is not None:
        noun_result = noun_args(state, trig, own_subject=False)
        if not result.source:
            _assign(result, "source", noun_result.source, "event noun")
        if not result.target:
            _assign(result, "target", noun_result.target, "event noun")
        elif trig.kind in {"light", "reversal"} and noun_result.target:
            # "tightened the blockade of Gaza with Jordan's help": the event noun's own
            # target comes before the light verb's prepositional phrases
            ahead = [i for i in noun_result.target if i not in result.source]
            if ahead and ahead[0] != result.target[0]:
                result.target = [*ahead, *(i for i in result.target if i not in ahead)]
                result.paths.append("target<-event noun first")
    if p.type in args.argument_words().civilian_place_types:
        _victims_as_target(state, px, v, [*object_ids, *patients], result)
    if "target" not in p.requires and (
        not result.target or set(result.target) <= set(result.source)
    ):
        # no target, or only the actor itself ("reneged on his promise to the Bolivian
        # miners"): the first other actor around the verb
        found = _fallback_target(state, verb, result.source, p.target_preps)
        if found:
            result.target = [i for i in result.target if i not in result.source]
            _assign(result, "target", found, "first actor in the object")
    # "mobilized reservists for a war against Belarus": the target of the act it serves
    for _prep, j in [
        pair for head in [v, *object_ids] for pair in args.prep_object_ids(px, head, _FOR)
    ]:
        served = match_noun_at(px, j, lexicon())
        if served is not None:
            served_tok = doc[j]
            served_args = noun_args(
                state,
                Trigger(
                    served[0], served_tok, [served_tok], noun=served_tok, kind="noun", key=served[1]
                ),
            )
            _assign(
                result,
                "target",
                [i for i in served_args.target if i not in result.source],
                f"target of '{px.words[j]}'",
            )
    # "reneged on his promise to the miners": the actor itself is no target beside another one
    others = [i for i in result.target if i not in result.source]
    if others and len(others) < len(result.target):
        result.target = others
        result.paths.append("target: the actor itself dropped")
    # "allowed Iran to use ... to supply weapons to Hezbollah": a complement's object is not ours
    result.source = [s for s in result.source if s not in result.target] or result.source
    return result


def noun_args(state: Analysis, trig: Trigger, own_subject: bool = True) -> Args:
    result = Args()
    noun = trig.noun or trig.head
    p = trig.pattern
    px = token_table(noun.doc)
    dep, kids, text = px.dep, px.kids, px.words
    n = noun.i
    for c in kids[n]:
        if dep[c] == "poss":
            _assign(
                result,
                p.role("possessive", "source"),
                args.ids_entities(state, px, [c]),
                "possessive",
            )
        elif dep[c] in {"amod", "compound", "nmod"} and c < n:
            ents = args.np_entities_at(state, px, c, create=False)
            if ents:
                _assign(result, "source", [e.id for e in ents], f"modifier '{text[c]}'")
    prep_pairs = args.prep_object_ids(px, n, {px.lower[c] for c in kids[n] if dep[c] == "prep"})
    h = px.head[n]
    if trig.asserted and h != n and dep[n] in {"nsubj", "nsubjpass"}:
        # "fighting broke out between the army and rebels": the occurrence verb's phrases
        prep_pairs += args.prep_object_ids(
            px, h, {px.lower[c] for c in kids[h] if dep[c] == "prep"} - lexicon().occurrence_setting
        )
    for prep, pobj in prep_pairs:
        if prep == "by":
            _assign(result, "source", args.ids_entities(state, px, [pobj]), "prep 'by'")
            continue
        default = "target" if prep in p.target_preps or prep == "of" else ""
        role = p.role(f"prep_{prep}", default)
        if prep == "of" and any(
            dep[c] == "acl" and any(dep[g] == "aux" and px.lower[g] == "to" for g in kids[c])
            for c in kids[n]
        ):
            # "the refusal of their proxies to continue ...": the "of" phrase acts
            role = "source"
        inner = _inner_event_actors_at(state, px, pobj) if prep == "of" else []
        if inner:
            _assign(result, "target", inner, f"actor of event noun '{text[pobj]}'")
        elif role:
            _assign(result, role, args.ids_entities(state, px, [pobj]), f"prep '{prep}'")
    if own_subject and not result.source:
        # "the attack that Israel launched": relative clause subjects
        for c in kids[n]:
            if dep[c] == "relcl":
                subj, _ = args.subject_ids(px, c)
                _assign(
                    result,
                    "source",
                    args.ids_entities(state, px, subj),
                    "relative clause",
                )
    if not result.source:
        _participle_agents(state, px, n, result)
    dead_in = victim_death_verb(px, n, p, lexicon())
    if dead_in is not None and not result.target:
        # "four soldiers died in an ambush": the dead are the attack's target
        subj, _ = args.subject_ids(px, dead_in)
        _assign(result, "target", args.ids_entities(state, px, subj), f"died in '{px.words[n]}'")
    if not result.target and p.type in args.argument_words().civilian_place_types:
        _noun_victims(state, px, n, trig.asserted, result)
    h = px.head[n]
    if (
        own_subject
        and not result.source
        and dep[n] in args.OBJ_DEPS
        and px.pos[h] in VERB_POS
        and px.lemma[h] not in lexicon().witness_verbs  # "police confirmed the killing"
    ):
        # "the army hastened the pull-out of ...": who does something to the event
        subj, _path = args.subject_ids(px, h)
        _assign(
            result,
            "source",
            args.ids_entities(state, px, subj),
            f"subject of '{text[h]}'",
        )
    result.source = [s for s in result.source if s not in result.target] or result.source
    return result


def _participle_agents(state: Analysis, px: TokenTable, n: int, result: Args) -> None:
    """The actor named by a participle after the event noun (`agent_participles` of
    events/_shared.yaml): "a march organised by the unions", "mortar fire claimed by the
    rebels", "an ambush blamed on jihadists"; also after the noun a container or compound
    event noun modifies ("a mediation mission led by X")."""
    table = lexicon().agent_participles
    if not table:
        return
    dep, kids, lemma = px.dep, px.kids, px.lemma
    nouns = [n] + ([px.head[n]] if dep[n] == "compound" else [])
    for noun in nouns:
        for c in kids[noun]:
            preps = table.get(lemma[c]) if dep[c] == "acl" and c > noun else None
            if not preps:
                continue
            for g in kids[c]:
                by_agent = dep[g] == "agent" and "by" in preps
                if not by_agent and not (dep[g] == "prep" and px.lower[g] in preps):
                    continue
                objs = [o for o in kids[g] if dep[o] == "pobj"]
                _assign(
                    result,
                    "source",
                    args.ids_entities(state, px, objs),
                    f"'{px.words[c]} {px.words[g]}' after the event noun",
                )
            if result.source:
                return


def _noun_victims(state: Analysis, px: TokenTable, n: int, asserted: bool, result: Args) -> None:
    """An attack noun with no target: the dead or wounded of the verb it is the subject of,
    when that verb asserts the attack ("an attack on a village left 20 civilians dead",
    `attack_effects.result_verbs` and `civilian_places.victim_verbs`; "the blast left two
    workers dead" is no attack), else the people of the place of civilians it was made on
    ("a raid on a village")."""
    lex = lexicon()
    if px.lemma[n] in lex.victim_not_nouns | lex.effect_not_nouns:
        return  # blasts, explosions and fires: accidents harm people too
    h = px.head[n]
    verbs = args.argument_words().victim_verbs | lex.effect_verbs
    if asserted and px.dep[n] == "nsubj" and h != n and px.lemma[h] in verbs:
        objs = list(frame(px.doc, h).objects)
        found = [i for i in args.ids_entities(state, px, objs) if i not in result.source]
        if found:
            _assign(result, "target", found, f"the victims '{px.words[h]}' names")
            return
    for _prep, pobj in args.prep_object_ids(px, n, {"on", "against"}):
        people = args.place_people(state, px, pobj)
        if people is not None:
            _assign(result, "target", [people.id], "the people of a place of civilians")
            return


def _victims_as_target(
    state: Analysis, px: TokenTable, v: int, acted_on: list[int], result: Args
) -> None:
    """An attack with no actor as target, or only a place that is no country ("raided a
    village in Zamfara"): the people it harmed are the target, named by a participle of the
    attack's sentence ("..., killing 15 residents": `civilian_places.victim_verbs`), else the
    people of the place of civilians it was done to ("raided a village": CVL)."""
    targets = [state.entities[i] for i in result.target if i in state.entities]
    index = country_index()
    words = args.argument_words()
    named_place = any(px.lemma[o] in words.civilian_places for o in acted_on)  # "X village"
    if any(
        e.sector is not None
        or (e.type not in PLACE_TYPES and not named_place)
        or index.lookup(e.name)
        for e in targets
    ):
        return
    dep, kids = px.dep, px.kids
    victims: list[str] = []
    for c in kids[v]:
        if dep[c] in {"advcl", "conj"} and px.lemma[c] in words.victim_verbs:
            objs = [o for o in frame(px.doc, c).objects]
            add_ids(
                victims, [i for i in args.ids_entities(state, px, objs) if i not in result.source]
            )
    path = "victims named by a participle"
    if not victims:
        for o in acted_on:
            people = args.place_people(state, px, o)
            if people is not None:
                victims.append(people.id)
        path = "the people of a place of civilians"
    if victims:
        result.target = [*victims, *(i for i in result.target if i not in victims)]
        result.paths.append(f"target<-{path}")


def _is_purpose_clause(px: TokenTable, clause: int, marks: frozenset[str]) -> bool:
    """ "(blocked a highway) to show their anger", "in order to ...": a purpose clause."""
    if px.dep[clause] != "advcl":
        return False
    words = [px.lower[c] for c in px.kids[clause] if c < clause and px.dep[c] in {"aux", "mark"}]
    return any(" ".join(words[i:]) in marks or w in marks for i, w in enumerate(words))


def _actors_in(state: Analysis, px: TokenTable, root: int, sources: list[str]) -> list[str]:
    """The first actor (not a source) inside `root`'s phrase: a named entity, else a role noun
    with a nationality ("20 Turkish engineers")."""
    doc, dep, kids = px.doc, px.dep, px.kids
    token_mention, entities = state.token_mention, state.entities
    for i in px.subtree(root):
        mention = token_mention.get(i)  # `state.entity_at(i)`, inlined: a subtree's every token
        ent = entities.get(mention.entity) if mention is not None else None
        if ent is not None:
            if ent.id not in sources:
                args.enrich_country(state, doc, ent)
                return [ent.id]
            continue
        if px.pos[i] in NOUN_POS and any(c < i and dep[c] in {"amod", "compound"} for c in kids[i]):
            group = args.nationality_group(state, doc, doc[i])
            if group is not None and group.id not in sources:
                return [group.id]
    return []


def _fallback_target(
    state: Analysis, verb: Token, sources: list[str], preps: frozenset[str]
) -> list[str]:
    """The first actor (not a source) named around the verb when no argument is one, in this
    order: a stance phrase ("in defiance of the authorities"); the verb's object and
    prepositional phrases ("welcomed the president's statement", "backed out of his
    pledge to the miners", "despite calls from X"); complements and purpose clauses
    ("blocked a highway to show their anger at X"); where the act happened ("in Algiers":
    CAMEO codes a domestic act's target by its place)."""
    words = fallback_words()
    px = token_table(verb.doc)
    dep, lower, kids = px.dep, px.lower, px.kids
    children = kids[verb.i]
    for c in children:
        if dep[c] == "prep" and lower[c] == "in":
            for g in kids[c]:
                if dep[g] == "pobj" and px.lemma[g] in words.stance_nouns:
                    for _prep, inner in args.prep_object_ids(px, g, words.stance_preps):
                        found = _actors_in(state, px, inner, sources)
                        if found:
                            return found
    first = preps | words.preps
    for c in children:
        # complex prepositions count by their last word ("backed out of", "because of")
        if dep[c] in {"dobj", "dative", "attr", "oprd", "prt"} or (
            dep[c] == "prep"
            and (lower[c] in first or any(dep[g] == "prep" and lower[g] in first for g in kids[c]))
        ):
            found = _actors_in(state, px, c, sources)
            if found:
                return found
    for c in children:
        if dep[c] in {"xcomp", "ccomp"} or (
            dep[c] == "advcl" and _is_purpose_clause(px, c, words.purpose_marks)
        ):
            found = _actors_in(state, px, c, sources)
            if found:
                return found
    for c in children:
        if dep[c] == "prep" and lower[c] in words.place_preps:
            found = _actors_in(state, px, c, sources)
            if found:
                return found
    return []


def _inner_event_actors_at(state: Analysis, px: TokenTable, i: int) -> list[str]:
    """The actor of an event noun that is itself an argument: "rejected Iran's requests",
    "rejected calls by Kofi Annan", "a US offer" -> Iran, Annan, the US."""
    if match_noun_at(px, i, lexicon()) is None:
        return []
    ids: list[str] = []
    dep = px.dep
    for c in px.kids[i]:
        if dep[c] == "poss" or (dep[c] in {"compound", "amod", "nmod"} and c < i):
            add_ids(ids, [e.id for e in args.np_entities_at(state, px, c, create=False)])
    for _prep, pobj in args.prep_object_ids(px, i, args.argument_words().inner_agent_preps):
        add_ids(ids, args.ids_entities(state, px, [pobj]))
    if not ids:
        # "an ambush blamed on jihadists killed ...": a participle naming its actor
        named = Args()
        _participle_agents(state, px, i, named)
        add_ids(ids, named.source)
    if not ids:
        # "demanded the removal of President X", "demanded a truce with Moslem forces"
        for _prep, pobj in args.prep_object_ids(px, i, args.argument_words().inner_preps):
            add_ids(ids, args.ids_entities(state, px, [pobj]))
    return ids

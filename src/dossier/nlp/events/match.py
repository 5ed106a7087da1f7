"""Finding triggers: verbs, phrasal verbs and verb + object phrases, light and reversal verbs
carrying an event noun, event nouns with their modifiers; contexts (sport results) in which
the words of conflict mean something else.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from itertools import compress
from typing import Any

from spacy.tokens import Doc, Span, Token

from dossier.knowledge.ontology import ontology
from dossier.knowledge.resources import word_set
from dossier.knowledge.roles import roles
from dossier.nlp import event_args as args
from dossier.nlp.events.docinfo import doc_info
from dossier.nlp.events.lexicon import (
    MODIFIER_KEY_DEPS,
    NAME_LABELS,
    NOUN_POS,
    VERB_POS,
    Lexicon,
    Pattern,
    _lemma_guesses,
    lexicon_data,
)
from dossier.nlp.frames import frame
from dossier.nlp.modality import (
    modality_words,
)
from dossier.nlp.tokens import TokenTable, token_table


def _noun_keys_at(px: TokenTable, i: int) -> list[str]:
    """Lemma keys for an event noun, longest first ("hunger strike", "strike")."""
    keys = doc_info(px.doc).noun_keys
    cached = keys.get(i)
    if cached is None:
        cached = keys[i] = _noun_keys(px, i)
    return cached


def _noun_keys(px: TokenTable, i: int) -> list[str]:
    dep, lemma, kids = px.dep, px.lemma, px.kids[i]
    mods = [c for c in kids if c < i and dep[c] in MODIFIER_KEY_DEPS]
    keys: list[str] = []
    for n in range(len(mods), 0, -1):
        keys.append(" ".join([*(lemma[m] for m in mods[-n:]), lemma[i]]))
    # "state of emergency", "exchange of fire"
    for c in kids:
        if c > i and dep[c] == "prep" and px.lower[c] == "of":
            for g in px.kids[c]:
                if dep[g] == "pobj":
                    keys.insert(0, f"{lemma[i]} of {lemma[g]}")
    keys.append(lemma[i])
    keys.append(px.lower[i])
    # "a sit-in", "a cease-fire": the tokenizer splits the hyphen off; the word is whole again
    # when its parts are written together
    if i >= 2 and px.words[i - 1] == "-" and (i - 2) in kids:
        idx, words = px.idx, px.words
        if idx[i - 2] + len(words[i - 2]) == idx[i - 1] and idx[i - 1] + 1 == idx[i]:
            keys.insert(0, f"{px.lower[i - 2]}-{px.lower[i]}")
            keys.insert(0, f"{lemma[i - 2]}-{lemma[i]}")
    # "hundreds of troops", "dozens of protesters": a quantity's "of" phrase names the thing
    if lemma[i] in quantity_nouns():
        for c in kids:
            if c > i and dep[c] == "prep" and px.lower[c] == "of":
                for g in px.kids[c]:
                    if dep[g] == "pobj":
                        keys.extend(_noun_keys(px, g))
    return keys


@cache
def quantity_nouns() -> frozenset[str]:
    """`quantity_nouns` of events/_shared.yaml ("hundreds of", "dozens of")."""
    return word_set(lexicon_data(), "quantity_nouns", "events/_shared.yaml")


def match_noun(noun: Token, lex: Lexicon, *, object_ok: bool = False) -> tuple[Pattern, str] | None:
    """The pattern of an event noun; `object_ok` admits nouns that are events only as the
    object of a light verb ("received weapons")."""
    return match_noun_at(token_table(noun.doc), noun.i, lex, object_ok)


_UNSEEN: Any = object()  # a token `match_noun_at` has not looked at yet


def match_noun_at(
    px: TokenTable, i: int, lex: Lexicon, object_ok: bool = False
) -> tuple[Pattern, str] | None:
    key = (i, object_ok)
    hits = doc_info(px.doc).noun_hits
    hit = hits.get(key, _UNSEEN)
    if hit is _UNSEEN:
        hit = hits[key] = _match_noun(px, i, lex, object_ok)
    return hit


def _match_noun(
    px: TokenTable, i: int, lex: Lexicon, object_ok: bool
) -> tuple[Pattern, str] | None:
    if px.pos[i] not in NOUN_POS:
        return None
    lemma = px.lemma[i]
    if not lex.noun_candidate(lemma, px.lower[i]):
        return None
    for key in _noun_keys_at(px, i):
        pattern = lex.nouns.get(key)
        if pattern is not None and (object_ok or not pattern.object_only):
            return pattern, key
    # "launched a mediation effort": the event is the modifier of a container noun
    if lemma in lex.containers:
        dep = px.dep
        for c in px.kids[i]:
            if c < i and dep[c] in {"compound", "amod", "nmod"}:
                pattern = lex.nouns.get(px.lemma[c])
                if pattern is not None and not pattern.object_only:
                    return pattern, f"{px.lemma[c]} {lemma}"
    return None


def _phrase_seconds(px: TokenTable, v: int, firsts: frozenset[str]) -> list[tuple[str, list[int]]]:
    """Candidate second parts of a verb phrase, with the tokens they cover. A preposition's
    object is read only under a preposition some second part starts with (`firsts`): the
    others could not match."""
    out: list[tuple[str, list[int]]] = []
    dep, lower, kids = px.dep, px.lower, px.kids
    prts = [c for c in kids[v] if dep[c] == "prt"]
    for prt in prts:
        out.append((lower[prt], [prt]))
    objs = [c for c in kids[v] if dep[c] in args.OBJ_DEPS]
    # "were taken hostage": the passive's object predicate is the phrase's second part
    for obj in objs + [c for c in kids[v] if dep[c] in {"nsubjpass", "oprd"}]:
        for key in _noun_keys_at(px, obj):
            out.append((key, [obj]))
            for prt in prts:
                out.append((f"{lower[prt]} {key}", [prt, obj]))
    for c in kids[v]:
        if dep[c] == "prep":
            out.append((lower[c], [c]))
            if lower[c] not in firsts:
                continue
            for g in kids[c]:
                if dep[g] == "pobj":
                    for key in _noun_keys_at(px, g):
                        out.append((f"{lower[c]} {key}", [c, g]))
        if dep[c] == "dobj":
            for sc in kids[c]:
                if dep[sc] == "prep" and lower[sc] in firsts:
                    for g in kids[sc]:
                        if dep[g] == "pobj":
                            for key in _noun_keys_at(px, g):
                                out.append((f"{lower[sc]} {key}", [sc, g]))
    return out


@dataclass
class Trigger:
    pattern: Pattern
    head: Token  # the clause verb (or the event noun when no light verb carries it)
    tokens: list[Token]  # every token of the trigger
    noun: Token | None = None  # the event noun, when there is one
    kind: str = "verb"  # verb, phrase, light, reversal, noun, obligation
    key: str = ""
    # the sentence asserts the event happened even with no actor named: an event noun that
    # is the subject of an occurrence verb ("fighting broke out") or of a passive light verb
    # ("a protest was held")
    asserted: bool = False


def verb_lemmas(tok: Token) -> list[str]:
    """The lemma, and guesses when the lemmatizer stumbles ("staged" -> "stag")."""
    px = token_table(tok.doc)
    return list(_lemma_guesses(px.lemma[tok.i], px.lower[tok.i]))


PASSIVE_SUBJECT = "nsubjpass"


def _event_objects(px: TokenTable, i: int) -> list[int]:
    """The nouns a light verb may carry: its objects, "in/into" objects ("engaged in talks")
    and, in the passive, its subject ("a protest was held", "strikes were carried out")."""
    dep, kids = px.dep, px.kids
    return (
        [c for c in kids[i] if dep[c] in args.OBJ_DEPS]
        + [
            g
            for c in kids[i]
            if dep[c] == "prep" and px.lower[c] in {"in", "into"}
            for g in kids[c]
            if dep[g] == "pobj"
        ]
        + [c for c in kids[i] if dep[c] == PASSIVE_SUBJECT]
    )


def victim_death_verb(px: TokenTable, i: int, pattern: Pattern, lex: Lexicon) -> int | None:
    """The verb of a death in the attack noun `i` ("four soldiers died in an ambush":
    `victim_deaths` of events/_shared.yaml) or gerund ("died in shelling by X"), or None."""
    if pattern.type not in lex.victim_types or px.dep[i] not in {"pobj", "pcomp"}:
        return None
    if px.lemma[i] in lex.victim_not_nouns:
        return None  # "died in a blast at the mine": accidents explode too
    prep = px.head[i]
    verb = px.head[prep]
    if prep == i or verb == prep or px.lower[prep] not in lex.victim_preps:
        return None
    if px.pos[verb] not in VERB_POS or not set(_lemma_guesses(px.lemma[verb], px.lower[verb])) & (
        lex.victim_verbs
    ):
        return None
    return verb


def occurrence_verb(px: TokenTable, h: int, lex: Lexicon) -> bool:
    """Whether token `h` is a verb of occurrence ("broke out", "erupted", "took place")."""
    if px.pos[h] not in VERB_POS or not lex.occurrence:
        return False
    # the lemma, and guesses when the lemmatizer stumbles ("raged" -> "rag")
    for lemma in _lemma_guesses(px.lemma[h], px.lower[h]):
        if lemma in lex.occurrence:
            return True
        for c in px.kids[h]:
            if px.dep[c] in {"prt", "dobj"} and f"{lemma} {px.lemma[c]}" in lex.occurrence:
                return True
    return False


def _participle_modifier(px: TokenTable, i: int) -> bool:
    """ "troops backed by X", "armed men": a past participle describing a noun."""
    return px.dep[i] in {"acl", "amod"} and px.tag[i] == "VBN"


def _asserted_by_subject(px: TokenTable, v: int, pattern: Pattern) -> bool:
    """Whether verb `v`'s subject is one of the pattern's `asserted_by_subject` nouns (the
    weapon itself: "a roadside bomb exploded", "a grenade went off"): the sentence states the
    act happened though it names no actor."""
    if not pattern.asserted_by_subject:
        return False
    return any(
        key in pattern.asserted_by_subject
        for c in px.kids[v]
        # a common noun, not a name ("Shell", a company)
        # the passive subject of firing is the weapon fired ("rockets were fired at the port")
        if (px.dep[c] in args.SUBJ_DEPS or px.dep[c] == PASSIVE_SUBJECT)
        and px.pos[c] == "NOUN"
        and px.ent_type[c] not in NAME_LABELS
        for key in _noun_keys_at(px, c)
    )


def _reason_phrase(px: TokenTable, heads: list[int], pattern: Pattern) -> bool:
    """Whether a phrase of one of the pattern's `not_with_preps` hangs on the verb or the
    phrase's words and gives a reason ("came under fire for his remarks", "over the plan"),
    not a time ("for two hours")."""
    return any(
        px.dep[c] == "prep"
        and px.lower[c] in pattern.not_with_preps
        and not any(px.dep[g] == "pobj" and px.ent_type[g] in {"DATE", "TIME"} for g in px.kids[c])
        for h in heads
        for c in px.kids[h]
    )


def _source_of_sectors(px: TokenTable, heads: list[int], pattern: Pattern) -> bool:
    """Whether a source phrase of the pattern's roles ("from lawmakers", "from the
    president") on the verb or the phrase's words names a role noun of one of the pattern's
    `not_by_sectors` (roles.yaml) or a named person: "came under fire from lawmakers" is
    criticism. Named sources are also checked on their entity (component)."""
    preps = {
        slot[5:] for slot, role in pattern.roles if slot.startswith("prep_") and role == "source"
    }
    table = roles()
    for h in heads:
        for c in px.kids[h]:
            if px.dep[c] not in {"prep", "agent"} or px.lower[c] not in preps:
                continue
            for g in px.kids[c]:
                if px.dep[g] != "pobj":
                    continue
                if px.ent_type[g] == "PERSON":
                    return True
                # "rights groups": the modifier as written, the head as its lemma
                written = [
                    f"{px.lower[m]} {px.lemma[g]}"
                    for m in px.kids[g]
                    if m < g and px.dep[m] in {"compound", "amod"}
                ]
                for key in [*_noun_keys_at(px, g), *written]:
                    role = table.get(key)
                    if role is not None and role.sector in pattern.not_by_sectors:
                        return True
    return False


def _attack_noun(px: TokenTable, i: int, lex: Lexicon) -> bool:
    """Whether token `i` is an attack noun of `attack_effects` (events/_shared.yaml) that
    accidents do not share ("a drone attack", "the shelling"; not "an explosion")."""
    if px.pos[i] != "NOUN" or px.lemma[i] in lex.effect_not_nouns:
        return False
    hit = match_noun_at(px, i, lex)
    return hit is not None and hit[0].type in lex.effect_types


def _asserted_by_attack_subject(px: TokenTable, v: int, pattern: Pattern, lex: Lexicon) -> bool:
    """ "A drone attack hit an oil depot", "the raid targeted a police post": an attack noun
    as the subject of an ASSAULT verb asserts the act (`attack_effects`)."""
    if pattern.type not in lex.effect_types:
        return False
    return any(px.dep[c] in args.SUBJ_DEPS and _attack_noun(px, c, lex) for c in px.kids[v])


def _asserted_by_passive(px: TokenTable, v: int, key: str, pattern: Pattern, lex: Lexicon) -> bool:
    """ "Shops were looted", "a village was shelled": the agentless passive of an act only
    people do (`attack_effects.passive_verbs`) states the act with its doer unnamed."""
    if pattern.type not in lex.effect_types or key not in lex.effect_passives:
        return False
    kids = px.kids[v]
    if any(px.dep[c] == "agent" for c in kids):
        return False  # "by X": the doer is named, the usual arguments find it
    return any(
        px.dep[c] == PASSIVE_SUBJECT and px.pos[c] in NOUN_POS and px.ent_type[c] not in NAME_LABELS
        for c in kids
    )


def attack_result_verb(px: TokenTable, i: int, pattern: Pattern, lex: Lexicon) -> bool:
    """ "A grenade attack left three dead", "the shelling claimed six lives": the attack noun
    `i` is the subject of a verb of result completed by a casualty word (`attack_effects`)."""
    if pattern.type not in lex.effect_types or px.dep[i] != "nsubj":
        return False
    h = px.head[i]
    if h == i or px.pos[h] not in VERB_POS or px.lemma[h] not in lex.effect_verbs:
        return False
    if px.lemma[i] in lex.effect_not_nouns:
        return False
    return any(
        px.lemma[t] in lex.effect_words or px.lower[t] in lex.effect_words
        for c in px.kids[h]
        if c != i and px.dep[c] not in args.SUBJ_DEPS
        for t in px.subtree(c)
    )


def caused_by_other(verb: Token, pattern: Pattern) -> bool:
    """Whether the cause of `verb` is one of the pattern's `not_by_cause` nouns: its subject,
    its passive "by" agent or an instrument phrase ("floods killed 20 people", "were injured
    in an earthquake"): a natural or accidental cause, no act of anyone."""
    if not pattern.not_by_cause:
        return False
    px = token_table(verb.doc)
    v = verb.i
    causes = [c for c in px.kids[v] if px.dep[c] in args.SUBJ_DEPS]
    for c in px.kids[v]:
        if px.dep[c] == "agent" or (
            px.dep[c] == "prep" and px.lower[c] in pattern.instrument_preps
        ):
            causes.extend(g for g in px.kids[c] if px.dep[g] == "pobj")
    for c in causes:
        if px.pos[c] != "NOUN":
            continue
        for key in _noun_keys_at(px, c):  # longest first: "artillery fire" before "fire"
            if key in pattern.asserted_by_subject:
                break
            if key in pattern.not_by_cause:
                return True
    return False


def _verb_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    px = token_table(tok.doc)
    lemmas = _lemma_guesses(px.lemma[tok.i], px.lower[tok.i])
    if not lex.verb_candidate(lemmas):
        return None  # no table has a key starting with any of its lemmas
    prt = next((px.lower[c] for c in px.kids[tok.i] if px.dep[c] == "prt"), "")
    lemma, full = lex.verb_key(lemmas, prt)
    for second, ids in (
        _phrase_seconds(px, tok.i, lex.phrase_firsts[lemma]) if lemma in lex.phrase_verbs else ()
    ):
        pattern = lex.phrases.get((lemma, second))
        if pattern is not None:
            if pattern.asserted_only and not _asserted_by_subject(px, tok.i, pattern):
                continue
            if pattern.not_with_preps and _reason_phrase(px, [tok.i, *ids], pattern):
                continue
            if pattern.not_by_sectors and _source_of_sectors(px, [tok.i, *ids], pattern):
                continue
            toks = [px.doc[j] for j in ids]
            noun = next((t for j, t in zip(ids, toks, strict=True) if px.pos[j] in NOUN_POS), None)
            return Trigger(
                pattern,
                tok,
                [tok, *toks],
                noun=noun,
                kind="phrase",
                key=f"{lemma} {second}",
                asserted=pattern.asserts
                or _asserted_by_subject(px, tok.i, pattern)
                or _asserted_by_attack_subject(px, tok.i, pattern, lex)
                or _asserted_by_passive(px, tok.i, f"{lemma} {second}", pattern, lex),
            )
    objs = [c for c in px.kids[tok.i] if px.dep[c] in args.OBJ_DEPS]
    kinds = (
        ("reversal", lex.reversal),
        ("inverse", lex.inverse_light),
        ("light", lex.light),
    )
    for kind, words in kinds:
        if full not in words and lemma not in words:
            continue
        for obj in _event_objects(px, tok.i) if kind != "inverse" else objs:
            hit = match_noun_at(px, obj, lex, object_ok=True)
            if hit is None:
                continue
            pattern, key = hit
            if kind == "light" and pattern.object_only and lemma not in lex.giving_light:
                continue  # goods are an event only when given: "used weapons" is no aid
            if kind == "reversal":
                pattern = _reversed(pattern, lex) or pattern
            noun = px.doc[obj]
            return Trigger(
                pattern,
                tok,
                [tok, noun],
                noun=noun,
                kind=kind,
                key=f"{full} + {key}",
                asserted=kind == "light" and px.dep[obj] == PASSIVE_SUBJECT,
            )
    pattern = lex.verbs.get(full) or lex.verbs.get(lemma)
    if pattern is None:
        return None
    if pattern.asserted_only and not _asserted_by_subject(px, tok.i, pattern):
        return None  # "the plane landed": only a weapon landing is an attack
    trig = Trigger(
        pattern,
        tok,
        [tok],
        kind="verb",
        key=lemma,
        asserted=pattern.asserts
        or _asserted_by_subject(px, tok.i, pattern)
        or _asserted_by_attack_subject(px, tok.i, pattern, lex)
        or _asserted_by_passive(px, tok.i, lemma, pattern, lex),
    )
    # an event noun object is part of this event ("called off the strike")
    for obj in objs:
        if match_noun_at(px, obj, lex):
            trig.tokens.append(px.doc[obj])
    return trig


def _candidates(doc: Doc, lex: Lexicon) -> list[int]:
    """Indices of the tokens that may start a trigger (one pass per document)."""
    info = doc_info(doc)
    if info.candidates is None:
        px = info.table
        lemma, lower = px.lemma, px.lower
        # the cached answers first (None: not asked yet), in one pass over the keys
        hits = list(map(lex.candidate_cache.get, zip(lemma, lower, strict=True)))
        if None in hits:  # words not asked about yet
            for i, hit in enumerate(hits):
                if hit is None:
                    hits[i] = lex.token_candidate(lemma[i], lower[i])
        info.candidates = list(compress(range(len(hits)), hits))
    return info.candidates


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    found: list[Trigger] = []
    used: set[int] = set()
    doc = sent.doc
    indices = _candidates(doc, lex)
    lo, hi = bisect_left(indices, sent.start), bisect_left(indices, sent.end)
    if lo == hi:
        return found
    candidates = indices[lo:hi]
    px = token_table(doc)
    dep, pos = px.dep, px.pos
    for i in candidates:
        if i in used:
            continue
        d, p = dep[i], pos[i]
        if d == "amod" and p in VERB_POS:
            continue  # "the occupied West Bank": a participle naming a state
        if (p in VERB_POS or (p == "AUX" and d == "ROOT")) and lex.verb_candidate(
            _lemma_guesses(px.lemma[i], px.lower[i])
        ):
            trig = _verb_trigger(doc[i], lex)
            if trig is not None and trig.pattern.not_as_participle and _participle_modifier(px, i):
                trig = None  # "troops backed by X": describes the troops
            if trig is not None:
                found.append(trig)
                used.update(t.i for t in trig.tokens)
    ent_type = token_table(doc).ent_type
    for i in candidates:
        if i in used or pos[i] not in NOUN_POS or ent_type[i] in NAME_LABELS:
            continue
        hit = match_noun_at(px, i, lex)
        if hit is None:
            continue
        pattern, key = hit
        # a noun that is an argument of a verb trigger belongs to that event
        if px.head[i] in used and dep[i] in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}:
            continue
        tok = doc[i]
        h = px.head[i]
        asserted = h != i and (
            (dep[i] == "nsubj" and occurrence_verb(px, h, lex))
            # "heavy fighting was reported between the army and militants"
            or (dep[i] == "nsubjpass" and px.lemma[h] in lex.occurrence_passive)
            # "police confirmed the killing of two traders"
            or (dep[i] in args.OBJ_DEPS and px.lemma[h] in lex.witness_verbs)
            # "four soldiers died in an ambush"
            or victim_death_verb(px, i, pattern, lex) is not None
            # "a grenade attack left three dead"
            or attack_result_verb(px, i, pattern, lex)
        )
        found.append(
            Trigger(pattern, tok, [tok], noun=tok, kind="noun", key=key, asserted=asserted)
        )
        used.add(i)
    found.extend(obligation_triggers(sent, lex, used))
    return found


def obligated_heads(doc: Doc, lex: Lexicon) -> list[int]:
    """The tokens of `doc` with an obligation modal among their auxiliaries ("must allow":
    an `aux` child, as the frame's `auxiliaries`), in text order (one pass per document)."""
    info = doc_info(doc)
    if info.obligated is None:
        px = token_table(doc)
        dep, head = px.dep, px.head
        # the modals first, in one pass over the words
        modals = compress(range(px.n), map(lex.obligation.__contains__, px.lower))
        info.obligated = sorted({h for c in modals if dep[c] == "aux" and (h := head[c]) != c})
    return info.obligated


def obligation_triggers(sent: Span, lex: Lexicon, used: set[int]) -> list[Trigger]:
    """ "The council said the parties must allow access": a verb with an obligation modal in
    the complement of a speech verb, that no other trigger took, is a demand
    (`obligation_demand` of events/_shared.yaml); the component codes the speaker as source
    and the verb's subject as target."""
    pattern = lex.obligation_pattern
    if pattern is None or not lex.obligation:
        return []
    doc = sent.doc
    out: list[Trigger] = []
    # the modal first (the frame's `auxiliaries`): only such a verb needs its frame
    heads = obligated_heads(doc, lex)
    pos = token_table(doc).pos
    for i in heads[bisect_left(heads, sent.start) : bisect_left(heads, sent.end)]:
        if i in used or pos[i] not in VERB_POS:
            continue
        if frame(doc, i).speech_verb is None:
            continue
        tok = doc[i]
        out.append(Trigger(pattern, tok, [tok], kind="obligation", key=f"obligation '{tok.text}'"))
    return out


SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")
DASHES = frozenset({"-", "–"})


def _has_score(table: TokenTable, start: int, end: int) -> bool:
    """A result such as "5-0" in tokens `start`..`end` (one token, or three with no space
    between)."""
    words, idx = table.words, table.idx
    for i in range(start, end):
        w = words[i]
        if not w[:1].isdigit():
            continue
        if SCORE.match(w):
            return True
        if (
            i + 2 < end
            and w.isdigit()
            and len(w) <= 3
            and words[i + 1] in DASHES
            and idx[i] + len(w) == idx[i + 1]
            and idx[i + 1] + len(words[i + 1]) == idx[i + 2]
            and words[i + 2].isdigit()
            and len(words[i + 2]) <= 3
        ):
            return True
    return False


def sentence_contexts(sent: Span, lex: Lexicon) -> set[str]:
    """The contexts (``contexts:`` of events/_shared.yaml) whose words or scores the sentence
    has ("beat Japan 5-0 in the opening match": sport)."""
    found: set[str] = set()
    if not lex.contexts:
        return found
    table = token_table(sent.doc)
    lemmas = set(table.lemma[sent.start : sent.end])
    has_score: bool | None = None
    for name, (words, scores) in lex.contexts.items():
        if not lemmas.isdisjoint(words):
            found.add(name)
        elif scores:
            if has_score is None:
                has_score = _has_score(table, sent.start, sent.end)
            if has_score:
                found.add(name)
    return found


def _reversed(pattern: Pattern, lex: Lexicon) -> Pattern | None:
    onto = ontology()
    spec = lex.reversal_types
    quad = onto.quad_class(pattern.type) or ""
    military = spec.get("military") or {}
    if pattern.type in (military.get("of") or []):
        chosen = military
    elif quad.endswith("cooperation"):
        chosen = spec.get("cooperation") or {}
    else:
        chosen = spec.get("conflict") or {}
    if not chosen:
        return None
    return Pattern(
        type=str(chosen["type"]),
        mode=chosen.get("mode"),
        cameo=str(chosen.get("cameo")) if chosen.get("cameo") else None,
        confidence=pattern.confidence * 0.9,
        target_preps=pattern.target_preps,
        source=f"reversal of {pattern.source}",
        reverses=pattern.type,
    )


def has_question_complement(verb: Token) -> bool:
    words = modality_words()
    px = token_table(verb.doc)
    dep, lower, kids = px.dep, px.lower, px.kids
    for c in kids[verb.i]:
        if dep[c] in {"ccomp", "xcomp", "advcl"}:
            for g in kids[c]:
                if (
                    g < c
                    and lower[g] in words.question_words
                    and dep[g] in {"mark", "advmod", "dobj", "attr", "nsubj"}
                ):
                    return True
    return False

"""The ``dossier_events`` component: who did what to whom, when and where, coded to PLOVER.

1. Triggers (``events/<TYPE>.yaml``, validated and compiled once into lemma tables): verbs, phrasal verbs
   and verb + object phrases ("blow up", "open fire"), event nouns with their modifiers
   ("hunger strike", "air strike"), light verbs carrying an event noun ("carried out strikes"),
   reversal verbs undoing one ("lifted sanctions", "cancelled a visit").
2. Arguments from the dependency parse (``event_args``): subject / passive agent = source,
   object / dative / prepositional target ("attack on", "strikes against") = target;
   possessives and "of" phrases of event nouns ("Israel's elimination of Nasrallah").
3. Modality (``modality``): negated, hypothetical; a stated intention of the actor turns the
   act into a promise (AGREE) or a threat (THREATEN) as PLOVER/CAMEO code them.
4. Attribution (the statement whose content holds the trigger), date (``temporal``), place
   (a place in the clause, else the sentence, the dateline, the document focus).
5. Within-document dedup: same type, sources and targets -> one event, extra trigger spans.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.knowledge.ontology import ontology
from dossier.knowledge.resources import load_yaml
from dossier.nlp import event_args as args
from dossier.nlp.modality import (
    SPEECH_LEMMAS,
    Modality,
    clause_modality,
    modality_words,
    noun_modality,
    yaml_word,
)
from dossier.nlp.state import Analysis, Mention, get_state
from dossier.nlp.temporal import event_date
from dossier.nlp.tokens import TokenTable, token_table
from dossier.record import Event, Statement
from dossier.record import Span as RSpan
from dossier.rules.schemas.events import event_rules

NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB"})
MODIFIER_KEY_DEPS = frozenset({"compound", "amod"})
# named-entity labels whose words are names, not event nouns ("March", "Liberation Front")
NAME_LABELS = frozenset(
    {"DATE", "TIME", "PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "PRODUCT"}
)
# a mention of the same act (same type and actor, one without a target) this close is the same
NEARBY_CHARS = 400
EMBED_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "prep", "pobj", "acl", "relcl", "dobj"})


@dataclass(frozen=True)
class Pattern:
    type: str
    mode: str | None
    cameo: str | None
    confidence: float
    roles: tuple[tuple[str, str], ...] = ()
    target_preps: frozenset[str] = frozenset()
    source: str = ""  # the yaml key that produced it, for `rule`
    requires: frozenset[str] = frozenset()  # roles that must be found ("target")
    object_only: bool = False  # a noun that is an event only as a light verb's object
    instrument_preps: frozenset[str] = frozenset()  # "killed in an air strike by ..."

    not_with_question: bool = False  # "asked whether ...": a question, not this event
    requires_actor: bool = False  # a source or a target must be found (the type file says)
    not_in_context: tuple[str, ...] = ()  # contexts (`contexts:`) where the words mean else

    def role(self, slot: str, default: str) -> str:
        for key, value in self.roles:
            if key == slot:
                return value
        return default


@dataclass
class Lexicon:
    verbs: dict[str, Pattern] = field(default_factory=dict)
    nouns: dict[str, Pattern] = field(default_factory=dict)
    phrases: dict[tuple[str, str], Pattern] = field(default_factory=dict)
    light: set[str] = field(default_factory=set)
    reversal: set[str] = field(default_factory=set)
    inverse_light: set[str] = field(default_factory=set)
    containers: set[str] = field(default_factory=set)
    phrase_verbs: set[str] = field(default_factory=set)
    reversal_types: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_noun_words: int = 1
    desire_verbs: frozenset[str] = frozenset()  # intent.desire_verbs
    accusing_cues: frozenset[str] = frozenset()  # intent.accusing_cues
    obligation: frozenset[str] = frozenset()  # modality.obligation
    # context name -> (its words, whether a score such as "5-0" puts a sentence in it)
    contexts: dict[str, tuple[frozenset[str], bool]] = field(default_factory=dict)
    # cheap pre-checks: a verb can only trigger when one of its lemma guesses is the first word
    # of a verb table key; a noun only when its lemma or form ends a noun key, starts an
    # "X of Y" key or is a container noun
    verb_heads: frozenset[str] = frozenset()
    noun_tails: frozenset[str] = frozenset()
    noun_heads: frozenset[str] = frozenset()
    # (lemma, lower-cased form) -> whether a token with these can start a trigger at all
    candidate_cache: dict[tuple[str, str], bool] = field(default_factory=dict)
    verb_key_cache: dict[tuple[tuple[str, ...], str], tuple[str, str]] = field(default_factory=dict)
    verb_candidate_cache: dict[tuple[str, ...], bool] = field(default_factory=dict)

    def verb_key(self, lemmas: tuple[str, ...], prt: str) -> tuple[str, str]:
        """(lemma, lemma + particle) of a verb: the first lemma guess a table knows (cached)."""
        key = (lemmas, prt)
        hit = self.verb_key_cache.get(key)
        if hit is None:
            known = [
                lemma
                for lemma in lemmas
                if lemma in self.verbs
                or lemma in self.light
                or lemma in self.reversal
                or lemma in self.inverse_light
                or f"{lemma} {prt}" in self.verbs
                or f"{lemma} {prt}" in self.light
                or f"{lemma} {prt}" in self.reversal
                or lemma in self.phrase_verbs
            ]
            lemma = known[0] if known else lemmas[0]
            hit = self.verb_key_cache[key] = (lemma, f"{lemma} {prt}" if prt else lemma)
        return hit

    def verb_candidate(self, lemmas: list[str] | tuple[str, ...]) -> bool:
        key = tuple(lemmas)
        hit = self.verb_candidate_cache.get(key)
        if hit is None:
            hit = self.verb_candidate_cache[key] = any(
                lemma in self.verb_heads or " " in lemma for lemma in lemmas
            )
        return hit

    def noun_candidate(self, lemma: str, lower: str) -> bool:
        return (
            " " in lemma
            or lemma in self.noun_tails
            or lower in self.noun_tails
            or lemma in self.noun_heads
            or lemma in self.containers
        )

    def token_candidate(self, lemma: str, lower: str) -> bool:
        """Whether a token with this (lower-cased) lemma and form may start a verb or noun
        trigger (cached)."""
        key = (lemma, lower)
        hit = self.candidate_cache.get(key)
        if hit is None:
            hit = self.noun_candidate(lemma, lower) or self.verb_candidate(
                list(_lemma_guesses(lemma, lower))
            )
            self.candidate_cache[key] = hit
        return hit


@cache
def lexicon() -> Lexicon:
    """The compiled trigger tables, from the validated rule files (``events/<TYPE>.yaml``);
    a RulesError naming file and line when one is wrong."""
    loaded, data = event_rules()
    onto = ontology()
    default_preps = frozenset(yaml_word(p, "target_preps") for p in data.get("target_preps") or [])
    lex = Lexicon()
    for lp in loaded:
        entry = lp.rule
        type_ = lp.type
        preps = entry.target_preps
        pattern = Pattern(
            type=type_,
            mode=entry.mode,
            cameo=entry.cameo or onto.cameo_for(type_),
            confidence=entry.confidence,
            roles=tuple(entry.roles.items()),
            target_preps=frozenset(preps) if preps else default_preps,
            source=f"{type_}/{entry.mode or '-'}",
            requires=frozenset(entry.requires),
            not_with_question=entry.not_with_question,
            object_only=entry.object_only,
            instrument_preps=frozenset(entry.instrument_preps),
            requires_actor=lp.file.data.requires_actor,
            not_in_context=tuple(entry.not_in_context),
        )
        for verb in entry.verbs:
            lex.verbs[verb] = pattern
        for noun in entry.nouns:
            lex.nouns[noun] = pattern
            lex.max_noun_words = max(lex.max_noun_words, len(noun.split()))
        for phrase in entry.phrases:
            verb, _, rest = phrase.partition(" ")
            lex.phrases[(verb, rest)] = pattern
    lex.light = {str(v).lower() for v in data.get("light_verbs") or []}
    lex.reversal = {str(v).lower() for v in data.get("reversal_verbs") or []}
    lex.inverse_light = {str(v).lower() for v in data.get("inverse_light_verbs") or []}
    lex.containers = {str(v).lower() for v in data.get("container_nouns") or []}
    lex.phrase_verbs = {verb for verb, _ in lex.phrases}
    lex.reversal_types = dict(data.get("reversal") or {})
    intent = data.get("intent") or {}
    lex.desire_verbs = frozenset(str(w) for w in intent.get("desire_verbs") or [])
    lex.accusing_cues = frozenset(str(w) for w in intent.get("accusing_cues") or [])
    lex.contexts = {
        str(name): (
            frozenset(str(w).lower() for w in spec.get("words") or []),
            bool(spec.get("scores", False)),
        )
        for name, spec in (data.get("contexts") or {}).items()
    }
    modal = data.get("modality") or {}
    lex.obligation = frozenset(str(w) for w in modal.get("obligation") or [])
    verb_keys = [*lex.verbs, *lex.light, *lex.reversal, *lex.inverse_light]
    lex.verb_heads = frozenset(k.split()[0] for k in verb_keys if k.split()) | lex.phrase_verbs
    lex.noun_tails = frozenset(k.split()[-1] for k in lex.nouns if k.split())
    lex.noun_heads = frozenset(k.split()[0] for k in lex.nouns if " of " in k)
    return lex


# ----------------------------------------------------------------------------- matching


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def noun_keys(noun: Token) -> list[str]:
    """Lemma keys for an event noun, longest first ("hunger strike", "strike")."""
    return _noun_keys_at(args.parse_index(noun.doc), noun.i)


def _noun_keys_at(px: args.ParseIndex, i: int) -> list[str]:
    keys = _doc_info(px.doc).noun_keys
    cached = keys.get(i)
    if cached is None:
        cached = keys[i] = _noun_keys(px, i)
    return cached


def _noun_keys(px: args.ParseIndex, i: int) -> list[str]:
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
    return keys


def match_noun(noun: Token, lex: Lexicon, *, object_ok: bool = False) -> tuple[Pattern, str] | None:
    """The pattern of an event noun; `object_ok` admits nouns that are events only as the
    object of a light verb ("received weapons")."""
    return _match_noun_at(args.parse_index(noun.doc), noun.i, lex, object_ok)


def _match_noun_at(
    px: args.ParseIndex, i: int, lex: Lexicon, object_ok: bool = False
) -> tuple[Pattern, str] | None:
    key = (i, object_ok)
    hits = _doc_info(px.doc).noun_hits
    if key in hits:
        return hits[key]
    hit = hits[key] = _match_noun(px, i, lex, object_ok)
    return hit


def _match_noun(
    px: args.ParseIndex, i: int, lex: Lexicon, object_ok: bool
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


def _objects(verb: Token) -> list[Token]:
    return args.parse_index(verb.doc).children(verb, args.OBJ_DEPS)


def _phrase_seconds(px: args.ParseIndex, v: int) -> list[tuple[str, list[int]]]:
    """Candidate second parts of a verb phrase, with the tokens they cover."""
    out: list[tuple[str, list[int]]] = []
    dep, lower, kids = px.dep, px.lower, px.kids
    prts = [c for c in kids[v] if dep[c] == "prt"]
    for prt in prts:
        out.append((lower[prt], [prt]))
    objs = [c for c in kids[v] if dep[c] in args.OBJ_DEPS]
    for obj in objs + [c for c in kids[v] if dep[c] == "nsubjpass"]:
        for key in _noun_keys_at(px, obj):
            out.append((key, [obj]))
            for prt in prts:
                out.append((f"{lower[prt]} {key}", [prt, obj]))
    for c in kids[v]:
        if dep[c] == "prep":
            out.append((lower[c], [c]))
            for g in kids[c]:
                if dep[g] == "pobj":
                    for key in _noun_keys_at(px, g):
                        out.append((f"{lower[c]} {key}", [c, g]))
        if dep[c] == "dobj":
            for sc in kids[c]:
                if dep[sc] == "prep":
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
    kind: str = "verb"  # verb, phrase, light, reversal, noun
    key: str = ""


def _verb_lemmas(tok: Token) -> list[str]:
    """The lemma, and guesses when the lemmatizer stumbles ("staged" -> "stag")."""
    px = args.parse_index(tok.doc)
    return list(_lemma_guesses(px.lemma[tok.i], px.lower[tok.i]))


@lru_cache(maxsize=1 << 14)
def _lemma_guesses(lemma: str, low: str) -> tuple[str, ...]:
    key = (lemma, low)
    hit = _GUESSES.get(key)
    if hit is None:
        if len(_GUESSES) > 100_000:
            _GUESSES.clear()
        hit = _GUESSES[key] = _lemma_guesses_of(lemma, low)
    return hit


_GUESSES: dict[tuple[str, str], tuple[str, ...]] = {}


def _lemma_guesses_of(lemma: str, low: str) -> tuple[str, ...]:
    out = [lemma]
    if low.endswith("ed") and len(low) > 4:
        out += [low[:-1], low[:-2]]
        if low[-3] == low[-4]:
            out.append(low[:-3])  # "shelled" -> "shell", "stopped" -> "stop"
    elif low.endswith("ing") and len(low) > 5:
        out += [low[:-3], low[:-3] + "e"]
    elif low.endswith("s") and len(low) > 3:
        out.append(low[:-1])
    return tuple(dict.fromkeys(out))


def _event_objects(px: args.ParseIndex, i: int) -> list[int]:
    dep, kids = px.dep, px.kids
    return [c for c in kids[i] if dep[c] in args.OBJ_DEPS] + [
        g
        for c in kids[i]
        if dep[c] == "prep" and px.lower[c] in {"in", "into"}
        for g in kids[c]
        if dep[g] == "pobj"
    ]


def _verb_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    px = args.parse_index(tok.doc)
    lemmas = _lemma_guesses(px.lemma[tok.i], px.lower[tok.i])
    if not lex.verb_candidate(lemmas):
        return None  # no table has a key starting with any of its lemmas
    prt = next((px.lower[c] for c in px.kids[tok.i] if px.dep[c] == "prt"), "")
    lemma, full = lex.verb_key(lemmas, prt)
    for second, ids in _phrase_seconds(px, tok.i) if lemma in lex.phrase_verbs else ():
        pattern = lex.phrases.get((lemma, second))
        if pattern is not None:
            toks = [px.doc[j] for j in ids]
            noun = next((t for j, t in zip(ids, toks, strict=True) if px.pos[j] in NOUN_POS), None)
            return Trigger(
                pattern, tok, [tok, *toks], noun=noun, kind="phrase", key=f"{lemma} {second}"
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
            hit = _match_noun_at(px, obj, lex, object_ok=True)
            if hit is None:
                continue
            pattern, key = hit
            if kind == "reversal":
                pattern = _reversed(pattern, lex) or pattern
            noun = px.doc[obj]
            return Trigger(pattern, tok, [tok, noun], noun=noun, kind=kind, key=f"{full} + {key}")
    pattern = lex.verbs.get(full) or lex.verbs.get(lemma)
    if pattern is None:
        return None
    trig = Trigger(pattern, tok, [tok], kind="verb", key=lemma)
    # an event noun object is part of this event ("called off the strike")
    for obj in objs:
        if _match_noun_at(px, obj, lex):
            trig.tokens.append(px.doc[obj])
    return trig


def _candidates(doc: Doc, lex: Lexicon) -> list[int]:
    """Indices of the tokens that may start a trigger (one pass per document)."""
    info = _doc_info(doc)
    if info.candidates is None:
        px = args.parse_index(doc)
        cache = lex.candidate_cache
        found: list[int] = []
        for i, key in enumerate(zip(px.lemma, px.lower, strict=True)):
            hit = cache.get(key)
            if hit is None:
                hit = lex.token_candidate(*key)
            if hit:
                found.append(i)
        info.candidates = found
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
    px = args.parse_index(doc)
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
            if trig is not None:
                found.append(trig)
                used.update(t.i for t in trig.tokens)
    ent_type = token_table(doc).ent_type
    for i in candidates:
        if i in used or pos[i] not in NOUN_POS or ent_type[i] in NAME_LABELS:
            continue
        hit = _match_noun_at(px, i, lex)
        if hit is None:
            continue
        pattern, key = hit
        # a noun that is an argument of a verb trigger belongs to that event
        if px.head[i] in used and dep[i] in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}:
            continue
        tok = doc[i]
        found.append(Trigger(pattern, tok, [tok], noun=tok, kind="noun", key=key))
        used.add(i)
    return found


SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")
DASHES = frozenset({"-", "–"})


def _has_score(sent: Span) -> bool:
    """A result such as "5-0" (one token, or three with no space between)."""
    toks = list(sent)
    for i, t in enumerate(toks):
        if SCORE.match(t.text):
            return True
        if (
            i + 2 < len(toks)
            and t.text.isdigit()
            and len(t.text) <= 3
            and not t.whitespace_
            and toks[i + 1].text in DASHES
            and not toks[i + 1].whitespace_
            and toks[i + 2].text.isdigit()
            and len(toks[i + 2].text) <= 3
        ):
            return True
    return False


def sentence_contexts(sent: Span, lex: Lexicon) -> set[str]:
    """The contexts (``contexts:`` of events/_shared.yaml) whose words or scores the sentence
    has ("beat Japan 5-0 in the opening match": sport)."""
    found: set[str] = set()
    if not lex.contexts:
        return found
    lemmas = {t.lemma_.lower() for t in sent}
    has_score = _has_score(sent)
    for name, (words, scores) in lex.contexts.items():
        if lemmas & words or (scores and has_score):
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
    )


# ----------------------------------------------------------------------------- arguments


@dataclass
class Args:
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def _add(ids: list[str], new: list[str]) -> None:
    for i in new:
        if i not in ids:
            ids.append(i)


def _assign(result: Args, role: str, ids: list[str], path: str) -> None:
    if not ids:
        return
    if role == "source":
        _add(result.source, ids)
    elif role == "target":
        _add(result.target, ids)
    else:
        return
    result.paths.append(f"{role}<-{path}")


_FOR = frozenset({"for"})


def verb_args(state: Analysis, trig: Trigger) -> Args:
    result = Args()
    verb = trig.head
    p = trig.pattern
    patients, agents = args.passive_parts(verb)
    if patients or agents:
        _assign(
            result,
            p.role("passive_subject", p.role("object", "target")),
            args.tokens_entities(state, patients),
            "passive subject",
        )
        _assign(
            result, p.role("subject", "source"), args.tokens_entities(state, agents), "agent 'by'"
        )
    else:
        px = args.parse_index(verb.doc)
        subj_ids, path = args.subject_ids(px, verb.i)  # (a cached list: not to be changed)
        # "a roadside bombing killed ...", "US Predator attacks have killed ...": the subject
        # is itself an event; its actor is the source
        inner_src: list[str] = []
        for j in subj_ids:
            _add(inner_src, _inner_event_actors_at(state, px, j))
        if inner_src:
            _assign(
                result,
                p.role("subject", "source"),
                inner_src,
                f"actor of event noun '{px.text[subj_ids[0]]}'",
            )
            subj_ids = []
        # "the rebel RUF announced it will return ...": pronoun subjects resolved upward
        _assign(
            result,
            p.role("subject", "source"),
            args.ids_entities(state, px, subj_ids),
            path or "nsubj",
        )
    # objects
    themes: list[str] = []
    px = args.parse_index(verb.doc)
    doc = px.doc
    v = verb.i
    noun_i = trig.noun.i if trig.noun is not None else -1
    # the parse does not change: read the verb's objects once
    object_ids = [c for c in px.kids[v] if px.dep[c] in args.OBJ_DEPS]
    for o in object_ids:
        if o == noun_i:
            continue
        inner = _inner_event_actors_at(state, px, o)
        if inner:
            _assign(result, "target", inner, f"actor of event noun '{px.text[o]}'")
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
            px.lemma[verb.i] in args.OBJECT_CONTROL or (c_dep == "ccomp" and p.type == "REQUEST")
        ):
            # "demanded that the US match ...": the one asked is the complement's subject
            subj = px.children(px.doc[c], args.SUBJ_DEPS | args.PASS_SUBJ_DEPS)
            _assign(result, "target", args.tokens_entities(state, subj), f"subject of {c_dep}")
    # prepositions on the verb and on the event noun
    heads = [v] + ([noun_i] if noun_i >= 0 else [])
    if p.role("object", "target") == "theme":
        heads += object_ids  # "sent weapons to Hezbollah" with "to" under "weapons"
    for head in heads:
        for prep, pobj in args.prep_object_ids(px, head, {px.lower[c] for c in px.kids[head]}):
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
        served = _match_noun_at(px, j, lexicon())
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
                f"target of '{px.text[j]}'",
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
    px = args.parse_index(noun.doc)
    doc, dep, kids, text = px.doc, px.dep, px.kids, px.text
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
            ents = args.np_entities(state, doc[c], create=False)
            if ents:
                _assign(result, "source", [e.id for e in ents], f"modifier '{text[c]}'")
    for prep, pobj in args.prep_object_ids(
        px, n, {px.lower[c] for c in kids[n] if dep[c] == "prep"}
    ):
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
    h = px.head[n]
    if own_subject and not result.source and dep[n] in args.OBJ_DEPS and px.pos[h] in VERB_POS:
        # "the United States speeded up the withdrawal of ...": who does something to the event
        subj, _path = args.subject_ids(px, h)
        _assign(
            result,
            "source",
            args.ids_entities(state, px, subj),
            f"subject of '{text[h]}'",
        )
    result.source = [s for s in result.source if s not in result.target] or result.source
    return result


@dataclass(frozen=True)
class FallbackWords:
    stance_nouns: frozenset[str]
    preps: frozenset[str]
    purpose_marks: frozenset[str]


@cache
def fallback_words() -> FallbackWords:
    data = load_yaml("events/_shared.yaml").get("fallback_target") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(yaml_word(w, key) for w in data.get(key) or [])

    return FallbackWords(
        stance_nouns=words("stance_nouns"),
        preps=words("fallback_preps") | words("concessive_preps"),
        purpose_marks=words("purpose_marks"),
    )


def _is_purpose_clause(px: args.ParseIndex, clause: int, marks: frozenset[str]) -> bool:
    """ "(blocked a highway) to show their anger", "in order to ...": a purpose clause."""
    if px.dep[clause] != "advcl":
        return False
    words = [px.lower[c] for c in px.kids[clause] if c < clause and px.dep[c] in {"aux", "mark"}]
    return any(" ".join(words[i:]) in marks or w in marks for i, w in enumerate(words))


def _actors_in(state: Analysis, px: args.ParseIndex, root: int, sources: list[str]) -> list[str]:
    """The first actor (not a source) inside `root`'s phrase: a named entity, else a role noun
    with a nationality ("20 Turkish engineers")."""
    doc, dep, kids = px.doc, px.dep, px.kids
    for i in px.subtree(root):
        ent = state.entity_at(i)
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
    px = args.parse_index(verb.doc)
    dep, lower, kids = px.dep, px.lower, px.kids
    children = kids[verb.i]
    for c in children:
        if dep[c] == "prep" and lower[c] == "in":
            for g in kids[c]:
                if dep[g] == "pobj" and px.lemma[g] in words.stance_nouns:
                    for _prep, inner in args.prep_object_ids(
                        px, g, {"of", "against", "to", "for", "at", "with"}
                    ):
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
    place_preps = {"in", "at", "throughout", "inside", "within", "across"}
    for c in children:
        if dep[c] == "prep" and lower[c] in place_preps:
            found = _actors_in(state, px, c, sources)
            if found:
                return found
    return []


def _inner_event_actors(state: Analysis, tok: Token) -> list[str]:
    """The actor of an event noun that is itself an argument: "rejected Iran's requests",
    "rejected calls by Kofi Annan", "a US offer" -> Iran, Annan, the US."""
    return _inner_event_actors_at(state, args.parse_index(tok.doc), tok.i)


_BY_FROM = frozenset({"by", "from"})
_INNER_PREPS = frozenset({"of", "with", "to", "against", "on", "for"})


def _inner_event_actors_at(state: Analysis, px: args.ParseIndex, i: int) -> list[str]:
    if _match_noun_at(px, i, lexicon()) is None:
        return []
    ids: list[str] = []
    doc, dep = px.doc, px.dep
    for c in px.kids[i]:
        if dep[c] == "poss" or (dep[c] in {"compound", "amod", "nmod"} and c < i):
            _add(ids, [e.id for e in args.np_entities(state, doc[c], create=False)])
    for _prep, pobj in args.prep_object_ids(px, i, _BY_FROM):
        _add(ids, args.ids_entities(state, px, [pobj]))
    if not ids:
        # "demanded the removal of President X", "demanded a truce with Moslem forces"
        for _prep, pobj in args.prep_object_ids(px, i, _INNER_PREPS):
            _add(ids, args.ids_entities(state, px, [pobj]))
    return ids


def _has_question_complement(verb: Token) -> bool:
    words = modality_words()
    px = args.parse_index(verb.doc)
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


# ----------------------------------------------------------------------------- component


_FINDER: list[Any] = []


def _statement_finder() -> Any:
    """The statements component's `statement_containing`, when it has one (looked up once)."""
    if not _FINDER:
        try:
            from dossier.nlp import statements as statements_mod

            _FINDER.append(getattr(statements_mod, "statement_containing", None))
        except ImportError:
            _FINDER.append(None)
    return _FINDER[0]


def _statement_containing(state: Analysis, start: int, end: int) -> Statement | None:
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


@dataclass
class _DocInfo:
    """What the component reads of one document again and again, computed once."""

    doc: Doc
    table: TokenTable  # the token attributes (shared with the other components)
    char_place: dict[int, str] | None = None  # start of a place mention -> place id
    sentences: dict[int, RSpan] = field(default_factory=dict)  # first token -> its span
    # first token of a sentence -> (mentions in the document then, place ids named in it)
    sentence_places: dict[int, tuple[int, list[str]]] = field(default_factory=dict)
    # (mentions in the document then, tokens in a mention or starting a place mention)
    place_tokens: tuple[int, list[int]] = (-1, [])
    noun_keys: dict[int, list[str]] = field(default_factory=dict)  # token -> its noun keys
    # (token, object_ok) -> match_noun's answer
    noun_hits: dict[tuple[int, bool], tuple[Pattern, str] | None] = field(default_factory=dict)
    candidates: list[int] | None = None  # tokens that may start a trigger


_DOC_INFO_KEY = ("dossier_events", "doc_info")


def _doc_info(doc: Doc) -> _DocInfo:
    """What the component keeps of `doc`, on the Doc itself (``doc.user_data``)."""
    user_data: dict[Any, Any] = doc.user_data
    info = user_data.get(_DOC_INFO_KEY)
    if info is None:
        info = user_data[_DOC_INFO_KEY] = _DocInfo(doc=doc, table=token_table(doc))
    assert isinstance(info, _DocInfo)
    return info


def _new_doc_info(doc: Doc) -> None:
    """Forget what was kept of `doc` (the component starts: entities may have changed)."""
    user_data: dict[Any, Any] = doc.user_data
    user_data.pop(_DOC_INFO_KEY, None)


_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "across", "outside", "from", "over"})


def _place_of(
    state: Analysis, doc: Doc, sent: Span, trig: Trigger, used: set[str], focus: str | None
) -> tuple[str | None, str]:
    """(place id, reason): the place in the clause, else the sentence, dateline, focus."""
    if not state.places:
        return None, ""
    info = _doc_info(doc)
    if info.char_place is None:
        info.char_place = {}
        for place_id, place in state.places.items():
            for m in place.mentions:
                info.char_place[m.start] = place_id
    char_place = info.char_place
    token_mention = state.token_mention
    entities = state.entities
    idx = info.table.idx

    def place_at_i(i: int) -> str | None:
        mention = token_mention.get(i)
        if mention is not None:
            ent = entities.get(mention.entity)
            if ent is not None and ent.place:
                return ent.place
            return char_place.get(mention.start)
        return char_place.get(idx[i])

    heads = [trig.head.i] + ([trig.noun.i] if trig.noun is not None else [])
    px = args.parse_index(doc)
    dep = px.dep
    heads += [c for h in list(heads) for c in px.kids[h] if dep[c] in args.OBJ_DEPS]
    for head in heads:
        for prep, pobj in args.prep_object_ids(px, head, _PLACE_PREPS):
            pid = place_at_i(pobj)
            if pid:
                return pid, f"place: '{prep} {px.text[pobj]}' in the event clause"
    # the first place named in the sentence that is not an actor's own
    # (the places named in a sentence change only when a mention is added: cached until then)
    for pid in _places_in(info, token_mention, sent, place_at_i):
        if pid not in used:
            return pid, "place: named in the sentence"
    n = len(px.kids)
    if n:
        text = px.text
        for i in range(min(4, args.sentence_end(doc[0]) + 1, n)):
            if i + 1 < n and text[i + 1] in {":", "—", "–", "-", "("}:
                pid = place_at_i(i)
                if pid:
                    return pid, "place: dateline"
    if focus:
        return focus, "place: document focus (most mentioned place)"
    return None, ""


def _places_in(
    info: _DocInfo,
    token_mention: dict[int, Mention],
    sent: Span,
    place_at: Callable[[int], str | None],
) -> list[str]:
    """`place_at(i)` of the tokens of `sent` that name a place, in text order. Only tokens in
    a mention or at the start of a place mention can: those are looked at, and the answer is
    kept until the next mention is added."""
    version = len(token_mention)
    cached = info.sentence_places.get(sent.start)
    if cached is not None and cached[0] == version:
        return cached[1]
    if info.place_tokens[0] != version:
        assert info.char_place is not None
        idx, n = info.table.idx, info.table.n
        starts = {i for c in info.char_place if (i := bisect_left(idx, c)) < n and idx[i] == c}
        info.place_tokens = (version, sorted(starts.union(token_mention)))
    tokens = info.place_tokens[1]
    lo, hi = bisect_left(tokens, sent.start), bisect_left(tokens, sent.end)
    named = [pid for pid in map(place_at, tokens[lo:hi]) if pid]
    info.sentence_places[sent.start] = (version, named)
    return named


def _focus_place(state: Analysis) -> str | None:
    counts = Counter({pid: len(p.mentions) for pid, p in state.places.items()})
    if not counts:
        return None
    (pid, n), *rest = [*counts.most_common(2), ("", 0)]
    return pid if n >= 2 and n > rest[0][1] else None


@dataclass
class EventsComponent:
    min_confidence: float = 0.3
    fallback_entities: bool = True

    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        # a new document: forget per-token caches
        _new_doc_info(doc)
        args.reset_enriched(doc)
        if self.fallback_entities and not state.entities:
            args.fallback_entities(doc, state)
        lex = lexicon()
        focus = _focus_place(state)
        events: list[Event] = []
        for sent in doc.sents:
            triggers = find_triggers(sent, lex)
            heads = {t.head.i: t for t in triggers}
            for trig in triggers:
                event = self._event(doc, state, sent, trig, focus, heads)
                if event is not None and event.confidence >= self.min_confidence:
                    events.append(event)
                    accusation = _accusation(doc, state, event)
                    if accusation is not None:
                        events.append(accusation)
        state.events.extend(_dedup(events, start=len(state.events) + 1))
        return doc

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
        if p.not_in_context and set(p.not_in_context) & sentence_contexts(sent, lexicon()):
            return None  # "Spain beat Japan 5-0": the words in another domain's sense
        info = _doc_info(doc)
        px = args.parse_index(doc)
        idx = info.table.idx
        h = trig.head.i
        head_start = idx[h]
        head_end = head_start + len(px.text[h])
        probe: tuple[int, int] | None = None  # characters `stmt_probe` was looked up for
        stmt_probe: Statement | None = None
        if trig.kind == "noun":
            a = noun_args(state, trig)
            modality = noun_modality(trig.head)
            if not a.source and not a.target:
                # a bare event noun ("the war", "the attack") is only an event with a light
                # verb or an argument
                return None
        else:
            if p.not_with_question and _has_question_complement(trig.head):
                return None
            a = verb_args(state, trig)
            if trig.kind == "inverse":
                # "received weapons from the government": the giver acts on the receiver
                givers: list[str] = []
                for _prep, pobj in args.prep_objects(trig.head, {"from"}):
                    _add(givers, args.tokens_entities(state, [pobj]))
                a = Args(
                    source=givers,
                    target=list(a.source),
                    paths=[*a.paths, "receiver is the target, 'from' the source"],
                )
            if p.instrument_preps:
                p, a = _instrument(state, trig, p, a)
                trig = Trigger(p, trig.head, trig.tokens, trig.noun, trig.kind, trig.key)
            speaker_ids: list[str] = []
            probe = (head_start, head_end)
            stmt_probe = _statement_containing(state, *probe)
            if stmt_probe is not None and stmt_probe.speaker:
                speaker_ids = [stmt_probe.speaker]
            else:
                speaker_ids = _governing_speaker(state, trig.head)
            modality = clause_modality(trig.head, subject_ids=a.source, speaker_ids=speaker_ids)
            obligation = _obligation_modal(trig.head)
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
        if ("target" in p.requires and not a.target) or ("source" in p.requires and not a.source):
            return None
        if trig.pattern.requires_actor and not a.source and not a.target:
            return None  # "oil prices fell", "heavy rain hit the coast": no actor, no event
        if trig.kind != "noun" and modality.intent and modality.governor is not None:
            asked = _desired_of_other(state, trig, modality.governor, a)
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
        rule = [f"pattern {p.source} ({trig.kind} '{trig.key}')"]
        context: list[str] = []
        if modality.intent and not modality.hypothetical:
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
        if trig.kind == "noun":
            conf -= 0.1
        delta, why = salience(trig, heads)
        conf += delta
        if why:
            rule.append(why)
        positions = sorted(t.i for t in trig.tokens)
        first, last = positions[0], positions[-1]
        if len(positions) > 1 and last - first <= 6:
            t_start, t_end = idx[first], idx[last] + len(px.text[last])
        else:
            t_start, t_end = head_start, head_end
        text = info.table.text
        trigger_text = text[t_start:t_end]
        # the statements do not change here: the probe above answered for the same characters
        stmt = (
            stmt_probe
            if probe == (t_start, t_end)
            else _statement_containing(state, t_start, t_end)
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
        place, place_rule = _place_of(state, doc, sent, trig, used_places, focus)
        if place_rule:
            rule.append(place_rule)
        if place and "event clause" in place_rule:
            _locate_groups(state, a.source + a.target, place)
        quad = onto.quad_class(type_)
        sentence = info.sentences.get(sent.start)
        if sentence is None:
            s_start, s_end = idx[sent.start], sent.end_char
            sentence = info.sentences[sent.start] = RSpan(
                start=s_start, end=s_end, text=text[s_start:s_end]
            )
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
            date=date,
            negated=modality.negated,
            hypothetical=modality.hypothetical,
            attributed_to=stmt.id if stmt is not None else None,
            confidence=round(max(0.05, min(conf, 0.99)), 2),
            rule="; ".join(rule),
            context=context,
            quad_class=quad,
        )


def _instrument(state: Analysis, trig: Trigger, p: Pattern, a: Args) -> tuple[Pattern, Args]:
    """ "killed in an air strike by government forces": the instrument event gives the mode,
    the CAMEO code and (when the clause has none) the source."""
    lex = lexicon()
    candidates = list(args.prep_objects(trig.head, p.instrument_preps))
    for child in trig.head.children:
        if child.dep_ == "prep" and child.lower_ in p.instrument_preps:
            candidates += [(child.lower_, g) for g in child.children if g.dep_ == "pcomp"]
    for prep, pobj in candidates:
        hit = match_noun(pobj, lex) if pobj.pos_ in NOUN_POS else None
        if hit is None and pobj.pos_ in VERB_POS:
            verb_hit = next((lex.verbs[x] for x in _verb_lemmas(pobj) if x in lex.verbs), None)
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


def _desired_of_other(state: Analysis, trig: Trigger, governor: Token, a: Args) -> Args | None:
    if _lemma(governor) not in lexicon().desire_verbs:
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


def _accusation(doc: Doc, state: Analysis, event: Event) -> Event | None:
    """A claim that someone else committed a conflictual act is an accusation of them
    ("the US claimed that ISIL had attacked Iraq" -> the US accuses ISIL)."""
    if event.attributed_to is None or event.hypothetical or event.negated or not event.source:
        return None
    if event.quad_class != "material_conflict":
        return None
    stmt = next((s for s in state.statements if s.id == event.attributed_to), None)
    if stmt is None or stmt.cue is None or stmt.speaker is None or stmt.speaker in event.source:
        return None
    cue = doc.char_span(stmt.cue.start, stmt.cue.end, alignment_mode="expand")
    cues = lexicon().accusing_cues
    if cue is None or not any(_lemma(t) in cues for t in cue):
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


def _locate_groups(state: Analysis, ids: list[str], place_id: str) -> None:
    """Collective actors without a country ("rebels", "refugees") acting in a place of the
    event's own clause take that place's country, as CAMEO codes local actors."""
    place = state.places.get(place_id)
    if place is None or not place.country:
        return
    for i in ids:
        ent = state.entities.get(i)
        if ent is not None and ent.type == "GROUP" and ent.country is None:
            ent.country = place.country
            ent.rule.append(f"events: country of the place it acts in ({place.name})")


def _obligation_modal(verb: Token) -> str | None:
    px = args.parse_index(verb.doc)
    auxes = [c for c in px.kids[verb.i] if px.dep[c] == "aux"]
    if not auxes:
        return None
    words = lexicon().obligation
    for c in auxes:
        if px.lower[c] in words:
            return px.text[c]
    return None


def _governing_speaker(state: Analysis, verb: Token) -> list[str]:
    """Entities of the subject of a speech verb governing `verb` ("Iraq said it would ...")."""
    px = args.parse_index(verb.doc)
    head, dep, lemma = px.head, px.dep, px.lemma
    tok = verb.i
    for _ in range(4):
        h = head[tok]
        if h == tok:
            break
        if dep[tok] == "ccomp" and lemma[h] in SPEECH_LEMMAS:
            subj, _ = args.subject_ids(px, h)
            return args.ids_entities(state, px, subj, create=False)
        tok = h
    return []


def salience(trig: Trigger, heads: dict[int, Trigger]) -> tuple[float, str]:
    """Confidence adjustment for where the trigger sits: main clause events are what a
    sentence reports; events in modifiers or under another event are background."""
    px = args.parse_index(trig.head.doc)
    head, dep = px.head, px.dep
    tok = trig.head.i
    if dep[tok] in {"acl", "relcl", "amod"}:
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
            return -0.35, f"background: under '{px.text[cur]}'"
    main = tok
    while dep[main] == "conj" and head[main] != main:
        main = head[main]
    mh = head[main]
    if dep[main] == "ROOT" or (
        dep[main] == "ccomp" and dep[mh] == "ROOT" and px.lemma[mh] in SPEECH_LEMMAS
    ):
        return 0.1, "main clause"
    if trig.kind == "noun" and dep[tok] == "pobj":
        return -0.15, "noun in a prepositional phrase"
    return 0.0, ""


def _dedup(events: list[Event], start: int) -> list[Event]:
    kept: list[Event] = []
    index: dict[tuple[Any, ...], Event] = {}
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
                    for k in kept
                    if k.type == ev.type
                    and (
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
            same.place = same.place or ev.place
            continue
        ev.id = f"V{start + len(kept)}"
        kept.append(ev)
        index[key] = ev
    return kept


@Language.factory(
    "dossier_events",
    default_config={"min_confidence": 0.3, "fallback_entities": True},
)
def make_events(
    nlp: Language, name: str, min_confidence: float, fallback_entities: bool
) -> EventsComponent:
    lexicon()  # compile once, at pipeline build time
    return EventsComponent(min_confidence=min_confidence, fallback_entities=fallback_entities)

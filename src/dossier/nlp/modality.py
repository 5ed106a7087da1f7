"""Modality of an event clause: negated, hypothetical (question, condition, modal, irrealis),
or a stated intention of the actor (a promise or a threat).

The words (modals, irrealis verbs, question words ...) come from ``events/_shared.yaml``
(section ``modality`` and ``intent``); this module walks the parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from dossier.knowledge.resources import load_yaml, word_set
from dossier.nlp.event_args import sentence_end
from dossier.nlp.tokens import TokenTable, token_table

CLAUSE_UP_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl", "conj", "prep"})


@dataclass(frozen=True)
class ModalityWords:
    modals: frozenset[str]
    irrealis_verbs: frozenset[str]
    irrealis_nouns: frozenset[str]
    conditional: frozenset[str]
    question_words: frozenset[str]
    question_verbs: frozenset[str]
    hypothetical_determiners: frozenset[str]
    negations: frozenset[str]
    speech_verbs: frozenset[str]  # verbs of saying: their complement is what was said
    intent_verbs: frozenset[str]
    intent_adjectives: frozenset[str]
    future: frozenset[str]
    backshift: frozenset[str]


def _set(data: dict[str, object], key: str) -> frozenset[str]:
    return word_set(data, key, "events/_shared.yaml")


@cache
def modality_words() -> ModalityWords:
    data = load_yaml("events/_shared.yaml")
    mod = data.get("modality") or {}
    intent = data.get("intent") or {}
    return ModalityWords(
        modals=_set(mod, "modals"),
        irrealis_verbs=_set(mod, "irrealis_verbs"),
        irrealis_nouns=_set(mod, "irrealis_nouns"),
        conditional=_set(mod, "conditional"),
        question_words=_set(mod, "question_words"),
        question_verbs=_set(mod, "question_verbs"),
        hypothetical_determiners=_set(mod, "hypothetical_determiners"),
        negations=_set(mod, "negations"),
        speech_verbs=_set(mod, "speech_verbs"),
        intent_verbs=_set(intent, "verbs"),
        intent_adjectives=_set(intent, "adjectives"),
        future=_set(intent, "future"),
        backshift=_set(intent, "backshift"),
    )


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    intent: bool = False  # the actor states it will act (promise / threat)
    governor: Token | None = None  # the intent or irrealis word governing the clause
    reasons: list[str] = field(default_factory=list)

    def note(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)


_AUX_DEPS = frozenset({"aux", "auxpass"})
_VERBAL = frozenset({"VERB", "AUX"})


def _auxes(px: TokenTable, i: int) -> list[int]:
    dep = px.dep
    return [c for c in px.kids[i] if dep[c] in _AUX_DEPS]


def _negated_at(px: TokenTable, i: int) -> bool:
    dep, lower = px.dep, px.lower
    for c in px.kids[i]:
        if dep[c] == "neg" or (dep[c] in {"advmod", "det"} and lower[c] in {"never"}):
            return True
    return False


def clause_modality(
    verb: Token, *, subject_ids: list[str] | None = None, speaker_ids: list[str] | None = None
) -> Modality:
    """Modality of the clause headed by `verb` (a verb, or the head of an event noun)."""
    px = token_table(verb.doc)
    return _clause_modality(px, verb.i, subject_ids or [], speaker_ids or [])


def _clause_modality(
    px: TokenTable, i: int, subject_ids: list[str], speaker_ids: list[str]
) -> Modality:
    words = modality_words()
    result = Modality()
    doc = px.doc
    if _negated_at(px, i):
        result.negated = True
        result.note("negation")
    lower, lemma = px.lower, px.lemma
    for c in _auxes(px, i):
        low = lower[c]
        lem = lemma[c]
        if low in words.future or lem in words.future:
            result.intent = True
            result.note(f"future '{px.words[c]}'")
        elif low in words.modals or lem in words.modals:
            result.hypothetical = True
            result.governor = doc[c]
            result.note(f"modal '{px.words[c]}'")
    # "going to attack"
    h = px.head[i]
    if px.dep[i] == "xcomp" and lemma[h] == "go" and doc[h].lemma_ == "go" and doc[h].tag_ == "VBG":
        result.intent = True
        result.note("future 'going to'")
    _walk_up(px, i, words, result, subject_ids, speaker_ids)
    return result


def _is_question_clause(px: TokenTable, i: int, words: ModalityWords) -> bool:
    dep, lower = px.dep, px.lower
    for c in px.kids[i]:
        if (
            dep[c] in {"mark", "advmod", "nsubj", "dobj", "attr"}
            and c < i
            and ((lower[c] in words.question_words and dep[c] != "nsubj") or lower[c] == "whether")
        ):
            return True
    return False


def _ends_with_question(px: TokenTable, verb: int) -> bool:
    """Whether the sentence of `verb` ends in "?" (quotes aside) from `verb` on."""
    doc = px.doc
    end = sentence_end(doc[verb])
    if "?" not in px.words[max(verb, end - 2) : end + 1]:
        return False
    last = [t.text for t in doc[max(verb, end - 2) : end + 1] if not t.is_quote]
    return bool(last) and last[-1] == "?"


def _walk_up(
    px: TokenTable,
    verb: int,
    words: ModalityWords,
    result: Modality,
    subject_ids: list[str],
    speaker_ids: list[str],
) -> None:
    # the clause's own marker: "if Iran attacks", "whether Iran planned"
    doc = px.doc
    deps, pos, lower, lemmas, heads, kids, text = (
        px.dep,
        px.pos,
        px.lower,
        px.lemma,
        px.head,
        px.kids,
        px.words,
    )
    for c in kids[verb]:
        if deps[c] == "mark" and lower[c] in words.conditional:
            result.hypothetical = True
            result.note(f"condition/question '{text[c]}'")
    if deps[verb] == "ROOT" and _ends_with_question(px, verb):
        result.hypothetical = True
        result.note("question")
    clause = verb
    steps = 0
    while deps[clause] in CLAUSE_UP_DEPS and steps < 6:
        dep = deps[clause]
        head = heads[clause]
        steps += 1
        lemma = lemmas[head]
        if dep == "conj":
            clause = head
            continue
        if dep == "relcl":
            break
        if dep == "prep":
            clause = head
            continue
        if pos[head] in _VERBAL:
            if dep in {"xcomp", "advcl", "pcomp"}:
                for aux in _auxes(px, head):
                    if lower[aux] in words.modals or lemmas[aux] in words.modals:
                        result.hypothetical = True
                        result.note(f"modal '{text[aux]}' on '{text[head]}'")
            if lemma in words.question_verbs and (
                _is_question_clause(px, clause, words) or dep == "ccomp"
            ):
                result.hypothetical = True
                result.note(f"question under '{text[head]}'")
                return
            if (
                _is_question_clause(px, clause, words)
                and lemma in words.speech_verbs | words.question_verbs
            ):
                result.hypothetical = True
                result.note("indirect question")
                return
            if lemma in words.intent_verbs and dep in {"xcomp", "pcomp", "ccomp", "prep"}:
                result.intent = True
                result.governor = doc[head]
                result.note(f"intent '{text[head]}'")
                # the intent itself may be hypothetical or negated ("did not plan to")
                inner = _clause_modality(px, head, [], [])
                result.hypothetical = result.hypothetical or inner.hypothetical
                if inner.negated:
                    result.negated = True
                result.reasons.extend(r for r in inner.reasons if r not in result.reasons)
                return
            if lemma in words.irrealis_verbs and dep in {"xcomp", "ccomp", "pcomp", "advcl"}:
                if dep == "advcl" and not any(
                    deps[c] == "aux" and lower[c] == "to" for c in kids[clause]
                ):
                    clause = head
                    continue
                result.hypothetical = True
                result.governor = doc[head]
                result.note(f"irrealis '{text[head]}'")
                return
            if lemma in words.speech_verbs and dep == "ccomp":
                # reported speech: backshifted "would" is the speaker's stated intention when
                # the speaker is the actor ("Iraq said it would allow ...")
                backshift = [a for a in _auxes(px, verb) if lower[a] in words.backshift]
                if backshift and (
                    not subject_ids or not speaker_ids or set(subject_ids) & set(speaker_ids)
                ):
                    result.intent = True
                    result.hypothetical = False
                    result.reasons = [r for r in result.reasons if not r.startswith("modal")]
                    result.note(f"reported intention '{text[backshift[0]]}'")
                return
            if dep == "advcl" and any(
                deps[c] == "mark" and lower[c] in words.conditional for c in kids[clause]
            ):
                result.hypothetical = True
                result.note("conditional clause")
                return
            clause = head
            continue
        if pos[head] == "ADJ" and dep == "xcomp":
            if lemma in words.intent_adjectives:
                result.intent = True
                result.governor = doc[head]
                result.note(f"intent '{text[head]}'")
                hh = heads[head]
                if pos[hh] in _VERBAL and _negated_at(px, hh):
                    result.negated = True
                return
            clause = head
            continue
        if pos[head] in {"NOUN", "PROPN"}:
            if lemma in words.irrealis_nouns and dep in {"acl", "prep", "pcomp"}:
                result.hypothetical = True
                result.governor = doc[head]
                result.note(f"irrealis '{text[head]}'")
                return
            clause = head
            if deps[head] in {"dobj", "nsubj", "pobj", "attr"}:
                clause = heads[head]
            continue
        clause = head


def noun_modality(noun: Token) -> Modality:
    """Modality of an event noun: its governing clause's, with "another/any" as hypothetical."""
    words = modality_words()
    result = Modality()
    px = token_table(noun.doc)
    deps, pos, lower, heads, kids = px.dep, px.pos, px.lower, px.head, px.kids
    n = noun.i
    for c in kids[n]:
        if deps[c] == "det" and lower[c] in {"no"}:
            result.negated = True
            result.note("'no'")
    head = heads[n]
    hops = 0
    while pos[head] not in _VERBAL and hops < 4:
        head = heads[head]
        hops += 1
    if pos[head] not in _VERBAL:
        return result
    outer = _clause_modality(px, head, [], [])
    hypo_det = any(
        deps[c] in {"det", "amod"} and lower[c] in words.hypothetical_determiners for c in kids[n]
    )
    if outer.hypothetical or outer.negated or (outer.intent and hypo_det):
        result.hypothetical = True
        result.note("clause: " + ", ".join(outer.reasons or ["negated"]))
    elif outer.intent:
        result.hypothetical = True
        result.note("clause: " + ", ".join(outer.reasons))
    if px.lemma[head] in words.irrealis_verbs:
        result.hypothetical = True
        result.note(f"irrealis '{px.words[head]}'")
    return result

"""Modality of an event clause: negated, hypothetical (question, condition, modal, irrealis),
or a stated intention of the actor (a promise or a threat).

The words (modals, irrealis verbs, question words ...) come from ``event_patterns.yaml``
(section ``modality`` and ``intent``); this module walks the parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from dossier.knowledge.resources import load_yaml
from dossier.nlp.event_args import parse_index, sentence_end

CLAUSE_UP_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl", "conj", "prep"})
SPEECH_LEMMAS = frozenset(
    {"say", "tell", "announce", "state", "claim", "add", "confirm", "declare", "report",
     "respond", "reply", "insist", "note", "explain", "write", "warn", "indicate", "quote",
     "reiterate", "assert", "stress", "affirm", "suggest", "conclude"}
)  # fmt: skip


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
    intent_verbs: frozenset[str]
    intent_adjectives: frozenset[str]
    future: frozenset[str]
    backshift: frozenset[str]


def _set(data: dict[str, object], key: str) -> frozenset[str]:
    value = data.get(key) or []
    assert isinstance(value, list)
    return frozenset(yaml_word(v, key) for v in value)


def yaml_word(value: object, where: str) -> str:
    """A word from a YAML list, lower-cased; YAML 1.1 reads bare on/off/yes/no as booleans,
    which would silently drop the word, so a boolean is a data error ("quote it")."""
    if isinstance(value, bool):
        raise ValueError(
            f"event_patterns.yaml: a bare on/off/yes/no in {where!r} reads as {value}; quote it"
        )
    return str(value).lower()


@cache
def modality_words() -> ModalityWords:
    data = load_yaml("event_patterns.yaml")
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


def _aux_lemmas(verb: Token) -> list[Token]:
    return parse_index(verb.doc).children(verb, {"aux", "auxpass"})


def _negated(verb: Token, words: ModalityWords) -> bool:
    px = parse_index(verb.doc)
    dep, lower = px.dep, px.lower
    for c in px.kids[verb.i]:
        if dep[c] == "neg" or (dep[c] in {"advmod", "det"} and lower[c] in {"never"}):
            return True
    return False


def clause_modality(
    verb: Token, *, subject_ids: list[str] | None = None, speaker_ids: list[str] | None = None
) -> Modality:
    """Modality of the clause headed by `verb` (a verb, or the head of an event noun)."""
    words = modality_words()
    result = Modality()
    if _negated(verb, words):
        result.negated = True
        result.note("negation")
    for aux in _aux_lemmas(verb):
        low = aux.lower_
        lemma = aux.lemma_.lower()
        if low in words.future or lemma in words.future:
            result.intent = True
            result.note(f"future '{aux.text}'")
        elif low in words.modals or lemma in words.modals:
            result.hypothetical = True
            result.governor = aux
            result.note(f"modal '{aux.text}'")
    # "going to attack"
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        result.intent = True
        result.note("future 'going to'")
    _walk_up(verb, words, result, subject_ids or [], speaker_ids or [])
    return result


def _is_question_clause(clause: Token, words: ModalityWords) -> bool:
    px = parse_index(clause.doc)
    dep, lower = px.dep, px.lower
    for c in px.kids[clause.i]:
        if (
            dep[c] in {"mark", "advmod", "nsubj", "dobj", "attr"}
            and c < clause.i
            and ((lower[c] in words.question_words and dep[c] != "nsubj") or lower[c] == "whether")
        ):
            return True
    return False


def _walk_up(
    verb: Token,
    words: ModalityWords,
    result: Modality,
    subject_ids: list[str],
    speaker_ids: list[str],
) -> None:
    # the clause's own marker: "if Iran attacks", "whether Iran planned"
    px = parse_index(verb.doc)
    doc = px.doc
    for c in px.kids[verb.i]:
        if px.dep[c] == "mark" and px.lower[c] in words.conditional:
            result.hypothetical = True
            result.note(f"condition/question '{doc[c].text}'")
    if verb.dep_ == "ROOT":
        end = sentence_end(verb)
        last = [t.text for t in doc[max(verb.i, end - 2) : end + 1] if not t.is_quote]
        if last and last[-1] == "?":
            result.hypothetical = True
            result.note("question")
    clause = verb
    steps = 0
    while clause.dep_ in CLAUSE_UP_DEPS and clause.head is not clause and steps < 6:
        dep = clause.dep_
        head = clause.head
        steps += 1
        lemma = head.lemma_.lower()
        if dep == "conj":
            clause = head
            continue
        if dep == "relcl":
            break
        if dep == "prep":
            clause = head
            continue
        if head.pos_ in {"VERB", "AUX"}:
            if dep in {"xcomp", "advcl", "pcomp"}:
                for aux in _aux_lemmas(head):
                    if aux.lower_ in words.modals or aux.lemma_.lower() in words.modals:
                        if aux.lower_ in words.backshift and lemma not in SPEECH_LEMMAS:
                            pass
                        result.hypothetical = True
                        result.note(f"modal '{aux.text}' on '{head.text}'")
            if lemma in words.question_verbs and (
                _is_question_clause(clause, words) or dep == "ccomp"
            ):
                result.hypothetical = True
                result.note(f"question under '{head.text}'")
                return
            if _is_question_clause(clause, words) and lemma in SPEECH_LEMMAS | words.question_verbs:
                result.hypothetical = True
                result.note("indirect question")
                return
            if lemma in words.intent_verbs and dep in {"xcomp", "pcomp", "ccomp", "prep"}:
                result.intent = True
                result.governor = head
                result.note(f"intent '{head.text}'")
                # the intent itself may be hypothetical or negated ("did not plan to")
                inner = clause_modality(head)
                result.hypothetical = result.hypothetical or inner.hypothetical
                if inner.negated:
                    result.negated = True
                result.reasons.extend(r for r in inner.reasons if r not in result.reasons)
                return
            if lemma in words.irrealis_verbs and dep in {"xcomp", "ccomp", "pcomp", "advcl"}:
                if dep == "advcl" and not any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
                ):
                    clause = head
                    continue
                result.hypothetical = True
                result.governor = head
                result.note(f"irrealis '{head.text}'")
                return
            if lemma in SPEECH_LEMMAS and dep == "ccomp":
                # reported speech: backshifted "would" is the speaker's stated intention when
                # the speaker is the actor ("Iraq said it would allow ...")
                backshift = [a for a in _aux_lemmas(verb) if a.lower_ in words.backshift]
                if backshift and (
                    not subject_ids or not speaker_ids or set(subject_ids) & set(speaker_ids)
                ):
                    result.intent = True
                    result.hypothetical = False
                    result.reasons = [r for r in result.reasons if not r.startswith("modal")]
                    result.note(f"reported intention '{backshift[0].text}'")
                return
            if dep == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in words.conditional for c in clause.children
            ):
                result.hypothetical = True
                result.note("conditional clause")
                return
            clause = head
            continue
        if head.pos_ == "ADJ" and dep == "xcomp":
            if lemma in words.intent_adjectives:
                result.intent = True
                result.governor = head
                result.note(f"intent '{head.text}'")
                if head.head.pos_ in {"VERB", "AUX"} and _negated(head.head, words):
                    result.negated = True
                return
            clause = head
            continue
        if head.pos_ in {"NOUN", "PROPN"}:
            if lemma in words.irrealis_nouns and dep in {"acl", "prep", "pcomp"}:
                result.hypothetical = True
                result.governor = head
                result.note(f"irrealis '{head.text}'")
                return
            clause = head
            if head.dep_ in {"dobj", "nsubj", "pobj", "attr"}:
                clause = head.head
            continue
        clause = head


def noun_modality(noun: Token) -> Modality:
    """Modality of an event noun: its governing clause's, with "another/any" as hypothetical."""
    words = modality_words()
    result = Modality()
    for child in noun.children:
        if child.dep_ == "det" and child.lower_ in {"no"}:
            result.negated = True
            result.note("'no'")
    head = noun.head
    hops = 0
    while head.pos_ not in {"VERB", "AUX"} and head.head is not head and hops < 4:
        head = head.head
        hops += 1
    if head.pos_ not in {"VERB", "AUX"}:
        return result
    outer = clause_modality(head)
    hypo_det = any(
        c.dep_ in {"det", "amod"} and c.lower_ in words.hypothetical_determiners
        for c in noun.children
    )
    if outer.hypothetical or outer.negated or (outer.intent and hypo_det):
        result.hypothetical = True
        result.note("clause: " + ", ".join(outer.reasons or ["negated"]))
    elif outer.intent:
        result.hypothetical = True
        result.note("clause: " + ", ".join(outer.reasons))
    if head.lemma_.lower() in words.irrealis_verbs:
        result.hypothetical = True
        result.note(f"irrealis '{head.text}'")
    return result

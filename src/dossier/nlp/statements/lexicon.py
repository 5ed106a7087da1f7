"""The cue words of ``knowledge/data/cues.yaml``, validated and loaded once into sets and maps.

Every word the statements rules look for comes from the data file (merged with the user's
files of the same name, see ``DOSSIER_DATA_PATH``); the modules of this package hold only the
mechanisms that find the words in a parse. The file is checked against its model
(``dossier.rules.schemas.statements``) when it is loaded: an unknown key or a word of the wrong
type stops the load with a message naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from spacy.strings import get_string_id

from dossier.knowledge.resources import data_files, load_yaml
from dossier.rules.schemas.statements import FILES, CuesFile


class CueFileError(ValueError):
    """A statements data file does not match its model."""


def load_checked(name: str) -> Any:
    """Data file `name` (merged across the data directories) validated against its model in
    ``dossier.rules.schemas.statements.FILES``."""
    model: type[BaseModel] = FILES[name]
    data = load_yaml(name)
    try:
        return model.model_validate(data)
    except ValidationError as err:
        where = ", ".join(str(p) for p in data_files(name)) or name
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc']) or '(top)'}: {e['msg']}" for e in err.errors()
        )
        raise CueFileError(f"{name} ({where}) is not valid: {problems}") from None


@dataclass(frozen=True)
class FunctionWords:
    """The closed-class words of ``cues.yaml`` (``function_words``), as sets."""

    first_person: frozenset[str]
    expletives: frozenset[str]
    impersonal: frozenset[str]  # expletives and demonstratives
    relative_pronouns: frozenset[str]
    definite: frozenset[str]
    articles: tuple[str, ...]
    complementizers: frozenset[str]
    complement_openers: frozenset[str]
    bare_answers: frozenset[str]
    agent_prepositions: frozenset[str]
    collective_possessives: frozenset[str]
    reflexives: frozenset[str] = frozenset()
    comment_marks: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, str]  # lemma -> class
    xcomp: frozenset[str]
    obj: frozenset[str]
    question: frozenset[str]
    needs_clause: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    nouns: frozenset[str]
    report_nouns: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    words: FunctionWords
    noun_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    naming: dict[str, frozenset[str]] = field(default_factory=dict)
    naming_any: dict[str, frozenset[str]] = field(default_factory=dict)
    predicate_object: frozenset[str] = frozenset()
    other_senses: dict[str, frozenset[str]] = field(default_factory=dict)
    idiom_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    evidence_sources: frozenset[str] = frozenset()
    commitments: frozenset[str] = frozenset()
    non_speakers: frozenset[str] = frozenset()
    physical_senses: frozenset[str] = frozenset()
    armed_sectors: frozenset[str] = frozenset()
    evidence_verbs: frozenset[str] = frozenset()  # the verbs of the evidence group
    bare_object: frozenset[str] = frozenset()
    evidential: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()
    colon: frozenset[str] = frozenset()
    core_speech: frozenset[str] = frozenset()
    reporting: frozenset[str] = frozenset()  # the strong speech verbs
    publishing: frozenset[str] = frozenset()
    classes: dict[str, str] = field(default_factory=dict)  # cue lemma -> cue class
    # filled on first use by `cue_hashes`
    hashes: tuple[dict[int, str], dict[int, str]] | None = field(default=None, compare=False)


def _set(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _map(spec: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    return {k.lower(): _set(v) for k, v in spec.items()}


@cache
def cue_lexicon() -> CueLexicon:
    """The cue words of ``cues.yaml`` (merged with the user's, see DOSSIER_DATA_PATH)."""
    data: CuesFile = load_checked("cues.yaml")
    verbs: dict[str, str] = {}
    xcomp: set[str] = set()
    obj: set[str] = set()
    question: set[str] = set()
    for cls, spec in data.verbs.items():
        for lemma in spec.strong:
            verbs.setdefault(lemma.lower(), cls)
        xcomp.update(_set(spec.xcomp))
        obj.update(_set(spec.object))
        question.update(_set(spec.question))
    for lemma in xcomp | obj | question:
        verbs.setdefault(lemma, "speech")
    phrasal = _map(data.phrasal)
    for lemma in phrasal:
        verbs.setdefault(lemma, "speech")
    fw = data.function_words
    classes = dict(verbs)
    for cls, words in data.classes.items():
        classes.update((w.lower(), cls) for w in words)
    return CueLexicon(
        verbs=verbs,
        xcomp=frozenset(xcomp),
        obj=frozenset(obj),
        question=frozenset(question),
        needs_clause=_set(data.needs_clause),
        phrasal=phrasal,
        nouns=_set(data.nouns),
        report_nouns=_set(data.report_nouns),
        according=tuple(tuple(p.lower().split()) for p in data.according.prepositions),
        words=FunctionWords(
            first_person=_set(fw.first_person),
            expletives=_set(fw.expletives),
            impersonal=_set(fw.expletives) | _set(fw.demonstratives),
            relative_pronouns=_set(fw.relative_pronouns),
            definite=_set(fw.definite_determiners),
            articles=tuple(w.lower() for w in fw.articles),
            complementizers=_set(fw.complementizers),
            complement_openers=_set(fw.complement_openers),
            bare_answers=_set(fw.bare_answers),
            agent_prepositions=_set(fw.agent_prepositions),
            collective_possessives=_set(fw.collective_possessives),
            reflexives=_set(fw.reflexives),
            comment_marks=_set(fw.comment_marks),
        ),
        noun_objects=_map(data.noun_objects),
        adjectives=_map(data.adjectives),
        naming=_map(data.naming),
        naming_any=_map(data.naming_any),
        predicate_object=_set(data.predicate_object),
        other_senses=_map(data.other_senses),
        idiom_objects=_map(data.idiom_objects),
        evidence_sources=_set(data.evidence_sources),
        commitments=_set(data.commitments),
        non_speakers=_set(data.non_speakers),
        physical_senses=_set(data.physical_senses),
        armed_sectors=frozenset(data.armed_sectors),
        evidence_verbs=_set(data.verbs["evidence"].strong)
        if "evidence" in data.verbs
        else frozenset(),
        bare_object=_set(data.bare_object),
        evidential=_set(data.evidential),
        hedges=_set(data.hedges),
        colon=frozenset(data.colon),
        core_speech=_set(data.core_speech),
        reporting=_set(data.verbs["speech"].strong) if "speech" in data.verbs else frozenset(),
        publishing=_set(data.publishing),
        classes=classes,
    )


def cue_class(lex: CueLexicon, lemma: str) -> str:
    """The cue class of a statement whose cue lemma is `lemma`: speech unless ``cues.yaml``
    classes the word as thought, intention or evidence."""
    return lex.classes.get(lemma.lower(), "speech")


def statement_class(
    lex: CueLexicon, lemma: str, speaker_lemma: str | None, clausal: bool = False
) -> str:
    """The cue class of a statement: its cue's (`cue_class`), except that

    * a verb of the evidence group whose speaker is data or a document (``evidence_sources``)
      makes it evidence (``the figures indicate that ...``, ``a survey suggests ...``), as the
      issue's classes define it; ``the minister suggested that ...`` keeps the verb's class;
    * a commitment verb (``commitments``: an intention with an infinitive or an object,
      ``pledged to cut taxes``) with a clause or a quotation reports words: speech
      (``promised that the plant would recycle its water``)."""
    low = lemma.lower()
    if (
        speaker_lemma is not None
        and low in lex.evidence_verbs
        and speaker_lemma.lower() in lex.evidence_sources
    ):
        return "evidence"
    if clausal and low in lex.commitments:
        return "speech"
    return cue_class(lex, lemma)


def cue_hashes(lex: CueLexicon) -> tuple[dict[int, str], dict[int, str]]:
    """String-store hashes of the cue words (lemmas; and lower-case forms for adverbs, the
    first words of `according to` phrases and the colon), in the case variants a lemma can
    take, mapped to the lower-case word. Computed once per lexicon."""
    if lex.hashes is not None:
        return lex.hashes
    lemmas: set[str] = set(lex.verbs) | set(lex.idiom_objects) | lex.evidential | lex.nouns
    lemmas |= set(lex.noun_objects) | set(lex.adjectives) | set(lex.naming)
    lowers: set[str] = set(lex.hedges) | {p[0] for p in lex.according if p} | lex.colon
    by_lemma: dict[int, str] = {}
    by_lower: dict[int, str] = {}
    for word in lemmas:
        for form in (word, word.title(), word.upper()):
            by_lemma[get_string_id(form)] = word
    for word in lowers:
        by_lower[get_string_id(word)] = word
    object.__setattr__(lex, "hashes", (by_lemma, by_lower))  # a cache, not lexicon data
    return by_lemma, by_lower

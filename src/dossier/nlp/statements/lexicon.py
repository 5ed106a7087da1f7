"""The cue words of ``knowledge/data/cues.yaml``, loaded once into sets and maps.

Every word the statements rules look for comes from the data file (merged with the user's
files of the same name, see ``DOSSIER_DATA_PATH``); the modules of this package hold only the
mechanisms that find the words in a parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.strings import get_string_id

from dossier.knowledge.resources import load_yaml


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
    noun_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    naming: dict[str, frozenset[str]] = field(default_factory=dict)
    bare_object: frozenset[str] = frozenset()
    evidential: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()
    # filled on first use by `_cue_hashes`
    hashes: tuple[dict[int, str], dict[int, str]] | None = field(default=None, compare=False)


@cache
def cue_lexicon() -> CueLexicon:
    """The cue words of ``cues.yaml`` (merged with the user's, see DOSSIER_DATA_PATH)."""
    data = load_yaml("cues.yaml")
    verbs: dict[str, str] = {}
    xcomp: set[str] = set()
    obj: set[str] = set()
    question: set[str] = set()
    for cls, spec in data["verbs"].items():
        for lemma in spec.get("strong", []) or []:
            verbs.setdefault(str(lemma).lower(), cls)
        xcomp.update(str(x).lower() for x in spec.get("xcomp", []) or [])
        obj.update(str(x).lower() for x in spec.get("object", []) or [])
        question.update(str(x).lower() for x in spec.get("question", []) or [])
    for lemma in xcomp | obj | question:
        verbs.setdefault(lemma, "speech")
    phrasal = {
        str(k).lower(): frozenset(str(p).lower() for p in v)
        for k, v in (data.get("phrasal") or {}).items()
    }
    for lemma in phrasal:
        verbs.setdefault(lemma, "speech")
    according = tuple(
        tuple(p.lower().split()) for p in (data.get("according") or {}).get("prepositions", [])
    )
    return CueLexicon(
        verbs=verbs,
        xcomp=frozenset(xcomp),
        obj=frozenset(obj),
        question=frozenset(question),
        needs_clause=frozenset(str(x).lower() for x in data.get("needs_clause", []) or []),
        phrasal=phrasal,
        nouns=frozenset(str(x).lower() for x in data.get("nouns", []) or []),
        report_nouns=frozenset(str(x).lower() for x in data.get("report_nouns", []) or []),
        according=according,
        noun_objects={
            str(k).lower(): frozenset(str(p).lower() for p in v)
            for k, v in (data.get("noun_objects") or {}).items()
        },
        adjectives={
            str(k).lower(): frozenset(str(p).lower() for p in (v or []))
            for k, v in (data.get("adjectives") or {}).items()
        },
        bare_object=frozenset(str(x).lower() for x in data.get("bare_object", []) or []),
        hedges=frozenset(str(x).lower() for x in data.get("hedges", []) or []),
        evidential=frozenset(str(x).lower() for x in data.get("evidential", []) or []),
        naming={
            str(k).lower(): frozenset(str(p).lower() for p in (v or []))
            for k, v in (data.get("naming") or {}).items()
        },
    )


def cue_hashes(lex: CueLexicon) -> tuple[dict[int, str], dict[int, str]]:
    """String-store hashes of the cue words (lemmas; and lower-case forms for adverbs, the
    first words of `according to` phrases and the colon), in the case variants a lemma can
    take, mapped to the lower-case word. Computed once per lexicon."""
    if lex.hashes is not None:
        return lex.hashes
    lemmas: set[str] = set(lex.verbs) | lex.evidential | lex.nouns
    lemmas |= set(lex.noun_objects) | set(lex.adjectives) | set(lex.naming)
    lowers: set[str] = set(lex.hedges) | {p[0] for p in lex.according if p} | {":"}
    by_lemma: dict[int, str] = {}
    by_lower: dict[int, str] = {}
    for word in lemmas:
        for form in (word, word.title(), word.upper()):
            by_lemma[get_string_id(form)] = word
    for word in lowers:
        by_lower[get_string_id(word)] = word
    object.__setattr__(lex, "hashes", (by_lemma, by_lower))  # a cache, not lexicon data
    return by_lemma, by_lower

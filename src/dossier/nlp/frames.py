"""Predicate-argument frames: per predicate, once, what the components ask of the parse.

A :class:`Frame` holds, for one verb (or a root auxiliary), on top of the token table
(:mod:`dossier.nlp.tokens`, walked through :class:`dossier.nlp.event_TokenTable`):

- ``subjects``: its subject tokens, inherited through coordination ("met and agreed") and
  control ("agreed to provide"), and the path that found them;
- ``objects``, ``datives``, ``preps`` (preposition -> its objects), ``complements`` (ccomp,
  xcomp);
- ``negated`` (a ``neg`` child), ``auxiliaries`` (lower-cased: will, would, must ...);
- ``speech_verb`` and ``speakers``: the speech verb whose clausal complement holds the
  predicate ("Iraq said it would ..."), up to four heads up, and that verb's subjects.

Frames are built on first use (`frame` for one predicate, `sentence_frames` for every
predicate of a sentence) and kept on the Doc (``doc.user_data``); a component that changed
the parse (none does) would have to drop them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from spacy.tokens import Doc

from dossier.nlp import event_args as args
from dossier.nlp.modality import modality_words
from dossier.nlp.tokens import TokenTable, token_table

PREDICATE_POS = frozenset({"VERB"})
SPEECH_HOPS = 4  # how far up the heads a governing speech verb is looked for
_KEY = ("dossier_frames", "frames")
_DATIVE_DEPS = frozenset({"dative", "iobj"})
_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})


class Frame(NamedTuple):
    """One predicate's frame (read-only; a named tuple: built for every trigger verb, and
    cheaper to build than a frozen dataclass)."""

    predicate: int
    subjects: tuple[int, ...]
    subject_path: str
    objects: tuple[int, ...]
    datives: tuple[int, ...]
    preps: tuple[tuple[str, int], ...]  # (preposition, its object), in text order
    complements: tuple[int, ...]
    negated: bool
    auxiliaries: tuple[str, ...]  # lower-cased
    auxiliary_text: tuple[str, ...]  # as written
    speech_verb: int | None
    speakers: tuple[int, ...]

    def prep_objects(self, preps: frozenset[str] | set[str]) -> list[tuple[str, int]]:
        return [(p, o) for p, o in self.preps if p in preps]


def _frame(px: TokenTable, i: int) -> Frame:
    dep, kids, lower = px.dep, px.kids, px.lower
    subjects, path = args.subject_ids(px, i)
    # the predicate's children sorted by their relation, in one pass, in text order
    objects: list[int] = []
    datives: list[int] = []
    preps: list[tuple[str, int]] = []
    complements: list[int] = []
    auxes: list[int] = []
    negated = False
    for c in kids[i]:
        d = dep[c]
        if d in args.OBJ_DEPS:
            objects.append(c)
        elif d in _DATIVE_DEPS:
            datives.append(c)
        elif d == "prep":
            for g in kids[c]:  # a loop: a generator would hold cells
                if dep[g] == "pobj":
                    preps.append((lower[c], g))
        elif d in _COMPLEMENT_DEPS:
            complements.append(c)
        elif d == "neg":
            negated = True
        elif d == "aux":
            auxes.append(c)
    speech: int | None = None
    speakers: tuple[int, ...] = ()
    tok = i
    for _ in range(SPEECH_HOPS):
        h = px.head[tok]
        if h == tok:
            break
        if dep[tok] == "ccomp" and px.lemma[h] in modality_words().speech_verbs:
            speech = h
            speakers = tuple(args.subject_ids(px, h)[0])
            break
        tok = h
    # positional, in the fields' order (a named tuple's keywords cost a call of their own)
    return Frame(
        i,
        tuple(subjects),
        path,
        tuple(objects),
        tuple(datives),
        tuple(preps),
        tuple(complements),
        negated,
        tuple([lower[c] for c in auxes]),
        tuple([px.words[c] for c in auxes]),
        speech,
        speakers,
    )


def _store(doc: Doc) -> dict[int, Frame]:
    user_data: dict[Any, Any] = doc.user_data
    found = user_data.get(_KEY)
    if found is None:
        found = user_data[_KEY] = {}
    assert isinstance(found, dict)
    return found


def sentence_frames(doc: Doc, start: int, end: int) -> list[Frame]:
    """The frames of the predicates of tokens `start`..`end` (a sentence), built once."""
    px = token_table(doc)
    store = _store(doc)
    out: list[Frame] = []
    for i in range(start, end):
        if px.pos[i] in PREDICATE_POS or (px.pos[i] == "AUX" and px.dep[i] == "ROOT"):
            found = store.get(i)
            if found is None:
                found = store[i] = _frame(px, i)
            out.append(found)
    return out


def frame(doc: Doc, i: int) -> Frame:
    """The frame of token `i`, built on first use and kept (only the frames asked for are
    built: the events component asks for the few predicates that trigger an event)."""
    user_data: dict[Any, Any] = doc.user_data  # `_store`, inlined: asked for every trigger
    store = user_data.get(_KEY)
    if store is None:
        store = user_data[_KEY] = {}
    found = store.get(i)
    if found is None:
        found = store[i] = _frame(token_table(doc), i)
    return found

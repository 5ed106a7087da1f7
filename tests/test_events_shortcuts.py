"""The events component's shortcuts give what the longer ways gave: dates read from the token
table as from `doc.ents`, obligation modals found once per document as in each verb's frame,
and a phrase verb's second parts filtered by the words its phrases start with."""

from __future__ import annotations

import pytest

from dossier.nlp.events.docinfo import new_doc_info
from dossier.nlp.events.lexicon import lexicon
from dossier.nlp.events.match import find_triggers, obligated_heads
from dossier.nlp.frames import frame
from dossier.nlp.pipeline import build_pipeline
from dossier.nlp.state import get_state
from dossier.nlp.temporal import _BOUNDING, _date_ents

TEXT = (
    "Since last Monday the army has shelled the town every night, and on 3 March 2021 "
    "the council said the parties must allow aid in until the end of next week. "
    "A convoy came under heavy mortar fire near the border on Friday morning. "
    "Officials should not have ordered the raid, the mayor said at 10 p.m."
)


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    return build_pipeline()(TEXT)


def test_date_entities_as_doc_ents_gives_them(doc) -> None:  # type: ignore[no-untyped-def]
    expected = [
        (e.start, e.end, e.root.i, e.root.head.dep_ == "prep" and e.root.head.lower_ in _BOUNDING)
        for e in doc.ents
        if e.label_ in {"DATE", "TIME"}
    ]
    texts = [e.text for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    get_state(doc)._date_ents = None
    found = _date_ents(doc)
    assert [(d.start, d.end, d.root, d.bounding) for d in found] == expected
    assert [d.text for d in found] == texts
    assert any(d.end - d.start > 1 for d in found)  # a multi-token date: its root is read


def test_obligation_heads_are_the_frames_with_an_obligation_modal(doc) -> None:  # type: ignore[no-untyped-def]
    lex = lexicon()
    new_doc_info(doc)
    heads = obligated_heads(doc, lex)
    with_modal = [t.i for t in doc if any(a in lex.obligation for a in frame(doc, t.i).auxiliaries)]
    assert heads == with_modal
    assert "allow" in {doc[i].lower_ for i in heads}


def test_phrase_with_a_preposition_first_is_still_found(doc) -> None:  # type: ignore[no-untyped-def]
    lex = lexicon()
    assert "under" in lex.phrase_firsts["come"]
    new_doc_info(doc)
    sent = next(s for s in doc.sents if "convoy" in s.text)
    keys = [(t.kind, t.key) for t in find_triggers(sent, lex)]
    assert ("phrase", "come under mortar fire") in keys


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("shell", "shelled"),
        ("stag", "staged"),
        ("attack", "attacks"),
        ("protest", "protesting"),
        ("talk", "talks"),
        ("strike", "strikes"),
        ("xylophone", "xylophones"),
        ("be", "was"),
        ("meet", "meeting"),
        ("state", "state"),
        ("dozen", "dozens"),
    ],
)
def test_token_candidate_splits_into_lemma_and_form(lemma: str, form: str) -> None:
    """A token may start a trigger when its lemma or its form may: the split check gives what
    the noun check and the verb check over all lemma guesses give together."""
    from dossier.nlp.events.lexicon import _lemma_guesses

    lex = lexicon()
    whole = lex.noun_candidate(lemma, form) or lex.verb_candidate(list(_lemma_guesses(lemma, form)))
    assert lex.token_candidate(lemma, form) == whole
    assert (lex.lemma_candidate(lemma) or lex.form_candidate(form)) == whole

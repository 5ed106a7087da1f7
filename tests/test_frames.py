"""Predicate-argument frames: subjects through control and coordination, objects,
prepositional arguments, complements, negation, auxiliaries and the governing speech verb."""

from __future__ import annotations

from dossier.nlp.frames import frame, sentence_frames
from dossier.nlp.pipeline import load_model


def _doc(text: str):  # type: ignore[no-untyped-def]
    return load_model()(text)


def _index(doc, word: str) -> int:  # type: ignore[no-untyped-def]
    return next(t.i for t in doc if t.text == word)


def test_subject_through_control_and_objects_and_preps() -> None:
    doc = _doc("The ministry agreed to send medicine to the flooded villages.")
    f = frame(doc, _index(doc, "send"))
    assert [doc[i].text for i in f.subjects] == ["ministry"]
    assert [doc[i].text for i in f.objects] == ["medicine"]
    assert [(p, doc[o].text) for p, o in f.preps] == [("to", "villages")]
    assert f.speech_verb is None and not f.negated


def test_coordinated_subjects() -> None:
    doc = _doc("Chile and Peru signed the treaty in Lima.")
    f = frame(doc, _index(doc, "signed"))
    assert [doc[i].text for i in f.subjects] == ["Chile", "Peru"]
    assert f.prep_objects({"in"}) == [("in", _index(doc, "Lima"))]


def test_negation_auxiliaries_and_speech_verb() -> None:
    doc = _doc("The council said the mayor must not close the market.")
    f = frame(doc, _index(doc, "close"))
    assert f.negated
    assert "must" in f.auxiliaries
    assert f.speech_verb == _index(doc, "said")
    assert [doc[i].text for i in f.speakers] == ["council"]


def test_frames_are_built_once() -> None:
    doc = _doc("Troops left the town. The mayor thanked them.")
    first = sentence_frames(doc, 0, 5)
    assert [doc[f.predicate].text for f in first] == ["left"]
    assert frame(doc, _index(doc, "left")) is first[0]
    thanked = frame(doc, _index(doc, "thanked"))
    assert sentence_frames(doc, 5, len(doc)) == [thanked]

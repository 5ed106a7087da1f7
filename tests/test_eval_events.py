"""The event-coding evaluation: gold readers and scorers on tiny fixtures, then the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.eval.events import Prediction, evaluate, score_petr2, score_plover
from dossier.eval.plover_gold import GoldSentence, norm_country, read_petr2, read_plover_gsr
from dossier.record import Event, Span


def ev(
    type_: str,
    src: list[str],
    tgt: list[str],
    *,
    cameo: str | None = None,
    hypothetical: bool = False,
    confidence: float = 0.8,
) -> Event:
    return Event(
        id="V1",
        type=type_,
        cameo=cameo,
        source=src,
        target=tgt,
        trigger=Span(start=0, end=1, text="x"),
        sentence=Span(start=0, end=1, text="x"),
        hypothetical=hypothetical,
        confidence=confidence,
    )


COUNTRIES = {"E1": "USA", "E2": "IRQ", "E3": "FRA"}


def test_norm_country() -> None:
    assert norm_country("USAGOV") == "USA"
    assert norm_country("---REB") is None
    assert norm_country("JAP") == "JPN"
    assert norm_country("") is None


def test_read_plover_gsr(tmp_path: Path) -> None:
    records = [
        {"id": "D", "event": "DOCUMENT", "eventText": "doc"},
        {
            "id": "a",
            "event": "DEMAND",
            "text": "{Utopia demanded that Ruritania leave.}",
            "source": [{"actorText": "Utopia", "code": "UTO"}],
            "target": [{"actorText": "Ruritania", "code": "RUR"}],
        },
        {
            "id": "b",
            "event": "FIGHT",
            "text": "Utopia demanded that Ruritania leave.",
            "source": [{"code": "UTO"}],
            "target": "",
        },
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    gold = read_plover_gsr(path)
    assert len(gold) == 1  # braces stripped: both records are one sentence
    assert gold[0].types == {"REQUEST", "ASSAULT"}
    assert gold[0].events[1] == ("ASSAULT", ["UTO"], [])


def test_read_petr2_malformed(tmp_path: Path) -> None:
    content = """<Validation>
# a banner outside any comment
<Sentence category="TEST" date="20080804" id="r1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USAGOV" targetcode="---REB" />
<Text>
The envoy visited the
rebels.
</Text>
<Parse>1\tThe\tthe\n</Parse>
</Sentence>
<Sentence category="TEST" date="20080804" id="r2" evaluate="true"/>
<EventCoding noevents="True"/>
<Text></Text>
<Parse>
1\tNothing\tnothing\tPRON
2\thappened\thappen\tVERB
</Parse>
</Sentence>
</Validation>"""
    path = tmp_path / "petr.xml"
    path.write_text(content, encoding="utf-8")
    gold = read_petr2(path)
    assert [g.id for g in gold] == ["r1", "r2"]
    assert gold[0].text == "The envoy visited the rebels."
    assert gold[0].events == [("04", ["USA"], [])] and gold[0].cameo == ["042"]
    assert gold[1].text == "Nothing happened" and gold[1].events == []


def test_score_plover() -> None:
    gold = [
        GoldSentence("1", "a", [("ASSAULT", ["USA"], ["IRQ"])]),
        GoldSentence("2", "b", [("ACCUSE", ["FRA"], ["USA"])]),
        GoldSentence("3", "c", [("AID", ["USA"], ["IRQ"])]),
    ]
    preds = [
        Prediction([ev("ASSAULT", ["E1"], ["E2"]), ev("PROTEST", [], [])], COUNTRIES),
        Prediction([ev("ACCUSE", ["E3"], ["E2"])], COUNTRIES),
        Prediction([ev("AID", ["E1"], ["E2"], hypothetical=True)], COUNTRIES),  # not counted
    ]
    result = score_plover(gold, preds)
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (2, 1, 1)
    p, r, f = result.micro.prf()
    assert p == pytest.approx(2 / 3) and r == pytest.approx(2 / 3) and f == pytest.approx(2 / 3)
    assert result.per_type["PROTEST"].fp == 1 and result.per_type["AID"].fn == 1
    assert (result.source.correct, result.source.total) == (2, 2)
    assert (result.target.correct, result.target.total) == (1, 2)
    assert result.to_dict()["micro"]["f1"] == pytest.approx(2 / 3)


def test_score_plover_confidence_threshold() -> None:
    gold = [GoldSentence("1", "a", [("ASSAULT", ["USA"], ["IRQ"])])]
    low = [Prediction([ev("ASSAULT", ["E1"], ["E2"], confidence=0.3)], COUNTRIES)]
    assert score_plover(gold, low).micro.tp == 0


def test_score_petr2() -> None:
    gold = [
        GoldSentence("1", "a", [("19", ["USA"], ["IRQ"])], ["190"]),
        GoldSentence("2", "b", [("04", ["FRA"], ["USA"])], ["042"]),
        GoldSentence("3", "c", []),
    ]
    preds = [
        Prediction([ev("ASSAULT", ["E1"], ["E3"], cameo="195")], COUNTRIES),
        Prediction([ev("AGREE", ["E3"], ["E1"], cameo="036")], COUNTRIES),
        Prediction([], COUNTRIES),
    ]
    result = score_petr2(gold, preds)
    assert (result.root.correct, result.root.total) == (1, 2)
    assert (result.source.correct, result.target.correct, result.target.total) == (1, 0, 1)
    assert (result.no_event.correct, result.no_event.total) == (1, 1)
    assert result.confusion[("04", "03")] == 1


@pytest.mark.corpus
def test_corpus_targets(shared_dir: Path) -> None:
    corpus = shared_dir / "corpora" / "events"
    if not (corpus / "PLOVER_GSR_CAMEO.dev.json").is_file():
        pytest.skip("event corpus absent")
    results = evaluate(corpus)
    plover = results["plover"]
    assert plover["micro"]["f1"] >= 0.70
    assert plover["source_country_accuracy"]["value"] >= 0.6
    assert results["petr2"]["root_accuracy"]["value"] >= 0.36


def test_held_out_fold_is_fixed_and_one_in_five() -> None:
    from dossier.eval.events import held_out

    ids = [f"PLOVER-TEST-{i:04d}" for i in range(2000)]
    share = sum(held_out(i) for i in ids) / len(ids)
    assert 0.15 < share < 0.25
    assert [held_out(i) for i in ids[:50]] == [held_out(i) for i in ids[:50]]

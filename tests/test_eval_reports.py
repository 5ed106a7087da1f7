"""The conflict-news regression set: its file validates, and the scorer counts as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.eval.conflict_reports import (
    GoldActor,
    Report,
    evaluate_reports,
    read_reports,
    score_reports,
)
from dossier.eval.events import Prediction
from dossier.record import Event, Span


def ev(type_: str, src: list[str], tgt: list[str]) -> Event:
    return Event(
        id="V1",
        type=type_,
        source=src,
        target=tgt,
        trigger=Span(start=0, end=1, text="x"),
        sentence=Span(start=0, end=1, text="x"),
        confidence=0.8,
    )


def test_packaged_set_is_valid_and_large_enough() -> None:
    reports = read_reports()
    political = [r for r in reports if r.types]
    quiet = [r for r in reports if not r.types]
    assert len(political) >= 60
    assert len(quiet) >= 15
    assert len({r.text for r in reports}) == len(reports)


def test_unknown_type_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text('reports:\n  - {id: a, text: "Troops fired.", types: [FIGHTING]}\n')
    with pytest.raises(ValueError, match="unknown PLOVER type"):
        read_reports(bad)


def test_score_reports_counts() -> None:
    reports = [
        Report(
            id="a",
            text="Police arrested protesters.",
            types=["COERCE"],
            also_ok=["PROTEST"],
            source=GoldActor(sector=["COP"]),
            target=GoldActor(sector=["OPP", "CVL"]),
        ),
        Report(id="b", text="Shares fell.", types=[]),
        Report(id="c", text="Rebels attacked a town.", types=["ASSAULT"]),
    ]
    preds = [
        Prediction([ev("COERCE", ["E1"], ["E2"]), ev("PROTEST", ["E2"], [])], {}),
        Prediction([ev("ASSAULT", [], [])], {}),
        Prediction([], {}),
    ]
    sectors: list[dict[str, str | None]] = [{"E1": "COP", "E2": "MIL"}, {}, {}]
    result = score_reports(reports, preds, sectors)
    assert (result.types.tp, result.types.fp, result.types.fn) == (1, 1, 1)
    assert (result.clean.correct, result.clean.total) == (2, 3)
    assert (result.source_sector.correct, result.source_sector.total) == (1, 1)
    assert (result.target_sector.correct, result.target_sector.total) == (0, 1)
    assert [e["id"] for e in result.errors] == ["a", "b", "c"]


def test_evaluate_reports_parts(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    lines = ["reports:"] + [
        f'  - {{id: r{i}, text: "Rebels attacked town {i}.", types: [ASSAULT]}}' for i in range(20)
    ]
    path.write_text("\n".join(lines) + "\n")

    def runner(texts: list[str]) -> tuple[list[Prediction], list[dict[str, str | None]]]:
        return [Prediction([ev("ASSAULT", [], [])], {}) for _ in texts], [{} for _ in texts]

    out = evaluate_reports(path, runner, batches=())
    assert out["all"]["reports"] == 20
    assert out["studied"]["reports"] + out["heldout"]["reports"] == 20
    assert out["heldout"]["reports"] > 0
    assert out["all"]["types"]["recall"] == 1.0
    assert out["errors"] == []


def test_batches_are_scored_apart_and_held_out_ones_never_listed(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text('reports:\n  - {id: a, text: "Rebels attacked a town.", types: [ASSAULT]}\n')
    studied = tmp_path / "b1.yaml"
    studied.write_text(
        'held_out: false\nreports:\n  - {id: s1, text: "Police held a march.", types: [PROTEST]}\n'
    )
    batch = tmp_path / "b2.yaml"
    batch.write_text(
        "held_out: true\nreports:\n"
        '  - {id: b1, text: "Police arrested a reporter.", types: [COERCE]}\n'
        '  - {id: b2, text: "Troops shelled a village.", types: [ASSAULT]}\n'
    )

    def runner(texts: list[str]) -> tuple[list[Prediction], list[dict[str, str | None]]]:
        assert len(texts) == 4  # the set, then each batch in order
        return [Prediction([ev("ASSAULT", [], [])], {}) for _ in texts], [{} for _ in texts]

    out = evaluate_reports(path, runner, batches=[studied, batch, tmp_path / "absent.yaml"])
    assert out["all"]["reports"] == 1
    first, second = out["batches"]
    assert (first["batch"], first["held_out"], first["reports"]) == (1, False, 1)
    assert first["types"]["recall"] == 0.0
    assert (second["batch"], second["held_out"], second["reports"]) == (2, True, 2)
    assert second["types"]["recall"] == 0.5
    assert second["clean_share"]["value"] == 0.5
    # the studied batch's miss is listed; the held-out batch's are not
    assert [e["id"] for e in out["errors"]] == ["s1"]
    studied.write_text(studied.read_text().replace("id: s1", "id: b1"))
    with pytest.raises(ValueError, match="also in"):
        evaluate_reports(path, runner, batches=[studied, batch])


def test_packaged_batches_are_valid() -> None:
    from dossier.eval.conflict_reports import (
        BATCH5_FILE,
        BATCH_FILES,
        HELDOUT2_FILE,
        HELDOUT3_FILE,
        HELDOUT4_FILE,
        HELDOUT_FILE,
        read_report_file,
    )

    assert BATCH_FILES == (HELDOUT_FILE, HELDOUT2_FILE, HELDOUT3_FILE, HELDOUT4_FILE, BATCH5_FILE)
    studied = read_report_file(HELDOUT_FILE)
    held = read_report_file(HELDOUT2_FILE)
    third = read_report_file(HELDOUT3_FILE)
    fourth = read_report_file(HELDOUT4_FILE)
    assert not studied.held_out  # batch 1: held out for two rounds, then studied
    assert held.held_out and third.held_out  # batches 2 and 3 stand in for the hidden reports
    assert fourth.held_out  # batch 4 (seventh wave): hard on the actors
    assert len(studied.reports) >= 40 and len(held.reports) >= 60 and len(third.reports) >= 60
    assert len(fourth.reports) >= 60
    ids = [r.id for r in read_reports() + studied.reports + held.reports + third.reports]
    fifth = read_report_file(BATCH5_FILE)
    assert not fifth.held_out  # batch 5 (ninth wave): written blind, studied
    assert len(fifth.reports) >= 80
    assert len({r.place.country for r in fifth.reports if r.place}) >= 40
    assert sum(r.place is not None for r in fifth.reports) >= 80
    ids += [r.id for r in fourth.reports + fifth.reports]
    assert len(ids) == len(set(ids))

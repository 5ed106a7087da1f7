"""The event-place scorer (`dossier.eval.event_places`): gold points from the gazetteer, the
measures, the held-out fold. Own reports and places; a small fake gazetteer."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from dossier.eval import event_places as ep
from dossier.eval.events import held_out
from dossier.knowledge.gazetteer import Candidate


def _cand(
    id: int,
    name: str,
    country: str,
    fcode: str,
    lat: float,
    lon: float,
    population: int = 10_000,
    admin1: str | None = None,
    match: str = "name",
) -> Candidate:
    return Candidate(id, None, name, country, fcode, lat, lon, population, admin1, match)


class FakeGazetteer:
    def __init__(self, entries: dict[str, list[Candidate]]) -> None:
        self.entries = entries

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        return tuple(self.entries.get(name.lower(), []))


# two towns of one name in two provinces of one country, a province of that name, a namesake
# abroad
GZ = FakeGazetteer(
    {
        "riverton": [
            _cand(1, "Riverton", "AAA", "ADM1", 10.0, 10.0, 900_000, "AA.01"),
            _cand(2, "Riverton", "AAA", "PPL", 10.5, 10.5, 40_000, "AA.01"),
            _cand(3, "Riverton", "AAA", "PPL", 12.0, 14.0, 90_000, "AA.02"),
            _cand(4, "Riverton", "BBB", "PPLA", 40.0, -70.0, 500_000, "BB.07"),
        ],
        "hill province": [_cand(5, "Hill Province", "AAA", "ADM1", 10.0, 10.0, 1, "AA.01")],
    }
)


def _gold(**kw: object) -> ep.GoldPlace:
    return ep.GoldPlace.model_validate(kw)


def test_gold_point_takes_the_entry_of_the_gold_country_level_and_admin1() -> None:
    # the most populous town of the country
    town = ep.gold_point(GZ, _gold(name="Riverton", country="AAA", level="town"))  # type: ignore[arg-type]
    assert town is not None and town.id == 3
    # the town of the named province
    inside = ep.gold_point(
        GZ,  # type: ignore[arg-type]
        _gold(name="Riverton", country="AAA", admin1="Hill Province", level="town"),
    )
    assert inside is not None and inside.id == 2
    province = ep.gold_point(GZ, _gold(name="Riverton", country="AAA", level="province"))  # type: ignore[arg-type]
    assert province is not None and province.id == 1
    # no district of that name, no such place in a third country: not in the gazetteer
    assert ep.gold_point(GZ, _gold(name="Riverton", country="AAA", level="district")) is None  # type: ignore[arg-type]
    assert ep.gold_point(GZ, _gold(name="Riverton", country="CCC")) is None  # type: ignore[arg-type]


def _report(rid: str, country: str = "AAA") -> ep.EventPlaceReport:
    return ep.EventPlaceReport(
        id=rid, text="Some text.", place=_gold(name="Riverton", country=country)
    )


def test_scores_count_recall_distances_country_and_missing_gold() -> None:
    gold_town = GZ.entries["riverton"][2]  # 12.0, 14.0
    reports = [_report("a"), _report("b"), _report("c"), _report("d"), _report("e", "CCC")]
    predicted = [
        ep.EventPlace("Riverton", "AAA", 12.05, 14.05, "attached"),  # ~8 km: within 25
        ep.EventPlace("Hill", "AAA", 12.0, 15.0, "sentence"),  # ~109 km: within 161 only
        ep.EventPlace("Riverton", "BBB", 40.0, -70.0, "focus"),  # wrong country, far
        None,  # no place
        ep.EventPlace("Riverton", "CCC", 1.0, 1.0, "attached"),  # gold not in the gazetteer
    ]
    gold = [gold_town, gold_town, gold_town, gold_town, None]
    s = ep.score_event_places(reports, predicted, gold, [False, False, False, True, False])
    f = s.figures()
    assert f["reports"] == 5 and f["no_event"] == 1
    assert f["placed"] == 4 and f["recall"] == 0.8
    assert f["gold_not_in_gazetteer"] == 1 and f["scored"] == 4
    assert f["within_25"] == 1 and f["acc25"] == 0.25
    assert f["within_161"] == 2 and f["acc161"] == 0.5
    # country: a, b and e right; c wrong; d has no place
    assert f["country_ok"] == 3 and f["country_accuracy"] == 0.6
    assert f["basis"] == {"attached": 2, "sentence": 1, "focus": 1}
    assert [e["id"] for e in s.errors] == ["b", "c", "d"]


def test_first_event_place_is_the_first_event_in_text_order() -> None:
    span = SimpleNamespace
    record = SimpleNamespace(
        events=[
            SimpleNamespace(trigger=span(start=30, end=35), place="P2", place_basis="sentence"),
            SimpleNamespace(trigger=span(start=5, end=9), place="P1", place_basis="attached"),
        ],
        places=[
            SimpleNamespace(id="P1", name="Riverton", country="AAA", lat=1.0, lon=2.0),
            SimpleNamespace(id="P2", name="Hill", country="AAA", lat=3.0, lon=4.0),
        ],
    )
    place, empty = ep.first_event_place(record)
    assert place == ep.EventPlace("Riverton", "AAA", 1.0, 2.0, "attached") and not empty
    assert ep.first_event_place(SimpleNamespace(events=[], places=[])) == (None, True)


def test_evaluate_splits_by_id_hash_and_lists_studied_errors_only(tmp_path: Path) -> None:
    ids = [f"r-{i:03d}" for i in range(40)]
    assert any(held_out(i) for i in ids) and not all(held_out(i) for i in ids)
    lines = ["reports:"]
    for i in ids:
        lines += [
            f"  - id: {i}",
            '    text: "Gunmen attacked a post in Riverton."',
            "    place: {name: Riverton, country: AAA, level: town}",
        ]
    path = tmp_path / "set.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def nowhere(texts: object) -> list[tuple[ep.EventPlace | None, bool]]:
        return [(None, False) for _ in texts]  # type: ignore[attr-defined]

    out = ep.evaluate(path, gz=GZ, runner=nowhere)  # type: ignore[arg-type]
    n_held = sum(held_out(i) for i in ids)
    assert out["held-out"]["reports"] == n_held
    assert out["studied"]["reports"] == len(ids) - n_held
    assert out["studied"]["recall"] == 0.0 and out["studied"]["acc161"] == 0.0
    listed = {e["id"] for e in out["studied_errors"]}
    assert listed == {i for i in ids if not held_out(i)}


def test_studied_report_batches_with_places_are_rows_of_their_own(tmp_path: Path) -> None:
    places = tmp_path / "set.yaml"
    places.write_text(
        'reports:\n  - {id: p1, text: "Clashes in Riverton.", place: {name: Riverton, '
        "country: AAA}}\n",
        encoding="utf-8",
    )
    studied, held = tmp_path / "b5.yaml", tmp_path / "b6.yaml"
    for path, flag in ((studied, "false"), (held, "true")):
        path.write_text(
            f"held_out: {flag}\nreports:\n"
            '  - {id: x1, text: "Gunmen raided Riverton.", types: [ASSAULT], '
            "place: {name: Riverton, country: AAA, level: town}}\n"
            '  - {id: x2, text: "Markets fell.", types: []}\n',
            encoding="utf-8",
        )
    seen: list[str] = []

    def there(texts: list[str]) -> list[tuple[ep.EventPlace | None, bool]]:
        seen.extend(texts)
        return [(ep.EventPlace("Riverton", "AAA", 12.0, 14.0, "attached"), False) for _ in texts]

    out = ep.evaluate(places, gz=GZ, runner=there, batches=[studied, held])  # type: ignore[arg-type]
    assert seen == ["Clashes in Riverton.", "Gunmen raided Riverton."]  # no held-out batch
    assert list(out["batches"]) == ["b5.yaml"]
    row = out["batches"]["b5.yaml"]
    assert row["reports"] == 1 and row["acc25"] == 1.0 and row["recall"] == 1.0
    assert out["batch_errors"] == []


def test_the_bundled_set_is_valid_and_varied() -> None:
    reports = ep.read_event_places()
    assert len(reports) >= 80
    assert len({r.place.country for r in reports}) >= 40
    assert {r.place.level for r in reports} >= {"town", "village", "province", "district"}
    assert sum(held_out(r.id) for r in reports) >= 10


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(
        "reports:\n"
        + '  - {id: a, text: "Clashes in Riverton.", place: {name: Riverton, country: AAA}}\n' * 2,
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="duplicate"):
        ep.read_event_places(path)

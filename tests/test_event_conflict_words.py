"""Words of conflict reports added in the ninth wave: gunfights, pupils as victims, live
ammunition and rubber bullets used on a crowd (CAMEO 175), goods that are aid only when
given, the sector of a body's representatives, places of worship attacked. Sentences written
for Dossier."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events_of, sector_of


def _types(analyzer: Any, text: str) -> set[str]:
    _, events = events_of(analyzer, text)
    return {e.type for e in events if e.confidence >= 0.5}


@pytest.mark.parametrize(
    "text",
    [
        "A gunfight between soldiers and smugglers was reported near the northern border.",
        "Two policemen died in a gun fight with robbers outside the bank.",
    ],
)
def test_a_gunfight_is_an_assault(analyzer: Any, text: str) -> None:
    assert "ASSAULT" in _types(analyzer, text)


def test_a_film_about_a_gunfight_is_no_event(analyzer: Any) -> None:
    assert "ASSAULT" not in _types(analyzer, "The western ends with a famous gunfight at noon.")


def test_pupils_abducted_are_the_students_acted_on(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "Thirty pupils were kidnapped when gunmen stormed their school near Zaria."
    )
    hits = [e for e in events if e.type == "ASSAULT" and e.confidence >= 0.5]
    assert hits
    assert "EDU" in sector_of(record, hits[0].target), hits[0].rule


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers used live ammunition against demonstrators in the capital.",
        "The police used rubber bullets on striking miners outside the mine.",
    ],
)
def test_live_ammunition_used_on_a_crowd_is_repression(analyzer: Any, text: str) -> None:
    types = _types(analyzer, text)
    assert "COERCE" in types and "AID" not in types


@pytest.mark.parametrize(
    "text",
    [
        "The rebels used heavy weapons in their assault on the town.",
        "The company took the money and kept the equipment.",
        "The army used ammunition left behind by the retreating forces.",
    ],
)
def test_goods_used_or_kept_are_no_aid(analyzer: Any, text: str) -> None:
    assert "AID" not in _types(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Iran delivered weapons to the militia last year.",
        "The donors provided food to the flood victims.",
    ],
)
def test_goods_given_stay_aid(analyzer: Any, text: str) -> None:
    assert "AID" in _types(analyzer, text)


def test_a_representative_has_the_sector_of_the_body_sending_them(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "Police arrested a rebel representative at the airport in Juba."
    )
    hits = [e for e in events if e.type == "COERCE" and e.confidence >= 0.5]
    assert hits and sector_of(record, hits[0].target)[:1] == ["REB"], hits[0].rule


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen burned a church in the south of the country.",
        "Militiamen attacked a mosque near the river, the governor said.",
    ],
)
def test_an_attacked_place_of_worship_stands_for_its_people(analyzer: Any, text: str) -> None:
    record, events = events_of(analyzer, text)
    hits = [e for e in events if e.type == "ASSAULT" and e.confidence >= 0.5]
    assert hits and sector_of(record, hits[0].target)[:1] == ["CVL"], hits[0].rule


@pytest.mark.parametrize(
    "text",
    [
        "Police confirmed the killing of three herders near the river.",
        "The army reported an ambush on a supply convoy in the north.",
        "Local officials confirmed the abduction of a schoolteacher.",
    ],
)
def test_who_confirms_or_reports_an_attack_is_not_its_actor(analyzer: Any, text: str) -> None:
    _, events = events_of(analyzer, text)
    hits = [e for e in events if e.type == "ASSAULT" and e.confidence >= 0.5]
    assert hits, [(e.type, e.trigger.text) for e in events]
    assert not hits[0].source, hits[0].rule


def test_who_carries_out_an_attack_is_still_its_actor(analyzer: Any) -> None:
    record, events = events_of(analyzer, "Rebels carried out an ambush on a convoy.")
    hits = [e for e in events if e.type == "ASSAULT" and e.confidence >= 0.5]
    assert hits and sector_of(record, hits[0].source)[:1] == ["REB"], hits[0].rule


def test_a_report_of_trade_figures_is_no_event(analyzer: Any) -> None:
    _, events = events_of(analyzer, "The ministry reported a rise in exports last quarter.")
    assert not events


def test_taken_hostage_in_the_passive_is_an_abduction(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "Two engineers were taken hostage by gunmen on the road to the oil field."
    )
    hits = [e for e in events if e.type == "ASSAULT" and e.confidence >= 0.5]
    assert hits and hits[0].mode == "abduct", [(e.type, e.trigger.text) for e in events]
    assert sector_of(record, hits[0].source)[:1] == ["REB"], hits[0].rule


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead a village chief near the market on Tuesday.",
        "Bandits kidnapped a traditional ruler on the highway.",
    ],
)
def test_the_customary_head_of_a_village_is_an_elite(analyzer: Any, text: str) -> None:
    record, events = events_of(analyzer, text)
    hits = [e for e in events if e.type == "ASSAULT" and e.confidence >= 0.5]
    assert hits and sector_of(record, hits[0].target)[:1] == ["ELI"], hits[0].rule

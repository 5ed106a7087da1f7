"""Words of conflict reports added in the ninth wave: gunfights, pupils as victims, live
ammunition and rubber bullets used on a crowd (CAMEO 175), goods that are aid only when
given, the sector of a body's representatives, places of worship attacked, customary heads
of villages, who confirms or reports an attack, hostages taken in the passive. Sentences
written for Dossier."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.record import Event, Record
from event_support import events_of, sector_of


def _types(analyzer: Any, text: str) -> set[str]:
    _, events = events_of(analyzer, text)
    return {e.type for e in events if e.confidence >= 0.5}


def _first(analyzer: Any, text: str, type_: str = "ASSAULT") -> tuple[Record, Event]:
    record, events = events_of(analyzer, text)
    hits = [e for e in events if e.type == type_ and e.confidence >= 0.5]
    assert hits, (text, [(e.type, e.trigger.text) for e in events])
    return record, hits[0]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # a gunfight (dictionary word, as firefight)
        ("A gunfight between soldiers and smugglers was reported near the border.", "ASSAULT"),
        ("Two policemen died in a gun fight with robbers outside the bank.", "ASSAULT"),
        # goods given are aid
        ("Iran delivered weapons to the militia last year.", "AID"),
        ("The donors provided food to the flood victims.", "AID"),
    ],
)
def test_the_words_give_their_type(analyzer: Any, text: str, type_: str) -> None:
    assert type_ in _types(analyzer, text)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The western ends with a famous gunfight at noon.", "ASSAULT"),
        # goods used or kept are no aid
        ("The rebels used heavy weapons in their assault on the town.", "AID"),
        ("The company took the money and kept the equipment.", "AID"),
        ("The army used ammunition left behind by the retreating forces.", "AID"),
    ],
)
def test_no_event_of_the_type(analyzer: Any, text: str, type_: str) -> None:
    assert type_ not in _types(analyzer, text)


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
    ("text", "type_", "sector"),
    [
        # pupils are students
        (
            "Thirty pupils were kidnapped when gunmen stormed their school near Zaria.",
            "ASSAULT",
            "EDU",
        ),
        # a representative speaks for the body that sends them
        ("Police arrested a rebel representative at the airport in Juba.", "COERCE", "REB"),
        # a place of worship attacked stands for its people
        ("Gunmen burned a church in the south of the country.", "ASSAULT", "CVL"),
        ("Militiamen attacked a mosque near the river, the governor said.", "ASSAULT", "CVL"),
        # the customary head of a village
        ("Gunmen shot dead a village chief near the market on Tuesday.", "ASSAULT", "ELI"),
        ("Bandits kidnapped a traditional ruler on the highway.", "ASSAULT", "ELI"),
    ],
)
def test_the_one_acted_on_has_the_sector_of_their_role(
    analyzer: Any, text: str, type_: str, sector: str
) -> None:
    record, event = _first(analyzer, text, type_)
    assert sector_of(record, event.target)[:1] == [sector], event.rule


@pytest.mark.parametrize(
    "text",
    [
        "Police confirmed the killing of three herders near the river.",
        "The army reported an ambush on a supply convoy in the north.",
        "Local officials confirmed the abduction of a schoolteacher.",
    ],
)
def test_who_confirms_or_reports_an_attack_is_not_its_actor(analyzer: Any, text: str) -> None:
    _, event = _first(analyzer, text)
    assert not event.source, event.rule


def test_who_carries_out_an_attack_is_still_its_actor(analyzer: Any) -> None:
    record, event = _first(analyzer, "Rebels carried out an ambush on a convoy.")
    assert sector_of(record, event.source)[:1] == ["REB"], event.rule


def test_a_report_of_trade_figures_is_no_event(analyzer: Any) -> None:
    _, events = events_of(analyzer, "The ministry reported a rise in exports last quarter.")
    assert not events


def test_taken_hostage_in_the_passive_is_an_abduction(analyzer: Any) -> None:
    record, event = _first(
        analyzer, "Two engineers were taken hostage by gunmen on the road to the oil field."
    )
    assert event.mode == "abduct", event.rule
    assert sector_of(record, event.source)[:1] == ["REB"], event.rule

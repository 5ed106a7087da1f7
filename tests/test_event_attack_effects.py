"""Constructions added in the sixth wave (issue 12), with sentences written for Dossier: an
attack stated by what it did ("left three dead", "a drone attack hit"), the agentless passive
of acts only people do ("shops were looted"), people named by sex marching, an act done in
protest, police forces and prison inmates as actors; and what must stay no event."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events_of, sector_of, types_of


@pytest.mark.parametrize(
    "text",
    [
        "A mortar attack on the bus depot left five people dead on Thursday.",
        "The bombardment claimed the lives of nine residents overnight.",
        "A rocket attack hit a fuel depot on the edge of the port city.",
        "The raid targeted an army outpost in the hills.",
    ],
)
def test_attack_stated_by_its_effect_is_asserted(analyzer: Any, text: str) -> None:
    assert "ASSAULT" in types_of(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Dozens of stalls were looted in the central bazaar.",
        "Two farmhouses were torched near the river on Sunday night.",
        "A hamlet in the valley was shelled for several hours.",
        "A supply convoy was ambushed on the mountain road.",
    ],
)
def test_agentless_passive_of_violence_is_asserted(analyzer: Any, text: str) -> None:
    assert "ASSAULT" in types_of(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "The blast at the refinery left two workers dead.",
        "The storm left hundreds of families homeless.",
        "His attacks on the mayor left the council unmoved.",
        "The old files were burned after the audit.",
        "The cargo ship was loaded in the harbour.",
        "Oil prices fell sharply after the report.",
    ],
)
def test_accidents_and_figures_of_speech_stay_no_attack(analyzer: Any, text: str) -> None:
    assert "ASSAULT" not in types_of(analyzer, text)


def test_women_marching_are_civilian_protesters(analyzer: Any) -> None:
    record, events = events_of(analyzer, "Hundreds of women marched through the old town.")
    protest = next(e for e in events if e.type == "PROTEST")
    assert sector_of(record, protest.source) == ["CVL"]


def test_act_done_in_protest_is_a_protest(analyzer: Any) -> None:
    _record, events = events_of(
        analyzer, "Traders closed their stalls to protest against the market levy."
    )
    assert {e.type for e in events} == {"PROTEST"}
    # the state closing something to protest is no street protest
    assert "PROTEST" not in types_of(analyzer, "The police closed the bridge on Monday.")


def test_police_forces_are_police_and_inmates_riot(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "Police forces of Ghana dispersed a crowd of traders in Accra."
    )
    coerce = next(e for e in events if e.type == "COERCE")
    assert sector_of(record, coerce.source) == ["COP"]
    record, events = events_of(analyzer, "Inmates rioted at the state jail over food rations.")
    riot = next(e for e in events if e.type == "PROTEST")
    assert sector_of(record, riot.source) == ["CVL"]


@pytest.mark.parametrize(
    "text",
    [
        "Several shops were burnt in an arson attack on the main street.",
        "A footbridge was damaged in an air strike near the river crossing.",
        "An armed confrontation between two rival clans left four herders dead.",
    ],
)
def test_damage_in_an_attack_and_armed_confrontations(analyzer: Any, text: str) -> None:
    assert "ASSAULT" in types_of(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "The old barn was destroyed in a fire last night.",
        "The van was damaged in a crash on the ring road.",
        "The confrontation between the two candidates dominated the debate.",
    ],
)
def test_damage_by_accident_and_verbal_confrontation_are_none(analyzer: Any, text: str) -> None:
    assert "ASSAULT" not in types_of(analyzer, text)


def test_an_unnamed_armed_group_is_the_attacker(analyzer: Any) -> None:
    record, events = events_of(analyzer, "An armed group raided a gold mine in the east.")
    raid = next(e for e in events if e.type == "ASSAULT")
    assert sector_of(record, raid.source) == ["REB"]


def test_unidentified_men_are_the_attackers_and_victims_stay_civilians(analyzer: Any) -> None:
    record, events = events_of(analyzer, "Masked men set fire to a lorry on the coast road.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert sector_of(record, attack.source) == ["REB"]
    record, events = events_of(analyzer, "Soldiers detained an unidentified man at the gate.")
    arrest = next(e for e in events if e.type == "COERCE")
    assert sector_of(record, arrest.target) == ["CVL"]

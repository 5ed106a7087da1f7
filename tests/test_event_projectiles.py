"""Constructions added late in the sixth wave (issue 12), with sentences written for Dossier:
projectiles that landed or slammed into something and projectiles fired at a place (the
strike asserted with nobody named), the firer of such a weapon ("shells fired by X landed"),
looters and armed men breaking into buildings, supporters of someone marching; and what must
stay no event (planes, people and balls land; companies break into markets)."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events_of, names_of, sector_of, types_of


@pytest.mark.parametrize(
    "text",
    [
        "Two rockets landed in a crowded neighbourhood on Sunday evening.",
        "A mortar round landed on a primary school, wounding three pupils.",
        "A cruise missile slammed into a shopping centre before dawn.",
        "Several missiles were fired at the harbour overnight.",
        "Artillery shells were fired into the outskirts of the town.",
        "Mortar shells rained down on the old quarter for an hour.",
        "A car bomb ripped through a crowded square on Friday.",
        "A hand grenade was hurled into a cafe near the bus station.",
        "The hill village came under mortar fire shortly after midnight.",
    ],
)
def test_projectile_impact_is_an_asserted_attack(analyzer: Any, text: str) -> None:
    assert "ASSAULT" in types_of(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "The ball landed in the net after a deflection.",
        "The prime minister landed in Tokyo for a two-day visit.",
        "The delayed flight finally landed at the airport.",
        "The reusable rocket landed on a drone ship after the launch.",
        "Investors were fired up by the strong quarterly results.",
        "Questions were fired at the coach after the match.",
        "A delivery van crashed into a shop window.",
        "Criticism rained down on the minister after the vote.",
        "A gas explosion tore through an apartment block overnight.",
        "The champions tore through the defence in the second half.",
        "The airline came under pressure from investors to cut costs.",
    ],
)
def test_landing_and_figurative_firing_are_no_attack(analyzer: Any, text: str) -> None:
    assert "ASSAULT" not in types_of(analyzer, text)


def test_firer_of_the_projectile_is_the_source(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "Shells fired by the militia landed on a clinic, killing a nurse."
    )
    assault = next(e for e in events if e.type == "ASSAULT")
    assert "militia" in names_of(record, assault.source)


def test_looters_breaking_in_is_destruction(analyzer: Any) -> None:
    record, events = events_of(analyzer, "Looters broke into pharmacies after the curfew began.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.cameo == "1712"
    assert "Looters" in names_of(record, assault.source)


def test_armed_robbery_is_looting(analyzer: Any) -> None:
    record, events = events_of(analyzer, "Bandits robbed traders on the road to the market.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert "Bandits" in names_of(record, assault.source)


@pytest.mark.parametrize(
    "text",
    [
        "The referee robbed the visitors of a clear penalty.",
        "The startup broke into the European market last year.",
        "The singer broke into tears on stage.",
        "Burglars broke into a holiday home on the coast.",
    ],
)
def test_breaking_into_markets_and_houses_is_no_attack(analyzer: Any, text: str) -> None:
    assert "ASSAULT" not in types_of(analyzer, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Hundreds of supporters of the former governor rallied in the capital.", "CVL"),
        ("Thousands of his followers marched through the city on Saturday.", "CVL"),
        ("Supporters of the opposition leader protested outside the court.", "OPP"),
    ],
)
def test_supporters_who_march_are_the_protest_source(analyzer: Any, text: str, sector: str) -> None:
    record, events = events_of(analyzer, text)
    protest = next(e for e in events if e.type == "PROTEST")
    assert sector_of(record, protest.source) == [sector]


def test_supporters_celebrating_are_no_protest(analyzer: Any) -> None:
    assert "PROTEST" not in types_of(analyzer, "Supporters of the club celebrated in the streets.")


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of farmers gathered for a rally outside parliament.",
        "Hundreds of nurses converged on the capital for a protest over pay.",
    ],
)
def test_gathering_for_a_protest_is_one(analyzer: Any, text: str) -> None:
    assert "PROTEST" in types_of(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Fans gathered for a concert in the park.",
        "Ministers gathered for a summit in the old port city.",
    ],
)
def test_gathering_for_other_things_is_no_protest(analyzer: Any, text: str) -> None:
    assert "PROTEST" not in types_of(analyzer, text)

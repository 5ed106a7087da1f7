"""Who is acted upon (seventh wave): victims named by their role, what a force holds, the
people of an attacked village and the victims a participle names. Sentences written for
Dossier."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.record import Event, Record
from event_support import events_of, names_of, sector_of


def _first(analyzer: Any, text: str, type_: str) -> tuple[Record, Event]:
    record, events = events_of(analyzer, text)
    hits = [e for e in events if e.type == type_ and e.confidence >= 0.5]
    assert hits, (text, [(e.type, e.trigger.text) for e in events])
    return record, hits[0]


@pytest.mark.parametrize(
    ("text", "type_", "sector"),
    [
        ("Gunmen kidnapped an Anglican bishop near Kaduna on Monday.", "ASSAULT", "REL"),
        ("Militants shot dead a district governor in Helmand.", "ASSAULT", "GOV"),
        ("Police arrested a newspaper editor in Harare.", "COERCE", "MED"),
        ("Unknown gunmen killed a tribal elder in Khost.", "ASSAULT", "ELI"),
        ("A Muslim cleric was abducted by gunmen in Zamboanga.", "ASSAULT", "REL"),
        # what a force holds stands for the force
        ("Rebels attacked a police station in the north overnight.", "ASSAULT", "COP"),
        ("Insurgents overran an army base near the border.", "ASSAULT", "MIL"),
        ("Jihadists ambushed a military convoy on the main road.", "ASSAULT", "MIL"),
        ("The army shelled rebel positions outside the town.", "ASSAULT", "REB"),
        ("Rioters torched a police post in the capital.", "PROTEST", "COP"),
        # leaders and members have the sector of their body
        ("A separatist leader was shot dead by soldiers near Bamenda.", "ASSAULT", "REB"),
        ("Police detained a trade union leader at his home in Lima.", "COERCE", "LAB"),
        ("Troops arrested an opposition candidate in Bujumbura.", "COERCE", "OPP"),
        ("Police arrested a gang member in Kingston.", "COERCE", "CRM"),
    ],
)
def test_the_target_has_the_sector_of_who_is_acted_on(
    analyzer: Any, text: str, type_: str, sector: str
) -> None:
    record, event = _first(analyzer, text, type_)
    assert sector_of(record, event.target)[:1] == [sector], event.rule


def test_a_held_site_keeps_the_nationality_of_its_force(analyzer: Any) -> None:
    record, event = _first(analyzer, "Drones struck a Russian air base overnight.", "ASSAULT")
    ents = {e.id: e for e in record.entities}
    assert [(ents[i].sector, ents[i].country) for i in event.target][:1] == [("MIL", "RUS")]


def test_a_possessed_base_is_no_military_site(analyzer: Any) -> None:
    record, events = events_of(analyzer, "The senator attacked the governor over his base.")
    for event in events:
        assert "MIL" not in sector_of(record, event.target), event.rule


@pytest.mark.parametrize(
    "text",
    [
        "Armed men raided a village in Zamfara, killing 15 residents.",
        "A car bomb exploded near a market in Mosul, killing eight civilians.",
        "Bandits attacked a remote hamlet before dawn.",
        "A crowded market was shelled by the militia.",
    ],
)
def test_an_attacked_place_of_civilians_targets_its_people(analyzer: Any, text: str) -> None:
    record, event = _first(analyzer, text, "ASSAULT")
    assert sector_of(record, event.target)[:1] == ["CVL"], event.rule


def test_the_victims_named_come_before_the_town(analyzer: Any) -> None:
    record, event = _first(
        analyzer, "Militiamen raided a village near Bunia, wounding two farmers.", "ASSAULT"
    )
    assert names_of(record, event.target)[:1] == ["two farmers"], event.rule


def test_a_country_attacked_stays_the_target(analyzer: Any) -> None:
    record, event = _first(
        analyzer, "Russia attacked Ukraine with missiles, killing three civilians.", "ASSAULT"
    )
    assert names_of(record, event.target)[:1] == ["Ukraine"], event.rule


def test_a_village_visited_is_no_actor(analyzer: Any) -> None:
    record, events = events_of(analyzer, "The minister toured a village and met farmers.")
    for event in events:
        assert not any(n.lower().endswith("village") for n in names_of(record, event.target))


def test_a_body_named_leader_acts(analyzer: Any) -> None:
    record, event = _first(
        analyzer, "The rebel leader signed a ceasefire with the government.", "AGREE"
    )
    assert sector_of(record, event.source)[:1] == ["REB"], event.rule


def test_unnamed_actors_take_the_country_of_the_town_named_in_the_sentence(
    analyzer: Any,
) -> None:
    record, event = _first(
        analyzer,
        "Police dispersed a demonstration by opposition supporters in Harare using tear gas.",
        "COERCE",
    )
    ents = {e.id: e for e in record.entities}
    assert [ents[i].country for i in event.source] == ["ZWE"], event.rule


def test_a_country_named_elsewhere_in_the_sentence_gives_no_country(analyzer: Any) -> None:
    record, events = events_of(
        analyzer,
        "Hundreds of farmers began a hunger strike to protest against aid for Poland and Hungary.",
    )
    ents = {e.id: e for e in record.entities}
    assert events
    for event in events:
        for i in event.source:
            assert ents[i].country is None, event.rule


@pytest.mark.parametrize(
    "text",
    [
        "Nigerians marched in Lagos to protest fuel prices.",
        "Hundreds of Venezuelans rallied outside the embassy.",
    ],
)
def test_a_people_named_by_nationality_alone_is_civilians(analyzer: Any, text: str) -> None:
    record, event = _first(analyzer, text, "PROTEST")
    assert sector_of(record, event.source)[:1] == ["CVL"], event.rule


def test_a_nationality_with_a_role_keeps_the_role(analyzer: Any) -> None:
    record, event = _first(analyzer, "Nigerian soldiers raided a camp near the border.", "ASSAULT")
    assert sector_of(record, event.source)[:1] == ["MIL"], event.rule


@pytest.mark.parametrize(
    "text",
    [
        "An attack on a village in Ituri left 20 civilians dead.",
        "Militiamen carried out a raid on a village near the river.",
        "Jihadists launched an attack on a hamlet in the Tillaberi region.",
    ],
)
def test_an_attack_noun_targets_its_victims_or_the_people_of_the_place(
    analyzer: Any, text: str
) -> None:
    record, event = _first(analyzer, text, "ASSAULT")
    assert sector_of(record, event.target)[:1] == ["CVL"], event.rule


def test_a_capitalised_plural_role_noun_keeps_its_sector(analyzer: Any) -> None:
    record, event = _first(analyzer, "Rebels attacked the town of Bunia.", "ASSAULT")
    assert sector_of(record, event.source)[:1] == ["REB"], event.rule


def test_the_dead_of_an_attack_told_by_a_gerund_are_its_target(analyzer: Any) -> None:
    record, event = _first(
        analyzer, "Three civilians died in shelling by government forces in Idlib.", "ASSAULT"
    )
    assert sector_of(record, event.target)[:1] == ["CVL"], event.rule
    assert sector_of(record, event.source)[:1] == ["MIL"], event.rule


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("A journalist was detained by the security services in Minsk.", "SPY"),
        ("The coast guard detained forty migrants off the coast.", "MIL"),
    ],
)
def test_unnamed_state_forces_act(analyzer: Any, text: str, sector: str) -> None:
    record, event = _first(analyzer, text, "COERCE")
    assert sector_of(record, event.source)[:1] == [sector], event.rule


def test_burned_houses_are_the_civilians(analyzer: Any) -> None:
    record, event = _first(analyzer, "Several houses were burned by armed men.", "ASSAULT")
    assert sector_of(record, event.target)[:1] == ["CVL"], event.rule

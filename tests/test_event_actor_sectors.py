"""Who acts and who is acted upon (seventh wave): victims named by their role, what a force
holds, the people of an attacked village and the victims a participle names, leaders with
their body's sector, peoples named by nationality, unnamed state forces, and the country of
unnamed actors. Sentences written for Dossier."""

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
    ("text", "type_", "sector", "role"),
    [
        # a role noun acted on
        ("Gunmen kidnapped an Anglican bishop near Kaduna on Monday.", "ASSAULT", "REL", "target"),
        ("Militants shot dead a district governor in Helmand.", "ASSAULT", "GOV", "target"),
        ("Police arrested a newspaper editor in Harare.", "COERCE", "MED", "target"),
        ("Unknown gunmen killed a tribal elder in Khost.", "ASSAULT", "ELI", "target"),
        ("A Muslim cleric was abducted by gunmen in Zamboanga.", "ASSAULT", "REL", "target"),
        # what a force holds stands for the force
        ("Rebels attacked a police station in the north overnight.", "ASSAULT", "COP", "target"),
        ("Insurgents overran an army base near the border.", "ASSAULT", "MIL", "target"),
        ("Jihadists ambushed a military convoy on the main road.", "ASSAULT", "MIL", "target"),
        ("The army shelled rebel positions outside the town.", "ASSAULT", "REB", "target"),
        ("Rioters torched a police post in the capital.", "PROTEST", "COP", "target"),
        # leaders and members have the sector of their body
        ("A separatist leader was shot dead by soldiers near Bamenda.", "ASSAULT", "REB", "target"),
        ("Police detained a trade union leader at his home in Lima.", "COERCE", "LAB", "target"),
        ("Troops arrested an opposition candidate in Bujumbura.", "COERCE", "OPP", "target"),
        ("Police arrested a gang member in Kingston.", "COERCE", "CRM", "target"),
        # an attacked place of civilians: its people, or the victims a participle names
        (
            "Armed men raided a village in Zamfara, killing 15 residents.",
            "ASSAULT",
            "CVL",
            "target",
        ),
        (
            "A car bomb exploded near a market in Mosul, killing eight civilians.",
            "ASSAULT",
            "CVL",
            "target",
        ),
        ("Bandits attacked a remote hamlet before dawn.", "ASSAULT", "CVL", "target"),
        ("A crowded market was shelled by the militia.", "ASSAULT", "CVL", "target"),
        ("Several houses were burned by armed men.", "ASSAULT", "CVL", "target"),
        # an attack noun: the victims of its verb, or the people of the place
        ("An attack on a village in Ituri left 20 civilians dead.", "ASSAULT", "CVL", "target"),
        ("Militiamen carried out a raid on a village near the river.", "ASSAULT", "CVL", "target"),
        (
            "Jihadists launched an attack on a hamlet in the Tillaberi region.",
            "ASSAULT",
            "CVL",
            "target",
        ),
        # the dead of an attack told by a gerund
        (
            "Three civilians died in shelling by government forces in Idlib.",
            "ASSAULT",
            "CVL",
            "target",
        ),
        # who acts
        ("The rebel leader signed a ceasefire with the government.", "AGREE", "REB", "source"),
        ("Nigerians marched in Lagos to protest fuel prices.", "PROTEST", "CVL", "source"),
        ("Hundreds of Venezuelans rallied outside the embassy.", "PROTEST", "CVL", "source"),
        ("Nigerian soldiers raided a camp near the border.", "ASSAULT", "MIL", "source"),
        ("Rebels attacked the town of Bunia.", "ASSAULT", "REB", "source"),
        (
            "Three civilians died in shelling by government forces in Idlib.",
            "ASSAULT",
            "MIL",
            "source",
        ),
        ("A journalist was detained by the security services in Minsk.", "COERCE", "SPY", "source"),
        ("The coast guard detained forty migrants off the coast.", "COERCE", "MIL", "source"),
    ],
)
def test_the_actor_has_the_sector_of_who_acts_or_is_acted_on(
    analyzer: Any, text: str, type_: str, sector: str, role: str
) -> None:
    record, event = _first(analyzer, text, type_)
    ids = event.target if role == "target" else event.source
    assert sector_of(record, ids)[:1] == [sector], event.rule


def test_a_held_site_keeps_the_nationality_of_its_force(analyzer: Any) -> None:
    record, event = _first(analyzer, "Drones struck a Russian air base overnight.", "ASSAULT")
    ents = {e.id: e for e in record.entities}
    assert [(ents[i].sector, ents[i].country) for i in event.target][:1] == [("MIL", "RUS")]


def test_a_possessed_base_is_no_military_site(analyzer: Any) -> None:
    record, events = events_of(analyzer, "The senator attacked the governor over his base.")
    for event in events:
        assert "MIL" not in sector_of(record, event.target), event.rule


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
        analyzer, "Hundreds of farmers staged a sit-in to oppose aid for Poland and Hungary."
    )
    ents = {e.id: e for e in record.entities}
    assert events
    for event in events:
        for i in event.source:
            assert ents[i].country is None, event.rule

"""Conflict-report constructions of the fourth wave, with sentences written for Dossier: a
weapon as the subject asserts the attack with nobody named ("a roadside bomb exploded"),
"came under attack/shelling from X" (the subject is the target), "exchanged fire", killing
with edged weapons ("hacked to death"), and nouns of quantity as trigger candidates."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.nlp.events.lexicon import lexicon
from dossier.record import Record
from event_support import events_of, types_of


def names(record: Record, ids: list[str]) -> list[str]:
    ents = {e.id: e for e in record.entities}
    return [ents[i].name.lower() for i in ids if i in ents]


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb exploded near a crowded bus station in the north on Monday.",
        "A hand grenade went off outside a bar in the capital late on Friday.",
        "Two rockets hit an apartment block on the edge of the city overnight.",
        "A landmine killed a shepherd near the old front line.",
    ],
)
def test_weapon_as_subject_asserts_the_attack(analyzer: Any, text: str) -> None:
    _record, events = events_of(analyzer, text)
    assert [e.type for e in events if e.confidence >= 0.5] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "A gas boiler exploded in a block of flats on Sunday.",
        "The fire alarm went off twice during the night.",
        "Heavy rain hit the northern coast on Sunday.",
        "The new tariffs hit exporters in the north hardest.",
    ],
)
def test_other_subjects_of_the_same_verbs_give_no_attack(analyzer: Any, text: str) -> None:
    _record, events = events_of(analyzer, text)
    assert "ASSAULT" not in {e.type for e in events if e.confidence >= 0.5}


def test_came_under_attack_subject_is_the_target(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "An army convoy came under attack from insurgents near the border."
    )
    attack = next(e for e in events if e.type == "ASSAULT")
    assert any("insurgents" in n for n in names(record, attack.source))
    assert any("convoy" in n for n in names(record, attack.target)) or attack.target == []
    assert not any("convoy" in n for n in names(record, attack.source))


def test_exchanged_fire_both_sides_are_sources(analyzer: Any) -> None:
    _record, events = events_of(
        analyzer, "Indian and Pakistani troops exchanged fire along the border on Sunday."
    )
    fight = next(e for e in events if e.type == "ASSAULT")
    assert fight.mode == "firearms"
    assert fight.source


def test_hacked_to_death_is_a_killing_not_a_cyber_attack(analyzer: Any) -> None:
    _record, events = events_of(analyzer, "Attackers hacked two farmers to death near the village.")
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "kill")]


def test_quantity_nouns_start_triggers() -> None:
    assert {"hundred", "dozen", "thousand"} <= lexicon().noun_heads


@pytest.mark.parametrize(
    "text",
    [
        "Floods killed twenty people in the south of the country.",
        "Five traders were killed in a fire at the central market.",
        "A bus crash injured 12 passengers on the coastal highway.",
    ],
)
def test_natural_and_accidental_causes_are_no_attack(analyzer: Any, text: str) -> None:
    assert "ASSAULT" not in types_of(analyzer, text)


def test_armed_men_and_people_get_a_sector(analyzer: Any) -> None:
    record, events = events_of(analyzer, "Armed men stormed a prison in the north of Chad.")
    attack = next(e for e in events if e.type == "ASSAULT")
    sectors = {e.id: e.sector for e in record.entities}
    assert [sectors[i] for i in attack.source] == ["REB"]
    record, events = events_of(analyzer, "Hundreds of people marched through Lima on Saturday.")
    march = next(e for e in events if e.type == "PROTEST")
    sectors = {e.id: e.sector for e in record.entities}
    assert [sectors[i] for i in march.source] == ["CVL"]


def test_verb_parsed_as_modifier_of_a_noun_root_is_the_predicate(analyzer: Any) -> None:
    _record, events = events_of(
        analyzer, "Hundreds of students protested in Nairobi against an increase in fees."
    )
    protest = next(e for e in events if e.type == "PROTEST")
    assert protest.confidence >= 0.5
    assert "main clause" in protest.rule


def test_only_a_crowd_gathering_is_a_protest(analyzer: Any) -> None:
    _record, events = events_of(
        analyzer, "Demonstrators gathered outside the interior ministry in Tunis."
    )
    assert "PROTEST" in {e.type for e in events}
    assert "PROTEST" not in types_of(
        analyzer, "Foreign ministers gathered in Vienna for the meeting."
    )


def test_unnamed_single_actor_has_its_sector(analyzer: Any) -> None:
    record, events = events_of(analyzer, "A gunman opened fire on worshippers outside a mosque.")
    attack = next(e for e in events if e.type == "ASSAULT")
    sectors = {e.id: e.sector for e in record.entities}
    assert [sectors[i] for i in attack.source] == ["REB"]
    assert [sectors[i] for i in attack.target] == ["REL"]


@pytest.mark.parametrize(
    ("text", "stray"),
    [
        ("Gunmen stormed a prison in the north and freed more than 200 inmates.", "RETREAT"),
        ("Bandits abducted a trader from his home and demanded a ransom.", "REQUEST"),
        ("Rebels raided the village at dawn and withdrew before the army arrived.", "RETREAT"),
    ],
)
def test_acts_of_the_attacker_in_the_attack_sentence_are_the_attack(
    analyzer: Any, text: str, stray: str
) -> None:
    _record, events = events_of(analyzer, text)
    types = {e.type for e in events}
    assert "ASSAULT" in types
    assert stray not in types


def test_a_release_by_another_actor_stays(analyzer: Any) -> None:
    _record, events = events_of(
        analyzer, "The junta released thirty detained protesters after rebels attacked the town."
    )
    assert "RETREAT" in {e.type for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "The militia freed nine hostages it had held for a month in the hills.",
        "Authorities in the capital released forty detained students on Tuesday.",
        "The government released two opposition leaders from prison on Monday.",
    ],
)
def test_a_release_of_captives_is_retreat(analyzer: Any, text: str) -> None:
    # CAMEO 084 (Return, release) -> PLOVER RETREAT, mode release (CAMEO2PLOVER-2021)
    _record, events = events_of(analyzer, text)
    release = [e for e in events if e.type == "RETREAT"]
    assert release and release[0].mode == "release"
    assert "CONCEDE" not in {e.type for e in events}


def test_ethnic_group_gets_no_country_from_its_demonym(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "Soldiers killed three ethnic Albanians in a village on Friday."
    )
    attack = next(e for e in events if e.type == "ASSAULT")
    countries = {e.id: e.country for e in record.entities}
    assert all(countries[i] != "ALB" for i in attack.target)


def test_event_noun_reported_in_the_passive_happened(analyzer: Any) -> None:
    _record, events = events_of(
        analyzer, "Heavy fighting was reported between the army and militants in the north."
    )
    fight = next(e for e in events if e.type == "ASSAULT")
    assert len(fight.source) == 2
    assert fight.confidence >= 0.5

"""Constructions the coder generalises over (issue 12), with sentences written for Dossier:
light verbs in the passive, nouns asserted by verbs of occurrence, two-sided fighting,
obligation demands, PLOVER's modes for abduction and destruction, crowd violence as riot,
participles that describe a noun, movement verbs that are no visits."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.record import Record
from event_support import events_of, types_of


def names(record: Record, ids: list[str]) -> list[str]:
    ents = {e.id: e for e in record.entities}
    return [ents[i].name.lower() for i in ids if i in ents]


def test_passive_light_verb_carries_its_subject(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "A protest was held outside the parliament in Nairobi on Tuesday."
    )
    assert "PROTEST" in {e.type for e in events}
    record, events = events_of(
        analyzer, "Air strikes were carried out by Turkish jets on villages in northern Iraq."
    )
    strike = next(e for e in events if e.type == "ASSAULT")
    assert any("jets" in n for n in names(record, strike.source))


def test_occurrence_verb_asserts_noun_and_gives_both_sides(analyzer: Any) -> None:
    _record, events = events_of(
        analyzer, "Fighting broke out between Ethiopian troops and Eritrean soldiers on Sunday."
    )
    fight = next(e for e in events if e.type == "ASSAULT")
    assert len(fight.source) == 2
    assert "between" in fight.rule or "prep" in fight.rule


def test_obligation_under_speech_verb_is_a_demand(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "Germany said Hungary must lift its veto on the aid package."
    )
    demand = next(e for e in events if e.type == "REQUEST")
    assert names(record, demand.source) == ["germany"]
    assert names(record, demand.target) == ["hungary"]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Gunmen kidnapped a Nigerian priest in Kaduna.", "abduct"),
        ("Soldiers looted shops in the market of Goma.", "destroy"),
        ("Militiamen torched homes in a village near Bunia.", "destroy"),
    ],
)
def test_plover_modes_abduct_and_destroy_are_assault(analyzer: Any, text: str, mode: str) -> None:
    _record, events = events_of(analyzer, text)
    assert [(e.type, e.mode) for e in events if e.type in {"ASSAULT", "COERCE"}] == [
        ("ASSAULT", mode)
    ]


def test_crowd_violence_is_a_riot(analyzer: Any) -> None:
    types = types_of(analyzer, "Protesters set fire to a police station in Kisumu.")
    assert "PROTEST" in types
    assert "ASSAULT" not in types


@pytest.mark.parametrize(
    "text",
    [
        "Riot police clashed with protesters outside parliament in Quito.",
        "Soldiers beat student demonstrators in the capital on Friday.",
    ],
)
def test_force_against_a_crowd_is_repression(analyzer: Any, text: str) -> None:
    # CAMEO 175: security forces' force against protesters (crowd_repression)
    _record, events = events_of(analyzer, text)
    assert [(e.type, e.cameo) for e in events] == [("COERCE", "175")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shooting and killing keep their own codes; armed groups are no crowd
        ("Police shot dead three protesters in the north.", "ASSAULT"),
        ("Troops clashed with rebels near the border.", "ASSAULT"),
        # the crowd as actor is still a riot
        ("Protesters clashed with police in Lagos.", "PROTEST"),
    ],
)
def test_repression_only_for_forces_against_a_crowd(
    analyzer: Any, text: str, expected: str
) -> None:
    _record, events = events_of(analyzer, text)
    assert [e.type for e in events] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Militias backed by Iran fired rockets at the base.",
        "Armed men stormed a bank in the centre of Bamako.",
    ],
)
def test_participle_describing_a_noun_is_no_event(analyzer: Any, text: str) -> None:
    _record, events = events_of(analyzer, text)
    assert not {e.type for e in events} & {"SUPPORT", "AID"}


@pytest.mark.parametrize(
    ("text", "stray"),
    [
        ("Hundreds of troops arrived in the border town on Monday.", "CONSULT"),
        ("The convoy pulled up outside the hotel in Kabul.", "RETREAT"),
    ],
)
def test_incidental_verbs_give_no_event(analyzer: Any, text: str, stray: str) -> None:
    assert stray not in types_of(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Fans took to social media to celebrate the title.",
        "The film crew arrived in Marrakesh on Monday.",
        "A clash of heads forced the striker off the pitch in the first half.",
        "The home side plundered three goals in the second half.",
    ],
)
def test_new_words_in_non_political_senses(analyzer: Any, text: str) -> None:
    _record, events = events_of(analyzer, text)
    assert not events


def test_hyphenated_noun_and_quantity_of_phrase(analyzer: Any) -> None:
    assert "PROTEST" in types_of(analyzer, "Nurses staged a sit-in outside the hospital in Accra.")
    _record, events = events_of(
        analyzer, "Hundreds of soldiers were sent to the northern border on Friday."
    )
    assert "MOBILIZE" in {e.type for e in events}


def test_obligation_on_a_passive_subject(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "Amnesty International said the Kenyan police should be held accountable."
    )
    demand = next(e for e in events if e.type == "REQUEST")
    assert any("police" in n for n in names(record, demand.target))


def test_victims_clause_takes_the_attackers_as_source(analyzer: Any) -> None:
    record, events = events_of(
        analyzer, "Three guards were killed when rebels attacked a prison in Goma."
    )
    killing = next(e for e in events if e.type == "ASSAULT" and "killed" in e.trigger.text)
    assert any("rebels" in n for n in names(record, killing.source))


def test_collective_actor_without_a_name_has_its_sector(analyzer: Any) -> None:
    record, events = events_of(analyzer, "Police arrested a student leader in Dhaka on Monday.")
    arrest = next(e for e in events if e.type == "COERCE")
    sectors = {e.id: e.sector for e in record.entities}
    assert [sectors[i] for i in arrest.source] == ["COP"]


def test_seizing_a_place_is_occupation_and_scheduled_meeting_stays_a_meeting(
    analyzer: Any,
) -> None:
    _record, events = events_of(analyzer, "Rebels seized three villages near the lake.")
    assert [(e.type, e.mode) for e in events if e.type in {"ASSAULT", "COERCE"}] == [
        ("ASSAULT", "invade")
    ]
    _record, events = events_of(
        analyzer, "The Chilean president is scheduled to attend a summit in Lima next week."
    )
    assert "CONSULT" in {e.type for e in events}
    assert "AGREE" not in {e.type for e in events}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The government of Sindh province has imposed a curfew on Karachi.", "PAK"),
        ("The authorities of Kandahar province arrested four smugglers.", "AFG"),
    ],
)
def test_actor_of_a_place_written_with_a_place_noun(analyzer: Any, text: str, country: str) -> None:
    # the place is the compound before "province": the actor's country is the place's
    record, events = events_of(analyzer, text)
    ents = {e.id: e for e in record.entities}
    assert events and events[0].source
    assert ents[events[0].source[0]].country == country


@pytest.mark.parametrize(
    ("text", "type_", "source"),
    [
        # a participle after the event noun names its actor (agent_participles)
        ("A march organised by teachers' unions paralysed central Lima.", "PROTEST", "unions"),
        ("A mediation mission led by the African Union arrived in Juba.", "CONSULT", "union"),
        # the event noun as the subject of another act lends that actor
        ("An ambush blamed on jihadists killed twelve soldiers in Mali.", "ASSAULT", "jihadists"),
        ("Rocket fire claimed by the militia struck an oil depot.", "ASSAULT", "militia"),
    ],
)
def test_participle_after_an_event_noun_names_its_actor(
    analyzer: Any, text: str, type_: str, source: str
) -> None:
    record, events = events_of(analyzer, text)
    found = [e for e in events if e.type == type_ and e.confidence >= 0.5]
    assert found, [(e.type, e.confidence) for e in events]
    assert any(source in n for n in names(record, found[0].source))


def test_participles_that_do_not_name_the_doer(analyzer: Any) -> None:
    # "planned by" is not in agent_participles: a planned attack names no attacker
    _record, events = events_of(analyzer, "An attack planned by two students never happened.")
    assert not [e for e in events if e.type == "ASSAULT" and e.confidence >= 0.5]


@pytest.mark.parametrize(
    ("text", "type_", "role"),
    [
        ("Dozens were arrested after the rally in Tbilisi.", "COERCE", "target"),
        ("Thousands took to the streets of Yerevan on Sunday.", "PROTEST", "source"),
    ],
)
def test_bare_number_of_people_is_a_civilian_actor(
    analyzer: Any, text: str, type_: str, role: str
) -> None:
    record, events = events_of(analyzer, text)
    ents = {e.id: e for e in record.entities}
    found = [e for e in events if e.type == type_]
    assert found
    ids = found[0].target if role == "target" else found[0].source
    assert [ents[i].sector for i in ids] == ["CVL"]


def test_bare_number_in_a_money_phrase_is_no_actor(analyzer: Any) -> None:
    record, _events = events_of(analyzer, "Bonds worth millions were sold on Monday.")
    assert not [e for e in record.entities if e.type == "GROUP"]


def test_occurrence_verb_the_lemmatizer_misreads(analyzer: Any) -> None:
    # spaCy lemmatizes "raged" as "rag": the occurrence verb is found by its lemma guesses
    _record, events = events_of(analyzer, "Heavy fighting raged around the airport in Juba.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_talks_between_two_parties_are_held_by_both(analyzer: Any) -> None:
    record, events = events_of(analyzer, "Talks were held between Peru and Chile in Lima.")
    talks = [e for e in events if e.type == "CONSULT"]
    assert talks and sorted(names(record, talks[0].source)) == ["chile", "peru"]


@pytest.mark.parametrize(
    ("text", "type_", "sector"),
    [
        ("Opposition supporters marched through the centre of Maseru.", "PROTEST", "OPP"),
        ("The intelligence service detained two journalists in Minsk.", "COERCE", "SPY"),
    ],
)
def test_collective_actors_with_no_name(analyzer: Any, text: str, type_: str, sector: str) -> None:
    record, events = events_of(analyzer, text)
    ents = {e.id: e for e in record.entities}
    found = [e for e in events if e.type == type_]
    assert found and [ents[i].sector for i in found[0].source] == [sector]


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Four soldiers died in an ambush near the border with Mali.", "four soldiers"),
        ("Two villagers perished in an attack by bandits in Sokoto.", "two villagers"),
    ],
)
def test_death_in_an_attack_asserts_it_with_the_dead_as_target(
    analyzer: Any, text: str, victims: str
) -> None:
    record, events = events_of(analyzer, text)
    attacks = [e for e in events if e.type == "ASSAULT" and e.confidence >= 0.5]
    assert attacks and names(record, attacks[0].target) == [victims]


@pytest.mark.parametrize(
    "text",
    [
        "Three miners died in a blast at the coal pit.",
        "Five fans died in a crush at the stadium gates.",
        "Two men died during the protest outside the ministry.",
    ],
)
def test_deaths_in_accidents_or_protests_are_no_attack(analyzer: Any, text: str) -> None:
    _record, events = events_of(analyzer, text)
    assert not [e for e in events if e.type == "ASSAULT" and e.confidence >= 0.5]


@pytest.mark.parametrize(
    "text",
    [
        "A man was stabbed to death near the market in Bouar.",
        "Gunmen shot two women outside a church in Kaduna.",
    ],
)
def test_person_named_by_sex_or_age_acted_on_is_a_civilian(analyzer: Any, text: str) -> None:
    record, events = events_of(analyzer, text)
    ents = {e.id: e for e in record.entities}
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks and [ents[i].sector for i in attacks[0].target] == ["CVL"]


@pytest.mark.parametrize(
    "text",
    ["A boy was hit by a car on the ring road.", "A hiker was attacked by a bear in the park."],
)
def test_road_traffic_and_animals_are_no_attack(analyzer: Any, text: str) -> None:
    _record, events = events_of(analyzer, text)
    assert not [e for e in events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "type_", "cameo"),
    [
        # people seized by an armed group: an abduction (CAMEO 181)
        ("Pirates seized the crew of a fishing boat off Puntland.", "ASSAULT", "181"),
        ("Armed bandits seized a group of travellers near Zaria.", "ASSAULT", "181"),
        # by the police: an arrest (CAMEO 173)
        ("Police seized two suspects at the border post.", "COERCE", "173"),
        # goods seized: the seizure of property stays (CAMEO 171)
        ("Customs officers seized a shipment of rifles at the port.", "COERCE", "171"),
    ],
)
def test_seizing_people_is_an_abduction_or_an_arrest(
    analyzer: Any, text: str, type_: str, cameo: str
) -> None:
    _record, events = events_of(analyzer, text)
    assert [(e.type, e.cameo) for e in events] == [(type_, cameo)]


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan president flew to Kampala and met his counterpart on Friday.",
        "The Danish foreign ministry summoned the envoy and demanded their swift release.",
    ],
)
def test_no_event_has_its_actor_as_its_own_target(analyzer: Any, text: str) -> None:
    record, _events = events_of(analyzer, text)
    assert record.events
    assert not [e for e in record.events if set(e.source) & set(e.target)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # working people who strike no one: a labour strike (CAMEO 143)
        ("Teachers strike over pay in Malawi", ("PROTEST", "143")),
        ("Lawyers struck in protest at the new bail rules in Multan.", ("PROTEST", "143")),
        # armed forces striking, or anyone striking a person: an attack
        ("Rebel fighters struck an army post near Butembo.", ("ASSAULT", "190")),
        ("Students struck a security guard during the scuffle.", ("ASSAULT", "190")),
    ],
)
def test_strike_by_working_people_is_a_labour_strike(
    analyzer: Any, text: str, expected: tuple[str, str]
) -> None:
    _record, events = events_of(analyzer, text)
    assert [(e.type, e.cameo) for e in events][:1] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the forces ending a protest: repression, not a concession
        ("Police broke up a student protest in Sylhet.", ("COERCE", "175")),
        # the protesters ending their own protest: a concession
        ("The students called off their protest after the talks.", ("CONCEDE", "081")),
    ],
)
def test_ending_a_protest_by_force_is_repression(
    analyzer: Any, text: str, expected: tuple[str, str]
) -> None:
    _record, events = events_of(analyzer, text)
    assert [(e.type, e.cameo) for e in events] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hundreds of teachers gathered outside the ministry to demand their back pay.", True),
        ("Residents assembled in the main square to denounce the forced evictions.", True),
        ("Relatives gathered at the airport to welcome the returning athletes.", False),
        ("Ministers gathered in Geneva for the annual conference.", False),
    ],
)
def test_a_gathering_to_demand_or_protest_is_a_demonstration(
    analyzer: Any, text: str, expected: bool
) -> None:
    _record, events = events_of(analyzer, text)
    assert ("PROTEST" in {e.type for e in events}) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Protesters in the capital demanded the resignation of the health minister.",
        "Demonstrators denounced the court ruling outside the supreme court on Friday.",
    ],
)
def test_protesters_demanding_is_their_protest(analyzer: Any, text: str) -> None:
    record, events = events_of(analyzer, text)
    protest = [e for e in events if e.type == "PROTEST"]
    assert protest and protest[0].cameo == "141"
    assert any(
        n.startswith(("protesters", "demonstrators")) for n in names(record, protest[0].source)
    )


def test_a_demand_by_others_stays_a_demand(analyzer: Any) -> None:
    _record, events = events_of(
        analyzer, "Opposition leaders demanded the resignation of the health minister."
    )
    types = {e.type for e in events}
    assert "REQUEST" in types and "PROTEST" not in types


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Youths threw stones at the police near the market on Friday.", "PROTEST"),
        ("Villagers clashed with soldiers at a roadblock outside the town.", "PROTEST"),
        ("Villagers attacked a group of herders near the river.", "ASSAULT"),
    ],
)
def test_civilians_using_force_against_the_forces_riot(
    analyzer: Any, text: str, expected: str
) -> None:
    record, events = events_of(analyzer, text)
    violent = [e for e in events if e.type in {"PROTEST", "ASSAULT"}]
    assert violent and violent[0].type == expected
    sectors = {e.id: e.sector for e in record.entities}
    assert [sectors[i] for i in violent[0].source] == ["CVL"]


def test_seizing_members_of_a_church_is_an_abduction(analyzer: Any) -> None:
    _record, events = events_of(analyzer, "A gang seized two missionaries on the road north.")
    assert [(e.type, e.cameo) for e in events if e.type in {"ASSAULT", "COERCE"}] == [
        ("ASSAULT", "181")
    ]

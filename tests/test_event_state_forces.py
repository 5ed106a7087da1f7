"""A state named by its country or nationality as the actor of an attack by military means
(air and drone strikes, shelling, artillery, missiles) is its armed forces (MIL), and only
then: not its diplomatic or economic acts, not a condemnation or a threat of such an attack,
not the rocket fire of a people. Sentences written for Dossier."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.nlp.events.state_forces import state_forces_words
from event_support import events_of, sector_of


def _sources(analyzer: Any, text: str, type_: str) -> tuple[list[str | None], list[str | None]]:
    record, events = events_of(analyzer, text)
    hits = [e for e in events if e.type == type_ and e.confidence >= 0.5]
    assert hits, (text, [(e.type, e.trigger.text) for e in events])
    ents = {e.id: e for e in record.entities}
    ids = hits[0].source
    return sector_of(record, ids), [ents[i].country for i in ids if i in ents]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("An Israeli drone strike destroyed a lorry outside Tyre on Sunday.", "ISR"),
        ("Russia launched air strikes on Kharkiv overnight.", "RUS"),
        ("Turkish shelling killed three fighters in northern Syria.", "TUR"),
        ("Air strikes by Russia killed ten civilians in Idlib on Friday.", "RUS"),
        ("Azerbaijan shelled several villages along the frontier.", "AZE"),
    ],
)
def test_a_state_that_attacks_by_military_means_is_its_armed_forces(
    analyzer: Any, text: str, country: str
) -> None:
    sectors, countries = _sources(analyzer, text, "ASSAULT")
    assert sectors[:1] == ["MIL"] and countries[:1] == [country], (text, sectors, countries)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Russia imposed sanctions on Poland over the border dispute.", "SANCTION"),
        ("Russia condemned the air strikes on Syria.", "ACCUSE"),
        ("Israel threatened to bomb the reactor.", "THREATEN"),
        ("Hamas fired rockets at Israel from Gaza.", "ASSAULT"),
        ("Palestinian rocket fire hit Sderot on Monday.", "ASSAULT"),
    ],
)
def test_no_armed_forces_without_an_attack_by_a_state(analyzer: Any, text: str, type_: str) -> None:
    sectors, _ = _sources(analyzer, text, type_)
    assert "MIL" not in sectors, (text, sectors)


def test_the_means_are_data_with_their_type() -> None:
    words = state_forces_words()
    assert words.sector == "MIL" and "ASSAULT" in words.types
    assert "air strike" in words.nouns and "shell" in words.verbs
    assert "rocket" not in words.nouns  # the weapon of armed groups as much as of armies


def test_the_participle_of_the_same_attack_has_the_same_forces(analyzer: Any) -> None:
    text = "Syria shelled the town of Ariha on Tuesday, wounding six farmers."
    record, events = events_of(analyzer, text)
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks and all(sector_of(record, e.source) == ["MIL"] for e in attacks if e.source)


def test_the_country_keeps_its_own_entity_for_its_other_acts(analyzer: Any) -> None:
    text = (
        "Turkey launched air strikes on villages near Qamishli on Monday. "
        "Turkey later signed a trade deal with Azerbaijan."
    )
    record, events = events_of(analyzer, text)
    ents = {e.id: e for e in record.entities}
    attack = next(e for e in events if e.type == "ASSAULT")
    deal = next(e for e in events if e.type == "AGREE")
    assert [ents[i].sector for i in attack.source] == ["MIL"]
    assert [(ents[i].type, ents[i].sector) for i in deal.source] == [("GPE", None)]
    # the forces keep the characters of the country word they were named by
    forces = ents[attack.source[0]]
    assert forces.country == "TUR" and forces.mentions[0].text == "Turkey"

"""Where an event happened: the place attached to it (the narrowest), else the nearest in its
sentence, else the dateline, else the document focus, else the nearest in the sentences before;
`place_basis` says which (own sentences)."""

from __future__ import annotations

from dossier.knowledge.gazetteer import fold
from dossier.record import Event, Record


def _events(analyzer, text: str) -> tuple[Record, dict[str, Event]]:  # type: ignore[no-untyped-def]
    record = analyzer.analyze(text)
    return record, {e.trigger.text: e for e in record.events}


def _place_name(record: Record, event: Event) -> str | None:
    names = {p.id: p.name for p in record.places}
    return names.get(event.place) if event.place else None


def test_place_after_a_preposition_is_attached(analyzer) -> None:  # type: ignore[no-untyped-def]
    record, events = _events(
        analyzer,
        "Government troops shelled villages near Homs on Tuesday, residents said. "
        "The army later attacked rebels in Aleppo.",
    )
    assert _place_name(record, events["shelled"]) == "Homs"
    assert events["shelled"].place_basis == "attached"
    assert _place_name(record, events["attacked"]) == "Aleppo"
    assert events["attacked"].place_basis == "attached"


def test_division_named_by_a_modifier_of_the_prepositional_object(analyzer) -> None:  # type: ignore[no-untyped-def]
    # "in Syria's Idlib province": the province, not the country nor the capital named later
    record, events = _events(
        analyzer,
        "Gunmen attacked a checkpoint in Syria's Idlib province, the ministry in Damascus said.",
    )
    event = events["attacked"]
    assert event.place_basis == "attached"
    assert "Idlib" in (_place_name(record, event) or "")
    assert "'in Idlib province'" in event.rule


def test_governorate_phrase_is_attached(analyzer) -> None:  # type: ignore[no-untyped-def]
    record, events = _events(
        analyzer, "Militants stormed a police station in the Diyala governorate on Sunday."
    )
    event = events["stormed"]
    assert event.place_basis == "attached"
    assert "Diyala" in (_place_name(record, event) or "")


def test_nearest_place_of_the_sentence_when_none_is_attached(analyzer) -> None:  # type: ignore[no-untyped-def]
    # no place hangs on "bombed": of the two places of the sentence, the nearer one is taken
    record, events = _events(
        analyzer,
        "Officials in Kabul said that insurgents bombed a bridge, days after a meeting in Herat.",
    )
    event = events["bombed"]
    assert event.place_basis == "sentence"
    assert _place_name(record, event) == "Kabul"


def test_dateline_when_the_sentence_names_no_place(analyzer) -> None:  # type: ignore[no-untyped-def]
    record, events = _events(
        analyzer, "BAGHDAD - Police arrested three men on Monday. They were accused of fraud."
    )
    assert all(e.place_basis == "dateline" for e in events.values())
    assert {_place_name(record, e) for e in events.values()} == {"Baghdad"}


def test_no_place_for_an_event_between_two_countries_that_act(analyzer) -> None:  # type: ignore[no-untyped-def]
    # the actors' own countries are not where the event happened
    _, events = _events(analyzer, "Kenya and Somalia signed a border agreement on Friday.")
    assert events
    for event in events.values():
        assert event.place is None and event.place_basis is None


def test_the_narrowest_attached_place_wins(analyzer) -> None:  # type: ignore[no-untyped-def]
    # a town and its country both hang on the event: the town is where it happened
    record, events = _events(
        analyzer, "Two soldiers were killed in Syria on Tuesday in clashes near Palmyra."
    )
    event = events["killed"]
    assert event.place_basis == "attached"
    place = next(p for p in record.places if p.id == event.place)
    assert place.kind == "city" and place.country == "SYR"
    # a town named inside the attached phrase of its province
    record, events = _events(
        analyzer,
        "A suicide bomber struck a market in Nigeria's Borno state, near Maiduguri, killing five.",
    )
    event = events["struck"]
    assert event.place_basis == "attached"
    assert fold(_place_name(record, event) or "") == "maiduguri"
    assert "inside" in event.rule


def test_a_place_the_unnamed_site_lies_near(analyzer) -> None:  # type: ignore[no-untyped-def]
    # "in a village near X ... in Y state": the town the village lies by, not the state
    record, events = _events(
        analyzer, "Gunmen killed four farmers in a village near Maiduguri in Borno state."
    )
    event = events["killed"]
    assert event.place_basis == "attached"
    assert fold(_place_name(record, event) or "") == "maiduguri"


def test_the_object_of_a_material_event_is_its_place(analyzer) -> None:  # type: ignore[no-untyped-def]
    record, events = _events(analyzer, "Artillery units shelled Kharkiv overnight.")
    event = events["shelled"]
    assert event.place_basis == "attached"
    assert fold(_place_name(record, event) or "") == "kharkiv"
    assert "object" in event.rule


def test_the_object_of_a_verbal_event_is_not_its_place(analyzer) -> None:  # type: ignore[no-untyped-def]
    _, events = _events(analyzer, "The foreign minister sharply criticized Tehran on Monday.")
    event = events["criticized"]
    assert event.place_basis != "attached"


def test_an_event_goes_on_where_the_story_was(analyzer) -> None:  # type: ignore[no-untyped-def]
    # the second sentence names no place: the place of the sentence before it
    record, events = _events(
        analyzer,
        "Police clashed with protesters in Karachi on Monday. "
        "Officers arrested dozens of demonstrators.",
    )
    event = events["arrested"]
    assert event.place_basis == "preceding"
    assert fold(_place_name(record, event) or "") == "karachi"


def test_an_actor_place_named_where_the_event_happened(analyzer) -> None:  # type: ignore[no-untyped-def]
    # the protest's target is read as the city, but the sentence says it happened in it
    record, events = _events(
        analyzer, "Teachers staged a sit-in outside the education ministry in Rabat over pay."
    )
    (event,) = [e for e in events.values() if e.type == "PROTEST"]
    assert fold(_place_name(record, event) or "") == "rabat"
    # a town a material event hit is where it happened, even read as an actor
    record, events = _events(
        analyzer, "The town of Kadugli came under heavy shelling by the army on Tuesday."
    )
    (event,) = [e for e in events.values() if e.type == "ASSAULT"]
    assert fold(_place_name(record, event) or "") == "kadugli"
    # a city standing for its government in a verbal event is not where it happened
    _, events = _events(analyzer, "The minister criticized Tehran on Monday.")
    assert all(e.place is None for e in events.values())


def test_every_place_says_how_it_was_chosen(analyzer) -> None:  # type: ignore[no-untyped-def]
    # events merged as one keep the basis of the place they take
    record, _ = _events(
        analyzer,
        "Police arrested ten protesters on Monday. Officers arrested ten protesters in Karachi "
        "on Monday, and the arrests continued near Hyderabad.",
    )
    assert record.events
    for event in record.events:
        assert (event.place is None) == (event.place_basis is None)


def test_a_town_of_the_sentence_inside_the_attached_district(analyzer) -> None:  # type: ignore[no-untyped-def]
    # issue 13, wave 7: "near X in the Y district": the parse attaches the district, the
    # sentence names a town in it, the narrower place
    record, events = _events(
        analyzer,
        "Unknown gunmen shot dead a shopkeeper near Turbat in the Kech district of Balochistan.",
    )
    assert _place_name(record, events["shot"]) == "Turbat"
    assert events["shot"].place_basis == "attached"
    # a country attached keeps its place: a town of the sentence is not where it happened
    record, events = _events(
        analyzer, "Drones attacked an army base in Pakistan, officials in Quetta said."
    )
    assert _place_name(record, events["attacked"]) == "Pakistan"

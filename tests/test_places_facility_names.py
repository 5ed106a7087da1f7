"""Issue 13 (own sentences): a roundabout, a junction or a street named after a country or a
city names neither that place nor an actor of it (`place_namesakes.yaml`, `not_a_place`); an
air force's or an air strike's country is not where the strike happened."""

from __future__ import annotations


def _entities(record):  # type: ignore[no-untyped-def]
    return {e.name: e for e in record.entities}


def test_a_roundabout_named_after_a_country_is_no_actor_and_no_place(analyzer) -> None:  # type: ignore[no-untyped-def]
    record = analyzer.analyze(
        "People queuing for bread near the Qatar roundabout in Rafah were shot at."
    )
    assert not any(e.country == "QAT" for e in record.entities)
    assert not any(p.country == "QAT" for p in record.places)
    assert any(p.country == "PSE" for p in record.places)


def test_a_junction_named_after_a_country_makes_no_group_of_it(analyzer) -> None:  # type: ignore[no-untyped-def]
    record = analyzer.analyze("Troops opened fire on a crowd at the Kuwait junction in Gaza.")
    assert not any(e.country == "KWT" for e in record.entities)
    assert not any(p.country == "KWT" for p in record.places)


def test_a_street_word_that_only_modifies_keeps_the_city(analyzer) -> None:  # type: ignore[no-untyped-def]
    # "street" is not the head here: the protests are in the city
    record = analyzer.analyze("Tehran street protests grew on Friday as police made arrests.")
    assert _entities(record)["Tehran"].country == "IRN"
    # a city whose name holds a country's stays a place of its own
    record = analyzer.analyze("Protesters marched through Kuwait City on Thursday.")
    assert [p.country for p in record.places] == ["KWT"]


def test_an_air_strike_takes_the_place_it_hit_not_the_force_country(analyzer) -> None:  # type: ignore[no-untyped-def]
    record = analyzer.analyze("A Turkish air strike in northern Iraq killed four fighters.")
    names = {p.id: p.country for p in record.places}
    assert record.events
    assert {names.get(e.place or "") for e in record.events} == {"IRQ"}
    record = analyzer.analyze("The Russian air force bombed a market in Idlib on Friday.")
    names = {p.id: p.country for p in record.places}
    assert record.events
    assert {names.get(e.place or "") for e in record.events} == {"SYR"}

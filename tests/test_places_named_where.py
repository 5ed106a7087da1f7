"""Issue 13, wave 9b (own sentences in the style of conflict-event reports): a town the small
model tags as a person or an organisation after a preposition of where something happens,
under another spelling of a sizeable town; a city that is the only place of its very name
while smaller namesakes bear the spelling as an alternate name; a district named before its
noun (tests/test_districts_before_noun.py). And what keeps people apart."""

from __future__ import annotations

from conftest_places import places_gazetteer, places_nlp  # noqa: F401
from dossier.nlp.state import get_state
from dossier.record import Place


def places_of(nlp, text: str) -> dict[str, Place]:  # type: ignore[no-untyped-def]
    return {p.name: p for p in get_state(nlp(text)).places.values()}


def _ner(nlp, text: str, name: str) -> str:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return next((e.label_ for e in doc.ents if e.text == name), "")


def test_another_spelling_of_a_town_tagged_as_a_person_after_in(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    text = "An air strike destroyed a shop in Khan Younis before dawn, medics said."
    assert _ner(places_nlp, text, "Khan Younis") == "PERSON"  # what the rule is for
    places = places_of(places_nlp, text)
    assert [p.country for p in places.values()] == ["PSE"]
    assert [m.text for p in places.values() for m in p.mentions] == ["Khan Younis"]


def test_another_spelling_of_a_town_after_outside(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    text = "Rebels killed six farmers outside Oicha on Tuesday."
    assert _ner(places_nlp, text, "Oicha") == "PERSON"
    places = places_of(places_nlp, text)
    assert [p.country for p in places.values()] == ["COD"]


def test_a_town_tagged_as_an_organisation_after_in(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    text = "A dispute over a well left three herders dead in Galkayo."
    assert _ner(places_nlp, text, "Galkayo") in ("ORG", "PERSON")
    places = places_of(places_nlp, text)
    assert [p.country for p in places.values()] == ["SOM"]


def test_a_person_with_that_name_is_no_place(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # the same name as the person who speaks, and after a preposition of whom one meets
    places = places_of(places_nlp, "Khan Younis said the talks had failed.")
    assert not places
    places = places_of(places_nlp, "The minister sent a letter to Oicha last week.")
    assert not places


def test_the_only_city_of_its_very_name_without_its_country(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # Ukraine is not named; an American town lists the spelling among its other names
    text = "Russian drones struck the port city of Odesa overnight, officials said."
    places = places_of(places_nlp, text)
    assert [p.country for p in places.values()] == ["UKR"]
    # the American town under its own name stays where its state puts it
    places = places_of(places_nlp, "Oil workers marched in Odessa, Texas, on Monday.")
    assert places["Odessa"].country == "USA"

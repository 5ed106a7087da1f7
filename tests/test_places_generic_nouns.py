"""Issue 13, wave 8 (own sentences): a bare noun of places ("Valley", "the City") names no
place even where a capital bears it with an article (The Valley, Anguilla), and a hyphenated
name known only under another spelling ("Mazar-i-Sharif") is the town; "the locality of X"
reads X as a place; a town NER reads as a product is a place at the start of a route ("from
X to Y")."""

from __future__ import annotations

from conftest_places import places_gazetteer, places_nlp  # noqa: F401
from dossier.nlp.place_tokens import generic_place_word
from dossier.nlp.state import get_state
from dossier.record import Place


def places_of(nlp, text: str) -> dict[str, Place]:  # type: ignore[no-untyped-def]
    return {p.name: p for p in get_state(nlp(text)).places.values()}


def test_generic_place_words() -> None:
    assert generic_place_word("Valley")
    assert generic_place_word("the City")
    assert generic_place_word("Region")
    assert not generic_place_word("Valley Forge")
    assert not generic_place_word("Kanawha")


def test_a_valley_named_in_an_organisation_is_not_anguillas_capital(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(places_nlp, "Pupils of the Licking Valley High School won the match.")
    assert all(p.country != "AIA" for p in places.values())
    places = places_of(places_nlp, "A storm moved into the Kanawha Valley on Monday night.")
    assert all(p.country != "AIA" for p in places.values())


def test_an_unknown_valley_is_not_placed_in_a_division_named_valley(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(places_nlp, "Rangers searched the Eldorado Valley for the hikers.")
    assert all(p.country != "AIA" for p in places.values())


def test_a_name_that_opens_with_a_place_noun_stays_a_place(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(places_nlp, "Traders in the City of London said the pound fell.")
    assert [m.text for p in places.values() for m in p.mentions] == ["City of London"]


def test_a_hyphenated_town_under_another_spelling(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(
        places_nlp, "Gunmen opened fire on worshippers at a shrine in Mazar-i-Sharif."
    )
    assert [p.country for p in places.values()] == ["AFG"]
    assert [m.text for p in places.values() for m in p.mentions] == ["Mazar-i-Sharif"]


def test_a_town_at_the_start_of_a_route_inside_an_odd_ner_span(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # the small model reads the first town as a product; "from X to Y" names a route's ends
    places = places_of(
        places_nlp,
        "Armed men killed a trader on the road from Bria to Ippy in the Central African Republic.",
    )
    assert {"Bria", "Ippy"} <= set(places)
    assert places["Bria"].country == "CAF"


def test_a_town_after_the_locality_of(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(
        places_nlp, "Herders and farmers clashed on Monday in the locality of Djibo."
    )
    assert [p.country for p in places.values()] == ["BFA"]


def test_a_city_name_that_opens_a_longer_town_name_is_the_town(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # "Miami" opens the name of the town Miami Beach: inside an organisation's name the
    # longer name is the place; "Boston" of "Boston Celtics" stays the city
    doc = places_nlp("Members of the Miami Beach Rowing Club met the Boston Celtics.")
    finder = places_nlp.get_pipe("dossier_places")
    finder._prepare(doc)
    words = [t.text for t in doc]
    club = doc[words.index("Miami") : words.index("Club") + 1]
    assert [doc[a:b].text for a, b in finder._embedded(club.start, club.end)] == ["Miami Beach"]
    team = doc[words.index("Boston") : words.index("Celtics") + 1]
    assert [doc[a:b].text for a, b in finder._embedded(team.start, team.end)] == ["Boston"]

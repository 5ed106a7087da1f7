"""Issue 13, wave 5 (own sentences): the other mentions of a resolved place (inside longer
names that did not resolve, a dateline's name written again, a two-letter country), counties
named in full inside longer names, names NER ran over a comma, and the names that must stay
no place."""

from __future__ import annotations

from conftest_places import places_gazetteer, places_nlp  # noqa: F401
from dossier.nlp.state import get_state
from dossier.record import Place


def places_of(nlp, text: str) -> list[Place]:  # type: ignore[no-untyped-def]
    return list(get_state(nlp(text)).places.values())


def mentions(places: list[Place]) -> dict[str, list[str]]:
    """Each place's name with the texts of its mentions."""
    return {p.name: [m.text for m in p.mentions] for p in places}


def test_a_building_opening_with_a_resolved_town_names_the_town(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    text = (
        "The water board meets in Mount Pleasant on Monday. The hearing will be held at the "
        "Mount Pleasant Civic Center in the evening."
    )
    found = mentions(places_of(places_nlp, text))
    assert found.get("Mount Pleasant") == ["Mount Pleasant", "Mount Pleasant"]
    # the second one is the name inside the building's, not the building
    place = next(p for p in places_of(places_nlp, text) if p.name == "Mount Pleasant")
    assert text[place.mentions[1].end :].startswith(" Civic Center")


def test_a_county_named_in_full_inside_a_longer_name_is_the_county(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(
        places_nlp,
        "A fire damaged a barn in Laurel on Friday. The owner was later held at the Laurel "
        "County Jail, officials said.",
    )
    kinds = {p.name: p.kind for p in places}
    assert kinds.get("Laurel") == "city"
    assert kinds.get("Laurel County") == "admin"
    town = next(p for p in places if p.name == "Laurel")
    # "Laurel" of "Laurel County Jail" is not another mention of the town
    assert [m.text for m in town.mentions] == ["Laurel"]


def test_a_dateline_in_capitals_is_found_again_in_the_text(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    found = mentions(
        places_of(
            places_nlp,
            "TORRINGTON - The mayor will meet shop owners on Monday. A new program will help "
            "Torrington businesses cut costs.",
        )
    )
    assert found.get("Torrington") == ["TORRINGTON", "Torrington"]


def test_a_two_letter_country_is_found_again_but_no_short_lower_case_word(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    text = (
        "The US imposed new tariffs on steel. US-based producers welcomed the measures, "
        "while importers said the rules hurt us."
    )
    places = places_of(places_nlp, text)
    usa = next(p for p in places if p.country == "USA" and p.kind == "country")
    assert [m.text for m in usa.mentions] == ["US", "US"]


def test_names_ner_ran_over_a_comma_are_read_one_by_one(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # the small model reads "Okotoks, Alta" and "Hornsey, Tottenham" as organisations
    places = places_of(places_nlp, "A deer was spotted in Okotoks, Alta., by a farmer.")
    town = next((p for p in places if p.name == "Okotoks"), None)
    assert town is not None and town.country == "CAN"
    assert "context (before its country or province)" in town.rule
    places = places_of(
        places_nlp, "Engines came from Hornsey, Tottenham and Walthamstow to fight the blaze."
    )
    town = next((p for p in places if p.name == "Tottenham"), None)
    assert town is not None and town.country == "GBR"
    assert "context (listed with other places)" in town.rule


def test_a_firm_named_after_its_partners_stays_no_place(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # a name run over commas with no cue of place around it ("hired X, Y") is left alone
    for text in (
        "The company retained Baker, McKenzie and Partners for the merger, according to Reuters.",
        "The firm hired Skadden, Arps, Slate, Meagher & Flom to advise on the deal.",
    ):
        assert places_of(places_nlp, text) == [], text


def test_a_place_name_ner_cut_in_two_is_read_whole(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # the small model reads "Fort St." as a place and "John" as a person
    text = "About 30 homes in the valley near Fort St. John will be flooded by the new dam."
    found = mentions(places_of(places_nlp, text))
    assert found.get("Fort St. John") == ["Fort St. John"]


def test_a_division_or_town_named_with_its_noun_and_of(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(places_nlp, "Police in the County of Brant closed the road on Sunday.")
    assert [(p.name, p.country) for p in places] == [("Brant", "CAN")]
    assert [m.text for m in places[0].mentions] == ["County of Brant"]


def test_a_university_named_after_a_person_is_no_small_town(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # Temple (Texas) and Cornell are US towns; these universities are no mention of them,
    # while a city's university does name the city
    for text in (
        "She teaches economics at Temple University in the autumn term.",
        "He studied law at Cornell University before joining the firm.",
    ):
        assert places_of(places_nlp, text) == [], text
    places = places_of(places_nlp, "He studied law at Boston University before joining the firm.")
    assert [p.name for p in places] == ["Boston"]


def test_the_surname_of_a_named_person_is_no_place_even_where_ner_reads_one(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # NER reads the bare surname as a place (a city of that name exists)
    text = (
        "Elizabeth Fairfield was charged with fraud last year. Fairfield declined to plead, "
        "and her lawyer said Fairfield would appeal."
    )
    doc = places_nlp(text)
    assert "GPE" in {e.label_ for e in doc.ents if e.text == "Fairfield"}
    assert list(get_state(doc).places.values()) == []


def test_a_group_word_is_no_other_name_of_a_country(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert places_of(places_nlp, "The Jewish community gathered for the festival at dusk.") == []
    # a town that NER reads as a group keeps its own name
    places = places_of(places_nlp, "Fighters moved near Saraqib and Binnish overnight.")
    assert "Binnish" in {p.name for p in places} or "Saraqib" in {p.name for p in places}


def test_a_short_name_in_capitals_is_no_code_of_a_town(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # "BA" (an airline) is an alternate name of Bath and the own name of a Fijian town
    text = (
        "The airline BA cancelled dozens of flights on Friday after a computer fault, "
        "and BA said it was sorry."
    )
    assert places_of(places_nlp, text) == []
    # a country's two letters still are the country
    places = places_of(places_nlp, "The UK and France signed the treaty in Paris.")
    assert "GBR" in {p.country for p in places if p.kind == "country"}


def test_a_government_department_is_named_for_its_field_not_a_town(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # Police (Poland), Justice (Illinois) and Commerce (Texas) are towns; before an institution
    # word the field of a department names no place, while a place's own department does
    for text in (
        "A spokesman for the Police Department declined to comment on the arrests.",
        "The Justice Department and the Commerce Department opened a joint inquiry.",
    ):
        assert places_of(places_nlp, text) == [], text
    places = places_of(places_nlp, "A spokesman for the Chicago Police Department declined.")
    assert [p.name for p in places] == ["Chicago"]

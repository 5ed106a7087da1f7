"""Issue 13, wave 6 (own sentences in the style of conflict-event reports): hyphenated place
names, names the gazetteer has for one town only, a town after a place noun inside an odd NER
span, and an event whose place is named in the next sentence."""

from __future__ import annotations

from conftest_places import places_gazetteer, places_nlp  # noqa: F401
from dossier.nlp.state import get_state
from dossier.record import Place


def places_of(nlp, text: str) -> dict[str, Place]:  # type: ignore[no-untyped-def]
    return {p.name: p for p in get_state(nlp(text)).places.values()}


def test_a_hyphenated_town_is_one_name_and_its_parts_no_place(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(
        places_nlp, "Armed men burned a market in Croix-des-Bouquets on Sunday night."
    )
    assert "Croix-des-Bouquets" in places
    assert places["Croix-des-Bouquets"].country == "HTI"
    assert [m.text for m in places["Croix-des-Bouquets"].mentions] == ["Croix-des-Bouquets"]
    assert "Croix" not in places


def test_a_hyphenated_word_that_names_no_place_stays_none(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(places_nlp, "Jean-Luc Martin spoke about the Franco-German plan.")
    assert not any("-" in name for name in places)


def test_a_name_only_one_town_bears_needs_no_other_support(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # known only as another spelling of the town (GeoNames: Misratah), read as GPE by NER
    places = places_of(places_nlp, "Two militias exchanged fire near the port of Misrata.")
    assert [p.country for p in places.values()] == ["LBY"]
    # an own name that no other place bears, read as a place after "in"
    places = places_of(places_nlp, "Students blocked a bridge in Novi Sad during the march.")
    assert [p.country for p in places.values()] == ["SRB"]


def test_a_town_after_a_place_noun_is_found_inside_an_odd_ner_span(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(
        places_nlp,
        "Insurgents linked to the Islamic State attacked the town of Macomia in Cabo "
        "Delgado province.",
    )
    assert "Macomia" in places and places["Macomia"].kind == "city"


def test_an_event_takes_the_place_named_in_the_next_sentence(analyzer) -> None:  # type: ignore[no-untyped-def]
    record = analyzer.analyze(
        "Unknown gunmen killed a village elder as he walked home. "
        "The shooting took place in Afgooye, west of Mogadishu."
    )
    names = {p.id: p.name for p in record.places}
    first = min(record.events, key=lambda e: e.trigger.start)
    assert first.trigger.text == "killed"
    assert first.place_basis == "following"
    assert names[first.place or ""] == "Afgooye"


def test_a_bare_name_shared_by_a_town_and_its_province_is_the_town(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(places_nlp, "Police arrested protesters in Tillaberi, Niger.")
    assert places["Tillabéri"].kind == "city"
    # with the word of its kind, the division
    places = places_of(places_nlp, "Gunmen attacked a bus in the Tillaberi region of Niger.")
    assert places["Tillabéri"].kind == "admin"


def test_another_romanization_of_a_town_is_found_by_its_skeleton(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(
        places_nlp, "Shells fell on homes in Deir al-Balah in the central Gaza Strip on Friday."
    )
    town = [p for p in places.values() if [m.text for m in p.mentions] == ["Deir al-Balah"]]
    assert len(town) == 1 and town[0].country == "PSE" and town[0].kind == "city"


def test_skeletons_of_two_spellings_meet_and_short_ones_are_empty() -> None:
    from dossier.knowledge.gazetteer import normalize
    from dossier.knowledge.spellings import skeleton

    assert skeleton(normalize("Maarat al-Numan")) == skeleton(normalize("Ma'arrat an-Nu'man"))
    assert skeleton(normalize("Sheikh Zuweid")) == skeleton(normalize("Ash Shaykh Zuwayd"))
    assert skeleton(normalize("Deir al-Balah")) == skeleton(normalize("Dayr al Balah"))
    assert skeleton(normalize("Jisr al-Shughur")) == skeleton(normalize("Jisr ash-Shughur"))
    assert skeleton(normalize("Mosul")) == ""  # too short to tell places apart
    assert skeleton(normalize("Kandahar")) != skeleton(normalize("Kunduz"))
    assert skeleton(normalize("Rome")) == ""  # too short to tell places apart
    assert skeleton(normalize("Kyiv 2")) == ""  # not letters only


def test_only_romanized_names_are_looked_up_by_skeleton() -> None:
    from dossier.knowledge.spellings import romanized

    assert romanized("deir al balah") and romanized("sheikh zuweid") and romanized("qamishli")
    assert not romanized("headington") and not romanized("pittsburgh")
    assert not romanized("county road") and not romanized("quincy")


def test_a_town_after_in_stands_on_its_own_name_without_its_country(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # issue 13, wave 7: a town of 5,000 people or more, the only place of its own name, after
    # a preposition of where something happens, needs no country named in the report
    places = places_of(places_nlp, "Gunmen killed two people in Dori on Monday night.")
    assert [(p.name, p.country) for p in places.values()] == [("Dori", "BFA")]
    # not after a preposition of where one goes or hears from, nor in a list
    assert places_of(places_nlp, "The envoy had come back from Dori on Monday night.") == {}
    # nor a word that folds to a town's name ("in God" is no Göd)
    assert places_of(places_nlp, "She was a firm believer in God and in prayer.") == {}


def test_a_division_in_brackets_contains_the_town_before_it(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(
        places_nlp, "On 4 May, militants attacked a gendarmerie post in Dori (Seno province)."
    )
    dori = places.get("Dori")
    assert dori is not None and dori.country == "BFA"
    assert "inside the named container" in dori.rule


def test_a_town_after_an_attack_on_is_a_place(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # "the assault on X" (`attack_nouns`): the small model reads the town as an organisation
    text = "Russian troops pressed their assault on Bakhmut, the Ukrainian general staff said."
    places = list(places_of(places_nlp, text).values())
    assert [p.country for p in places] == ["UKR"]
    assert "context (after 'on')" in places[0].rule


def test_a_name_ending_with_its_division_word_is_the_division(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    places = places_of(places_nlp, "Police fired tear gas at protesters in Lamu County on Friday.")
    lamu = [p for p in places.values() if p.country == "KEN"]
    assert len(lamu) == 1 and lamu[0].kind == "admin"


def test_a_town_before_a_capitalized_division_noun_is_the_town(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # "X LGA" (a Nigerian local government area, `division_nouns`), left untagged by the small
    # model: the capitalized division noun is no part of a longer name, the place is the town
    text = "Herders clashed with farmers in Gwoza LGA of Borno state on Sunday."
    gwoza = [p for p in places_of(places_nlp, text).values() if p.name == "Gwoza"]
    assert len(gwoza) == 1 and gwoza[0].country == "NGA"
    assert [m.text for m in gwoza[0].mentions] == ["Gwoza"]

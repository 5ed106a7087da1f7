"""One accent folding (knowledge.folding) behind every name key."""

import pytest

from dossier.knowledge import countries, gazetteer, tabari
from dossier.knowledge.folding import strip_accents

CASES = [
    ("Straße", "strasse"),
    ("Zürich", "zurich"),
    ("São Paulo", "sao paulo"),
    ("Đà Nẵng", "da nang"),
    ("İstanbul", "istanbul"),
    ("Łódź", "lodz"),
]


@pytest.mark.parametrize(("name", "folded"), CASES)
def test_every_key_folds_accents_the_same_way(name: str, folded: str) -> None:
    assert strip_accents(name).lower() == folded
    assert gazetteer.fold(name) == folded
    assert countries.normalize(name) == folded
    assert tabari.slug(name) == folded.replace(" ", "-")


def test_decomposed_and_composed_forms_fold_alike() -> None:
    assert gazetteer.fold("Zu\u0308rich") == gazetteer.fold("Zürich")


def test_other_scripts_are_not_transliterated() -> None:
    # a Cyrillic name keeps its script: no guessed Latin spelling enters the index
    assert strip_accents("Москва") == "Москва"
    assert strip_accents("Kyiv") == "Kyiv"

"""The helper structures of the places component that only make it faster: the answers of
gazetteer tests kept by their arguments, and the fuzzy vocabulary's letter-count filter (the
same nearest name as an edit-distance search over every name)."""

from __future__ import annotations

from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from dossier.nlp.place_reading import gazetteer_test
from dossier.nlp.place_resolution import _FuzzyVocabulary, _letter_counts


class _Asker:
    def __init__(self) -> None:
        self._tests: dict[tuple[Any, ...], bool] = {}
        self.asked: list[str] = []

    @gazetteer_test
    def _long(self, name: str, size: int = 5) -> bool:
        self.asked.append(name)
        return len(name) >= size


def test_a_gazetteer_test_is_answered_once_per_arguments() -> None:
    asker = _Asker()
    assert asker._long("Harbourside") is True
    assert asker._long("Harbourside") is True
    assert asker._long("Elm") is False
    assert asker._long("Elm", size=3) is True  # other arguments: asked again
    assert asker.asked == ["Harbourside", "Elm", "Elm"]


def test_letter_counts_count_each_letter_and_the_rest_together() -> None:
    rows = _letter_counts(["abba", "z z", "é1"])
    assert rows.shape == (3, 28)
    assert (rows[0, 0], rows[0, 1], rows[0].sum()) == (2, 2, 4)
    assert (rows[1, 25], rows[1, 26]) == (2, 1)
    assert rows[2, 27] == 2  # an accented letter and a digit: the shared last count


def test_nearest_is_the_edit_distance_search_over_every_name() -> None:
    names = [
        "lakeside", "lakesade", "brookfield", "stonebridge", "millbrook", "ashford", "ashfield",
        "fairhaven", "fairview", "northgate", "westmoor", "eastmoor", "riverton", "rivertown",
    ]  # fmt: skip
    vocab = _FuzzyVocabulary(names, frozenset())
    keys = ["lakesdie", "ashfrod", "rivertonn", "fairveiw", "westmor", "stonebrigde", "zzzzzz"]
    for key in keys:
        edits = 1 if len(key) < 9 else 2
        hit = process.extractOne(key, names, scorer=OSA.distance, score_cutoff=edits)
        assert vocab.nearest(key, edits) == (hit[0] if hit is not None else None), key
    assert vocab.nearest("ashfrod", 1) == "ashford"
    assert vocab.nearest("zzzzzz", 1) is None

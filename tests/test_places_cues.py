"""Issue 13, wave 7: the kind of a place cue is what the code branches on (its explanation is only
written into the record), and the romanization letters are data (romanization.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pydantic
import pytest

from dossier.knowledge import gazetteer as gz
from dossier.knowledge import spellings
from dossier.knowledge.gazetteer import Candidate
from dossier.knowledge.resources import clear_caches
from dossier.nlp.geocoding import Toponym, resolve
from dossier.nlp.place_cues import CueKind, PlaceCue
from dossier.rules.schemas.places import RomanizationFile


def test_each_cue_kind_has_its_explanation() -> None:
    assert PlaceCue(CueKind.PREPOSITION, "near").text == "after 'near'"
    assert PlaceCue(CueKind.DIRECTION, "north").text == "after 'north of'"
    assert PlaceCue(CueKind.DIVISION_NOUN, "district").text == "before 'district'"
    assert PlaceCue(CueKind.LISTED).text == "listed with other places"
    assert {PlaceCue(k).text for k in CueKind} and all(PlaceCue(k).text for k in CueKind)
    assert PlaceCue(CueKind.DIRECTION, "outside").after_preposition
    assert not PlaceCue(CueKind.PLACE_NOUN).after_preposition


def _town(surface: str, cue: PlaceCue) -> Toponym:
    town = Candidate(7, None, surface, "SRB", "PPL", 45.25, 19.84, 250_000, "01", "name")
    return Toponym(
        key="|" + surface.lower(),
        surface=surface,
        source="context",
        candidates=[town],
        spans=[(0, len(surface))],
        cue=cue,
    )


def test_the_resolver_weighs_a_list_by_its_kind_not_its_text() -> None:
    # the only sizeable town of its name stands on its own after "in", not in a list
    after_in = resolve([_town("Vrbasko", PlaceCue(CueKind.PREPOSITION, "in"))])[0]
    assert after_in is not None and "gazetteer context (after 'in')" in after_in.rule
    assert resolve([_town("Vrbasko", PlaceCue(CueKind.LISTED))])[0] is None


@pytest.fixture()
def user_romanization(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("DOSSIER_DATA_PATH", str(tmp_path))
    clear_caches()
    spellings._rules.cache_clear()
    yield tmp_path / "romanization.yaml"
    monkeypatch.delenv("DOSSIER_DATA_PATH")
    clear_caches()
    spellings._rules.cache_clear()


def test_romanization_marks_come_from_the_data_file(user_romanization: Path) -> None:
    before = gz.version_hash()
    assert not spellings.romanized("zhytomyrske")
    user_romanization.write_text(
        "marks:\n  - {letters: zh, provenance: BGN/PCGN romanization of Ukrainian zhe}\n"
    )
    clear_caches()
    spellings._rules.cache_clear()
    assert spellings.romanized("zhytomyrske")
    assert gz.version_hash() != before  # the skeletons are in the gazetteer: it rebuilds


def test_a_romanization_entry_needs_its_provenance() -> None:
    with pytest.raises(pydantic.ValidationError):
        RomanizationFile.model_validate(
            {
                "dropped_letters": {"letters": "aeiou", "provenance": "the vowels, written or not"},
                "digraphs": [{"letters": "kh", "reads_as": "k"}],
                "marks": [{"letters": "kh", "provenance": "ALA-LC khāʾ"}],
            }
        )

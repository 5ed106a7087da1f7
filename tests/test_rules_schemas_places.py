"""The schemas of the places, entities and coreference knowledge files (dossier.rules.schemas)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
import yaml
from pydantic import BaseModel, ValidationError

import dossier.rules.schemas
from dossier.knowledge.resources import DATA_DIR
from dossier.rules.schemas.places import FILES, CuratedPlace, PlacesFile, PlaceWordsFile


def _shipped(name: str) -> object:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(FILES))
def test_shipped_files_validate(name: str) -> None:
    FILES[name].model_validate(_shipped(name))


def test_the_module_is_found_by_package_discovery() -> None:
    found = {
        m.name
        for m in pkgutil.iter_modules(dossier.rules.schemas.__path__)  # type: ignore[attr-defined]
    }
    assert "places" in found
    module = importlib.import_module("dossier.rules.schemas.places")
    assert all(issubclass(model, BaseModel) for model in module.FILES.values())


def test_every_shipped_place_says_where_its_position_comes_from() -> None:
    places = PlacesFile.model_validate(_shipped("places.yaml")).places
    assert places and all(p.source for p in places)


def test_an_unknown_key_is_refused() -> None:
    data = _shipped("place_words.yaml")
    assert isinstance(data, dict)
    data["qualifers"] = ["north"]  # misspelt key
    with pytest.raises(ValidationError, match="qualifers"):
        PlaceWordsFile.model_validate(data)


def test_a_broken_places_file_fails() -> None:
    data = _shipped("places.yaml")
    assert isinstance(data, dict)
    data["places"][0] = {**data["places"][0], "lat": 95.0}  # beyond the pole
    with pytest.raises(ValidationError):
        PlacesFile.model_validate(data)


@pytest.mark.parametrize(
    "entry",
    [
        {"name": "Nowhere", "kind": "region"},  # no position at all
        {"name": "Half", "kind": "region", "lat": 1.0},  # lat without lon
        {"name": "Both", "kind": "other", "lat": 1.0, "lon": 2.0, "at": "Paris"},
        {"name": "Seat", "kind": "admin", "seat": "Hefei"},  # a seat needs a country
        {"name": "Odd", "kind": "region", "lat": 1.0, "lon": 2.0, "country": "fr"},
    ],
)
def test_a_curated_place_needs_one_coherent_position(entry: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        CuratedPlace.model_validate(entry)


def test_a_curated_place_may_take_its_position_from_the_package() -> None:
    seat = CuratedPlace.model_validate(
        {"name": "Hebei", "country": "CHN", "kind": "admin", "seat": "Shijiazhuang"}
    )
    assert seat.lat is None and seat.seat == "Shijiazhuang"
    at = CuratedPlace.model_validate({"name": "Kremlin", "country": "RUS", "at": "Moscow"})
    assert at.at == "Moscow"

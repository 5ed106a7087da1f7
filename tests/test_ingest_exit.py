"""Exit codes of `dossier ingest`, the same as `dossier analyze`: 0 every document analysed
(or already stored), 1 some not, 2 usage error or a store that cannot be opened or written
(before any analysis), 130 interrupted with the batches stored so far kept."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from corpus_fixtures import FakeAnalyzer
from dossier.cli import cli
from dossier.ingest.documents import InputDocument
from dossier.record import Record
from dossier.store import queries
from dossier.store.core import Store


def _articles(path: Path, n: int, *, bad: bool = False) -> Path:
    lines = [
        json.dumps(
            {
                "id": f"d{i}",
                "text": f"Alpha struck Bravo near the river on day {i}, officials said.",
                "published": "2024-03-04",
            }
        )
        for i in range(n)
    ]
    if bad:
        lines.insert(1, '{"id": "broken", "text": ')  # a malformed JSON line
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeAnalyzer:
    import dossier.analyzer

    analyzer = FakeAnalyzer()
    monkeypatch.setattr(dossier.analyzer, "Analyzer", lambda *a, **k: analyzer)
    return analyzer


def _ingest(*args: str) -> Any:
    return CliRunner().invoke(cli, ["ingest", *args, "-q"])


def test_every_document_analysed_or_known_exits_0(tmp_path: Path, fake: FakeAnalyzer) -> None:
    source = _articles(tmp_path / "in.jsonl", 3)
    db = f"sqlite:///{tmp_path / 's.db'}"
    first = _ingest(str(source), "--db", db)
    assert first.exit_code == 0, first.output
    again = _ingest(str(source), "--db", db)  # all known: nothing to do is not a failure
    assert again.exit_code == 0 and "3 already in the store" in again.output


def test_a_document_not_analysed_exits_1_and_is_stored(tmp_path: Path, fake: FakeAnalyzer) -> None:
    source = _articles(tmp_path / "in.jsonl", 3, bad=True)
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = _ingest(str(source), "--db", db)
    assert result.exit_code == 1, result.output
    assert "1 of 4 document(s) stored not analysed" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    with Store(db) as store:
        assert queries.summary(store)["documents_by_status"] == {"ok": 3, "failed": 1}


def test_usage_errors_exit_2(tmp_path: Path, fake: FakeAnalyzer) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    source = _articles(tmp_path / "in.jsonl", 1)
    assert _ingest(str(source), "--db", db, "--batch-size", "0").exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _ingest(str(empty), "--db", db)
    assert result.exit_code == 2 and "no documents found" in result.output
    assert fake.seen == []


def test_a_store_that_cannot_be_opened_exits_2(tmp_path: Path, fake: FakeAnalyzer) -> None:
    source = _articles(tmp_path / "in.jsonl", 1)
    for db in ["mysql://nope", f"sqlite:///{tmp_path}"]:  # unsupported; a folder
        result = _ingest(str(source), "--db", db)
        assert result.exit_code == 2, (db, result.output)
        assert "Traceback" not in result.output
    assert fake.seen == []


def test_a_store_that_cannot_be_written_exits_2_before_analysis(
    tmp_path: Path, fake: FakeAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import event

    class ReadOnlyStore(Store):
        def __init__(self, url: str) -> None:
            super().__init__(url)

            def refuse(conn, cursor, statement, *_args):  # type: ignore[no-untyped-def]
                if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
                    import sqlite3

                    raise sqlite3.OperationalError("attempt to write a readonly database")

            event.listen(self.engine, "before_cursor_execute", refuse)

    monkeypatch.setattr("dossier.store.core.Store", ReadOnlyStore)
    source = _articles(tmp_path / "in.jsonl", 2)
    result = _ingest(str(source), "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 2, result.output
    assert "cannot be written" in result.output
    assert fake.seen == []


class _Interrupted(FakeAnalyzer):
    """Analyses `after` documents, then Ctrl-C comes."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after = after

    def analyze_documents(self, documents: Iterable[InputDocument]) -> Iterator[Record]:
        for n, record in enumerate(super().analyze_documents(documents)):
            if n == self.after:
                raise KeyboardInterrupt
            yield record


def test_ctrl_c_exits_130_and_keeps_the_batches_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.analyzer

    monkeypatch.setattr(dossier.analyzer, "Analyzer", lambda *a, **k: _Interrupted(after=5))
    source = _articles(tmp_path / "in.jsonl", 8)
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = _ingest(str(source), "--db", db, "--batch-size", "2")
    assert result.exit_code == 130, result.output
    assert "interrupted: 4 document(s) stored" in result.output
    assert "Traceback" not in result.output
    with Store(db) as store:  # two whole batches; the third was never committed
        ids = sorted(r["doc_id"] for r in queries.documents(store, limit=100))
    assert ids == ["d0", "d1", "d2", "d3"]
    monkeypatch.setattr(dossier.analyzer, "Analyzer", FakeAnalyzer)
    resumed = _ingest(str(source), "--db", db)
    assert resumed.exit_code == 0 and "4 stored" in resumed.output
    assert "4 already in the store" in resumed.output

"""Store faults: merges that do not depend on batch size or concurrent writers, recovery
after a failed write (--retry-failed), stores that cannot be written."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest
from sqlalchemy import func, select

from corpus_fixtures import FakeAnalyzer
from dossier.ingest.documents import InputDocument, prepare
from dossier.record import Entity, Event, Record, Span
from dossier.store import schema as t
from dossier.store.core import DocumentMeta, Store
from dossier.store.engine import StoreError
from dossier.store.ingest import ingest


def _record(doc_id: str, sources: list[str], targets: list[str], day: str) -> Record:
    names = [*sources, *targets]
    text = " and ".join(names) + " clashed on that day, officials said."
    entities, ids = [], {}
    for n, name in enumerate(dict.fromkeys(names), 1):
        start = text.index(name)
        ids[name] = f"E{n}"
        entities.append(
            Entity(
                id=f"E{n}",
                name=name,
                type="GPE",
                mentions=[Span.of(text, start, start + len(name))],
            )
        )
    trigger = text.index("clashed")
    event = Event(
        id="V1",
        type="ASSAULT",
        source=[ids[s] for s in sources],
        target=[ids[g] for g in targets],
        trigger=Span.of(text, trigger, trigger + 7),
        sentence=Span.of(text, 0, len(text)),
        date=day,
        quad_class="4",
    )
    return Record(id=doc_id, published=day, text=text, entities=entities, events=[event])


def _grouping(store: Store) -> list[tuple[str, ...]]:
    m, d = t.event_mentions.c, t.documents.c
    groups: dict[int, list[str]] = {}
    with store.engine.connect() as conn:
        for event_id, doc in conn.execute(
            select(m.event_id, d.doc_id).join(t.documents, d.id == m.document_id)
        ):
            groups.setdefault(int(event_id), []).append(doc)
    return sorted(tuple(sorted(g)) for g in groups.values())


RECORDS = [
    _record("one", ["Alpha"], ["Bravo"], "2024-03-01"),
    _record("two", ["Alpha"], ["Charlie"], "2024-03-01"),
    # shares one actor in the same role with both events above: a tie, the oldest wins
    _record("three", ["Alpha"], [], "2024-03-01"),
    _record("four", ["Alpha"], [], "2024-03-02"),
    _record("five", ["Delta"], ["Bravo"], "2024-03-01"),
]


def test_merge_does_not_depend_on_batch_size(store_url: str, tmp_path: Path) -> None:
    results = []
    for size in (1, 2, len(RECORDS)):
        url = store_url if size == 1 else f"sqlite:///{tmp_path / f'b{size}.db'}"
        store = Store(url)
        for i in range(0, len(RECORDS), size):
            store.add_records(
                [(r, DocumentMeta(content_hash=r.id, origin=r.id)) for r in RECORDS[i : i + size]]
            )
        results.append(_grouping(store))
        store.close()
    assert results[0] == results[1] == results[2]
    assert ("four", "one", "three") in results[0]


def _write(url: str, records: list[Record]) -> None:
    store = Store(url)
    for record in records:
        store.add_records([(record, DocumentMeta(content_hash=record.id, origin="x"))])
    store.close()


def test_two_writers_lose_no_merge(store_url: str) -> None:
    """Two processes storing reports of the same events at once end with the same events
    as one process storing them all."""
    from datetime import date, timedelta

    days = [(date(2024, 4, 1) + timedelta(days=3 * n)).isoformat() for n in range(20)]
    first = [_record(f"a{n}", ["Alpha"], ["Bravo"], day) for n, day in enumerate(days)]
    second = [_record(f"b{n}", ["Alpha"], ["Bravo"], day) for n, day in enumerate(days)]
    Store(store_url).close()  # migrate once
    context = mp.get_context("spawn")
    procs = [context.Process(target=_write, args=(store_url, batch)) for batch in (first, second)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
        assert proc.exitcode == 0
    store = Store(store_url)
    groups = _grouping(store)
    store.close()
    # every day's two reports are one event; a lost merge would leave one of them alone
    assert all(len(g) == 2 for g in groups), groups
    assert len(groups) == len(days)


class _BrokenOnce:
    """A store whose next write fails (a full disk), then works again."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.fail = True
        self.real = store.add_records

    def add_records(self, items):  # type: ignore[no-untyped-def]
        if self.fail and any(r.status == "ok" for r, _ in items):
            raise OSError(28, "No space left on device")
        return self.real(items)


def test_retry_failed_recovers_documents_after_a_store_error(store_url: str) -> None:
    store = Store(store_url)
    broken = _BrokenOnce(store)
    store.add_records = broken.add_records  # type: ignore[method-assign]
    docs = [
        prepare(InputDocument(text=f"Alpha struck Bravo near the river, report {n}.", id=f"d{n}"))
        for n in range(3)
    ]
    report = ingest(store, docs, analyzer=FakeAnalyzer(), batch_size=2)
    assert report.failed == 3
    broken.fail = False
    docs = [
        prepare(InputDocument(text=f"Alpha struck Bravo near the river, report {n}.", id=f"d{n}"))
        for n in range(3)
    ]
    report = ingest(store, docs, analyzer=FakeAnalyzer(), retry_failed=True)
    assert report.failed == 0 and report.stored == 3
    with store.engine.connect() as conn:
        statuses = conn.execute(
            select(t.documents.c.status, func.count()).group_by(t.documents.c.status)
        ).all()
    assert dict(statuses) == {"ok": 3}
    store.close()


def test_a_store_that_cannot_be_written_is_refused_before_analysis(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ro.db'}"
    Store(url).close()
    store = Store(url)

    def refuse(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            import sqlite3

            raise sqlite3.OperationalError("attempt to write a readonly database")

    from sqlalchemy import event

    event.listen(store.engine, "before_cursor_execute", refuse)
    analyzer = FakeAnalyzer()
    docs = [prepare(InputDocument(text="Alpha struck Bravo near the river.", id="x"))]
    with pytest.raises(StoreError, match="cannot be written"):
        ingest(store, docs, analyzer=analyzer)
    assert analyzer.seen == []
    store.close()

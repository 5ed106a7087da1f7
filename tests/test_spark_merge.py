"""The Spark job's merge loop (`dossier.spark.merge.merge_group`) against the store's merge,
without Spark: many small made-up records whose events share actors, dates and places in
every combination the rule distinguishes (roles, flags, one-day window, countries and
cities, two mentions of one document)."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import sqlalchemy as sa

from dossier.record import Entity, Event, Place, Record, Span
from dossier.spark.merge import mention_rows, merge_group, place_rows
from dossier.spark.worker import RECORDS
from dossier.store.core import DocumentMeta, Store

ACTORS = [("Avalon", "AVL"), ("Borduria", "BRD"), ("Carpania", "CRP"), ("Delmar", "DLM")]
PLACES = [
    ("Avalon", "AVL", "country", 100),
    ("Port Avalon", "AVL", "city", 101),
    ("Bordurville", "BRD", "city", 200),
]
SENTENCE = "Somebody did something somewhere."


def _record(rng: random.Random, n: int) -> Record:
    entities = [
        Entity(id=f"E{i}", name=name, type="GPE", country=code, kb_id=f"country:{code}")
        for i, (name, code) in enumerate(ACTORS)
    ]
    places = [
        Place(id=f"P{i}", name=name, country=code, kind=kind, lat=0.0, lon=0.0, geonameid=gid)
        for i, (name, code, kind, gid) in enumerate(PLACES)
    ]
    events = []
    for k in range(rng.randint(1, 4)):
        day = rng.choice([None, "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-06"])
        events.append(
            Event(
                id=f"V{k}",
                type=rng.choice(["ASSAULT", "ASSAULT", "CONSULT"]),
                source=rng.sample([e.id for e in entities], rng.randint(0, 2)),
                target=rng.sample([e.id for e in entities], rng.randint(0, 1)),
                trigger=Span(start=0, end=8, text="Somebody"),
                sentence=Span(start=0, end=len(SENTENCE), text=SENTENCE),
                place=rng.choice([None, None, "P0", "P1", "P2"]),
                date=day,
                negated=rng.random() < 0.1,
            )
        )
    published = rng.choice([None, "2024-05-02", "2024-05-04"])
    return Record(
        id=f"doc{n}", published=published, entities=entities, places=places, events=events
    )


def _spark_side(records: list[Record]) -> dict[frozenset[tuple[str, str]], tuple[Any, ...]]:
    batch = pa.RecordBatch.from_pylist(
        [
            {
                "seq": n,
                "document_id": r.id,
                "published_month": "x",
                "status": "ok",
                "origin": "",
                "content_hash": str(n),
                "record": r.to_json(include_text=True),
            }
            for n, r in enumerate(records)
        ],
        schema=RECORDS,
    )
    mentions = pa.Table.from_batches(list(mention_rows(iter([batch])))).to_pylist()
    first: dict[str, dict[str, Any]] = {}
    for p in sorted(
        pa.Table.from_batches(list(place_rows(iter([batch])))).to_pylist(),
        key=lambda p: (p["seq"], p["n"]),
    ):
        first.setdefault(p["place_key"], p)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        info = first.get(m["place_key"] or "", {})
        m["place_country"], m["place_kind"] = info.get("place_country"), info.get("place_kind")
        groups[m["kind"]].append(m)
    found = {}
    for rows in groups.values():
        for event in merge_group(pa.Table.from_pylist(rows)).to_pylist():
            key = frozenset((m["document_id"], m["event_id"]) for m in event["mentions"])
            day = event["date"].isoformat() if event["date"] else None
            found[key] = (
                event["type"],
                day,
                event["negated"],
                event["place_key"],
                event["sources"],
                event["targets"],
            )
    return found


def _store_side(url: str) -> dict[frozenset[tuple[str, str]], tuple[Any, ...]]:
    with Store(url) as store, store.engine.connect() as conn:
        events = conn.execute(
            sa.text(
                "SELECT e.id, e.type, e.date, e.negated, p.key FROM events e "
                "LEFT JOIN places p ON p.id = e.place_id"
            )
        ).all()
        mentions = conn.execute(
            sa.text(
                "SELECT m.event_id, d.doc_id, m.event_ref FROM event_mentions m "
                "JOIN documents d ON d.id = m.document_id"
            )
        ).all()
        actors = conn.execute(
            sa.text(
                "SELECT x.event_id, x.role, a.key FROM event_actors x "
                "JOIN actors a ON a.id = x.actor_id"
            )
        ).all()
    by_event: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for event_id, doc, ref in mentions:
        by_event[event_id].add((doc, ref))
    roles: dict[tuple[int, str], list[str]] = defaultdict(list)
    for event_id, role, key in actors:
        roles[(event_id, role)].append(key)
    return {
        frozenset(by_event[i]): (
            t,
            d,
            bool(neg),
            place,
            sorted(roles[(i, "source")]),
            sorted(roles[(i, "target")]),
        )
        for i, t, d, neg, place in events
    }


def _stored(records: list[Record], url: str, batch: int) -> None:
    with Store(url) as store:
        for i in range(0, len(records), batch):
            store.add_records(
                [
                    (r, DocumentMeta(content_hash=f"h{i + k}"))
                    for k, r in enumerate(records[i : i + batch])
                ]
            )


def test_merge_loop_gives_the_stores_events_whatever_the_store_batches(tmp_path: Path) -> None:
    rng = random.Random(7)
    records = [_record(rng, n) for n in range(60)]
    got = _spark_side(records)
    for batch in (1, 7, 60):  # one transaction per record, per 7 records, for all
        url = f"sqlite:///{tmp_path / f'merge{batch}.db'}"
        _stored(records, url, batch)
        wanted = _store_side(url)
        assert sum(len(k) > 1 for k in wanted) >= 10, "the records should make many merges"
        assert got == wanted, batch

"""Bulk SQL helpers of the corpus store: plain executemany inserts, typed bind parameters,
and the refresh of per-event statistics after a batch is merged."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, String, bindparam, func, select, update

from dossier.store import schema as t


def insert_rows(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Plain bulk INSERT through the driver's executemany: these tables hold only ints,
    strings, floats and booleans, which both drivers bind natively, and SQLAlchemy's
    per-row parameter processing would cost more than the database work."""
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(tuple(row.values()))
    for columns, values in groups.items():
        sql = (
            f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
            f"VALUES ({', '.join([mark] * len(columns))})"
        )
        conn.exec_driver_sql(sql, values)


def bind(name: str) -> Any:
    if name in ("fd", "ld"):
        return bindparam(name, type_=String(10))
    return bindparam(name)


def refresh_events(conn: Connection, event_ids: list[int]) -> None:
    """Recompute the stored per-event statistics (mentions, documents, sources, first and last
    seen, confidence, actor names) of `event_ids` from their mentions."""
    m, d = t.event_mentions.c, t.documents.c
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        stats = conn.execute(
            select(
                m.event_id,
                func.count(),
                func.count(func.distinct(m.document_id)),
                func.count(func.distinct(m.source)),
                func.min(d.published),
                func.max(d.published),
                func.max(m.confidence),
            )
            .join(t.documents, d.id == m.document_id)
            .where(m.event_id.in_(chunk))
            .group_by(m.event_id)
        ).all()
        names: dict[tuple[int, str], list[str]] = defaultdict(list)
        ea, ac = t.event_actors.c, t.actors.c
        for event_id, role, name in conn.execute(
            select(ea.event_id, ea.role, ac.name)
            .join(t.actors, ac.id == ea.actor_id)
            .where(ea.event_id.in_(chunk))
            .order_by(ea.event_id, ac.name)
        ):
            names[(event_id, role)].append(name)
        rows = [
            {
                "eid": s[0],
                "nm": s[1],
                "nd": s[2],
                "ns": s[3],
                "fs": s[4],
                "ls": s[5],
                "conf": s[6],
                "src": "; ".join(names.get((s[0], "source"), [])) or None,
                "tgt": "; ".join(names.get((s[0], "target"), [])) or None,
            }
            for s in stats
        ]
        e = t.events.c
        if rows:
            conn.execute(
                update(t.events)
                .where(e.id == bind("eid"))
                .values(
                    n_mentions=bind("nm"),
                    n_documents=bind("nd"),
                    n_sources=bind("ns"),
                    first_seen=bind("fs"),
                    last_seen=bind("ls"),
                    confidence=bind("conf"),
                    source_names=bind("src"),
                    target_names=bind("tgt"),
                ),
                rows,
            )

"""What one batch of `Store.add_records` collects before writing it: rows to insert and the
deltas of the counters, applied together at the end of the batch; and the bulk insert."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, String, bindparam

from dossier.store.limits import fit
from dossier.store.merge import EventShape


@dataclass
class Pending:
    """Deltas collected during a batch and applied at its end."""

    actor_counts: dict[int, list[int]]
    place_counts: dict[int, list[int]]
    relations: dict[tuple[int, int, str], dict[str, Any]]
    periods: dict[tuple[int, int, str], list[int]]
    events: set[int]
    rows: dict[str, list[dict[str, Any]]]
    shapes: dict[int, EventShape]
    # (type, negated, hypothetical, role, actor id) -> ids in `shapes` with that actor
    by_actor: dict[tuple[str, bool, bool, str, int], set[int]]
    new_events: dict[int, dict[str, Any]]


def new_pending() -> Pending:
    return Pending(
        actor_counts=defaultdict(lambda: [0, 0]),
        place_counts=defaultdict(lambda: [0, 0]),
        relations={},
        periods=defaultdict(lambda: [0, 0, 0]),
        events=set(),
        rows=defaultdict(list),
        shapes={},
        by_actor={},
        new_events={},
    )


def insert_rows(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Plain bulk INSERT through the driver's executemany: these tables hold only ints,
    strings, floats and booleans, which both drivers bind natively, and SQLAlchemy's
    per-row parameter processing would cost more than the database work."""
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(tuple(fit(table, row).values()))
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

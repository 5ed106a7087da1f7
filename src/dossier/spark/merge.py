"""The store's cross-document event merge (`dossier.store.merge`) as Spark operations.

The store merges event mentions one at a time, in input order: a mention joins the best
stored event that the rule accepts, else it starts a new one. Run as is, that is one long
sequential loop. It splits exactly, because the rule only ever joins mentions that are
close:

* a mention joins only events of its own PLOVER type and ``negated``/``hypothetical``
  flags (the *kind*);
* a mention with no date or no actors never joins an event and no event ever joins it;
* a mention joins an event whose date is within one day of its own, and every mention of
  that event is within one day of the event's date, so it only meets mentions at most two
  days from it.

So the mentions of one kind whose dates are more than two days from all the others' form
independent groups (*segments*: the kind's distinct dates, sorted, cut wherever two
neighbours are more than two days apart; found with a window function). Each segment runs
the store's own loop (`merge_group`, with `dossier.store.merge.same_event` and the store's
ranking: most shared actors, then nearest date, then oldest event) in input order, in
parallel with the others (`groupBy(...).applyInArrow`). The events of different segments
never meet, so the result is the store's.

Documents whose text is stored twice are merged once, as the store keeps the first.
Actors and places are identified by the store's keys (`actor_key`, `place_key`); a place's
country and kind are those of its first mention in input order, as the store keeps them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dossier.record import Record
from dossier.store.merge import (
    MERGE_WINDOW,
    EventShape,
    PlaceInfo,
    actor_key,
    parse_day,
    place_key,
    same_event,
    shared_actors,
)
from dossier.tables import published_month

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

SEGMENT_GAP_DAYS = 2 * MERGE_WINDOW.days
ALONE_GROUPS = 16

# One row per event mention of a merged document.
MENTIONS = pa.schema(
    [
        pa.field("seq", pa.int64(), nullable=False),
        pa.field("n", pa.int32(), nullable=False),
        pa.field("document_id", pa.string(), nullable=False),
        pa.field("event_ref", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("negated", pa.bool_(), nullable=False),
        pa.field("hypothetical", pa.bool_(), nullable=False),
        pa.field("day", pa.date32()),
        pa.field("sources", pa.list_(pa.string())),
        pa.field("targets", pa.list_(pa.string())),
        pa.field("place_key", pa.string()),
    ]
)

# One row per place mention of a merged document: its key and attributes.
PLACES = pa.schema(
    [
        pa.field("seq", pa.int64(), nullable=False),
        pa.field("n", pa.int32(), nullable=False),
        pa.field("place_key", pa.string(), nullable=False),
        pa.field("place_country", pa.string()),
        pa.field("place_kind", pa.string()),
    ]
)

MERGED_MENTION = pa.struct(
    [
        pa.field("document_id", pa.string(), nullable=False),
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("merge_rule", pa.string(), nullable=False),
    ]
)

# events_merged/: one row per merged event.
MERGED = pa.schema(
    [
        pa.field("event_key", pa.string(), nullable=False),
        pa.field("published_month", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("negated", pa.bool_(), nullable=False),
        pa.field("hypothetical", pa.bool_(), nullable=False),
        pa.field("date", pa.date32()),
        pa.field("place_key", pa.string()),
        pa.field("sources", pa.list_(pa.string())),
        pa.field("targets", pa.list_(pa.string())),
        pa.field("n_mentions", pa.int32(), nullable=False),
        pa.field("n_documents", pa.int32(), nullable=False),
        pa.field("mentions", pa.list_(MERGED_MENTION)),
        pa.field("first_seq", pa.int64(), nullable=False),
    ]
)


def record_mentions(seq: int, record: Record) -> list[dict[str, Any]]:
    """The merge's view of every event mention of one record (MENTIONS rows)."""
    keys = {e.id: actor_key(e.name, e.country, e.kb_id) for e in record.entities}
    places = {p.id: place_key(p.name, p.country, p.geonameid) for p in record.places}
    return [
        {
            "seq": seq,
            "n": n,
            "document_id": record.id,
            "event_ref": ev.id,
            "kind": f"{ev.type}|{int(ev.negated)}|{int(ev.hypothetical)}",
            "type": ev.type,
            "negated": ev.negated,
            "hypothetical": ev.hypothetical,
            "day": parse_day(ev.date) or parse_day(record.published),
            "sources": sorted({keys[e] for e in ev.source if e in keys}),
            "targets": sorted({keys[e] for e in ev.target if e in keys}),
            "place_key": places.get(ev.place or ""),
        }
        for n, ev in enumerate(record.events)
    ]


def record_places(seq: int, record: Record) -> list[dict[str, Any]]:
    """Every place of one record with its store key (PLACES rows)."""
    return [
        {
            "seq": seq,
            "n": n,
            "place_key": place_key(p.name, p.country, p.geonameid),
            "place_country": p.country,
            "place_kind": p.kind,
        }
        for n, p in enumerate(record.places)
    ]


def _per_record(
    rows_of: Callable[[int, Record], list[dict[str, Any]]], schema: pa.Schema
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from dossier.spark.worker import load_record

        for batch in batches:
            rows: list[dict[str, Any]] = []
            for seq, data in zip(
                batch.column("seq").to_pylist(), batch.column("record").to_pylist(), strict=True
            ):
                rows.extend(rows_of(seq, load_record(data)))
            yield pa.RecordBatch.from_pylist(rows, schema=schema)

    return run


# mapInArrow over RECORDS rows (JSON records), for records/ written by an earlier run
mention_rows = _per_record(record_mentions, MENTIONS)
place_rows = _per_record(record_places, PLACES)


@dataclass
class _Event:
    number: int  # creation order within the group: the store's "oldest" tie-break
    shape: EventShape
    place_key: str | None
    founder: dict[str, Any]
    documents: set[str] = field(default_factory=set)
    mentions: list[dict[str, str]] = field(default_factory=list)


class _Ids:
    """Small integers for keys (EventShape holds actor and place ids)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __call__(self, key: str) -> int:
        return self.ids.setdefault(key, len(self.ids) + 1)


def merge_group(table: pa.Table) -> pa.Table:
    """The store's merge loop over one group of mentions (all of one kind), in input order."""
    rows = sorted(table.to_pylist(), key=lambda r: (r["seq"], r["n"]))
    actor_id, place_id = _Ids(), _Ids()
    events: list[_Event] = []
    index: dict[tuple[str, int], set[int]] = defaultdict(set)
    for row in rows:
        day: date | None = row["day"]
        place = (
            PlaceInfo(place_id(row["place_key"]), row["place_country"], row["place_kind"])
            if row["place_key"] is not None
            else None
        )
        shape = EventShape(
            type=row["type"],
            day=day,
            sources={actor_id(a) for a in row["sources"] or []},
            targets={actor_id(a) for a in row["targets"] or []},
            place=place,
            negated=row["negated"],
            hypothetical=row["hypothetical"],
        )
        best: _Event | None = None
        best_rank: tuple[int, int, int] | None = None
        merge_rule = "new event"
        if day is not None and (shape.sources or shape.targets):
            found: set[int] = set()
            for role, actors in (("source", shape.sources), ("target", shape.targets)):
                for actor in actors:
                    found |= index.get((role, actor), set())
            for number in sorted(found):
                event = events[number]
                stored = event.shape
                if row["document_id"] in event.documents:
                    continue
                if stored.day is None or abs(stored.day - day) > MERGE_WINDOW:
                    continue
                reason = same_event(stored, shape)
                if reason is None:
                    continue
                rank = (-shared_actors(stored, shape), abs((stored.day - day).days), number)
                if best_rank is None or rank < best_rank:
                    best, best_rank, merge_rule = event, rank, reason
        if best is None:
            best = _Event(
                number=len(events),
                shape=EventShape(
                    type=shape.type,
                    day=day,
                    place=place,
                    negated=shape.negated,
                    hypothetical=shape.hypothetical,
                ),
                place_key=row["place_key"],
                founder=row,
            )
            events.append(best)
        elif best.shape.place is None and place is not None:
            best.shape.place, best.place_key = place, row["place_key"]
        best.shape.sources |= shape.sources
        best.shape.targets |= shape.targets
        for role, actors in (("source", best.shape.sources), ("target", best.shape.targets)):
            for actor in actors:
                index[(role, actor)].add(best.number)
        best.documents.add(row["document_id"])
        best.mentions.append(
            {
                "document_id": row["document_id"],
                "event_id": row["event_ref"],
                "merge_rule": merge_rule,
            }
        )
    names = {v: k for k, v in actor_id.ids.items()}
    out = [
        {
            "event_key": f"{e.founder['document_id']}:{e.founder['event_ref']}",
            "published_month": published_month(e.shape.day.isoformat() if e.shape.day else None),
            "type": e.shape.type,
            "negated": e.shape.negated,
            "hypothetical": e.shape.hypothetical,
            "date": e.shape.day,
            "place_key": e.place_key,
            "sources": sorted(names[a] for a in e.shape.sources),
            "targets": sorted(names[a] for a in e.shape.targets),
            "n_mentions": len(e.mentions),
            "n_documents": len(e.documents),
            "mentions": e.mentions,
            "first_seq": e.founder["seq"],
        }
        for e in events
    ]
    return pa.Table.from_pylist(out, schema=MERGED)


def merged_events(analysed: DataFrame) -> DataFrame:
    """events_merged from the analysed documents (`dossier.spark.worker.ANALYSED`: `seq`,
    `content_hash` and each record's MENTIONS and PLACES rows); Spark operations, with
    `merge_group` per segment."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from dossier.spark.worker import MERGE_MENTIONS, MERGE_PLACES

    # the store keeps the first document of a text and passes over later copies
    first = Window.partitionBy("content_hash").orderBy("seq")
    kept = (
        analysed.select("seq", "content_hash", MERGE_MENTIONS, MERGE_PLACES)
        .withColumn("_copy", F.row_number().over(first))
        .where(F.col("_copy") == 1)
    )
    mentions = kept.select(F.explode(MERGE_MENTIONS).alias("m")).select("m.*")
    places = kept.select(F.explode(MERGE_PLACES).alias("p")).select("p.*")
    first_place = Window.partitionBy("place_key").orderBy("seq", "n")
    place_info = (
        places.withColumn("_first", F.row_number().over(first_place))
        .where(F.col("_first") == 1)
        .select("place_key", "place_country", "place_kind")
    )
    mentions = mentions.join(place_info, "place_key", "left")
    mergeable = F.col("day").isNotNull() & ((F.size("sources") > 0) | (F.size("targets") > 0))
    days = mentions.where(mergeable).select("kind", "day").distinct()
    by_day = Window.partitionBy("kind").orderBy("day")
    segments = (
        days.withColumn("_prev", F.lag("day").over(by_day))
        .withColumn(
            "_cut",
            F.when(
                F.col("_prev").isNull() | (F.datediff("day", "_prev") > SEGMENT_GAP_DAYS),
                1,
            ).otherwise(0),
        )
        .withColumn(
            "segment",
            F.sum("_cut").over(by_day.rowsBetween(Window.unboundedPreceding, 0)).cast("string"),
        )
        .select("kind", "day", "segment")
    )
    grouped = mentions.join(segments, ["kind", "day"], "left").withColumn(
        "segment",
        # mentions that never join nor are joined: any group will do, a few keep it parallel
        F.when(mergeable, F.col("segment")).otherwise(
            F.concat(
                F.lit("alone:"), F.pmod(F.hash("seq", "n"), F.lit(ALONE_GROUPS)).cast("string")
            )
        ),
    )
    columns = [f.name for f in MENTIONS] + ["place_country", "place_kind"]
    return (
        grouped.select("segment", *columns)
        .groupBy("kind", "segment")
        .applyInArrow(lambda t: merge_group(t.select(columns)), from_arrow_schema(MERGED))
    )

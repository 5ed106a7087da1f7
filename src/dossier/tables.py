"""Analysis records as flat tables: one Arrow table per list of the record.

The one place where a record becomes rows. `to_frames` (pandas), `dossier analyze --format
parquet` and the Spark job (`dossier spark`) all call `record_tables`, so their tables have
the same columns, types and rows.

Tables and their rows (every row carries ``document_id`` and ``published_month``):

* ``documents``: one row per record (status, warnings and counts; failed documents too);
* ``entities``, ``statements``, ``events``, ``places``, ``relations``: one row per item of
  that list in the record.

A single span becomes three columns ``<name>_start``, ``<name>_end``, ``<name>_text``
(character offsets into the analysed text, as in the record); a list of spans is a list of
``{start, end, text}`` structs. ``published_month`` is ``YYYY-MM`` of the publication date,
or ``unknown`` (the Spark job partitions its datasets by it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dossier.record import Record, Span

if TYPE_CHECKING:
    import pandas as pd

TABLES = ("documents", "entities", "statements", "events", "places", "relations")
UNKNOWN_MONTH = "unknown"
_MONTH = re.compile(r"^\d{4}-\d{2}")

SPAN = pa.struct(
    [
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
    ]
)
SPANS = pa.list_(SPAN)
STRINGS = pa.list_(pa.string())


def _key(*fields: pa.Field) -> list[pa.Field]:
    return [
        pa.field("document_id", pa.string(), nullable=False),
        pa.field("published_month", pa.string(), nullable=False),
        *fields,
    ]


def _span(name: str) -> list[pa.Field]:
    return [
        pa.field(f"{name}_start", pa.int32()),
        pa.field(f"{name}_end", pa.int32()),
        pa.field(f"{name}_text", pa.string()),
    ]


SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        _key(
            pa.field("published", pa.string()),
            pa.field("url", pa.string()),
            pa.field("title", pa.string()),
            pa.field("status", pa.string(), nullable=False),
            pa.field("warnings", STRINGS),
            pa.field("n_entities", pa.int32(), nullable=False),
            pa.field("n_statements", pa.int32(), nullable=False),
            pa.field("n_events", pa.int32(), nullable=False),
            pa.field("n_places", pa.int32(), nullable=False),
            pa.field("n_relations", pa.int32(), nullable=False),
            pa.field("schema_version", pa.string(), nullable=False),
            pa.field("text", pa.string()),
        )
    ),
    "entities": pa.schema(
        _key(
            pa.field("entity_id", pa.string(), nullable=False),
            pa.field("name", pa.string(), nullable=False),
            pa.field("type", pa.string(), nullable=False),
            pa.field("country", pa.string()),
            pa.field("sector", pa.string()),
            pa.field("actor_code", pa.string()),
            pa.field("kb_id", pa.string()),
            pa.field("place", pa.string()),
            pa.field("role", pa.string()),
            pa.field("n_mentions", pa.int32(), nullable=False),
            pa.field("mentions", SPANS),
            pa.field("mention_kinds", STRINGS),
            pa.field("rule", pa.string()),
        )
    ),
    "statements": pa.schema(
        _key(
            pa.field("statement_id", pa.string(), nullable=False),
            pa.field("kind", pa.string(), nullable=False),
            pa.field("cue_class", pa.string(), nullable=False),
            pa.field("speaker", pa.string()),
            *_span("speaker"),
            *_span("cue"),
            pa.field("content", SPANS),
            pa.field("reported_by", pa.string()),
            pa.field("confidence", pa.float64(), nullable=False),
            pa.field("rule", pa.string()),
        )
    ),
    "events": pa.schema(
        _key(
            pa.field("event_id", pa.string(), nullable=False),
            pa.field("type", pa.string(), nullable=False),
            pa.field("mode", pa.string()),
            pa.field("cameo", pa.string()),
            pa.field("quad_class", pa.string()),
            pa.field("source", STRINGS),
            pa.field("target", STRINGS),
            *_span("trigger"),
            *_span("sentence"),
            pa.field("place", pa.string()),
            pa.field("place_basis", pa.string()),
            pa.field("date", pa.string()),
            pa.field("negated", pa.bool_(), nullable=False),
            pa.field("hypothetical", pa.bool_(), nullable=False),
            pa.field("attributed_to", pa.string()),
            pa.field("confidence", pa.float64(), nullable=False),
            pa.field("context", STRINGS),
            pa.field("mentions", SPANS),
            pa.field("rule", pa.string()),
        )
    ),
    "places": pa.schema(
        _key(
            pa.field("place_id", pa.string(), nullable=False),
            pa.field("name", pa.string(), nullable=False),
            pa.field("geonameid", pa.int64()),
            pa.field("country", pa.string()),
            pa.field("kind", pa.string(), nullable=False),
            pa.field("lat", pa.float64(), nullable=False),
            pa.field("lon", pa.float64(), nullable=False),
            pa.field("mentions", SPANS),
            pa.field("confidence", pa.float64(), nullable=False),
            pa.field("rule", pa.string()),
        )
    ),
    "relations": pa.schema(
        _key(
            pa.field("source", pa.string(), nullable=False),
            pa.field("target", pa.string(), nullable=False),
            pa.field("type", pa.string(), nullable=False),
            pa.field("evidence", STRINGS),
            pa.field("confidence", pa.float64(), nullable=False),
            pa.field("rule", pa.string()),
        )
    ),
}


def published_month(published: str | None) -> str:
    """``YYYY-MM`` of a publication date, or ``unknown``."""
    if published and _MONTH.match(published):
        return published[:7]
    return UNKNOWN_MONTH


def _spans(spans: Iterable[Span]) -> list[dict[str, Any]]:
    return [{"start": s.start, "end": s.end, "text": s.text} for s in spans]


def _flat(name: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{name}_start": None, f"{name}_end": None, f"{name}_text": None}
    return {f"{name}_start": span.start, f"{name}_end": span.end, f"{name}_text": span.text}


def record_rows(record: Record, include_text: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The rows of one record, per table (plain Python values in the schemas' columns)."""
    key = {"document_id": record.id, "published_month": published_month(record.published)}
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [
            {
                **key,
                "published": record.published,
                "url": record.url,
                "title": record.title,
                "status": record.status,
                "warnings": list(record.warnings),
                "n_entities": len(record.entities),
                "n_statements": len(record.statements),
                "n_events": len(record.events),
                "n_places": len(record.places),
                "n_relations": len(record.relations),
                "schema_version": record.schema_version,
                "text": record.text if include_text else None,
            }
        ],
        "entities": [
            {
                **key,
                "entity_id": e.id,
                "name": e.name,
                "type": e.type,
                "country": e.country,
                "sector": e.sector,
                "actor_code": e.actor_code,
                "kb_id": e.kb_id,
                "place": e.place,
                "role": e.role,
                "n_mentions": len(e.mentions),
                "mentions": _spans(e.mentions),
                "mention_kinds": list(e.mention_kinds),
                "rule": e.rule,
            }
            for e in record.entities
        ],
        "statements": [
            {
                **key,
                "statement_id": s.id,
                "kind": s.kind,
                "cue_class": s.cue_class,
                "speaker": s.speaker,
                **_flat("speaker", s.speaker_span),
                **_flat("cue", s.cue),
                "content": _spans(s.content),
                "reported_by": s.reported_by,
                "confidence": s.confidence,
                "rule": s.rule,
            }
            for s in record.statements
        ],
        "events": [
            {
                **key,
                "event_id": ev.id,
                "type": ev.type,
                "mode": ev.mode,
                "cameo": ev.cameo,
                "quad_class": ev.quad_class,
                "source": list(ev.source),
                "target": list(ev.target),
                **_flat("trigger", ev.trigger),
                **_flat("sentence", ev.sentence),
                "place": ev.place,
                "place_basis": ev.place_basis,
                "date": ev.date,
                "negated": ev.negated,
                "hypothetical": ev.hypothetical,
                "attributed_to": ev.attributed_to,
                "confidence": ev.confidence,
                "context": list(ev.context),
                "mentions": _spans(ev.mentions),
                "rule": ev.rule,
            }
            for ev in record.events
        ],
        "places": [
            {
                **key,
                "place_id": p.id,
                "name": p.name,
                "geonameid": p.geonameid,
                "country": p.country,
                "kind": p.kind,
                "lat": p.lat,
                "lon": p.lon,
                "mentions": _spans(p.mentions),
                "confidence": p.confidence,
                "rule": p.rule,
            }
            for p in record.places
        ],
        "relations": [
            {
                **key,
                "source": r.source,
                "target": r.target,
                "type": r.type,
                "evidence": list(r.evidence),
                "confidence": r.confidence,
                "rule": r.rule,
            }
            for r in record.relations
        ],
    }
    return rows


def record_tables(records: Iterable[Record], include_text: bool = False) -> dict[str, pa.Table]:
    """One Arrow table per list (`TABLES`), in record order, with the schemas of `SCHEMAS`."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for record in records:
        for name, found in record_rows(record, include_text).items():
            rows[name].extend(found)
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


def to_frames(records: Iterable[Record], include_text: bool = False) -> dict[str, pd.DataFrame]:
    """One pandas DataFrame per list of the records (`documents`, `entities`, `statements`,
    `events`, `places`, `relations`), each row with its record's ``document_id``.

    >>> frames = to_frames([record])
    >>> frames["events"].groupby("type").size()
    """
    return {
        name: table.to_pandas(types_mapper=_pandas_type)
        for name, table in record_tables(records, include_text).items()
    }


def read_frames(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The frames of `to_frames`, read back from a folder of tables written by
    `dossier analyze --format parquet` or `dossier export --to tables`."""
    import pyarrow.parquet as pq

    out = Path(folder)
    return {
        name: pq.read_table(out / f"{name}.parquet", schema=SCHEMAS[name]).to_pandas(
            types_mapper=_pandas_type
        )
        for name in TABLES
    }


def _pandas_type(arrow_type: pa.DataType) -> Any:
    """Nullable pandas dtypes for integers and booleans (a missing value stays missing)."""
    import pandas as pd

    mapping: dict[pa.DataType, Any] = {
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    return mapping.get(arrow_type)


class ParquetWriter:
    """Writes `<folder>/<table>.parquet` for every table as records come (what
    `analyze --format parquet` does): rows are buffered `batch` records at a time and written
    as row groups, so memory does not grow with the number of documents."""

    def __init__(self, folder: str | Path, include_text: bool = False, batch: int = 64) -> None:
        import pyarrow.parquet as pq

        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.include_text = include_text
        self.batch = batch
        self.counts = dict.fromkeys(TABLES, 0)
        self._pending: list[Record] = []
        self._writers = {
            name: pq.ParquetWriter(self.folder / f"{name}.parquet", SCHEMAS[name])
            for name in TABLES
        }

    def write(self, record: Record) -> None:
        self._pending.append(record)
        if len(self._pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        for name, table in record_tables(self._pending, self.include_text).items():
            self._writers[name].write_table(table)
            self.counts[name] += table.num_rows
        self._pending = []

    def close(self) -> dict[str, int]:
        """Write what is pending and finish every file; returns the rows written per table."""
        self.flush()
        for writer in self._writers.values():
            writer.close()
        return self.counts


def write_parquet(
    records: Iterable[Record], folder: str | Path, include_text: bool = False
) -> dict[str, int]:
    """Write `<folder>/<table>.parquet` for every table; returns the rows written per table."""
    writer = ParquetWriter(folder, include_text)
    for record in records:
        writer.write(record)
    return writer.close()

"""What runs inside the Spark executors: reading, analysing and unnesting Arrow batches.

Each Python worker loads one `Analyzer` on its first batch and keeps it for every later
batch and task (Spark reuses its Python workers), so the model is loaded once per worker,
as `dossier analyze --workers N` loads it once per process. The functions here take and
give `pyarrow.RecordBatch`es (`DataFrame.mapInArrow`) and hold no Spark objects, so they
can be tested and reused without a cluster.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa

from dossier.ingest.documents import DEFAULT_MAX_CHARS, InputDocument, prepare
from dossier.record import Record
from dossier.store.text import content_hash
from dossier.tables import SCHEMAS, TABLES, published_month, record_rows

# One row per input document, in input order (`seq`), before analysis.
DOCUMENTS = pa.schema(
    [
        pa.field("seq", pa.int64(), nullable=False),
        pa.field("id", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("published", pa.string()),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("origin", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("warnings", pa.list_(pa.string())),
    ]
)

# One row per analysed document: the whole record as JSON (with its text), as `dossier
# analyze --format jsonl --include-text` writes it.
RECORDS = pa.schema(
    [
        pa.field("seq", pa.int64(), nullable=False),
        pa.field("document_id", pa.string(), nullable=False),
        pa.field("published_month", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("origin", pa.string(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("record", pa.string(), nullable=False),
    ]
)

# What the analysing step hands on: the RECORDS columns, each record's rows of every table of
# `dossier.tables` (one list column per table) and its views for the event merge, so the
# later stages only unnest Arrow lists and never parse a record again.
MERGE_MENTIONS = "merge_mentions"
MERGE_PLACES = "merge_places"


def analysed_schema() -> pa.Schema:
    """The rows `analyse` gives: RECORDS, plus `rows_<table>` and the merge's two views."""
    from dossier.spark.merge import MENTIONS, PLACES

    nested = [(f"rows_{name}", SCHEMAS[name]) for name in TABLES]
    nested += [(MERGE_MENTIONS, MENTIONS), (MERGE_PLACES, PLACES)]
    return pa.schema(
        [*RECORDS, *(pa.field(name, pa.list_(pa.struct(list(schema)))) for name, schema in nested)]
    )


# Files to read on the executors: their place in the input order and their path.
FILES = pa.schema(
    [pa.field("file_no", pa.int64(), nullable=False), pa.field("path", pa.string(), False)]
)

# documents of one file are numbered within it; `seq` = file_no * FILE_STRIDE + number
FILE_STRIDE = 1 << 32

_analyzer: Any = None


def analyzer(max_chars: int = DEFAULT_MAX_CHARS, batch_size: int = 16) -> Any:
    """This worker's Analyzer, loaded on first use."""
    global _analyzer
    if _analyzer is None:
        from dossier.analyzer import Analyzer

        _analyzer = Analyzer(max_chars=max_chars, batch_size=batch_size)
    return _analyzer


def _documents_batch(items: list[tuple[int, InputDocument]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist(
        [
            {
                "seq": seq,
                "id": d.id,
                "text": d.text,
                "published": d.published,
                "url": d.url,
                "title": d.title,
                "origin": d.origin,
                "status": d.status,
                "warnings": list(d.warnings),
            }
            for seq, d in items
        ],
        schema=DOCUMENTS,
    )


def read_files(
    published: str | None, max_chars: int
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """mapInArrow: (file_no, path) rows to DOCUMENTS rows, through `dossier analyze`'s readers
    (and WARC and feed files through `dossier ingest`'s)."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from dossier.store.ingest import iter_corpus_documents

        for batch in batches:
            for file_no, path in zip(
                batch.column("file_no").to_pylist(), batch.column("path").to_pylist(), strict=True
            ):
                items: list[tuple[int, InputDocument]] = []
                docs = iter_corpus_documents([path], published=published, max_chars=max_chars)
                for n, doc in enumerate(docs):
                    items.append((file_no * FILE_STRIDE + n, doc))
                    if len(items) >= 256:
                        yield _documents_batch(items)
                        items = []
                if items:
                    yield _documents_batch(items)

    return run


def table_rows(
    published: str | None, max_chars: int
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """mapInArrow: rows of a Parquet table of articles (`seq`, `id`, `text`, `published`,
    `url`, `title`) to DOCUMENTS rows, checked as JSON Lines objects are."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from dossier.ingest.readers import from_object

        for batch in batches:
            items = []
            for row in batch.to_pylist():
                seq = row.pop("seq")
                item = {k: v for k, v in row.items() if v is not None}
                if "published" in item:
                    item["published"] = str(item["published"])
                where = f"row {seq}" if not item.get("id") else str(item["id"])
                doc = from_object(item, where, published, [])
                items.append((seq, prepare(doc, max_chars)))
            yield _documents_batch(items)

    return run


def _input_document(row: dict[str, Any]) -> InputDocument:
    return InputDocument(
        text=row["text"],
        id=row["id"],
        published=row["published"],
        url=row["url"],
        title=row["title"],
        origin=row["origin"],
        warnings=list(row["warnings"] or []),
        status=row["status"],
    )


def document_hash(record: Record, origin: str) -> str:
    """The store's identity of a document (`dossier.store.ingest.document_hash`)."""
    if record.text:
        return content_hash(record.text)
    return content_hash(f"unreadable:{origin or record.id}:{record.status}")


def analyse(
    max_chars: int, batch_size: int, include_text: bool = False
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """mapInArrow: DOCUMENTS rows to `analysed_schema()` rows, one per document in batch
    order (`include_text`: the documents table keeps the text).

    A document that breaks the analyser is a failed record with the reason, never a failed
    task (the Analyzer already isolates a failing document; this guards the rest)."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from dossier.analyzer import failed_record
        from dossier.spark.merge import record_mentions, record_places

        schema = analysed_schema()
        worker = analyzer(max_chars, batch_size)
        for batch in batches:
            rows = batch.to_pylist()
            docs = [_input_document(r) for r in rows]
            try:
                records = list(worker.analyze_documents(docs))
            except Exception:
                records = []
                for doc in docs:
                    try:
                        records.extend(worker.analyze_documents([doc]))
                    except Exception as err:
                        doc.warnings.append(f"analysis failed: {type(err).__name__}: {err}")
                        doc.status = "failed"
                        records.append(failed_record(doc))
            out = []
            for row, doc, record in zip(rows, docs, records, strict=True):
                tables = record_rows(record, include_text)
                out.append(
                    {
                        "seq": row["seq"],
                        "document_id": record.id,
                        "published_month": published_month(record.published),
                        "status": record.status,
                        "origin": doc.origin,
                        "content_hash": document_hash(record, doc.origin),
                        "record": record.to_json(include_text=True),
                        **{f"rows_{name}": tables[name] for name in TABLES},
                        MERGE_MENTIONS: record_mentions(row["seq"], record),
                        MERGE_PLACES: record_places(row["seq"], record),
                    }
                )
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return run


def load_record(data: str) -> Record:
    return Record.model_validate(json.loads(data))


def unnest(schema: pa.Schema) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """mapInArrow over batches of one list-of-struct column: its items as rows of `schema`.

    (Not `explode`: Spark reads every Parquet column back as nullable, and the tables keep
    the exact types of `dossier.tables.SCHEMAS`, nested ones included.)"""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            items = batch.column(0).flatten()  # the lists' items, one struct each
            columns = [items.field(f.name).cast(f.type) for f in schema]
            yield pa.RecordBatch.from_arrays(columns, schema=schema)

    return run

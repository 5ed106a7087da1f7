"""Read tables of articles: CSV/TSV files and Parquet files, one document a row.

The columns are `id`, `text`, `published`, `url` and `title` (only `text` is needed); a table
whose columns have other names is read with a mapping such as ``{"text": "body", "id":
"guid"}`` (`dossier analyze --column text=body --column id=guid`). Each row goes through the
same checks as a JSON Lines object, and a row that cannot be used becomes a failed document
with its row number, never an exception.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from dossier.ingest.documents import InputDocument

TABLE_SUFFIXES = {".csv", ".tsv", ".parquet"}
FIELDS = ("id", "text", "published", "url", "title")
# rows of a Parquet file read at a time
_BATCH = 256


def parse_columns(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["text=body", "id=guid"]`` as ``{"text": "body", "id": "guid"}``; ValueError names
    a pair that is not FIELD=COLUMN with a known field."""
    columns: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not column:
            raise ValueError(f"{pair!r} is not FIELD=COLUMN (e.g. text=body)")
        if field not in FIELDS:
            raise ValueError(f"{field!r} is not a field; fields: {', '.join(FIELDS)}")
        columns[field] = column
    return columns


def read_table(
    path: Path, published: str | None = None, columns: Mapping[str, str] | None = None
) -> Iterator[InputDocument]:
    """The rows of a CSV, TSV or Parquet file as documents, in file order."""
    from dossier.ingest.readers import from_object

    origin = str(path)
    names = {field: (columns or {}).get(field, field) for field in FIELDS}
    try:
        rows = _parquet_rows(path) if path.suffix.lower() == ".parquet" else _csv_rows(path)
        first = True
        for n, row in enumerate(rows, start=1):
            if first:
                first = False
                if names["text"] not in row:
                    yield InputDocument(text="", origin=origin).fail(
                        f"{origin}: no column {names['text']!r} for the text; columns: "
                        f"{', '.join(map(str, row)) or 'none'} (map one with --column text=NAME)"
                    )
                    return
            item = {field: row.get(column) for field, column in names.items()}
            item = {k: v for k, v in item.items() if v is not None and v != ""}
            for key in ("id", "published"):  # numbers and dates of a typed table as text
                if key in item and not isinstance(item[key], str):
                    item[key] = str(item[key])
            yield from_object(item, f"{origin}#row{n}", published, [])
    except Exception as err:  # a damaged table: csv.Error, pyarrow's errors, OSError
        yield InputDocument(text="", origin=origin).fail(
            f"{origin}: cannot read this table ({type(err).__name__}: {err})"
        )


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    csv.field_size_limit(sys.maxsize)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter)


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    table = pq.ParquetFile(path)
    for batch in table.iter_batches(batch_size=_BATCH):
        yield from batch.to_pylist()

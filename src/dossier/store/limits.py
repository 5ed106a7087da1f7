"""What the database takes: strings cut to their column's length, no NUL, no lone surrogates.

PostgreSQL refuses a string longer than its VARCHAR column and any text with a NUL character,
and neither driver can encode a lone UTF-16 surrogate; SQLite takes all three, so a document
that one backend stores would block the other. Every row the store writes passes through
`fit`, so no value from an article (an id, a URL host, a name) can stop an ingest.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import Any

from sqlalchemy import String

from dossier.store import schema as t

_UNSAFE = re.compile("[\x00\ud800-\udfff]")


@cache
def lengths(table: str) -> dict[str, int]:
    """Column name -> maximum length, for the bounded string columns of `table`."""
    found: dict[str, int] = {}
    for column in t.metadata.tables[table].columns:
        if isinstance(column.type, String) and column.type.length:
            found[column.name] = int(column.type.length)
    return found


def safe_text(value: str) -> str:
    """NUL and lone surrogates replaced by U+FFFD (same length: offsets still hold)."""
    return _UNSAFE.sub("\ufffd", value) if _UNSAFE.search(value) else value


def bounded_key(key: str, limit: int = 500) -> str:
    """A key of at most `limit` characters: a longer one keeps its start and a digest."""
    if len(key) <= limit:
        return key
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{key[: limit - 41]}~{digest}"


def fit(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """`row` (changed in place) with every string safe and no longer than its column."""
    limits = lengths(table)
    for name, value in row.items():
        if isinstance(value, str):
            if _UNSAFE.search(value):
                value = _UNSAFE.sub("\ufffd", value)
                row[name] = value
            limit = limits.get(name)
            if limit is not None and len(value) > limit:
                row[name] = value[:limit]
    return row

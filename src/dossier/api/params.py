"""The parameters the JSON API and the web pages share, each with its bounds.

The bounds are in the OpenAPI document, so a client (or schemathesis) knows them, and a value
outside them is answered 422 before any query runs: a request the OpenAPI calls valid is
never refused later by the store (a day that is not in the calendar, a year 0).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator

# a calendar date (the store compares them as text; year 0 and month 13 are not dates)
DATE = r"^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
# free text in a query parameter: no control characters (the guard answers 400 for them)
PLAIN = r"^[^\x00-\x1f\x7f]*$"


def calendar_day(value: str | None) -> str | None:
    """`value` unchanged if it names a day of the calendar (not 2024-02-30), else ValueError."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a day of the calendar (YYYY-MM-DD)") from None
    return value


Day = Annotated[
    str | None,
    Query(pattern=DATE, description="YYYY-MM-DD", json_schema_extra={"format": "date"}),
    AfterValidator(calendar_day),
]
Limit = Annotated[int, Query(ge=1, le=1000, description="rows to return")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
RowId = Annotated[int, Path(ge=1, le=2**62)]
Name = Annotated[str | None, Query(max_length=300, pattern=PLAIN)]
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{3}$")]
EventType = Annotated[str | None, Query(pattern="^[A-Za-z_]{2,20}$")]
Weight = Annotated[float, Query(ge=0, le=1e9)]

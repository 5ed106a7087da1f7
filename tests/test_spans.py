"""The span invariant, text[start:end] == span.text, for every span in every record."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.record import Record

PIECES = [
    "Brig. Gen. Behrouz Esbati said",
    "“We were defeated,” he said.",
    "Iran’s army",
    "Israel struck Iranian targets in Syria.",
    "According to the report,",
    "Tehrna",
    "the rebels",
    "\n\n",
    "  ",
    "«Non»",
    '"',
    "“",
    "é",
    "😀",
    "Mr. O'Neil",
    "U.S.",
    "Damascus fell to the rebels.",
    "Hezbollah",
    "on Monday",
    "-",
    "\t",
    "Lt. Col.",
]


def all_spans(data: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(data, dict):
        if set(data) == {"start", "end", "text"}:
            found.append(data)
        for value in data.values():
            found.extend(all_spans(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(all_spans(value))
    return found


def check(record: Record, text: str) -> None:
    for span in all_spans(record.to_dict()):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=25))
def test_span_invariant_on_varied_texts(analyzer, pieces: list[str]) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(pieces)
    record = analyzer.analyze(text, published="2024-12-01")
    if record.status == "ok":
        # ingest replaces NUL and lone surrogates with U+FFFD (same length, so offsets hold):
        # spans point into the record's text
        assert record.text is not None and len(record.text) == len(text)
        check(record, record.text)


def test_span_invariant_on_seed(seed_record) -> None:  # type: ignore[no-untyped-def]
    record, text = seed_record
    check(record, text)
    assert all_spans(record.to_dict())

"""Fuzz and invariants: the readers and the record never raise on odd input, every span
points at its characters, and no mention is listed twice."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.ingest.documents import InputDocument, clean, prepare
from dossier.ingest.readers import read_jsonl, read_stream

# text with what breaks naive code: NUL, lone surrogates, separators, odd whitespace
ODD = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x00", "\ud800", "\udfff", "\u2028", "\u2029", "\x85", "\r", "\t"]),
    ),
    max_size=300,
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.floats(allow_nan=True, allow_infinity=True)
    | ODD,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ODD, inner, max_size=4),
    max_leaves=20,
)


@given(ODD)
@settings(deadline=None)
def test_clean_keeps_length_and_removes_what_cannot_be_stored(text: str) -> None:
    cleaned, count = clean(text)
    assert len(cleaned) == len(text)
    assert "\x00" not in cleaned
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in cleaned)
    assert count == sum(ch == "\x00" or 0xD800 <= ord(ch) <= 0xDFFF for ch in text)
    cleaned.encode("utf-8")  # always encodable


@given(st.lists(JSON_VALUES, max_size=5))
@settings(deadline=None)
def test_json_lines_of_any_value_never_raise(values: list[object]) -> None:
    lines = [json.dumps(v) for v in values]
    docs = list(read_jsonl("\n".join(lines), "fuzz.jsonl"))
    assert all(d.status in ("ok", "failed") for d in docs)
    for doc in docs:
        json.dumps(doc.text).encode("utf-8")
        assert all("\x00" not in w for w in doc.warnings)


@given(
    st.builds(
        lambda text, deep, digits: (
            json.dumps({"text": text})[:-1]
            + ', "x": '
            + "[" * deep
            + "1" * digits
            + "]" * deep
            + "}"
        ),
        ODD,
        st.integers(0, 3000),
        st.integers(1, 6000),
    )
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_deep_nesting_and_long_numbers_fail_one_line(line: str) -> None:
    docs = list(read_jsonl(line + "\n" + json.dumps({"text": "ok"}), "x.jsonl"))
    assert len(docs) == 2 and docs[1].status == "ok"


@given(st.binary(max_size=600), st.sampled_from(["", ".txt", ".html", ".jsonl", ".json"]))
@settings(max_examples=150, deadline=None)
def test_any_bytes_give_documents_not_exceptions(data: bytes, suffix: str) -> None:
    for doc in read_stream(data, "fuzz" + suffix, suffix=suffix):
        doc = prepare(doc)
        assert doc.status in ("ok", "skipped", "failed")
        doc.text.encode("utf-8")
        doc.id.encode("utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan army says five fighters were killed in a raid near the Afghan border.",
        "Police in Kenya say two men were arrested.\u2028Nigeria army says ten insurgents "
        "were killed in a raid in Borno state.",
        "Troops\x00 entered the town of Kherson\ud800 on Monday, Ukraine's army said.",
    ],
)
def test_records_spans_are_exact_and_mentions_unique(analyzer, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = prepare(InputDocument(text=text))
    [record] = analyzer.analyze_documents([doc])
    record.to_json(True).encode("utf-8")  # serialisable, surrogates or not
    body = record.text or ""
    spans = [m for e in record.entities for m in e.mentions]
    spans += [m for p in record.places for m in p.mentions]
    spans += [e.trigger for e in record.events]
    assert all(body[s.start : s.end] == s.text for s in spans)
    for group in [*record.places, *record.entities]:
        keys = [(m.start, m.end) for m in group.mentions]
        assert len(keys) == len(set(keys)), (group.name, keys)

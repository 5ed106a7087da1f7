"""Records as flat tables: `dossier.to_frames`, `dossier.tables` and `analyze --format parquet`."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

import dossier
from dossier.cli import cli
from dossier.record import Entity, Event, Record, Span, Statement
from dossier.tables import SCHEMAS, TABLES, published_month, record_tables

TEXT = (
    "Rebels attacked an army post near Kandor on Monday, the defence ministry said. "
    "“We will not negotiate,” said commander Ivo Brand."
)


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span.of(text, start, start + len(part))


def _handmade() -> Record:
    return Record(
        id="doc-1",
        published="2024-05-06",
        entities=[
            Entity(
                id="E1",
                name="Ivo Brand",
                type="PERSON",
                mentions=[_span(TEXT, "Ivo Brand")],
                mention_kinds=["name"],
                sector="REB",
            )
        ],
        statements=[
            Statement(
                id="S1",
                kind="direct",
                speaker="E1",
                speaker_span=_span(TEXT, "commander Ivo Brand"),
                cue=_span(TEXT, "said commander"),
                content=[_span(TEXT, "We will not negotiate")],
            ),
            Statement(id="S2", kind="indirect", content=[_span(TEXT, "Rebels attacked")]),
        ],
        events=[
            Event(
                id="V1",
                type="ASSAULT",
                source=["E1"],
                trigger=_span(TEXT, "attacked"),
                sentence=_span(TEXT, TEXT.split(". ")[0]),
                date="2024-05-06",
            )
        ],
    )


def test_every_list_becomes_a_table_with_the_document_id() -> None:
    record, failed = _handmade(), Record(id="bad", status="failed", warnings=["unreadable"])
    tables = record_tables([record, failed])
    assert list(tables) == list(TABLES)
    for name, table in tables.items():
        assert table.schema == SCHEMAS[name]
    assert tables["documents"].column("document_id").to_pylist() == ["doc-1", "bad"]
    assert tables["documents"].column("status").to_pylist() == ["ok", "failed"]
    assert tables["documents"].column("warnings").to_pylist() == [[], ["unreadable"]]
    assert tables["documents"].column("published_month").to_pylist() == ["2024-05", "unknown"]
    assert tables["statements"].num_rows == 2 and tables["events"].num_rows == 1
    assert tables["places"].num_rows == 0 and tables["relations"].num_rows == 0
    statements = tables["statements"].to_pylist()
    assert statements[0]["speaker_text"] == "commander Ivo Brand"
    assert TEXT[statements[0]["cue_start"] : statements[0]["cue_end"]] == statements[0]["cue_text"]
    assert statements[1]["speaker_start"] is None and statements[1]["cue_text"] is None
    assert statements[0]["content"] == [
        {"start": TEXT.index("We"), "end": TEXT.index("We") + 21, "text": "We will not negotiate"}
    ]
    event = tables["events"].to_pylist()[0]
    assert event["trigger_text"] == "attacked" and event["source"] == ["E1"]
    assert event["document_id"] == "doc-1"


def test_to_frames_rows_and_columns_match_the_record(seed_record) -> None:  # type: ignore[no-untyped-def]
    record, text = seed_record
    frames = dossier.to_frames([record])
    assert set(frames) == set(TABLES)
    for name in TABLES[1:]:
        frame = frames[name]
        assert len(frame) == len(getattr(record, name)), name
        assert list(frame.columns) == SCHEMAS[name].names
        assert set(frame["document_id"]) <= {record.id}
    assert len(frames["documents"]) == 1
    assert frames["documents"].loc[0, "n_events"] == len(record.events)
    events = frames["events"]
    assert list(events["event_id"]) == [e.id for e in record.events]
    for row in events.itertuples():
        assert text[row.trigger_start : row.trigger_end] == row.trigger_text
    entities = frames["entities"]
    assert list(entities["n_mentions"]) == [len(e.mentions) for e in record.entities]
    assert str(events["negated"].dtype) == "boolean"
    assert str(entities["n_mentions"].dtype) == "Int32"


def test_published_month() -> None:
    assert published_month("2025-01-08") == "2025-01"
    assert published_month(None) == "unknown"
    assert published_month("last week") == "unknown"


def test_analyze_format_parquet_writes_the_same_tables(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a1", "text": TEXT, "published": "2024-05-06"}) + "\n{broken\n"
    )
    out = tmp_path / "tables"
    result = CliRunner().invoke(
        cli, ["analyze", str(source), "--format", "parquet", "-o", str(out), "-q"]
    )
    assert result.exit_code == 1, result.output  # the broken line is a failed document
    jsonl = CliRunner().invoke(cli, ["analyze", str(source), "--format", "jsonl", "-q"])
    records = [Record.model_validate(json.loads(line)) for line in jsonl.stdout.splitlines()]
    expected = record_tables(records)
    for name in TABLES:
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.equals(SCHEMAS[name]), name
        assert table.to_pylist() == expected[name].to_pylist(), name
    documents = pq.read_table(out / "documents.parquet").to_pylist()
    assert [d["status"] for d in documents] == ["ok", "failed"]
    assert "malformed JSON" in documents[1]["warnings"][0]


def test_format_parquet_needs_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "a.txt"), "--format", "parquet"])
    assert result.exit_code == 2 and "--output" in result.output

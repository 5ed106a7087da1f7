"""Exports round-trip: what is written reads back equal to the store's answers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
from click.testing import CliRunner

from corpus_fixtures import strike_record, talks_record
from dossier.cli import cli
from dossier.store import exports, queries
from dossier.store.core import Store
from dossier.store.schema import TABLES


def filled(url: str) -> Store:
    store = Store(url)
    store.add_record(strike_record("a", published="2024-03-04"))
    store.add_record(strike_record("b", published="2024-03-05", verb="bombed", site="b.org"))
    store.add_record(talks_record("t", published="2024-03-06"))
    return store


def test_plover_jsonl_round_trip(store_url: str) -> None:
    store = filled(store_url)
    buffer = io.StringIO()
    assert exports.write_plover_jsonl(store, buffer) == 2
    rows = [json.loads(line) for line in buffer.getvalue().splitlines()]
    events = {e["id"]: e for e in queries.events(store)}
    for row in rows:
        event = events[int(row["id"].removeprefix("dossier-"))]
        assert row["event_type"] == event["type"] and row["date"] == event["date"]
        assert row["actor1"] == event["source"] and row["actor2"] == event["target"]
        assert row["num_mentions"] == event["n_mentions"] == len(row["mentions"])
        assert row["location"]["name"] == event["place"]
    strike = next(r for r in rows if r["event_type"] == "ASSAULT")
    assert strike["num_sources"] == 2 and strike["quad_class"] == 4
    assert strike["location"]["geonameid"] == 276781


def test_gdelt_csv_round_trip(store_url: str) -> None:
    store = filled(store_url)
    buffer = io.StringIO()
    exports.write_gdelt_csv(store, buffer)
    reader = csv.DictReader(io.StringIO(buffer.getvalue()))
    assert reader.fieldnames == exports.GDELT_COLUMNS
    rows = list(reader)
    events = {e["id"]: e for e in queries.events(store)}
    assert len(rows) == 2
    for row in rows:
        event = events[int(row["GlobalEventID"])]
        assert row["Day"] == event["date"].replace("-", "")
        assert row["PloverType"] == event["type"] and row["Actor1Name"] == event["source"]
        assert int(row["NumMentions"]) == event["n_mentions"]
    strike = next(r for r in rows if r["PloverType"] == "ASSAULT")
    assert strike["EventRootCode"] == "19" and strike["Actor1CountryCode"] == "ISR"
    assert strike["ActionGeo_FullName"] == "Beirut" and strike["QuadClass"] == "4"
    assert strike["SOURCEURL"].startswith("https://www.example.com/")


def test_parquet_round_trip(store_url: str, tmp_path: Path) -> None:
    store = filled(store_url)
    files = exports.to_parquet(store, tmp_path / "pq")
    assert {f.stem for f in files} == {t.name for t in TABLES}
    counts = store.counts()
    for f in files:
        assert pq.read_table(f).num_rows == counts[f.stem]
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert sorted(e["n_mentions"] for e in events) == [1, 2]
    docs = pq.read_table(tmp_path / "pq" / "documents.parquet").to_pylist()
    assert docs[0]["text"].startswith("Israel struck")


def test_graphml_and_gexf_round_trip(store_url: str, tmp_path: Path) -> None:
    store = filled(store_url)
    expected = queries.graph(store)
    g = exports.to_networkx(store)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        exports.write_graph(g, path, fmt)
        back = reader(path)
        assert back.number_of_nodes() == len(expected["nodes"])
        assert back.number_of_edges() == len(expected["edges"])
        for edge in expected["edges"]:
            data = back.edges[str(edge["source_id"]), str(edge["target_id"])]
            assert float(data["weight"]) == edge["weight"]
            assert float(data["balance"]) == edge["balance"]


def test_export_cli(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    filled(db).close()
    runner = CliRunner()
    out = runner.invoke(cli, ["export", "--db", db, "--to", "gdelt-csv"])
    assert out.exit_code == 0 and out.output.startswith("GlobalEventID,Day,")
    result = runner.invoke(
        cli, ["export", "--db", db, "--to", "plover-jsonl", "-o", str(tmp_path / "e.jsonl")]
    )
    assert result.exit_code == 0
    assert len((tmp_path / "e.jsonl").read_text().splitlines()) == 2
    result = runner.invoke(
        cli, ["export", "--db", db, "--to", "gexf", "-o", str(tmp_path / "g.gexf")]
    )
    assert result.exit_code == 0 and nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == 2
    result = runner.invoke(cli, ["export", "--db", db, "--to", "parquet"])
    assert result.exit_code != 0 and "--output" in result.output


def test_stored_records_export_as_the_frames_of_to_frames(store_url: str, tmp_path: Path) -> None:
    from pandas.testing import assert_frame_equal

    from dossier.tables import read_frames, to_frames

    records = [
        strike_record("a", published="2024-03-04"),
        strike_record("b", published="2024-03-05", verb="bombed", site="b.org"),
        talks_record("t", published="2024-03-06"),
    ]
    store = Store(store_url)
    for record in records:
        store.add_record(record)
    counts = exports.to_tables(store, tmp_path / "tables")
    assert counts["documents"] == 3 and counts["events"] == sum(len(r.events) for r in records)
    back = read_frames(tmp_path / "tables")
    expected = to_frames(records)
    for name, frame in expected.items():
        # the store keeps each record's text beside it, not in it: compare without texts
        cols = [c for c in frame.columns if c != "text"]
        assert_frame_equal(back[name][cols], frame[cols], obj=name)
    result = CliRunner().invoke(
        cli, ["export", "--db", store_url, "--to", "tables", "-o", str(tmp_path / "cli")]
    )
    assert result.exit_code == 0, result.output
    assert_frame_equal(read_frames(tmp_path / "cli")["events"], back["events"])

"""The Spark job on a local Spark session (local[2]): one shared session, two runs of the job.

Checks that the Parquet datasets hold exactly the rows of `dossier analyze` on the same
input, that bad documents are rows, that the merged events are the store's, and that a
re-run neither doubles rows nor stores anything twice.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from dossier.ingest.documents import InputDocument
from dossier.ingest.readers import iter_documents
from dossier.record import Record
from dossier.store.core import Store
from dossier.store.ingest import ingest
from dossier.tables import SCHEMAS, TABLES, record_tables

# Own example sentences: the same attacks and talks told by several outlets on nearby days,
# so that the cross-document merge has work to do.
ARTICLES = [
    (
        "a1",
        "2024-03-04",
        "Russia attacked Kharkiv, Ukrainian officials said. Ukraine said it "
        "shot down twelve Russian drones. Russia attacked Ukrainian energy facilities near "
        "Kharkiv, the governor said.",
    ),
    (
        "a2",
        "2024-03-05",
        "Russia attacked Kharkiv again, the regional governor said. Ukraine "
        "condemned the attack and said Russia shelled homes. Ukraine attacked Russian positions "
        "near Belgorod.",
    ),
    (
        "a3",
        "2024-03-05",
        "Ukraine accused Russia of shelling Kharkiv. Ukraine attacked Russian "
        "positions near Belgorod, the Russian defence ministry said. Russia attacked Ukrainian "
        "energy facilities, officials said.",
    ),
    (
        "a4",
        "2024-03-12",
        "Russia and Ukraine held talks in Istanbul for a prisoner exchange, "
        "Turkey's foreign ministry said. Turkey hosted the meeting.",
    ),
]
NOT_ENGLISH = "Der Minister sagte am Montag, dass die Gespräche in der nächsten Woche weitergehen."
PARQUET_ROWS = [
    (
        "p1",
        "2024-03-13",
        "Ukraine and Russia held talks in Istanbul, Turkish officials said. "
        "Russia said it would release prisoners. Ukraine accused Russia of delaying the exchange.",
    ),
    (
        "p2",
        "2024-03-05",
        "Ukraine attacked Russia near Belgorod, Moscow said. Russia attacked Kharkiv.",
    ),
]


def _needs_java() -> None:
    if shutil.which("java") is None and not os.environ.get("DOSSIER_REQUIRE_SPARK"):
        pytest.skip("Java is not installed (scripts/install-java.sh installs it)")


@pytest.fixture(scope="session")
def spark():  # type: ignore[no-untyped-def]
    _needs_java()
    from dossier.spark.job import session

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = session("local[2]", partitions=4, app="dossier-tests")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("spark-in")
    lines = [json.dumps({"id": i, "text": t, "published": p}) for i, p, t in ARTICLES]
    lines.insert(2, "{broken")
    lines.append(json.dumps({"id": "de", "text": NOT_ENGLISH, "published": "2024-03-04"}))
    (folder / "in.jsonl").write_text("\n".join(lines) + "\n")
    table = pa.table(
        {
            "id": [r[0] for r in PARQUET_ROWS],
            "text": [r[2] for r in PARQUET_ROWS],
            "published": [r[1] for r in PARQUET_ROWS],
            "url": ["https://news.example/p1", None],
        }
    )
    pq.write_table(table, folder / "in.parquet")
    # the same Parquet rows as JSON Lines, for `dossier analyze`
    (folder / "same.jsonl").write_text(
        "".join(
            json.dumps({"id": i, "text": t, "published": p, **({"url": u} if u else {})}) + "\n"
            for (i, p, t), u in zip(PARQUET_ROWS, table.column("url").to_pylist(), strict=True)
        )
    )
    return {"folder": folder, "jsonl": folder / "in.jsonl", "parquet": folder / "in.parquet"}


@pytest.fixture(scope="module")
def first_run(spark, inputs):  # type: ignore[no-untyped-def]
    from dossier.spark.job import run

    out = inputs["folder"] / "out"
    db = f"sqlite:///{inputs['folder'] / 'spark.db'}"
    report = run(spark, [str(inputs["jsonl"]), str(inputs["parquet"])], str(out), db=db)
    return report, out, db


@pytest.fixture(scope="module")
def plain_records(spark, inputs) -> list[Record]:  # type: ignore[no-untyped-def]
    """`dossier analyze` on the same input, in a process of its own with the environment
    the Spark workers got (other tests' session fixtures may point this process's
    knowledge tables elsewhere, e.g. at a smaller gazetteer)."""
    paths = [str(inputs["jsonl"]), str(inputs["folder"] / "same.jsonl")]
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from dossier.cli import main; main()",
            "analyze",
            *paths,
            "--format",
            "jsonl",
            "-q",
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
    )
    assert done.returncode == 1, done.stderr  # 1: some documents were not analysed
    return [Record.model_validate_json(line) for line in done.stdout.splitlines()]


class _Replay:
    """Hands the store the records `dossier analyze` made (by document id)."""

    def __init__(self, records: list[Record]) -> None:
        self.records = {r.id: r for r in records}

    def analyze_documents(self, documents: Iterable[InputDocument]) -> Iterator[Record]:
        for document in documents:
            yield self.records[document.id]


def _dataset(out: Path, name: str) -> pa.Table:
    return ds.dataset(out / name, format="parquet", partitioning="hive").to_table()


def _rows(table: pa.Table) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in table.to_pylist())


@pytest.mark.spark
@pytest.mark.slow
def test_rows_equal_plain_analyze(first_run, plain_records) -> None:  # type: ignore[no-untyped-def]
    report, out, _ = first_run
    expected = record_tables(plain_records)
    assert report.documents == len(plain_records) == 8
    for name in TABLES:
        got = _dataset(out, name).select(SCHEMAS[name].names)
        assert got.num_rows == expected[name].num_rows > 0 or name == "relations", name
        assert _rows(got) == _rows(expected[name]), name
    assert report.rows["events"] == sum(len(r.events) for r in plain_records)


@pytest.mark.spark
@pytest.mark.slow
def test_failing_documents_are_rows_with_their_warning(first_run) -> None:  # type: ignore[no-untyped-def]
    report, out, _ = first_run
    documents = {r["document_id"]: r for r in _dataset(out, "documents").to_pylist()}
    failed = [r for r in documents.values() if r["status"] == "failed"]
    assert len(failed) == 1 and "malformed JSON" in failed[0]["warnings"][0]
    assert failed[0]["warnings"][0].startswith(f"{out.parent / 'in.jsonl'}:3")
    assert documents["de"]["status"] == "skipped"
    assert "not look like English" in documents["de"]["warnings"][0]
    assert documents["p1"]["url"] == "https://news.example/p1"
    assert report.not_ok == 2


@pytest.mark.spark
@pytest.mark.slow
def test_datasets_have_the_documented_schema(first_run) -> None:  # type: ignore[no-untyped-def]
    from dossier.spark.merge import MERGED

    _, out, _ = first_run
    for name, schema in [*SCHEMAS.items(), ("events_merged", MERGED)]:
        got = pq.read_schema(next((out / name).rglob("*.parquet")))
        wanted = schema.remove(schema.get_field_index("published_month"))
        assert got.names == wanted.names, name
        for field in wanted:
            assert got.field(field.name).type.equals(field.type), (name, field.name)
        months = {p.name for p in (out / name).iterdir() if p.is_dir()}
        assert months and all(m.startswith("published_month=") for m in months), name
    months = {p.name for p in (out / "documents").iterdir() if p.is_dir()}
    assert "published_month=2024-03" in months and "published_month=unknown" in months


def _store_events(url: str) -> dict[frozenset[tuple[str, str]], tuple[Any, ...]]:
    with Store(url) as store, store.engine.connect() as conn:
        events = conn.execute(
            sa.text(
                "SELECT e.id, e.type, e.date, e.negated, e.hypothetical, p.key FROM events e "
                "LEFT JOIN places p ON p.id = e.place_id"
            )
        ).all()
        mentions = conn.execute(
            sa.text(
                "SELECT m.event_id, d.doc_id, m.event_ref FROM event_mentions m "
                "JOIN documents d ON d.id = m.document_id"
            )
        ).all()
        actors = conn.execute(
            sa.text(
                "SELECT x.event_id, x.role, a.key FROM event_actors x "
                "JOIN actors a ON a.id = x.actor_id"
            )
        ).all()
    found: dict[frozenset[tuple[str, str]], tuple[Any, ...]] = {}
    for event_id, type_, day, negated, hypothetical, place in events:
        key = frozenset((d, r) for e, d, r in mentions if e == event_id)
        sources = sorted(a for e, role, a in actors if e == event_id and role == "source")
        targets = sorted(a for e, role, a in actors if e == event_id and role == "target")
        found[key] = (type_, day, bool(negated), bool(hypothetical), place, sources, targets)
    return found


@pytest.mark.spark
@pytest.mark.slow
def test_merged_events_are_the_stores(first_run, inputs, plain_records, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, out, spark_db = first_run
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store(url) as store:
        documents = iter_documents([inputs["jsonl"], inputs["folder"] / "same.jsonl"])
        ingest(store, documents, analyzer=_Replay(plain_records))
    wanted = _store_events(url)
    got = {
        frozenset((m["document_id"], m["event_id"]) for m in row["mentions"]): (
            row["type"],
            row["date"].isoformat() if row["date"] else None,
            row["negated"],
            row["hypothetical"],
            row["place_key"],
            row["sources"],
            row["targets"],
        )
        for row in _dataset(out, "events_merged").to_pylist()
    }
    assert any(len(key) > 1 for key in wanted), "the input should make the store merge events"
    assert got == wanted
    # --db loaded the same records through the store's ingest path
    assert _store_events(spark_db) == wanted


@pytest.mark.spark
@pytest.mark.slow
def test_rerun_replaces_the_output_and_stores_nothing_twice(spark, first_run, inputs) -> None:  # type: ignore[no-untyped-def]
    from dossier.spark.job import run

    report, out, db = first_run
    before = {name: _rows(_dataset(out, name)) for name in (*TABLES, "events_merged")}
    with Store(db) as store:
        counts = store.counts()
    again = run(spark, [str(inputs["jsonl"]), str(inputs["parquet"])], str(out), db=db)
    assert again.rows == report.rows
    assert again.stored is not None and again.stored.stored == 0
    assert again.stored.skipped_known == report.documents
    for name, rows in before.items():
        assert _rows(_dataset(out, name)) == rows, name
    with Store(db) as store:
        assert store.counts() == counts
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith("out.")]
    assert leftovers == []
    # a folder that holds something else is never replaced
    with pytest.raises(ValueError, match="not the output"):
        run(spark, [str(inputs["jsonl"])], str(inputs["folder"]))
    assert (inputs["folder"] / "in.jsonl").is_file()


def test_usage_errors_come_before_spark_starts(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dossier.cli import cli

    result = CliRunner().invoke(cli, ["spark", "in.jsonl", str(tmp_path), "--published", "May"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = CliRunner().invoke(cli, ["spark", "--help"])
    assert result.exit_code == 0 and "events_merged" in result.output

"""The Spark job: inputs → documents → records → Parquet tables and merged events.

Stages (each a DataFrame operation; docs/spark.md shows how to run them on a cluster):

1. documents: Parquet tables of articles are read by Spark (any path Spark reads); files
   and folders of text, HTML, JSON Lines, WARC and feeds are listed on the driver and read
   on the executors by Dossier's own readers (so such paths must be visible to every
   executor: local mode, or a shared file system);
2. records: `mapInArrow` over the documents, one Analyzer per Python worker
   (`dossier.spark.worker`), which also flattens each record by `dossier.tables` and makes
   its views for the merge (so no later stage parses a record again); ``records/`` holds
   the JSON record of each document;
3. tables: ``documents/``, ``entities/``, ``statements/``, ``events/``, ``places/``,
   ``relations/``, unnested from the analysing stage's rows and partitioned by
   ``published_month``;
4. ``events_merged/``: the store's cross-document event merge (`dossier.spark.merge`).

Everything is written under a temporary folder beside OUT and renamed to OUT at the end
(the old OUT, if any, is replaced), so OUT is either the previous complete result or the
new one, and a re-run never doubles rows. With a store URL the records are then loaded into
the store through `dossier.store.ingest.ingest`, which skips documents already stored.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.ingest.documents import DEFAULT_MAX_CHARS, InputDocument
from dossier.record import Record
from dossier.tables import TABLES

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from dossier.store.ingest import IngestReport

PARQUET_SUFFIXES = (".parquet", ".pq")
# Local mode: the JVM only moves Arrow batches and writes Parquet, while the Python workers
# analyse. The parallel collector and the C1 compiler alone halve the JVM's CPU time on a
# 2,000-document run (bench/README.md), leaving the cores to the workers.
LOCAL_JVM_OPTIONS = "-XX:+UseParallelGC -XX:TieredStopAtLevel=1"
MERGED = "events_merged"
RECORDS = "records"
ANALYSED = "_analysed"  # the analysing stage's rows, removed before the commit
DATASETS = (*TABLES, MERGED, RECORDS)


@dataclass
class SparkReport:
    """What a run wrote."""

    out: str
    documents: int = 0
    not_ok: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    stored: IngestReport | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage


def session(
    master: str | None = None, partitions: int | None = None, app: str = "dossier"
) -> SparkSession:
    """A Spark session for the job: `master` when given, else spark-submit's, else local[*].

    Locally the Python workers run the driver's interpreter (the same environment)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if master or not under_submit:
        builder = builder.master(master or "local[*]")
    if (master or "local").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.ui.enabled", "false")
        if not under_submit:
            # the one JVM (driver and executor) shares the cores with the Python workers
            builder = builder.config("spark.driver.extraJavaOptions", LOCAL_JVM_OPTIONS)
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _is_parquet(path: str) -> bool:
    if path.lower().endswith(PARQUET_SUFFIXES):
        return True
    local = Path(path)
    return local.is_dir() and any(local.glob("*.parquet")) and not _has_text_files(local)


def _has_text_files(folder: Path) -> bool:
    from dossier.store.ingest import is_corpus_file

    return any(p.is_file() and is_corpus_file(p) for p in folder.rglob("*"))


def list_files(paths: Iterable[str]) -> list[str]:
    """The files under `paths`, in the order `dossier analyze` reads them."""
    from dossier.store.ingest import is_corpus_file

    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                str(p) for p in sorted(path.rglob("*")) if p.is_file() and is_corpus_file(p)
            )
        else:
            files.append(str(path))  # a missing file becomes a failed document
    return files


def read_documents(
    spark: SparkSession,
    paths: list[str],
    *,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> DataFrame:
    """One row per input document (`dossier.spark.worker.DOCUMENTS`), with its input order."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from dossier.spark import worker

    if "-" in paths:
        raise ValueError("dossier spark reads files and tables, not standard input ('-')")
    schema = from_arrow_schema(worker.DOCUMENTS)
    parts: list[DataFrame] = []
    text_paths = [p for p in paths if not _is_parquet(p)]
    files = list_files(text_paths)
    if files:
        rows = [(n, path) for n, path in enumerate(files)]
        listing = spark.createDataFrame(rows, from_arrow_schema(worker.FILES)).repartition(
            max(1, min(len(files), spark.sparkContext.defaultParallelism))
        )
        parts.append(listing.mapInArrow(worker.read_files(published, max_chars), schema))
    base = len(files) * worker.FILE_STRIDE
    for n, path in enumerate(p for p in paths if _is_parquet(p)):
        table = spark.read.parquet(path)
        columns = set(table.columns)
        if not {"text"} <= columns:
            raise ValueError(f"{path}: a Parquet input needs a 'text' column")
        select = [
            F.col(c).cast("string").alias(c)
            if c in columns
            else F.lit(None).cast("string").alias(c)
            for c in ("id", "text", "published", "url", "title")
        ]
        offset = base + (n + len(files)) * worker.FILE_STRIDE
        numbered = table.select(*select).withColumn(
            "seq", F.monotonically_increasing_id() + F.lit(offset)
        )
        parts.append(
            numbered.select("seq", "id", "text", "published", "url", "title").mapInArrow(
                worker.table_rows(published, max_chars), schema
            )
        )
    if not parts:
        raise ValueError("no inputs given")
    documents = parts[0]
    for part in parts[1:]:
        documents = documents.unionByName(part)
    return documents


def _hadoop(spark: SparkSession, path: str) -> tuple[Any, Any]:
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return fs, hpath


def _qualified(out: str) -> str:
    return out if "://" in out else str(Path(out).resolve())


def run(
    spark: SparkSession,
    paths: list[str],
    out: str,
    *,
    partitions: int | None = None,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = 16,
    include_text: bool = False,
    db: str | None = None,
) -> SparkReport:
    """Analyse `paths` into the datasets under `out` (replaced atomically); see the module."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from dossier.spark import worker
    from dossier.spark.merge import MERGED as MERGED_SCHEMA
    from dossier.spark.merge import merged_events
    from dossier.tables import SCHEMAS

    out = _qualified(out)
    tmp = f"{out.rstrip('/')}.tmp-{uuid.uuid4().hex[:12]}"
    report = SparkReport(out=out)
    fs, tmp_path = _hadoop(spark, tmp)
    _check_replaceable(spark, out)
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[stage] = round(now - clock, 3)
        clock = now

    try:
        documents = read_documents(spark, paths, published=published, max_chars=max_chars)
        n = partitions or spark.sparkContext.defaultParallelism
        analysed = documents.repartition(n).mapInArrow(
            worker.analyse(max_chars, batch_size, include_text),
            from_arrow_schema(worker.analysed_schema()),
        )
        # analysed once; every later stage reads these rows and never parses a record again
        analysed.write.parquet(f"{tmp}/{ANALYSED}")
        lap("analyse")
        analysed = spark.read.parquet(f"{tmp}/{ANALYSED}")
        analysed.select(*worker.RECORDS.names).write.parquet(f"{tmp}/{RECORDS}")
        sizes = analysed.agg(
            F.count("*").alias("documents"),
            F.sum(F.when(F.col("status") != "ok", 1).otherwise(0)).alias("not_ok"),
            *(F.sum(F.size(f"rows_{name}")).alias(name) for name in TABLES),
        ).first()
        assert sizes is not None
        report.documents, report.not_ok = int(sizes["documents"]), int(sizes["not_ok"] or 0)
        for name in TABLES:
            report.rows[name] = int(sizes[name] or 0)
            table = analysed.select(f"rows_{name}").mapInArrow(
                worker.unnest(SCHEMAS[name]), from_arrow_schema(SCHEMAS[name])
            )
            table.write.partitionBy("published_month").parquet(f"{tmp}/{name}")
        lap("tables")
        merged_events(analysed).write.partitionBy("published_month").parquet(f"{tmp}/{MERGED}")
        lap("merge")
        # with its schema: a dataset with no rows has no files to infer one from
        merged = spark.read.schema(from_arrow_schema(MERGED_SCHEMA)).parquet(f"{tmp}/{MERGED}")
        report.rows[MERGED] = merged.count()
        report.rows[RECORDS] = report.documents
        fs.delete(_hadoop(spark, f"{tmp}/{ANALYSED}")[1], True)
        _commit(spark, tmp, out)
        lap("count_and_commit")
    except BaseException:
        if fs.exists(tmp_path):
            fs.delete(tmp_path, True)
        raise
    if db:
        report.stored = load_into_store(spark, out, db)
        lap("store")
    return report


def _check_replaceable(spark: SparkSession, out: str) -> None:
    """OUT is replaced at the end: refuse a folder that is not empty and holds no earlier
    result of this job (no `records/`), so no one loses other files by a wrong argument."""
    fs, path = _hadoop(spark, out)
    if not fs.exists(path):
        return
    names = {status.getPath().getName() for status in fs.listStatus(path)}
    if names and RECORDS not in names:
        raise ValueError(
            f"{out} exists and is not the output of an earlier `dossier spark` run "
            "(it is replaced as a whole): choose a new or empty folder"
        )


def _commit(spark: SparkSession, tmp: str, out: str) -> None:
    """Replace `out` by `tmp`: two renames, so `out` is never half written."""
    fs, tmp_path = _hadoop(spark, tmp)
    _, out_path = _hadoop(spark, out)
    old = None
    if fs.exists(out_path):
        _, old = _hadoop(spark, f"{out.rstrip('/')}.old-{uuid.uuid4().hex[:12]}")
        if not fs.rename(out_path, old):
            raise OSError(f"cannot move the previous {out} aside")
    if not fs.rename(tmp_path, out_path):
        if old is not None:
            fs.rename(old, out_path)
        raise OSError(f"cannot rename {tmp} to {out}")
    if old is not None:
        fs.delete(old, True)


def iter_records(spark: SparkSession, out: str) -> Iterator[tuple[Record, str]]:
    """The records of a finished run, in input order, with each document's origin."""
    from dossier.spark.worker import load_record

    frame = spark.read.parquet(f"{_qualified(out)}/{RECORDS}").orderBy("seq")
    for row in frame.select("record", "origin").toLocalIterator():
        yield load_record(row["record"]), row["origin"]


@dataclass
class _AnalysedDocument(InputDocument):
    """An input document that carries the record the Spark job made of it."""

    record: Record | None = None


class _Analysed:
    """An `AnalyzerLike` that hands back the records the Spark job made."""

    def analyze_documents(self, documents: Iterable[InputDocument]) -> Iterator[Record]:
        for document in documents:
            assert isinstance(document, _AnalysedDocument) and document.record is not None
            yield document.record


def load_into_store(spark: SparkSession, out: str, url: str, batch_size: int = 256) -> IngestReport:
    """Store the run's records through the store's ingest path: in batches of one transaction
    each, skipping documents whose text is stored already (a re-run adds nothing twice)."""
    from dossier.store.core import Store
    from dossier.store.ingest import ingest

    def documents() -> Iterator[InputDocument]:
        for record, origin in iter_records(spark, out):
            yield _AnalysedDocument(
                text=record.text or "",
                id=record.id,
                published=record.published,
                url=record.url,
                title=record.title,
                origin=origin,
                status=record.status,
                record=record,
            )

    with Store(url) as store:
        return ingest(store, documents(), analyzer=_Analysed(), batch_size=batch_size)

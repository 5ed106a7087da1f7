"""`dossier spark`: run the analysis as an Apache Spark job."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console

from dossier.cli.inputs import max_chars_option, published_option


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.argument("out", nargs=1)
@click.option(
    "--master",
    default=None,
    help="Spark master: local[N], spark://host:7077, yarn, k8s://... "
    "[default: spark-submit's, else local[*]]",
)
@click.option(
    "--partitions",
    type=click.IntRange(1, 1_000_000),
    default=None,
    help="Partitions of the documents to analyse (and of the merge's shuffles) "
    "[default: the cluster's cores]. A few per core keeps every core busy to the end.",
)
@click.option(
    "--db",
    "db",
    metavar="URL",
    default=None,
    help="Also load the records into this store (sqlite:///x.db, postgresql://...); "
    "documents stored already are skipped.",
)
@published_option
@click.option("--include-text", is_flag=True, help="Keep each text in documents/ (column text).")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 1000),
    default=16,
    show_default=True,
    help="Documents per nlp.pipe batch in each worker.",
)
@max_chars_option
@click.option("--timings", is_flag=True, help="Print each stage's wall time (JSON) at the end.")
def spark(
    inputs: tuple[str, ...],
    out: str,
    master: str | None,
    partitions: int | None,
    db: str | None,
    published: str | None,
    include_text: bool,
    batch_size: int,
    max_chars: int,
    timings: bool,
) -> None:
    """Analyse INPUTS with Apache Spark into Parquet datasets under OUT.

    INPUTS are Parquet tables of articles (columns id, text, published and optionally url,
    title; any path Spark reads), or files and folders of .txt, .html, .jsonl, WARC and
    feeds (read by the executors with the readers of `dossier analyze`, so on a cluster
    they must be on a shared file system). Every executor's Python worker loads the
    Analyzer once; the records are those of `dossier analyze` on the same input.

    \b
    OUT gets, partitioned by published_month:
      documents/ entities/ statements/ events/ places/ relations/   flat tables
      events_merged/   events merged across documents (the store's rule)
      records/         each document's full JSON record
    OUT is replaced as a whole at the end of a successful run, never half written.

    \b
    Examples:
      dossier spark articles.jsonl out/ --master local[4]
      dossier spark articles.parquet out/ --db postgresql://localhost/dossier
      spark-submit --master yarn .../dossier/spark/submit.py s3a://b/in.parquet s3a://b/out
    (docs/spark.md: shipping the environment, memory, partitions.)

    Exit status: 0 when every document was analysed, 1 when any was not (they are rows
    with status failed or skipped and the reason), 2 on usage errors.
    """
    from dossier.spark.job import run, session

    err = Console(stderr=True)
    try:
        spark_session = session(master, partitions)
    except Exception as exc:  # no Java, bad master: say so, no traceback
        raise click.ClickException(f"cannot start Spark: {type(exc).__name__}: {exc}") from None
    try:
        report = run(
            spark_session,
            list(inputs),
            out,
            partitions=partitions,
            published=published,
            max_chars=max_chars,
            batch_size=batch_size,
            include_text=include_text,
            db=db,
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except Exception as exc:  # a Spark or storage error: its first line, no traceback
        first = (str(exc).strip().splitlines() or [""])[0][:500]
        raise click.ClickException(
            f"the Spark job failed ({type(exc).__name__}): {first}; OUT was left as it was"
        ) from None
    finally:
        spark_session.stop()
    rows = ", ".join(f"{n} {name}" for name, n in report.rows.items())
    err.print(f"wrote {report.out}: {rows}", highlight=False, soft_wrap=True)
    if timings:
        click.echo(f"stages: {json.dumps(report.seconds)}", err=True)
    if report.stored is not None:
        err.print(f"store: {report.stored.summary()}", highlight=False, soft_wrap=True)
    if report.not_ok:
        err.print(
            f"[yellow]{report.not_ok} of {report.documents} document(s) not analysed[/]; "
            "see status and warnings in documents/."
        )
        sys.exit(1)


def main() -> None:
    spark(prog_name="dossier spark")

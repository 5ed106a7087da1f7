"""`dossier analyze` and `dossier schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from dossier.cli.dictionaries import dictionary_option, parse_dictionaries
from dossier.ingest.documents import DEFAULT_MAX_CHARS
from dossier.record import Record, json_schema

FORMATS = ["json", "jsonl", "text", "html", "parquet"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="json: one record (an array for several documents); jsonl: one record per line; "
    "text: a readable summary; html: a page per document with everything highlighted; "
    "parquet: one Parquet table per list (documents, entities, ...) in the --output folder.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default=None,
    help="Write here instead of standard output (for html with several documents and for "
    "parquet: a folder).",
)
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    default=None,
    help="Publication date for inputs that carry none (relative dates and roles resolve to it).",
)
@click.option("--include-text", is_flag=True, help="Add the analysed text to each record.")
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 1000),
    default=16,
    show_default=True,
    help="Documents per nlp.pipe batch.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(1000),
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Longer texts are cut at a paragraph break (with a warning).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or per-document messages.")
@dictionary_option
def analyze(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    published: str | None,
    include_text: bool,
    workers: int,
    batch_size: int,
    max_chars: int,
    quiet: bool,
    dictionaries: tuple[str, ...],
) -> None:
    """Analyse news articles: entities, statements, events, places and relations.

    PATHS are .txt, .html and .jsonl files, folders (read recursively, in sorted order) or -
    for standard input. Records keep the input order; a document that cannot be analysed still
    gets a record, with the reason in `warnings`.

    \b
    Examples:
      dossier analyze article.txt --published 2025-01-08 --format text
      dossier analyze news/ --format jsonl -o records.jsonl --workers 2
      cat feed.jsonl | dossier analyze - --format jsonl
      dossier analyze page.html --format html -o page-annotated.html
      dossier analyze news/ --format parquet -o tables/
      dossier analyze news/ --dictionary verbs=CAMEO.verbs --dictionary actors=my.actors

    Exit status: 0 when every document was analysed, 1 when any was not (empty, binary,
    unreadable, not English, malformed), 2 on usage errors.
    """
    from dossier.ingest.readers import iter_documents
    from dossier.runner import run_batch

    if published is not None:
        _check_date(published)
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FOLDER")
    err = Console(stderr=True, quiet=quiet)
    dictionary_paths = parse_dictionaries(dictionaries, err)
    documents = list(iter_documents(paths, published=published, max_chars=max_chars))
    if not documents:
        raise click.UsageError("no documents found in the given paths (.txt, .html, .jsonl)")
    for document in documents:
        for warning in document.warnings:
            err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)

    texts = {id(d): d.text for d in documents}
    records: list[Record] = []
    progress = Progress(
        TextColumn("[bold]analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet or len(documents) < 2,
    )
    with progress:
        task = progress.add_task("analyse", total=len(documents))
        for record in run_batch(
            documents,
            workers=workers,
            batch_size=batch_size,
            max_chars=max_chars,
            dictionaries=dictionary_paths or None,
        ):
            records.append(record)
            progress.advance(task)

    _write(records, [texts[id(d)] for d in documents], fmt, output, include_text)
    not_ok = [r for r in records if r.status != "ok"]
    if not_ok:
        err.print(
            f"[yellow]{len(not_ok)} of {len(records)} document(s) not analysed[/]; "
            "see the warnings in their records."
        )
        sys.exit(1)


def _check_date(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--published"
        ) from None


def _write(
    records: list[Record], texts: list[str], fmt: str, output: str | None, include_text: bool
) -> None:
    if fmt == "html":
        _write_html(records, texts, output)
        return
    if fmt == "parquet":
        if output is None:
            raise click.UsageError("--format parquet needs --output FOLDER")
        from dossier.tables import write_parquet

        write_parquet(records, output, include_text)
        return
    out: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        if fmt == "json":
            data = [r.to_dict(include_text) for r in records]
            json.dump(data[0] if len(data) == 1 else data, out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif fmt == "jsonl":
            for record in records:
                out.write(record.to_json(include_text) + "\n")
        else:
            from dossier.output.text import render_text

            console = Console(file=out, width=None if out is sys.stdout else 120)
            for record, text in zip(records, texts, strict=True):
                render_text(record, text, console)
    finally:
        if out is not sys.stdout:
            out.close()


def _write_html(records: list[Record], texts: list[str], output: str | None) -> None:
    from dossier.output.html import render_html

    pages = [render_html(r, t) for r, t in zip(records, texts, strict=True)]
    if len(pages) == 1 and (output is None or not Path(output).is_dir()):
        if output:
            Path(output).write_text(pages[0], encoding="utf-8")
        else:
            sys.stdout.write(pages[0])
        return
    if output is None:
        raise click.UsageError("--format html with several documents needs --output FOLDER")
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    for record, page in zip(records, pages, strict=True):
        (folder / f"{_safe(record.id)}.html").write_text(page, encoding="utf-8")


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)[:120] or "document"


@click.command()
def schema() -> None:
    """Print the JSON Schema of the analysis record (docs/analysis-record.md explains it)."""
    click.echo(json.dumps(json_schema(), indent=2))

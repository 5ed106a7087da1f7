"""`dossier analyze` and `dossier schema`."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dossier.cli.dictionaries import dictionary_option, parse_dictionaries
from dossier.cli.inputs import column_option, max_chars_option, published_option
from dossier.ingest.documents import InputDocument
from dossier.record import Record, json_schema

if TYPE_CHECKING:
    from dossier.tables import ParquetWriter

FORMATS = ["json", "jsonl", "text", "html", "parquet"]


@click.command()
@column_option
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
@published_option
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
@max_chars_option
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
    columns: dict[str, str],
    dictionaries: tuple[str, ...],
) -> None:
    """Analyse news articles: entities, statements, events, places and relations.

    PATHS are text (.txt), HTML, JSON Lines or JSON (.jsonl, .json: one object or an array),
    CSV/TSV and Parquet tables of articles, WARC archives (.warc, .warc.gz: one document per
    HTML response, with its URL), RSS/Atom feeds, folders of all of these (read recursively,
    in sorted order) or - for standard input. Records keep the input order; a document that cannot be analysed still
    gets a record, with the reason in `warnings`.

    \b
    Examples:
      dossier analyze article.txt --published 2025-01-08 --format text
      dossier analyze news/ --format jsonl -o records.jsonl --workers 2
      cat feed.jsonl | dossier analyze - --format jsonl
      dossier analyze page.html --format html -o page-annotated.html
      dossier analyze crawl.warc.gz --format jsonl -o pages.jsonl
      dossier analyze articles.csv --column text=body --format jsonl
      dossier analyze news/ --format parquet -o tables/
      dossier analyze news/ --dictionary verbs=CAMEO.verbs --dictionary actors=my.actors

    Records are written as they are made, so memory does not grow with the number of
    documents and an interrupted run (Ctrl-C) keeps every record written so far.

    \b
    Exit status:
      0    every document was analysed
      1    some document was not (empty, binary, unreadable, not English, malformed)
      2    usage error, or the output cannot be written (checked before any analysis)
      130  interrupted (Ctrl-C); the records written so far are kept
    """
    from dossier.ingest.readers import iter_documents
    from dossier.runner import run_batch

    err = Console(stderr=True, quiet=quiet)
    dictionary_paths = parse_dictionaries(dictionaries, err)
    documents = _announced(
        iter_documents(paths, published=published, max_chars=max_chars, columns=columns), err
    )
    head = list(islice(documents, 2))  # enough to tell one document from several
    if not head:
        raise click.UsageError(
            "no documents found in the given paths (see --help for the formats read)"
        )
    sink = Sink.open(fmt, output, include_text, several=len(head) > 1)
    progress = Progress(
        TextColumn("[bold]analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or len(head) < 2,
    )
    not_ok = written = 0
    try:
        with progress:
            task = progress.add_task("analyse", total=None)
            for record in run_batch(
                chain(head, documents),
                workers=workers,
                batch_size=batch_size,
                max_chars=max_chars,
                dictionaries=dictionary_paths or None,
            ):
                sink.write(record)
                written += 1
                not_ok += record.status != "ok"
                progress.advance(task)
        sink.close()
    except KeyboardInterrupt:
        sink.close(interrupted=True)
        click.echo(f"interrupted: {written} record(s) written", err=True)
        sys.exit(130)
    except OSError as error:
        sink.abandon()
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None
    if not_ok:
        err.print(
            f"[yellow]{not_ok} of {written} document(s) not analysed[/]; "
            "see the warnings in their records."
        )
        sys.exit(1)


class OutputError(click.ClickException):
    """The output cannot be written: exit status 2, like a usage error."""

    exit_code = 2


def _announced(documents: Iterator[InputDocument], err: Console) -> Iterator[InputDocument]:
    """The documents, printing each one's input warnings as it is read."""
    for document in documents:
        for warning in document.warnings:
            err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
        yield document


class Sink:
    """Where records go, one at a time, in the chosen format; opened before any analysis so
    that a bad output path is reported at once."""

    def __init__(
        self,
        fmt: str,
        out: TextIO | None,
        folder: Path | None,
        include_text: bool,
        tables: ParquetWriter | None = None,
    ):
        self.fmt = fmt
        self.out = out
        self.folder = folder
        self.include_text = include_text
        self.tables = tables  # --format parquet: one file per table in `folder`
        self.count = 0
        self._first: str | None = None  # json: the first record, until a second one comes
        self._names: set[str] = set()
        self._console: Console | None = None

    @classmethod
    def open(cls, fmt: str, output: str | None, include_text: bool, *, several: bool) -> Sink:
        folder = None
        if fmt == "parquet":
            if output is None:
                raise click.UsageError("--format parquet needs --output FOLDER")
            from dossier.tables import ParquetWriter

            try:
                tables = ParquetWriter(output, include_text)
            except OSError as error:
                raise OutputError(f"cannot write to folder {output}: {error.strerror}") from None
            return cls(fmt, None, Path(output), include_text, tables)
        if fmt == "html" and output is not None and (several or Path(output).is_dir()):
            folder = Path(output)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                probe = folder / ".dossier-write-test"
                probe.write_text("")
                probe.unlink()
            except OSError as error:
                raise OutputError(f"cannot write to folder {output}: {error.strerror}") from None
            return cls(fmt, None, folder, include_text)
        if fmt == "html" and several:
            raise click.UsageError("--format html with several documents needs --output FOLDER")
        if output is None:
            return cls(fmt, sys.stdout, None, include_text)
        if Path(output).is_dir():
            raise OutputError(f"cannot write to {output}: it is a folder")
        try:
            out = open(output, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise OutputError(f"cannot write to {output}: {error.strerror}") from None
        return cls(fmt, out, None, include_text)

    def write(self, record: Record) -> None:
        self.count += 1
        if self.tables is not None:
            self.tables.write(record)
            return
        if self.fmt == "html":
            self._write_html(record)
            return
        assert self.out is not None
        if self.fmt == "jsonl":
            self.out.write(record.to_json(self.include_text) + "\n")
            self.out.flush()
        elif self.fmt == "json":
            item = json.dumps(record.to_dict(self.include_text), ensure_ascii=False, indent=2)
            if self.count == 1:
                self._first = item
                return
            if self.count == 2:
                self.out.write("[\n" + _indent(self._first or ""))
            self.out.write(",\n" + _indent(item))
            self.out.flush()
        else:
            from dossier.output.text import render_text

            if self._console is None:
                width = None if self.out is sys.stdout else 120
                self._console = Console(file=self.out, width=width)
            render_text(record, record.text or "", self._console)

    def _write_html(self, record: Record) -> None:
        from dossier.output.html import render_html

        page = render_html(record, record.text or "")
        if self.folder is None:
            assert self.out is not None
            self.out.write(page)
            return
        (self.folder / self._page_name(record.id)).write_text(page, encoding="utf-8")

    def _page_name(self, doc_id: str) -> str:
        """A file name of its own for every document: ids that read the same once made safe
        for a file system ("a/b", "a_b", "a?b") get a digest of the id, then a number."""
        base = _safe(doc_id)
        name = f"{base}.html"
        if name.lower() in self._names:
            base = f"{base[:100]}-{hashlib.sha1(doc_id.encode()).hexdigest()[:10]}"
            name, n = f"{base}.html", 1
            while name.lower() in self._names:
                n += 1
                name = f"{base}-{n}.html"
        self._names.add(name.lower())
        return name

    def close(self, *, interrupted: bool = False) -> None:
        """Finish the output (a json array is closed even when interrupted)."""
        if self.tables is not None:
            self.tables.close()
            self.tables = None
        if self.out is None:
            return
        if self.fmt == "json":
            if self.count == 1 and self._first is not None:
                self.out.write(self._first + "\n")
            elif self.count > 1:
                self.out.write("\n]\n")
        self.out.flush()
        if self.out is not sys.stdout:
            self.out.close()
        self.out = None

    def abandon(self) -> None:
        """Close after a write error, without writing more."""
        if self.out is not None and self.out is not sys.stdout:
            with contextlib.suppress(OSError):
                self.out.close()
        self.out = None


def _indent(item: str) -> str:
    return "\n".join("  " + line for line in item.splitlines())


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)[:120] or "document"


@click.command()
def schema() -> None:
    """Print the JSON Schema of the analysis record (docs/analysis-record.md explains it)."""
    click.echo(json.dumps(json_schema(), indent=2))

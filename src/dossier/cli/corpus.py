"""Corpus commands: ingest, query, actors, graph, export, serve (logic in dossier.store)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from dossier.cli.dictionaries import dictionary_option, parse_dictionaries
from dossier.cli.inputs import column_option, max_chars_option, published_option
from dossier.store.engine import DEFAULT_URL, StoreError

FORMATS = click.Choice(["table", "json", "csv"])


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        default=DEFAULT_URL,
        show_default=True,
        envvar="DOSSIER_DB",
        help="store: sqlite:///FILE or postgresql://USER@HOST:PORT/DB (env DOSSIER_DB)",
    )(func)


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format", "fmt", type=FORMATS, default="table", show_default=True, help="output format"
    )(func)


def open_store(db: str, *, error: type[click.ClickException] = click.ClickException) -> Any:
    """The store at `db`; one that cannot be opened ends the command with `error`."""
    from dossier.store.core import Store

    try:
        return Store(db)
    except StoreError as err:
        raise error(str(err)) from err


def emit(
    rows: list[dict[str, Any]],
    fmt: str,
    *,
    title: str = "",
    table_columns: list[str] | None = None,
) -> None:
    """Rows as a rich table (only `table_columns` if given), a JSON array or CSV."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
        click.echo(buffer.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    if table_columns:
        columns = [c for c in table_columns if not rows or c in rows[0]]
    table = Table(title=title or None, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row[c], 120) for c in columns))
    console = Console()
    console.print(table)
    if not rows:
        console.print("[dim]no rows[/dim]")


def _cell(value: Any, width: int = 0) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _run(func: Callable[[], Any]) -> Any:
    from dossier.store.queries import QueryError

    try:
        return func()
    except (QueryError, StoreError) as err:
        raise click.ClickException(str(err)) from err


# --------------------------------------------------------------------------- ingest
@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@published_option
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=32,
    show_default=True,
    help="documents per transaction",
)
@max_chars_option
@click.option("--retry-failed", is_flag=True, help="analyse again documents stored as failed")
@click.option("--quiet", "-q", is_flag=True, help="no progress bar")
@column_option
@dictionary_option
def ingest(
    paths: tuple[str, ...],
    db: str,
    published: str | None,
    batch_size: int,
    max_chars: int,
    retry_failed: bool,
    quiet: bool,
    columns: dict[str, str],
    dictionaries: tuple[str, ...],
) -> None:
    """Analyse documents and add them to the store (the inputs of `analyze`: text, HTML, JSON
    Lines, JSON, CSV/TSV and Parquet tables, WARC, RSS/Atom, folders, - for standard input).

    Documents already stored (same text) are skipped before analysis, so running it again
    after an interruption finishes the job without doubling anything. Documents are stored
    in batches of --batch-size, one transaction each: an interrupted run keeps every whole
    batch stored before it.

    \b
    Examples:
      dossier ingest news/ --db sqlite:///corpus.db
      dossier ingest feed.jsonl --db postgresql://me@localhost/dossier --published 2025-01-08
      dossier ingest news/ --retry-failed

    \b
    Exit status:
      0    every document read was analysed and stored, or was in the store already
      1    some document was not analysed (empty, binary, unreadable, not English,
           malformed); it is stored with status failed or skipped and the reason
      2    usage error, or the store cannot be opened or written (checked before any
           analysis)
      130  interrupted (Ctrl-C); the batches stored so far are kept
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from dossier.store.ingest import IngestReport, iter_corpus_documents
    from dossier.store.ingest import ingest as run_ingest

    console = Console(stderr=True)
    dictionary_paths = parse_dictionaries(dictionaries, console)
    store = open_store(db, error=StoreUnusable)
    documents = iter_corpus_documents(
        paths, published=published, max_chars=max_chars, columns=columns
    )
    report = IngestReport()
    try:
        analyzer = None
        if dictionary_paths:
            from dossier.analyzer import Analyzer

            analyzer = Analyzer(max_chars=max_chars, dictionaries=dictionary_paths)
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/bold]"),
            BarColumn(),
            TextColumn("{task.fields[info]}"),
            TimeElapsedColumn(),
            console=console,
            disable=quiet,
            transient=False,
        ) as bar:
            task = bar.add_task("ingest", total=None, info="reading")

            class _Bar:
                def update(self, report: IngestReport) -> None:
                    bar.update(
                        task,
                        completed=report.stored,
                        info=f"{report.stored} stored, {report.skipped_known} known, "
                        f"{report.failed} failed",
                    )

            run_ingest(
                store,
                documents,
                batch_size=batch_size,
                retry_failed=retry_failed,
                progress=_Bar(),
                analyzer=analyzer,
                report=report,
            )
    except KeyboardInterrupt:
        store.close()
        click.echo(f"interrupted: {report.stored} document(s) stored", err=True)
        sys.exit(130)
    except StoreError as err:
        store.close()
        raise StoreUnusable(str(err)) from None
    store.close()
    if not (report.stored or report.skipped_known or report.duplicates):
        raise click.UsageError(
            "no documents found in the given paths (see --help for the formats read)"
        )
    console.print(report.summary())
    for failure in report.failures[:20]:
        console.print(f"[yellow]failed[/yellow] {failure}", highlight=False)
    not_analysed = report.failed + report.not_analysed
    if not_analysed:
        console.print(
            f"[yellow]{not_analysed} of {report.stored} document(s) stored not analysed[/]; "
            "see their warnings: dossier query documents --status failed (or skipped)."
        )
        sys.exit(1)


class StoreUnusable(click.ClickException):
    """The store cannot be opened or written: exit status 2, like a usage error."""

    exit_code = 2


# --------------------------------------------------------------------------- query
@click.group("query")
def query() -> None:
    """Ask the store: events, statements, full-text search, documents, places."""


@query.command("events")
@db_option
@format_option
@click.option("--actor", help="either side: name, ISO3 country, actor code or KB id")
@click.option("--source", help="the acting side")
@click.option("--target", help="the receiving side")
@click.option("--type", "etype", help="PLOVER type (ASSAULT, CONSULT ...)")
@click.option("--since", help="from this date, YYYY-MM-DD")
@click.option("--until", help="up to this date, YYYY-MM-DD")
@click.option("--place", help="place name or ISO3 country")
@click.option("--include-negated", is_flag=True, help="also negated and hypothetical events")
@click.option("--limit", default=100, show_default=True)
def query_events(
    db: str,
    fmt: str,
    actor: str | None,
    source: str | None,
    target: str | None,
    etype: str | None,
    since: str | None,
    until: str | None,
    place: str | None,
    include_negated: bool,
    limit: int,
) -> None:
    """Merged events, newest first, with their mention, document and source counts."""
    from dossier.store import queries

    store = open_store(db)
    rows = _run(
        lambda: queries.events(
            store,
            actor=actor,
            source=source,
            target=target,
            type=etype,
            since=since,
            until=until,
            place=place,
            include_negated=include_negated,
            limit=limit,
        )
    )
    emit(
        rows,
        fmt,
        title="events",
        table_columns=[
            "id",
            "date",
            "type",
            "mode",
            "source",
            "target",
            "place",
            "n_mentions",
            "n_documents",
            "n_sources",
        ],
    )


@query.command("event")
@db_option
@click.argument("event_id", type=int)
def query_event(db: str, event_id: int) -> None:
    """One event with its actors and every mention (JSON)."""
    from dossier.store import queries

    row = queries.event(open_store(db), event_id)
    if row is None:
        raise click.ClickException(f"no event {event_id}")
    click.echo(json.dumps(row, ensure_ascii=False, indent=2, default=str))


@query.command("statements")
@db_option
@format_option
@click.option("--speaker", help="speaker name (substring), ISO3 country or actor code")
@click.option("--text", "contains", help="words the statement contains")
@click.option("--since", help="from this date, YYYY-MM-DD")
@click.option("--until", help="up to this date, YYYY-MM-DD")
@click.option(
    "--class",
    "cue_class",
    type=click.Choice(["speech", "thought", "intention", "evidence"]),
    help="only one kind of claim: speech (said, told), thought (believes), intention (plans to), "
    "evidence (a poll shows)",
)
@click.option("--limit", default=100, show_default=True)
def query_statements(
    db: str,
    fmt: str,
    speaker: str | None,
    contains: str | None,
    since: str | None,
    until: str | None,
    cue_class: str | None,
    limit: int,
) -> None:
    """Who said what, newest first."""
    from dossier.store import queries

    store = open_store(db)
    rows = _run(
        lambda: queries.statements(
            store,
            speaker=speaker,
            text=contains,
            since=since,
            until=until,
            cue_class=cue_class,
            limit=limit,
        )
    )
    emit(
        rows,
        fmt,
        title="statements",
        table_columns=[
            "id",
            "published",
            "speaker",
            "kind",
            "cue_class",
            "cue",
            "content",
            "source",
        ],
    )


@query.command("search")
@db_option
@format_option
@click.argument("words")
@click.option("--kind", type=click.Choice(["sentence", "quote"]), help="only sentences or quotes")
@click.option("--since", help="from this date, YYYY-MM-DD")
@click.option("--until", help="up to this date, YYYY-MM-DD")
@click.option("--limit", default=50, show_default=True)
def query_search(
    db: str,
    fmt: str,
    words: str,
    kind: str | None,
    since: str | None,
    until: str | None,
    limit: int,
) -> None:
    """Full-text search over sentences and quotes (all words; "quotes" for a phrase)."""
    from dossier.store import queries

    store = open_store(db)
    rows = _run(
        lambda: queries.search(store, words, kind=kind, since=since, until=until, limit=limit)
    )
    emit(
        rows,
        fmt,
        title=f"search: {words}",
        table_columns=["published", "source", "kind", "speaker", "text", "document_id"],
    )


@query.command("documents")
@db_option
@format_option
@click.option("--status", type=click.Choice(["ok", "skipped", "failed"]))
@click.option("--limit", default=100, show_default=True)
def query_documents(db: str, fmt: str, status: str | None, limit: int) -> None:
    """Stored documents (failed ones with the reason)."""
    from dossier.store import queries

    store = open_store(db)
    emit(_run(lambda: queries.documents(store, status=status, limit=limit)), fmt)


@query.command("places")
@db_option
@format_option
@click.option("--name", help="place name (substring)")
@click.option("--country", help="ISO3 country")
@click.option("--limit", default=100, show_default=True)
def query_places(db: str, fmt: str, name: str | None, country: str | None, limit: int) -> None:
    """Places, most mentioned first."""
    from dossier.store import queries

    store = open_store(db)
    emit(_run(lambda: queries.places(store, name=name, country=country, limit=limit)), fmt)


@query.command("balance")
@db_option
@format_option
@click.argument("actor_a")
@click.argument("actor_b")
def query_balance(db: str, fmt: str, actor_a: str, actor_b: str) -> None:
    """Cooperation vs conflict between two actors, month by month."""
    from dossier.store import queries

    store = open_store(db)
    emit(_run(lambda: queries.balance(store, actor_a, actor_b)), fmt)


@query.command("stats")
@db_option
def query_stats(db: str) -> None:
    """Rows per table and documents per status (JSON)."""
    from dossier.store import queries

    click.echo(json.dumps(queries.summary(open_store(db)), indent=2))


# --------------------------------------------------------------------------- actors, graph
@click.command("actors")
@db_option
@format_option
@click.option("--name", help="name (substring), ISO3 country, actor code or KB id")
@click.option("--country", help="ISO3 country")
@click.option("--type", "atype", help="PERSON, ORG, GPE ...")
@click.option("--limit", default=100, show_default=True)
def actors(
    db: str, fmt: str, name: str | None, country: str | None, atype: str | None, limit: int
) -> None:
    """Actors merged across documents, most mentioned first."""
    from dossier.store import queries

    store = open_store(db)
    rows = _run(lambda: queries.actors(store, name=name, country=country, type=atype, limit=limit))
    emit(rows, fmt, title="actors")


@click.command("graph")
@db_option
@format_option
@click.option("--actor", help="only edges touching this actor")
@click.option("--since", help="from this date, YYYY-MM-DD (monthly interaction counts)")
@click.option("--until", help="up to this date, YYYY-MM-DD")
@click.option("--min-weight", default=1.0, show_default=True)
@click.option("--limit", default=200, show_default=True)
def graph(
    db: str,
    fmt: str,
    actor: str | None,
    since: str | None,
    until: str | None,
    min_weight: float,
    limit: int,
) -> None:
    """The actor graph: weighted edges with cooperation/conflict balance."""
    from dossier.store import queries

    store = open_store(db)
    result = _run(
        lambda: queries.graph(
            store, actor=actor, since=since, until=until, min_weight=min_weight, limit=limit
        )
    )
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        emit(result["edges"], fmt, title="actor graph")


# --------------------------------------------------------------------------- export, serve
@click.command("export")
@db_option
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Choice(["plover-jsonl", "gdelt-csv", "parquet", "tables", "graphml", "gexf"]),
    help="plover-jsonl, gdelt-csv: events; parquet: the store's own tables (actors and "
    "events merged across documents); tables: the stored records as the tables of "
    "`analyze --format parquet` (dossier.tables.read_frames reads them back); graphml, gexf: "
    "the actor graph",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="file (a folder for parquet and tables); default: standard output for text formats",
)
def export(db: str, target: str, output: Path | None) -> None:
    """Export events (PLOVER JSONL, GDELT-style CSV), tables (Parquet) or the actor graph."""
    from dossier.store import exports

    store = open_store(db)
    if target == "parquet":
        if output is None:
            raise click.UsageError("--to parquet needs --output FOLDER")
        files = exports.to_parquet(store, output)
        click.echo(f"wrote {len(files)} Parquet files to {output}", err=True)
        return
    if target == "tables":
        if output is None:
            raise click.UsageError("--to tables needs --output FOLDER")
        counts = exports.to_tables(store, output)
        click.echo(
            "wrote " + ", ".join(f"{n} {name}" for name, n in counts.items()) + f" to {output}",
            err=True,
        )
        return
    if target in ("graphml", "gexf"):
        if output is None:
            raise click.UsageError(f"--to {target} needs --output FILE")
        g = exports.to_networkx(store)
        exports.write_graph(g, output, target)
        click.echo(
            f"wrote {g.number_of_nodes()} actors, {g.number_of_edges()} edges to {output}",
            err=True,
        )
        return
    writer = exports.write_plover_jsonl if target == "plover-jsonl" else exports.write_gdelt_csv
    if output is None:
        n = writer(store, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as fh:
            n = writer(store, fh)
        click.echo(f"wrote {n} events to {output}", err=True)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar="DOSSIER_API_TOKEN",
    help="enables write endpoints (POST /api/analyze), which then need 'Authorization: Bearer "
    "TOKEN' (env DOSSIER_API_TOKEN); without it the API is read-only; an empty token is refused",
)
@click.option(
    "--demo",
    is_flag=True,
    help="analyse the bundled example articles into a temporary store and serve that "
    "(--db is ignored)",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="server processes (uvicorn workers); each opens the store and answers requests",
)
@click.option(
    "--max-body",
    type=click.IntRange(1024),
    default=2_000_000,
    show_default=True,
    help="largest request body in bytes; larger ones get 413 before they are read",
)
def serve(
    db: str, host: str, port: int, token: str | None, demo: bool, workers: int, max_body: int
) -> None:
    """Serve the store in the browser and over HTTP.

    \b
    Pages: /  /documents/ID  /actors/ID  /graph  /map  /timeline  /statements  /search?q=
    JSON API under /api (OpenAPI docs at /api/docs). Everything is served from this process;
    nothing is loaded from the internet. Meant for loopback or behind a reverse proxy (see
    SECURITY.md): it speaks plain HTTP.

    \b
    Examples:
      dossier serve --demo                          look around the bundled example articles
      dossier serve --db sqlite:///news.db          your store, on http://127.0.0.1:8000
      dossier serve --db ... --token "$TOKEN"       also accept POST /api/analyze
      dossier serve --db postgresql://... --workers 4   more processes for many clients
    """
    import os
    import tempfile

    import uvicorn

    from dossier.api.app import check_token
    from dossier.web.app import STATIC, AssetsMissing, create_web_app

    try:
        check_token(token)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--token / DOSSIER_API_TOKEN") from None
    with tempfile.TemporaryDirectory(prefix="dossier-demo-") as tmp:
        if demo:
            from dossier.web.demo import load_demo

            db = f"sqlite:///{tmp}/demo.db"
            store = open_store(db)
            click.echo("analysing the bundled example articles ...", err=True)
            click.echo(load_demo(store).summary(), err=True)
        else:
            store = open_store(db)
        mode = "read-write (token required)" if token else "read-only"
        click.echo(
            f"serving {db} on http://{host}:{port} ({mode}, {workers} worker(s)); "
            "API docs at /api/docs",
            err=True,
        )
        if workers == 1:
            try:
                app = create_web_app(store, token=token, max_body=max_body, preload=True)
            except AssetsMissing as err:
                raise click.ClickException(str(err)) from err
            uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
            return
        if not (STATIC / "graph.js").is_file():
            raise click.ClickException(
                str(AssetsMissing(f"the web UI's assets are missing from {STATIC}"))
            )
        store.close()
        # each worker builds its app from the environment (uvicorn starts them by import path)
        os.environ["DOSSIER_DB"] = db
        os.environ["DOSSIER_API_MAX_BODY"] = str(max_body)
        if token:
            os.environ["DOSSIER_API_TOKEN"] = token
        else:
            os.environ.pop("DOSSIER_API_TOKEN", None)
        uvicorn.run(
            "dossier.web.app:web_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            server_header=False,
        )

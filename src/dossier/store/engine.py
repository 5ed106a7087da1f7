"""Opening a store: URL normalisation, engine settings per backend, automatic migrations."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from dossier.store.limits import safe_text

DEFAULT_URL = "sqlite:///dossier.db"
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(Exception):
    """A store that cannot be opened or used, with a message for people."""


def normalize_url(url: str) -> str:
    """`postgresql://` means psycopg 3 (the driver Dossier ships); a bare path means SQLite."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def create(url: str) -> Engine:
    """An engine for `url` (SQLite: WAL, foreign keys; PostgreSQL: pre-ping)."""
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise StoreError(f"not a database URL: {url!r} ({err})") from err
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"folder {parent} does not exist (database {database})")
        writable = not (
            database
            and database != ":memory:"
            and Path(database).exists()
            and not os.access(database, os.W_OK)
        )
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_conn.cursor()
            if writable:
                # WAL needs write access; a read-only copy is read in its own journal mode
                with contextlib.suppress(Exception):
                    cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache
            cursor.execute("PRAGMA temp_store=MEMORY")
            cursor.close()

        _safe_parameters(engine)
        return engine
    if backend == "postgresql":
        engine = create_engine(url, pool_pre_ping=True)
        _safe_parameters(engine)
        return engine
    raise StoreError(f"unsupported database {backend!r}: use sqlite:///FILE or postgresql://...")


def _safe_parameters(engine: Engine) -> None:
    """Single statements (the queries) get their string parameters made safe: a NUL or a
    lone surrogate in a search word becomes U+FFFD instead of a driver error. Bulk writes
    are made safe row by row before they get here (`dossier.store.limits.fit`)."""

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _clean(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if executemany or not parameters:
            return statement, parameters
        if isinstance(parameters, dict):
            if any(isinstance(v, str) and safe_text(v) is not v for v in parameters.values()):
                parameters = {
                    k: safe_text(v) if isinstance(v, str) else v for k, v in parameters.items()
                }
        elif isinstance(parameters, list | tuple) and any(
            isinstance(v, str) and safe_text(v) is not v for v in parameters
        ):
            parameters = type(parameters)(
                safe_text(v) if isinstance(v, str) else v for v in parameters
            )
        return statement, parameters


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is already there)."""
    cfg = alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_engine(url: str = DEFAULT_URL, *, run_migrations: bool = True) -> Engine:
    engine = create(url)
    if run_migrations:
        try:
            migrate(engine)
        except StoreError:
            raise
        except Exception as err:
            engine.dispose()
            raise StoreError(f"cannot open store {url}: {type(err).__name__}: {err}") from err
    return engine

"""Alembic environment for the corpus store.

The store applies migrations itself when it opens (`dossier.store.engine.open_engine`): it
passes its live connection in ``config.attributes["connection"]``. Run by hand with a URL:
``alembic -x url=sqlite:///dossier.db upgrade head`` (script_location = this folder).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from dossier.store.schema import metadata

config = context.config
target_metadata = metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give the database with -x url=...")
    engine = create_engine(url)
    with engine.connect() as conn:
        context.configure(
            connection=conn,
            target_metadata=target_metadata,
            render_as_batch=conn.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()

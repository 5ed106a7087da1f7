"""Options shared by the commands that read articles (`analyze`, `ingest`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _columns(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    from dossier.ingest.tables import parse_columns

    try:
        return parse_columns(value)
    except ValueError as err:
        raise click.BadParameter(str(err), ctx=ctx, param=param) from None


def column_option(command: F) -> F:
    """`--column FIELD=NAME`: read a CSV/TSV/Parquet table whose columns have other names."""
    return click.option(
        "--column",
        "columns",
        multiple=True,
        metavar="FIELD=NAME",
        callback=_columns,
        help="for CSV/TSV/Parquet tables of articles whose columns are not named id, text, "
        "published, url, title: which column holds a field (repeatable), e.g. "
        "--column text=body --column id=guid",
    )(command)

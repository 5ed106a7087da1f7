"""Options shared by the commands that read articles (`analyze`, `ingest`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from dossier.ingest.documents import DEFAULT_MAX_CHARS

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


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from datetime import date

    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(
                f"{value!r} is not a date in the form YYYY-MM-DD", ctx=ctx, param=param
            ) from None
    return value


def published_option(command: F) -> F:
    """`--published YYYY-MM-DD`: the date of inputs that carry none, checked before reading."""
    return click.option(
        "--published",
        metavar="YYYY-MM-DD",
        default=None,
        callback=_date,
        help="publication date for inputs that carry none (relative dates and actors' dated "
        "roles resolve against it)",
    )(command)


def max_chars_option(command: F) -> F:
    """`--max-chars N`: the longest text analysed (analyze, ingest and spark alike)."""
    return click.option(
        "--max-chars",
        type=click.IntRange(1000),
        default=DEFAULT_MAX_CHARS,
        show_default=True,
        help="Longer texts are cut at a paragraph break (with a warning).",
    )(command)

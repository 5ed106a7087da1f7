"""The ``--dictionary KIND=PATH`` option of ``analyze`` and ``ingest``: a user's
PETRARCH/TABARI dictionaries to code with (see :mod:`dossier.nlp.dictionary_events`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def dictionary_option(func: F) -> F:
    return click.option(
        "--dictionary",
        "dictionaries",
        multiple=True,
        metavar="KIND=PATH",
        help=(
            "Code also with a PETRARCH/TABARI dictionary: KIND is verbs, actors, agents or "
            "discards (repeat the option for several files). Events get the dictionary's CAMEO "
            "code and PLOVER type, entities its actor codes; rules name the dictionary line."
        ),
    )(func)


def parse_dictionaries(values: tuple[str, ...], console: Any | None = None) -> dict[str, list[str]]:
    """KIND -> paths of the option's values; reads them once to report unreadable lines
    (file:line, skipped) and to fail early on a missing file or an unknown kind."""
    from dossier.knowledge.petrarch_dicts import KINDS, load_dictionaries
    from dossier.knowledge.petrarch_verbs import DictionaryError

    out: dict[str, list[str]] = {}
    for value in values:
        kind, sep, path = value.partition("=")
        kind = kind.strip().lower()
        if not sep or kind not in KINDS or not path:
            raise click.BadParameter(
                f"{value!r}: expected KIND=PATH with KIND one of {', '.join(KINDS)}",
                param_hint="--dictionary",
            )
        if not Path(path).is_file():
            raise click.BadParameter(f"{path}: no such file", param_hint="--dictionary")
        out.setdefault(kind, []).append(path)
    if out:
        try:
            loaded = load_dictionaries(out)
        except DictionaryError as err:
            raise click.BadParameter(str(err), param_hint="--dictionary") from None
        if console is not None:
            for problem in loaded.errors[:10]:
                console.print(f"[yellow]dictionary line skipped:[/] {problem}", highlight=False)
            if len(loaded.errors) > 10:
                console.print(f"[yellow]... {len(loaded.errors) - 10} more lines skipped[/]")
    return out

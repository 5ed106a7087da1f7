"""Command groups whose subcommands live beside the code they run."""

from __future__ import annotations

import click

from dossier.cli.lazy import LazyGroup


@click.group(
    "eval",
    cls=LazyGroup,
    lazy={
        "statements": "dossier.eval.statements:command",
        "events": "dossier.eval.events:command",
        "places": "dossier.eval.places:command",
        "places-tune": "dossier.eval.places_tuning:command",
    },
)
def eval_group() -> None:
    """Measure accuracy against gold corpora (see each subcommand's --help)."""


@click.group(
    "kb",
    cls=LazyGroup,
    lazy={
        "build": "dossier.knowledge.gazetteer_cli:build",
        "import": "dossier.knowledge.tabari_cli:import_command",
        "lookup": "dossier.knowledge.gazetteer_cli:lookup",
    },
)
def kb_group() -> None:
    """The knowledge base: the offline gazetteer and the actor dictionaries."""

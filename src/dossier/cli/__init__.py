"""The `dossier` command line. Each subcommand lives in the module that does its job."""

from __future__ import annotations

import click

from dossier import __version__
from dossier.cli.lazy import LazyGroup

COMMANDS = {
    "analyze": "dossier.cli.analyze:analyze",
    "schema": "dossier.cli.analyze:schema",
    "eval": "dossier.cli.main_groups:eval_group",
    "kb": "dossier.cli.main_groups:kb_group",
    "ingest": "dossier.cli.corpus:ingest",
    "query": "dossier.cli.corpus:query",
    "actors": "dossier.cli.corpus:actors",
    "graph": "dossier.cli.corpus:graph",
    "export": "dossier.cli.corpus:export",
    "serve": "dossier.cli.corpus:serve",
    "doctor": "dossier.cli.doctor:doctor",
    "spark": "dossier.spark.cli:spark",
    "rules": "dossier.cli.rules:rules_group",
}


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="dossier")
def cli() -> None:
    """Dossier reads news about politics and conflict and writes what it describes:
    actors, who said what, who did what to whom (PLOVER/CAMEO events), where, and the ties
    between actors. Every item points back to the characters it came from.

    \b
    Start with:
      dossier analyze article.txt --format text     read one article in the terminal
      dossier analyze articles/ --format jsonl      one record per article, JSON Lines
      dossier schema                                the record's JSON Schema
    """


def main() -> None:
    from dossier.rules.loader import RulesError

    try:
        cli(prog_name="dossier")
    except RulesError as exc:
        # a knowledge file (packaged or under DOSSIER_DATA_PATH) is wrong: say where
        click.echo("dossier: a rule file has problems:", err=True)
        for line in exc.problems:
            click.echo(f"  {line}", err=True)
        click.echo("(`dossier rules check` lists every problem)", err=True)
        raise SystemExit(2) from None

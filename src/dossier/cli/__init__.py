"""The `dossier` command line. Each subcommand lives in the module that does its job."""

from __future__ import annotations

import contextlib

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
    """Run the command line: Ctrl-C exits 130 without a traceback, and an unexpected error
    prints one line (DOSSIER_DEBUG=1 shows the traceback)."""
    import os
    import sys

    from dossier.rules.loader import RulesError

    try:
        code = cli(prog_name="dossier", standalone_mode=False)
    except RulesError as exc:
        # a knowledge file (packaged or under DOSSIER_DATA_PATH) is wrong: say where
        click.echo("dossier: a rule file has problems:", err=True)
        for line in exc.problems:
            click.echo(f"  {line}", err=True)
        click.echo("(`dossier rules check` lists every problem)", err=True)
        sys.exit(2)
    except click.exceptions.Abort:  # click turns Ctrl-C into Abort
        click.echo("interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except BrokenPipeError:
        # the reader went away (`| head`): not an error of ours
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        sys.exit(0)
    except Exception as err:
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        click.echo(
            f"error: {type(err).__name__}: {err} (set DOSSIER_DEBUG=1 for the traceback)",
            err=True,
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)

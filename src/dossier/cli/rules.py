"""``dossier rules``: check the knowledge files (rules as data)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


@click.group("rules")
def rules_group() -> None:
    """Check the rule files: the event patterns (events/<TYPE>.yaml) and every other
    knowledge file a schema is registered for."""


@rules_group.command("check")
@click.option(
    "--data-path",
    "data_paths",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="a directory of your own rule files, checked as a DOSSIER_DATA_PATH layer "
    "(repeatable; added after the DOSSIER_DATA_PATH already set)",
)
@click.option("--no-examples", is_flag=True, help="skip coding the examples (fast)")
def check_command(data_paths: tuple[Path, ...], no_examples: bool) -> None:
    """Validate every rule file, packaged and yours, and code every written example.

    \b
    What is checked:
      schema       every key known, every value of the right kind (a typo such as
                   `verbz:` is an error, not a silently ignored key)
      duplicates   a word (verb, noun, phrase) or an id claimed by two patterns
      CAMEO        the pattern's CAMEO code belongs to its PLOVER type in plover.yaml
                   (or the pattern says why not: `cameo_exception: <reason>`)
      examples     each `examples:` sentence run through the analyzer gives the event
                   it declares (`expect: {type: ..., source: ..., target: ...}`), or no
                   event of the file's type (`expect: none`)

    \b
    Every problem is printed as FILE:LINE: MESSAGE; the exit status is 1 when there is
    one, 0 when all is well.

    \b
    Examples:
      dossier rules check
      dossier rules check --data-path ~/my-rules --no-examples
      DOSSIER_DATA_PATH=~/my-rules dossier rules check
    """
    if data_paths:
        layers = [os.environ.get("DOSSIER_DATA_PATH", ""), *(str(p) for p in data_paths)]
        os.environ["DOSSIER_DATA_PATH"] = os.pathsep.join(x for x in layers if x)
    from dossier.knowledge.ontology import ontology
    from dossier.knowledge.resources import clear_caches
    from dossier.rules.check import check

    clear_caches()
    ontology.cache_clear()
    problems = check(examples=not no_examples)
    for line in problems:
        click.echo(line)
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo("rule files: all checks passed", err=True)

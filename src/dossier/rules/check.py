"""``dossier rules check``: every rule file validated, cross-checked, and its examples coded.

1. Schema: every file a module of :mod:`dossier.rules.schemas` registers, in the packaged data
   and in each ``DOSSIER_DATA_PATH`` layer, read with line numbers and validated.
2. Consistency: each module's ``consistency_problems()`` (duplicates and shadowing, codes that
   belong to another type, unknown modes).
3. Examples: each module's ``example_problems(analyzer)``: every written example run through a
   real Analyzer and compared with what it declares.

Every problem is one line ``file:line: message``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from pydantic import BaseModel

from dossier.knowledge.resources import DATA_DIR, data_dirs
from dossier.rules.loader import RulesError, load_rule_file
from dossier.rules.schemas import schema_modules

if TYPE_CHECKING:
    from dossier.analyzer import Analyzer


def registered_files(
    module: ModuleType, dirs: list[Path]
) -> list[tuple[Path, str, type[BaseModel]]]:
    """(path, label, model) of every file `module` registers, across `dirs`."""
    files: dict[str, type[BaseModel]] = getattr(module, "FILES", {})
    out: list[tuple[Path, str, type[BaseModel]]] = []
    for directory in dirs:
        for name, model in files.items():
            for path in sorted(directory.glob(name)):
                label = str(path.relative_to(directory)) if directory == DATA_DIR else str(path)
                out.append((path, label, model))
    return out


def schema_problems(dirs: list[Path] | None = None) -> list[str]:
    problems: list[str] = []
    for module in schema_modules():
        for path, label, model in registered_files(module, dirs or data_dirs()):
            try:
                load_rule_file(path, model, label)
            except RulesError as exc:
                problems += exc.problems
    return problems


def _hook_problems(name: str, *args: object) -> list[str]:
    problems: list[str] = []
    for module in schema_modules():
        hook: Callable[..., list[str]] | None = getattr(module, name, None)
        if hook is not None:
            try:
                problems += hook(*args)
            except RulesError as exc:
                problems += exc.problems
    return problems


def check(
    *, examples: bool = True, analyzer_factory: Callable[[], Analyzer] | None = None
) -> list[str]:
    """Every problem of every rule file (an empty list when all is well)."""
    problems = schema_problems()
    if problems:
        return problems  # the later checks read the same files
    problems = _hook_problems("consistency_problems")
    if problems or not examples:
        return problems
    if analyzer_factory is None:
        from dossier.analyzer import Analyzer

        analyzer_factory = Analyzer
    return _hook_problems("example_problems", analyzer_factory())

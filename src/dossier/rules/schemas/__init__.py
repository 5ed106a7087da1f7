"""The models of the rule files, one module per area (events, statements, places ...).

Each module exports ``FILES: dict[str, type[BaseModel]]``: a data-file name relative to
``dossier/knowledge/data`` (or a glob such as ``"events/[A-Z]*.yaml"``) -> the pydantic model
of the whole file. Optionally:

- ``def consistency_problems() -> list[str]``: checks across files (duplicates, codes);
- ``def example_problems(analyzer) -> list[str]``: every written example run through a real
  :class:`dossier.analyzer.Analyzer` and compared with what it declares.

Each returns one ``file:line: message`` per problem. ``dossier rules check`` finds the modules
with :mod:`pkgutil`; a new area adds a module here and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def schema_modules() -> list[ModuleType]:
    """Every module of this package, in name order."""
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
        if not info.name.startswith("_")
    ]

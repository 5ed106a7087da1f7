"""Finding and loading the project's knowledge files.

Knowledge lives in YAML/CSV files under ``dossier/knowledge/data``. Users extend it without
touching code: every directory listed in the ``DOSSIER_DATA_PATH`` environment variable
(separated by ``os.pathsep``) is searched too, and a file found there with the same relative
name is *added* to the packaged one (lists are concatenated, mappings merged, user entries
last so they win on conflicts).
"""

from __future__ import annotations

import csv
import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


def data_dirs() -> list[Path]:
    """The packaged data directory, then the user's, in order."""
    dirs = [DATA_DIR]
    for part in os.environ.get("DOSSIER_DATA_PATH", "").split(os.pathsep):
        if part.strip():
            dirs.append(Path(part).expanduser())
    return dirs


def data_files(name: str) -> list[Path]:
    """Every file with relative name `name` across the data directories."""
    return [d / name for d in data_dirs() if (d / name).is_file()]


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(merged[key], value) if key in merged else value
        return merged
    return extra


@cache
def load_yaml(name: str) -> Any:
    """Load `name` from every data directory and merge the results."""
    result: Any = None
    for path in data_files(name):
        with path.open(encoding="utf-8") as fh:
            content = yaml.safe_load(fh)
        result = content if result is None else _merge(result, content)
    if result is None:
        raise FileNotFoundError(f"knowledge file {name!r} not found in {data_dirs()}")
    return result


def yaml_word(value: object, key: str, source: str = "events/_shared.yaml") -> str:
    """A word from list `key` of data file `source`, lower-cased. YAML 1.1 reads bare
    on/off/yes/no as booleans, which would silently drop the word, so a boolean is a data
    error ("quote it")."""
    if isinstance(value, bool):
        raise ValueError(f"{source}: a bare on/off/yes/no in {key!r} reads as {value}; quote it")
    return str(value).lower()


def word_set(section: dict[str, Any], key: str, source: str) -> frozenset[str]:
    """The words of list `key` in a section of data file `source` (`yaml_word` each)."""
    return frozenset(yaml_word(value, key, source) for value in section.get(key) or [])


@cache
def load_csv(name: str) -> list[dict[str, str]]:
    """Rows of `name` (a CSV with a header) from every data directory."""
    rows: list[dict[str, str]] = []
    for path in data_files(name):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(
                {k.strip(): (v or "").strip() for k, v in row.items() if k}
                for row in csv.DictReader(line for line in fh if not line.startswith("#"))
            )
    return rows


def clear_caches() -> None:
    """Forget loaded files (tests that change DOSSIER_DATA_PATH call this)."""
    load_yaml.cache_clear()
    load_csv.cache_clear()

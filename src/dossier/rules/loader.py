"""Load a YAML rule file keeping line numbers, and validate it against a pydantic model.

A problem anywhere (YAML syntax, an unknown key, a wrong type, a missing field) raises a
:class:`RulesError` that names the file and the line: ``events/ASSAULT.yaml:42: unknown key
'verbz'``. :class:`LineMap` answers the line of any value by its path in the data, so the
checks that run after validation (duplicates, CAMEO codes, examples) point at lines too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)
Loc = tuple[str | int, ...]


class RulesError(ValueError):
    """One or more problems in a rule file, each ``path:line: message``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class LineMap:
    """Line (1-based) of each value of a YAML document, by its path (keys and list indices)."""

    path: Path
    label: str  # how the file is named in messages (relative to its data directory)
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """The line of `loc`, else of its nearest enclosing value."""
        loc = tuple(loc)
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)

    def at(self, loc: Loc, message: str) -> str:
        return f"{self.label}:{self.line(loc)}: {message}"


@dataclass
class RuleFile(Generic[Model]):
    """A validated rule file: the model, where it came from, and its line map."""

    data: Model
    lines: LineMap

    def at(self, loc: Loc, message: str) -> str:
        return self.lines.at(loc, message)


def _record_lines(node: yaml.Node, loc: Loc, out: dict[Loc, int]) -> None:
    out.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark)
            out[(*loc, name)] = key.start_mark.line + 1
            _record_lines(value, (*loc, name), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, (*loc, i), out)


def read_yaml(path: Path, label: str | None = None) -> tuple[Any, LineMap]:
    """The data of a YAML file and the line of each of its values."""
    lines = LineMap(path=path, label=label or str(path))
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise RulesError([f"{lines.label}:{line}: YAML error: {exc.problem or exc}"]) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RulesError([f"{lines.label}:1: cannot read: {exc}"]) from None
    if node is not None:
        _record_lines(node, (), lines.lines)
    return data, lines


def _message(err: Any) -> str:
    kind, loc = err.get("type", ""), err.get("loc", ())
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}" if loc else "unknown key"
    if kind == "missing":
        return f"missing key {loc[-1]!r}" if loc else "missing key"
    where = ".".join(str(part) for part in loc)
    got = err.get("input")
    if isinstance(got, bool) and kind == "string_type":
        # YAML 1.1 reads bare on/off/yes/no as booleans
        return f"{where}: a bare on/off/yes/no reads as {got}; quote it"
    return f"{where}: {err.get('msg', kind)}" if where else str(err.get("msg", kind))


def validate(data: Any, model: type[Model], lines: LineMap) -> Model:
    """`data` as `model`, or a RulesError with one ``file:line: message`` per problem."""
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err.get("loc", ()) if isinstance(p, str | int))
            # tagged-union and literal branches add their own names to the path
            data_loc = tuple(p for p in loc if isinstance(p, int) or not p.startswith("literal["))
            problems.append(lines.at(data_loc, _message({**err, "loc": data_loc})))
        raise RulesError(problems) from None


def load_rule_file(path: Path, model: type[Model], label: str | None = None) -> RuleFile[Model]:
    """Read and validate one rule file (RulesError with file and line on any problem)."""
    data, lines = read_yaml(path, label)
    return RuleFile(data=validate(data, model, lines), lines=lines)

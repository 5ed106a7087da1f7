"""The PLOVER event ontology and its CAMEO mapping, loaded from ``plover.yaml``.

Types, modes, contexts and CAMEO codes are data: a user adds one by editing (or adding, under
``DOSSIER_DATA_PATH``) ``plover.yaml``; nothing here lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dossier.knowledge.resources import load_yaml

QUAD_CLASSES = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)


@dataclass(frozen=True)
class EventType:
    name: str
    quad_class: str
    score: float
    description: str = ""
    cameo_root: tuple[str, ...] = ()
    modes: dict[str, str] = field(default_factory=dict)


@dataclass
class Ontology:
    types: dict[str, EventType]
    contexts: list[str]
    cameo: dict[str, tuple[str | None, str | None]]
    intent: dict[str, tuple[str, str]]
    negated_intent: dict[str, tuple[str, str]] = field(default_factory=dict)

    def type(self, name: str) -> EventType:
        return self.types[name]

    def is_type(self, name: str) -> bool:
        return name in self.types

    def quad_class(self, name: str) -> str | None:
        t = self.types.get(name)
        return t.quad_class if t else None

    def from_cameo(self, code: str) -> tuple[str | None, str | None]:
        """(PLOVER type, mode) of a CAMEO code by its longest known prefix."""
        code = code.strip()
        for n in range(len(code), 1, -1):
            hit = self.cameo.get(code[:n])
            if hit is not None:
                return hit
        return (None, None)

    def cameo_for(self, type_name: str) -> str | None:
        """The default CAMEO code of a type (its first root)."""
        t = self.types.get(type_name)
        return t.cameo_root[0] if t and t.cameo_root else None

    def intent_of(self, type_name: str) -> tuple[str, str] | None:
        """(type, CAMEO prefix) a stated intention to carry out `type_name` is coded as."""
        quad = self.quad_class(type_name)
        return self.intent.get(quad) if quad else None

    def negated_intent_of(self, type_name: str) -> tuple[str, str] | None:
        """(type, CAMEO prefix) a stated intention NOT to carry out `type_name` is coded as."""
        quad = self.quad_class(type_name)
        return self.negated_intent.get(quad) if quad else None


def _parse(data: dict[str, Any]) -> Ontology:
    types: dict[str, EventType] = {}
    for name, spec in (data.get("types") or {}).items():
        spec = spec or {}
        quad = str(spec.get("quad_class", ""))
        if quad not in QUAD_CLASSES:
            raise ValueError(f"plover.yaml: type {name}: unknown quad_class {quad!r}")
        roots = spec.get("cameo_root") or []
        types[str(name)] = EventType(
            name=str(name),
            quad_class=quad,
            score=float(spec.get("score", 0.0)),
            description=str(spec.get("description", "")).strip(),
            cameo_root=tuple(str(r) for r in roots),
            modes={str(k): str(v) for k, v in (spec.get("modes") or {}).items()},
        )
    cameo: dict[str, tuple[str | None, str | None]] = {}
    for code, value in (data.get("cameo") or {}).items():
        type_name, mode = ([*list(value), None, None])[:2]
        if type_name is not None and type_name not in types:
            raise ValueError(f"plover.yaml: CAMEO {code}: unknown type {type_name!r}")
        cameo[str(code)] = (type_name, mode)
    intent = {
        str(quad): (str(v["type"]), str(v["cameo"]))
        for quad, v in (data.get("intent") or {}).items()
    }
    negated = {
        str(quad): (str(v["type"]), str(v["cameo"]))
        for quad, v in (data.get("negated_intent") or {}).items()
    }
    return Ontology(
        types=types,
        contexts=[str(c) for c in data.get("contexts") or []],
        cameo=cameo,
        intent=intent,
        negated_intent=negated,
    )


@cache
def ontology() -> Ontology:
    """The PLOVER ontology (cached; `dossier.knowledge.resources.clear_caches` + cache_clear)."""
    return _parse(load_yaml("plover.yaml"))

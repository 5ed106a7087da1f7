"""The actor knowledge base: organisations, armed groups and people with dated roles.

Entries live in YAML files under ``data/actors/`` (and the same folder in any directory of
``DOSSIER_DATA_PATH``, where ``dossier kb import`` writes converted PETRARCH/TABARI
dictionaries). Each entry::

    - id: bashar-al-assad            # stable, unique
      name: Bashar al-Assad          # canonical name
      type: PERSON                   # PERSON, ORG (GPE countries come from countries.py)
      aliases: [Bashar Assad, Assad] # other written forms (case-insensitive, diacritics ignored)
      gender: m                      # people: m/f, when known
      country: SYR                   # default affiliation (ISO alpha-3, or IGO/NGO-style code)
      sector: GOV                    # default PLOVER/CAMEO sector
      roles:                         # dated roles; the one valid on the document date wins
        - {country: SYR, sector: GOV, title: President, start: 2000-07-17, end: 2024-12-08}
      ties:                          # standing relations to other entries (ids)
        - {type: ally, target: iran}

A role with no `end` is current; with no `start`, it holds from the beginning of time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import yaml

from dossier.knowledge.countries import normalize
from dossier.knowledge.resources import data_dirs


@dataclass(frozen=True)
class ActorRole:
    country: str | None
    sector: str | None
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Actor:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: list[ActorRole] = field(default_factory=list)
    ties: list[dict[str, str]] = field(default_factory=list)
    source: str = ""

    def role_on(self, day: dt.date | None) -> ActorRole | None:
        """The role valid on `day`; without a date, the latest role. None if none holds."""
        if not self.roles:
            return None
        if day is None:
            return max(self.roles, key=lambda r: (r.end is None, r.end or dt.date.min, r.start or dt.date.min))
        holding = [r for r in self.roles if r.holds_on(day)]
        if holding:
            # the most specific (latest-starting) role wins
            return max(holding, key=lambda r: r.start or dt.date.min)
        return None

    def coding_on(self, day: dt.date | None) -> tuple[str | None, str | None, str | None]:
        """(country, sector, title) on `day`; after all roles ended, the default codes."""
        role = self.role_on(day)
        if role is not None:
            return role.country or self.country, role.sector or self.sector, role.title
        if day is not None and self.roles:
            ended = [r for r in self.roles if r.end is not None and r.end < day]
            if ended:
                last = max(ended, key=lambda r: r.end or dt.date.min)
                # out of office: keep the country, drop the office's sector
                return last.country or self.country, self.sector, None
        return self.country, self.sector, None


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def parse_actor(item: dict[str, object], source: str = "") -> Actor:
    roles = [
        ActorRole(
            country=r.get("country"),
            sector=r.get("sector"),
            title=r.get("title"),
            start=_date(r.get("start")),
            end=_date(r.get("end")),
        )
        for r in item.get("roles") or []  # type: ignore[union-attr]
    ]
    return Actor(
        id=str(item["id"]),
        name=str(item["name"]),
        type=str(item.get("type", "ORG")),
        aliases=[str(a) for a in item.get("aliases") or []],  # type: ignore[union-attr]
        gender=item.get("gender"),  # type: ignore[arg-type]
        country=item.get("country"),  # type: ignore[arg-type]
        sector=item.get("sector"),  # type: ignore[arg-type]
        roles=roles,
        ties=list(item.get("ties") or []),  # type: ignore[call-overload]
        source=source,
    )


@dataclass
class ActorKB:
    actors: dict[str, Actor] = field(default_factory=dict)
    by_alias: dict[str, list[str]] = field(default_factory=dict)

    def add(self, actor: Actor) -> None:
        if actor.id in self.actors:  # a later file extends or overrides an entry
            old = self.actors[actor.id]
            actor.aliases = list(dict.fromkeys(old.aliases + actor.aliases))
            actor.roles = actor.roles or old.roles
            actor.ties = old.ties + actor.ties
        self.actors[actor.id] = actor
        for alias in [actor.name, *actor.aliases]:
            ids = self.by_alias.setdefault(normalize(alias), [])
            if actor.id not in ids:
                ids.append(actor.id)

    def lookup(self, surface: str) -> Actor | None:
        """The actor a written name refers to (None if unknown or ambiguous between types)."""
        ids = self.by_alias.get(normalize(surface))
        if not ids:
            return None
        return self.actors[ids[0]]

    def aliases(self) -> Iterator[tuple[str, str]]:
        """(written form, actor id) for every name and alias."""
        for actor in self.actors.values():
            for alias in [actor.name, *actor.aliases]:
                yield alias, actor.id

    def __len__(self) -> int:
        return len(self.actors)


@cache
def actor_kb() -> ActorKB:
    """Every actor file in the data directories, packaged files first."""
    kb = ActorKB()
    for directory in data_dirs():
        folder = directory / "actors"
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.y*ml")):
            with path.open(encoding="utf-8") as fh:
                items = yaml.safe_load(fh) or []
            for item in items:
                kb.add(parse_actor(item, source=path.name))
    return kb

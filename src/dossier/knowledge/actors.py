"""The actor knowledge base: organisations, armed groups and people with dated roles.

Entries live in YAML files under ``data/actors/`` (and the same folder in any directory of
``DOSSIER_DATA_PATH``, and in the user data directory, ``$DOSSIER_DATA_HOME`` or
``~/.local/share/dossier``, where ``dossier kb import`` writes converted PETRARCH/TABARI
dictionaries). Files whose name starts with ``_`` are not actor lists (``_codes.yaml`` holds
the CAMEO code blocks). Each entry::

    - id: bashar-al-assad            # stable, unique
      name: Bashar al-Assad          # canonical name
      type: PERSON                   # PERSON, ORG (GPE countries come from countries.py)
      aliases: [Bashar Assad, Assad] # other written forms (case-insensitive, diacritics ignored)
      gender: m                      # people: m/f, when known
      country: SYR                   # default affiliation (ISO alpha-3, or IGO/NGO/IMG)
      sector: GOV                    # default PLOVER/CAMEO sector
      code: SYRGOV                   # optional full CAMEO-style code (IGOWSTNAT, IMGMUSISI)
      roles:                         # dated roles; the one valid on the document date wins
        - {country: SYR, sector: GOV, title: President, start: 2000-07-17, end: 2024-12-08}
      ties:                          # standing relations to other entries (ids)
        - {type: ally, target: iran}

A role with no `end` is current; with no `start`, it holds from the beginning of time.

Imported role nouns (TABARI ``.agents`` files) are written to ``agents/`` folders in the same
directories, in the format of ``roles.yaml``; :func:`imported_roles` returns them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from dossier.knowledge.countries import normalize
from dossier.knowledge.resources import DATA_DIR, data_dirs

try:  # libyaml is ten times faster than the pure-Python loader
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: First line of files written by ``dossier kb import``: one JSON object per ``- `` line
#: (still valid YAML), read without the YAML parser.
IMPORT_MARKER = "# dossier-import v1"


# Sectors whose former holders CAMEO codes as elites (ELI) once their role has ended.
FORMER_AS_ELITE = {"GOV", "MIL", "LEG", "JUD", "REB", "COP", "SPY"}


@dataclass(frozen=True)
class ActorRole:
    country: str | None
    sector: str | None
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    code: str | None = None

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
    code: str | None = None

    def role_on(self, day: dt.date | None) -> ActorRole | None:
        """The role valid on `day`; without a date, the latest role. None if none holds."""
        if not self.roles:
            return None
        if day is None:
            return max(
                self.roles,
                key=lambda r: (r.end is None, r.end or dt.date.min, r.start or dt.date.min),
            )
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
                # out of office: CAMEO codes former officials as elites (ELI)
                sector = self.sector or ("ELI" if last.sector in FORMER_AS_ELITE else None)
                return last.country or self.country, sector, f"former {last.title or last.sector}"
        return self.country, self.sector, None

    def code_on(self, day: dt.date | None) -> str | None:
        """CAMEO-style code on `day`: the role's or entry's own code, else country + sector."""
        role = self.role_on(day)
        if role is not None and role.code:
            return role.code
        country, sector, _ = self.coding_on(day)
        if role is None and self.code and (country, sector) == (self.country, self.sector):
            return self.code
        if country is None and sector is None:
            return None
        return f"{country or '---'}{sector or ''}"

    def tie_targets(self, kind: str | None = None) -> list[str]:
        """Ids this actor is tied to (of one `type`, or all)."""
        return [t["target"] for t in self.ties if kind is None or t.get("type") == kind]


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def parse_actor(item: dict[str, Any], source: str = "") -> Actor:
    roles = [
        ActorRole(
            country=_opt(r.get("country")),
            sector=_opt(r.get("sector")),
            title=_opt(r.get("title")),
            start=_date(r.get("start")),
            end=_date(r.get("end")),
            code=_opt(r.get("code")),
        )
        for r in item.get("roles") or []
    ]
    return Actor(
        id=str(item["id"]),
        name=str(item["name"]),
        type=str(item.get("type", "ORG")),
        aliases=[str(a) for a in item.get("aliases") or []],
        gender=_opt(item.get("gender")),
        country=_opt(item.get("country")),
        sector=_opt(item.get("sector")),
        roles=roles,
        ties=[dict(t) for t in item.get("ties") or []],
        source=source,
        code=_opt(item.get("code")),
    )


_LOOSE = re.compile(r"[\s\-‐–_]+")


def _loosen(key: str) -> str:
    return _LOOSE.sub(" ", key.replace(".", "").replace("'", "")).strip()


def _caps_only(alias: str) -> bool:
    """Short all-capital aliases ("SNA", "RSF", "AA") must be written in capitals to match."""
    letters = [ch for ch in alias if ch.isalpha()]
    return 0 < len(letters) <= 4 and all(ch.isupper() for ch in letters)


@dataclass
class ActorKB:
    actors: dict[str, Actor] = field(default_factory=dict)
    by_alias: dict[str, list[str]] = field(default_factory=dict)
    by_loose: dict[str, list[str]] = field(default_factory=dict)
    caps_only: set[str] = field(default_factory=set)
    lower_ok: set[str] = field(default_factory=set)

    def add(self, actor: Actor) -> None:
        if actor.id in self.actors:  # a later file extends or overrides an entry
            old = self.actors[actor.id]
            actor.aliases = list(dict.fromkeys(old.aliases + actor.aliases))
            actor.roles = actor.roles or old.roles
            actor.ties = old.ties + actor.ties
        self.actors[actor.id] = actor
        for alias in [actor.name, *actor.aliases]:
            key = normalize(alias)
            ids = self.by_alias.setdefault(key, [])
            if actor.id not in ids:
                ids.append(actor.id)
            loose = self.by_loose.setdefault(_loosen(key), [])
            if actor.id not in loose:
                loose.append(actor.id)
            if not _caps_only(re.sub(r"^the\s+", "", alias.strip(), flags=re.I)):
                self.lower_ok.add(key)
                self.caps_only.discard(key)
            elif key not in self.lower_ok:
                self.caps_only.add(key)

    def lookup(self, surface: str) -> Actor | None:
        """The actor a written name refers to (the first-loaded entry when several share it).

        Case, diacritics, a leading "the", dots, apostrophes and hyphens do not matter
        ("Bashar al-Assad" = "bashar al assad" = "Báshar Al-Assad")."""
        found = self.candidates(surface)
        return found[0] if found else None

    def candidates(self, surface: str) -> list[Actor]:
        """Every actor a written name may refer to, first-loaded first."""
        key = normalize(surface)
        bare = re.sub(r"^the\s+", "", surface.strip(), flags=re.I)
        if key in self.caps_only and not _caps_only(bare):
            return []  # "aa" or "Sna" is not the Arakan Army or the Syrian National Army
        ids = self.by_alias.get(key, []) + self.by_loose.get(_loosen(key), [])
        return [self.actors[i] for i in dict.fromkeys(ids)]

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def aliases(self) -> Iterator[tuple[str, str]]:
        """(written form, actor id) for every name and alias."""
        for actor in self.actors.values():
            for alias in [actor.name, *actor.aliases]:
                yield alias, actor.id

    def __len__(self) -> int:
        return len(self.actors)


def data_home() -> Path:
    """The user data directory, where ``dossier kb import`` writes converted dictionaries."""
    env = os.environ.get("DOSSIER_DATA_HOME", "").strip()
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "dossier"


def knowledge_dirs() -> list[Path]:
    """The data directories (packaged first, then DOSSIER_DATA_PATH), then the user data home."""
    dirs = list(data_dirs())
    home = data_home()
    if home not in dirs:
        dirs.append(home)
    return dirs


def read_entries(path: Path) -> list[dict[str, Any]]:
    """The entries of one actor or agent file (imported files take a fast JSON path)."""
    with path.open(encoding="utf-8") as fh:
        first = fh.readline()
        if first.startswith(IMPORT_MARKER):
            return [json.loads(line[2:]) for line in fh if line.startswith("- {")]
        fh.seek(0)
        content = yaml.load(fh, Loader=_Loader)
    if isinstance(content, dict):  # agents files: {roles: [...]}
        content = content.get("roles") or content.get("actors") or []
    return list(content or [])


def _files(folder: str) -> Iterator[Path]:
    for directory in knowledge_dirs():
        path = directory / folder
        if path.is_dir():
            yield from (p for p in sorted(path.glob("*.y*ml")) if not p.name.startswith("_"))


def cache_dir() -> Path:
    """Where built indexes are kept: ``$DOSSIER_CACHE_DIR`` or ``~/.cache/dossier``."""
    env = os.environ.get("DOSSIER_CACHE_DIR", "").strip()
    return Path(env).expanduser() if env else Path.home() / ".cache" / "dossier"


#: Bump when the pickled ActorKB layout changes.
_CACHE_FORMAT = "actor-kb-3"


def build_actor_kb(paths: list[Path]) -> ActorKB:
    kb = ActorKB()
    for path in paths:
        for item in read_entries(path):
            kb.add(parse_actor(item, source=path.name))
    return kb


@cache
def actor_kb() -> ActorKB:
    """Every actor file in the data directories, packaged files first.

    Parsing YAML is slow, so the built index is pickled under :func:`cache_dir`, keyed by the
    files' paths, sizes and modification times: editing or importing a file rebuilds it."""
    paths = list(_files("actors"))
    key_parts = [_CACHE_FORMAT]
    for path in [Path(__file__), *paths]:  # this module too: a code change rebuilds
        stat = path.stat()
        key_parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    digest = hashlib.sha1("\n".join(key_parts).encode()).hexdigest()[:16]
    cached = cache_dir() / f"actor-kb-{digest}.pickle"
    try:
        with cached.open("rb") as fh:
            loaded = pickle.load(fh)
        if isinstance(loaded, ActorKB):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    kb = build_actor_kb(paths)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cached)
        for old in cached.parent.glob("actor-kb-*.pickle"):  # keep the folder tidy
            if old != cached and old.stat().st_mtime < cached.stat().st_mtime - 3600:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # read-only home: the index is rebuilt on each start
    return kb


@cache
def imported_roles() -> tuple[dict[str, Any], ...]:
    """Role nouns from ``agents/*.yaml`` files (``dossier kb import`` of ``.agents``
    dictionaries), each in the format of ``roles.yaml`` entries: {noun, sector, kind, code}."""
    items: list[dict[str, Any]] = []
    for path in _files("agents"):
        items.extend(read_entries(path))
    return tuple(items)


@cache
def cameo_codes() -> dict[str, Any]:
    """The CAMEO code blocks: ``sectors`` (code -> meaning), ``international``, ``regions``,
    ``non_actor``."""
    with (DATA_DIR / "actors" / "_codes.yaml").open(encoding="utf-8") as fh:
        content: dict[str, Any] = yaml.load(fh, Loader=_Loader)
    return content


def clear_caches() -> None:
    """Forget loaded actor files (after an import, or in tests that change the environment)."""
    actor_kb.cache_clear()
    cameo_codes.cache_clear()
    imported_roles.cache_clear()

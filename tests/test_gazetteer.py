"""The offline gazetteer: normalization, build, lookups, curated places, versioning."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest_places import places_gazetteer  # noqa: F401
from dossier.knowledge import gazetteer as gz
from dossier.knowledge.gazetteer import Gazetteer, fold, name_keys, normalize


def test_fold_case_diacritics_apostrophes() -> None:
    assert fold("Ḩalab") == "halab"
    assert fold("Sana’a") == fold("Sanaa") == "sanaa"
    assert fold("The Hague") == "hague"
    assert fold("Baden-Württemberg") == "baden wurttemberg"
    assert fold("N.Y.") == "n y"


def test_name_keys_strip_articles_and_admin_suffixes() -> None:
    assert name_keys("al-Raqqa") == ["al raqqa", "raqqa"]
    assert name_keys("Idlib Governorate")[-1] == "idlib"
    assert name_keys("Helmand Province")[-1] == "helmand"
    assert name_keys("Tehran") == ["tehran"]
    assert normalize("El Salvador") == "el salvador"  # the full name is always the first key


def test_build_from_scratch(places_gazetteer: Path) -> None:  # noqa: F811
    assert places_gazetteer.is_file()
    assert places_gazetteer.parent == gz.cache_dir()
    conn = sqlite3.connect(places_gazetteer)
    version = conn.execute("SELECT value FROM meta WHERE key='version'").fetchone()[0]
    assert version == gz.version_hash()
    places, names = Gazetteer(places_gazetteer).count()
    assert places > 25_000 and names > places
    assert gz.is_current(places_gazetteer)


def _best(g: Gazetteer, name: str) -> gz.Candidate:
    cands = g.lookup(name)
    assert cands, f"{name!r} not found"
    return max(cands, key=lambda c: c.population)


def test_lookups(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    tehran = [c for c in g.lookup("Tehran") if c.fcode == "PPLC"]
    assert tehran and tehran[0].country == "IRN"
    assert abs(tehran[0].lat - 35.69) < 0.2 and abs(tehran[0].lon - 51.42) < 0.2
    assert _best(g, "al-Raqqa").country == "SYR"
    assert _best(g, "Raqqa").country == "SYR"
    assert any(c.country == "SYR" for c in g.lookup("Idlib Governorate"))
    assert any(c.fcode == "PCLI" and c.country == "USA" for c in g.lookup("US"))
    assert [c.name for c in g.lookup("Ky.")] == ["Kentucky"]
    paris = {c.country for c in g.lookup("Paris")}
    assert {"FRA", "USA"} <= paris
    assert g.lookup("Xqzvbnt") == ()


def test_curated_places(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    for name, lat, lon in [
        ("Gaza Strip", 31.4, 34.4),
        ("Golan Heights", 33.0, 35.8),
        ("Atlantic Ocean", 2.5, -30.0),
        ("Strait of Hormuz", 26.6, 56.3),
        ("Donbas", 48.0, 38.5),
        ("Bekaa Valley", 33.9, 35.9),
        ("Kurdistan Region", 36.4, 44.3),
    ]:
        c = next(c for c in g.lookup(name) if c.match == "name")
        assert abs(c.lat - lat) < 0.5 and abs(c.lon - lon) < 0.5, name
    assert any(c.name == "Bekaa Valley" for c in g.lookup("Beqaa"))


def test_lookup_is_cached(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    first = g.lookup("Damascus")
    assert g.lookup("Damascus") is first


def test_version_changes_with_curated_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.knowledge.resources import clear_caches

    before = gz.version_hash()
    (tmp_path / "places.yaml").write_text(
        "places:\n  - {name: Testland Ridge, country: null, kind: region, lat: 1.0, lon: 2.0}\n"
    )
    monkeypatch.setenv("DOSSIER_DATA_PATH", str(tmp_path))
    clear_caches()
    try:
        assert gz.version_hash() != before
        assert gz.default_path().name != f"gazetteer-{before}.sqlite"
    finally:
        monkeypatch.delenv("DOSSIER_DATA_PATH")
        clear_caches()
    assert gz.version_hash() == before


def test_territories_without_coordinates_sit_at_their_capital(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    kosovo = [c for c in g.lookup("Kosovo") if c.fcode == "PCLI"]
    assert kosovo and kosovo[0].country == "XKX"
    pristina = [c for c in g.lookup("Pristina") if c.country == "XKX"]
    assert pristina and abs(kosovo[0].lat - pristina[0].lat) < 0.01
    assert any(c.fcode == "PCLI" for c in g.lookup("U.S. Virgin Islands"))


def test_a_new_build_removes_older_versions_from_the_cache(
    places_gazetteer: Path,  # noqa: F811
) -> None:
    stale = places_gazetteer.parent / "gazetteer-000000000000.sqlite"
    stale.write_bytes(b"old version")
    elsewhere = places_gazetteer.parent / "mine.sqlite"
    elsewhere.write_bytes(b"not a cached gazetteer")
    gz._remove_stale(places_gazetteer)
    assert not stale.exists()
    assert places_gazetteer.exists() and elsewhere.exists()
    elsewhere.unlink()


def test_curated_divisions_take_their_centre_from_the_package(places_gazetteer: Path) -> None:  # noqa: F811
    # "Hebei" is written with its seat only: the entry lies in the seat's GeoNames division,
    # at the centre of that division's towns
    g = Gazetteer(places_gazetteer)
    hebei = next(c for c in g.lookup("Hebei") if c.match == "name" and c.fcode == "ADM1")
    seat = _best(g, "Shijiazhuang")
    assert hebei.country == "CHN" and hebei.admin1 == seat.admin1
    assert hebei.lat != seat.lat and gz.haversine_km(hebei.lat, hebei.lon, seat.lat, seat.lon) < 400
    quebec = next(c for c in g.lookup("Quebec") if c.fcode == "ADM1" and c.country == "CAN")
    assert quebec.admin1 == "10" and 44 < quebec.lat < 55


def test_curated_seats_of_government_sit_at_the_package_city(places_gazetteer: Path) -> None:  # noqa: F811
    g = Gazetteer(places_gazetteer)
    kremlin = next(c for c in g.lookup("Kremlin") if c.match == "name")
    moscow = next(c for c in g.lookup("Moscow") if c.fcode == "PPLC")
    assert (kremlin.lat, kremlin.lon) == (moscow.lat, moscow.lon)


def test_curated_positions_need_a_name_the_package_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A curated entry whose seat the package data lacks is left out, not placed at 0, 0."""
    from dossier.knowledge.resources import clear_caches

    (tmp_path / "places.yaml").write_text(
        "places:\n"
        "  - {name: Testland Province, country: CHN, kind: admin, seat: Xqzvbnt}\n"
        "  - {name: Testland Palace, country: FRA, kind: other, at: Paris}\n"
    )
    monkeypatch.setenv("DOSSIER_DATA_PATH", str(tmp_path))
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cache"))
    clear_caches()
    gz.reset()
    try:
        g = Gazetteer(gz.build(tmp_path / "g.sqlite", tier=15000))
        assert g.lookup("Testland Province") == ()
        palace = g.lookup("Testland Palace")[0]
        paris = next(c for c in g.lookup("Paris") if c.fcode == "PPLC")
        assert (palace.lat, palace.lon) == (paris.lat, paris.lon)
    finally:
        monkeypatch.delenv("DOSSIER_DATA_PATH")
        clear_caches()
        gz.reset()


def test_division_point_is_the_middle_of_the_trimmed_box_of_its_towns() -> None:
    # a made-up division 10 degrees tall whose towns crowd at its southern edge: 90 towns
    # between 40 and 41 N, 10 spread northwards to 50 N (the convention kept in wave 5b,
    # see docs/places.md: the middle of the 5th-95th percentile box, not the area's centre)
    south = [(40.0 + i / 90, 10.0 + (i % 10) / 10) for i in range(90)]
    north = [(41.0 + i, 10.5) for i in range(10)]
    lat, lon = gz._centre(south + north)
    assert 40.0 < lat < 45.0  # pulled towards the towns, below the extent's middle (45 N)
    assert lat > gz._centre(south)[0]  # but the spread-out towns still count
    assert 10.0 <= lon <= 11.0
    # one stray town far away (a mis-coded one) hardly moves the point (the full extent box
    # would jump to 10 N, 80 E)
    stray = gz._centre([*south, *north, (-30.0, 150.0)])
    assert abs(stray[0] - lat) < 1.0 and abs(stray[1] - lon) < 0.5
    # fewer than five towns: their mean
    assert gz._centre([(0.0, 0.0), (2.0, 4.0)]) == (1.0, 2.0)

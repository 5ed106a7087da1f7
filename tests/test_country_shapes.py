"""A country's point from its outline: the area-weighted centre of its main territory
(`dossier.knowledge.country_shapes`), on our own polygons and on the package's outlines."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from conftest_places import places_gazetteer  # noqa: F401
from dossier.knowledge.country_shapes import (
    area_and_centroid,
    contains,
    country_points,
    inside_point,
    main_territory_point,
    polygons,
)
from dossier.knowledge.gazetteer import haversine_km


def _box(lon0: float, lat0: float, lon1: float, lat1: float) -> list[list[float]]:
    return [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]


def test_centroid_of_a_small_box_is_its_middle() -> None:
    found = area_and_centroid([_box(10, 20, 12, 22)])
    assert found is not None
    _, lat, lon = found
    assert lat == pytest.approx(21.0, abs=0.01) and lon == pytest.approx(11.0, abs=1e-9)


def test_centroid_is_area_weighted_on_the_sphere() -> None:
    # a band from the equator to 60°N: more area lies near the equator, so the centre is
    # below the middle latitude (asin of the mean sine: 25.7°, not 30°)
    found = area_and_centroid([_box(0, 0, 10, 60)])
    assert found is not None
    assert found[1] == pytest.approx(math.degrees(math.asin(math.sin(math.radians(60)) / 2)))
    # either winding gives the same answer
    reverse = area_and_centroid([list(reversed(_box(0, 0, 10, 60)))])
    assert reverse is not None and reverse[1:] == pytest.approx(found[1:])


def test_a_hole_moves_the_centre_away_from_it() -> None:
    found = area_and_centroid([_box(0, 0, 10, 10), _box(0.5, 0.5, 4.5, 9.5)])
    assert found is not None and found[2] > 6


def test_largest_polygon_is_the_main_territory() -> None:
    # a mainland and a far island of a quarter of its size
    geo = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[_box(-150, 55, -140, 60)], [_box(-100, 30, -80, 40)]],
                },
            }
        ],
    }
    assert len(polygons(geo)) == 2
    point = main_territory_point(geo)
    assert point is not None
    assert 34 < point[0] < 36 and point[1] == pytest.approx(-90.0)


def test_a_centre_outside_a_crescent_moves_inside() -> None:
    # a U open to the north: its centroid falls in the gap between the arms
    u_shape = [[[0, 0], [10, 0], [10, 10], [8, 10], [8, 2], [2, 2], [2, 10], [0, 10], [0, 0]]]
    found = area_and_centroid(u_shape)
    assert found is not None and not contains(u_shape, found[1], found[2])
    point = main_territory_point({"type": "Polygon", "coordinates": u_shape})
    assert point is not None and contains(u_shape, *point)
    assert inside_point(u_shape, 50.0, 5.0) is None  # the parallel misses the polygon


def test_a_polygon_across_the_antimeridian() -> None:
    ring = [[170, -20], [-170, -20], [-170, -10], [170, -10], [170, -20]]
    found = area_and_centroid([ring])
    assert found is not None and abs(found[2]) == pytest.approx(180.0)
    assert contains([ring], -15.0, 179.0) and contains([ring], -15.0, -179.0)
    assert not contains([ring], -15.0, 0.0)


def test_package_country_points_lie_in_their_main_territory() -> None:
    points = country_points()
    assert len(points) > 150
    # the contiguous United States, not the rounded point nor a centre pulled to Alaska
    lat, lon = points["USA"]
    assert 37 < lat < 41 and -101 < lon < -96
    assert haversine_km(lat, lon, 38.0, -97.0) > 100
    # metropolitan France, not its overseas departments
    lat, lon = points["FRA"]
    assert 45 < lat < 48 and 1 < lon < 4
    assert "KIR" not in points  # no outline in the package: countryinfo's point stays


def test_gazetteer_countries_sit_at_the_main_territory(places_gazetteer: Path) -> None:  # noqa: F811
    conn = sqlite3.connect(places_gazetteer)
    lat, lon, source = conn.execute(
        "SELECT lat, lon, source FROM places WHERE fcode = 'PCLI' AND country = 'USA'"
    ).fetchone()
    assert (lat, lon) == pytest.approx(country_points()["USA"])
    assert "main territory" in source
    unoutlined = conn.execute(
        "SELECT source FROM places WHERE fcode = 'PCLI' AND country = 'KIR'"
    ).fetchone()
    assert unoutlined is None or "main territory" not in unoutlined[0]

"""A country's point: the area-weighted centre of its main territory, from package outlines.

`countryinfo` ships each country's outline (``geoJSON``: one polygon or several, longitude and
latitude in degrees) beside a rounded "geographic coordinates" point (``latlng``). News
gazetteers place a country at the geographic centre of its main territory, which the rounded
point can miss by hundreds of kilometres for large countries. This module computes that centre
from the outline, the same way for every country:

1. the **main territory** is the polygon of largest area (the mainland: the contiguous United
   States without Alaska and Hawaii, metropolitan France without its overseas departments);
2. its **area-weighted centroid** is taken in an equal-area projection (longitude, sine of
   latitude: the Lambert cylindrical projection), so that high latitudes do not weigh more
   than their area; holes are subtracted;
3. when that centroid falls outside the polygon (a crescent or a hooked coast), the point
   becomes the middle of the polygon's interior stretch, along the centroid's parallel,
   nearest to it (a representative point inside the territory).

Countries without an outline in the package (small islands, a few states) keep `latlng`.
Nothing here comes from an evaluation corpus: the outlines and the method are the package's
data and plane geometry.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

Ring = Sequence[Sequence[float]]  # [[lon, lat], ...]
Polygon = Sequence[Ring]  # outer ring first, then holes


def polygons(geojson: dict[str, Any] | None) -> list[Polygon]:
    """Every polygon of a GeoJSON FeatureCollection, Feature or geometry."""
    if not geojson:
        return []
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        return [p for f in geojson.get("features") or [] for p in polygons(f)]
    if kind == "Feature":
        return polygons(geojson.get("geometry"))
    if kind == "Polygon":
        return [geojson.get("coordinates") or []] if geojson.get("coordinates") else []
    if kind == "MultiPolygon":
        return [p for p in geojson.get("coordinates") or [] if p]
    return []


def _unwrapped(ring: Ring) -> list[tuple[float, float]]:
    """The ring's (lon, lat) points, longitudes made continuous across the antimeridian."""
    points = [(float(p[0]), float(p[1])) for p in ring]
    if points and max(x for x, _ in points) - min(x for x, _ in points) > 180:
        points = [(x + 360 if x < 0 else x, y) for x, y in points]
    return points


def _ring_moments(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and the first moments (area × centroid) of a closed ring, in the
    equal-area plane (x = longitude, y = sine of latitude)."""
    xy = [(x, math.sin(math.radians(y))) for x, y in points]
    area = mx = my = 0.0
    for (x0, y0), (x1, y1) in zip(xy, xy[1:] + xy[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        mx += (x0 + x1) * cross
        my += (y0 + y1) * cross
    return area / 2, mx / 6, my / 6


def area_and_centroid(polygon: Polygon) -> tuple[float, float, float] | None:
    """(equal-area size, lat, lon) of the polygon's area-weighted centroid, holes subtracted;
    None for a degenerate polygon."""
    total = sx = sy = 0.0
    for i, ring in enumerate(polygon):
        area, mx, my = _ring_moments(_unwrapped(ring))
        # rings may wind either way: the outer ring adds its area, a hole takes its area away
        sign = (1.0 if area >= 0 else -1.0) * (1.0 if i == 0 else -1.0)
        total += sign * area
        sx += sign * mx
        sy += sign * my
    if total <= 0:
        return None
    x, y = sx / total, sy / total
    lat = math.degrees(math.asin(max(-1.0, min(1.0, y))))
    return total, lat, _wrap(x)


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def _crossings(polygon: Polygon, lat: float, shift: bool) -> list[float]:
    """Longitudes where the parallel `lat` crosses the polygon's rings."""
    xs: list[float] = []
    for ring in polygon:
        points = _unwrapped(ring)
        if shift:
            points = [(x + 360 if x < 0 else x, y) for x, y in points]
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
            if (y0 > lat) != (y1 > lat):
                xs.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    return sorted(xs)


def _spans(polygon: Polygon, lat: float, lon: float) -> tuple[list[tuple[float, float]], float]:
    """The interior stretches of the parallel `lat` (even-odd rule) and `lon` in their frame."""
    outer = _unwrapped(polygon[0]) if polygon else []
    shift = bool(outer) and max(x for x, _ in outer) > 180
    xs = _crossings(polygon, lat, shift)
    if shift and lon < 0:
        lon += 360
    return [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)], lon


def contains(polygon: Polygon, lat: float, lon: float) -> bool:
    """Whether the point lies inside the polygon (outside its holes)."""
    spans, x = _spans(polygon, lat, lon)
    return any(a <= x <= b for a, b in spans)


def inside_point(polygon: Polygon, lat: float, lon: float) -> tuple[float, float] | None:
    """A point inside the polygon on the parallel `lat`: the middle of the interior stretch
    nearest to `lon` (None when the parallel misses the polygon)."""
    spans, x = _spans(polygon, lat, lon)
    if not spans:
        return None
    a, b = min(spans, key=lambda s: 0.0 if s[0] <= x <= s[1] else min(abs(s[0] - x), abs(s[1] - x)))
    return lat, _wrap((a + b) / 2)


def main_territory_point(geojson: dict[str, Any] | None) -> tuple[float, float] | None:
    """(lat, lon) of the area-weighted centroid of the largest polygon, moved inside it when
    it falls outside; None without an outline."""
    best: tuple[float, float, float, Polygon] | None = None
    for polygon in polygons(geojson):
        found = area_and_centroid(polygon)
        if found is not None and (best is None or found[0] > best[0]):
            best = (*found, polygon)
    if best is None:
        return None
    _, lat, lon, polygon = best
    if contains(polygon, lat, lon):
        return lat, lon
    return inside_point(polygon, lat, lon) or (lat, lon)


def _entries() -> Iterable[dict[str, Any]]:
    from countryinfo import all_countries

    for country in all_countries():
        yield dict(country.info())


@cache
def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-3 -> the main-territory point of every country `countryinfo` outlines (its
    main entry only: not the nations that share a code, see countries.yaml `nations`)."""
    from dossier.knowledge.countries import is_main_entry

    points: dict[str, tuple[float, float]] = {}
    for info in _entries():
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3 or iso3 in points or not is_main_entry(info, iso3):
            continue
        point = main_territory_point(info.get("geoJSON"))
        if point is not None:
            points[iso3] = (round(point[0], 4), round(point[1], 4))
    return points

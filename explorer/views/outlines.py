"""Country outlines for a map with no tile server (from ``countryinfo``'s per-country GeoJSON).

Coordinates are rounded to 0.1 degree (about 10 km) and repeated points dropped, which keeps the
whole world at a few hundred kilobytes; the result is compiled once into the user cache.

:func:`packed_outlines` is the form a map page carries (:mod:`explorer.views.basemap`): numbers
only, each ring as whole multiples of the rounding step, each point after the first as the step
from the one before (about a third of the GeoJSON's size); :func:`country_areas` sizes the
countries, for the zoom at which a map starts naming them.
"""

from __future__ import annotations

import ast
import itertools
import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["country_areas", "country_outlines", "packed_outlines"]

_VERSION = "1"


def _simplify_ring(ring: list[list[float]], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat, *_ in ring:
        point = [round(lon, digits), round(lat, digits)]
        if not out or out[-1] != point:
            out.append(point)
    if len(out) < 4:
        return []
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _simplify(geometry: dict[str, Any], digits: int) -> dict[str, Any] | None:
    kind = geometry.get("type")
    polygons = (
        [geometry["coordinates"]]
        if kind == "Polygon"
        else geometry["coordinates"]
        if kind == "MultiPolygon"
        else []
    )
    kept = []
    for polygon in polygons:
        rings = [r for r in (_simplify_ring(ring, digits) for ring in polygon) if r]
        if rings:
            kept.append(rings)
    if not kept:
        return None
    return {"type": "MultiPolygon", "coordinates": kept}


def _compile(digits: int) -> dict[str, Any]:
    features = []
    folder = resources.files("countryinfo").joinpath("data")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".json"):
            continue
        try:
            data = json.loads(item.read_text(encoding="utf-8"))
            raw = data.get("geoJSON")
            if not raw:
                continue
            geo = ast.literal_eval(raw) if isinstance(raw, str) else raw
        except (ValueError, SyntaxError, OSError):
            continue
        for feature in geo.get("features", []):
            geometry = _simplify(feature.get("geometry") or {}, digits)
            if geometry is None:
                continue
            code = (data.get("ISO") or {}).get("alpha2")
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": data.get("name"), "code": code},
                    "geometry": geometry,
                }
            )
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=2)
def country_outlines(digits: int = 1) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of country outlines (rounded to ``digits`` decimals)."""
    from explorer.files import cache_dir

    path = cache_dir() / f"outlines-v{_VERSION}-{digits}.geojson"
    if path.exists():
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            pass
    data = _compile(digits)
    try:
        from explorer.files import atomic_write_text

        atomic_write_text(path, json.dumps(data, separators=(",", ":")))
    except OSError:
        pass
    return data


def _pack_ring(ring: list[list[float]], scale: int) -> list[int]:
    out: list[int] = []
    last_x = last_y = 0
    for lon, lat in ring[:-1]:  # the closing point repeats the first: Leaflet closes rings
        x, y = round(lon * scale), round(lat * scale)
        out += (x - last_x, y - last_y)
        last_x, last_y = x, y
    return out


@lru_cache(maxsize=2)
def packed_outlines(digits: int = 1) -> list[list[list[list[int]]]]:
    """The outlines as numbers only: a list of countries, each a list of polygons, each a list of
    rings (the outer ring, then holes), each ring ``[x0, y0, dx1, dy1, ...]`` where ``x`` is the
    longitude and ``y`` the latitude times ``10 ** digits`` and each later point is given as
    its step from the one before."""
    scale = 10**digits
    features = country_outlines(digits)["features"]
    return [
        [[_pack_ring(ring, scale) for ring in polygon] for polygon in f["geometry"]["coordinates"]]
        for f in features
    ]


def _ring_area(ring: list[list[float]]) -> float:
    """The area (km²) inside a lon/lat ring, on a sphere (small-polygon approximation)."""
    total = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        total += math.radians(x2 - x1) * (
            2 + math.sin(math.radians(y1)) + math.sin(math.radians(y2))
        )
    return abs(total) * 6371.0**2 / 2


@lru_cache(maxsize=1)
def country_areas() -> dict[str, float]:
    """Each outlined country's land area in km² (outer rings less holes), by ISO alpha-2 code."""
    areas: dict[str, float] = {}
    for feature in country_outlines()["features"]:
        code = feature["properties"].get("code")
        if not code:
            continue
        area = sum(
            _ring_area(polygon[0]) - sum(_ring_area(hole) for hole in polygon[1:])
            for polygon in feature["geometry"]["coordinates"]
        )
        areas[code] = areas.get(code, 0.0) + area
    return areas

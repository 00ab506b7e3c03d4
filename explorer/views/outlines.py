"""Country outlines for a map with no tile server (from ``countryinfo``'s per-country GeoJSON).

Coordinates are rounded to 0.1 degree (about 10 km) and repeated points dropped, which keeps the
whole world at a few hundred kilobytes; the result is compiled once into the user cache.
"""

from __future__ import annotations

import ast
import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["country_outlines"]

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

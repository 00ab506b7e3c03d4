"""What the overview map shows: the area around the events, and the names written on it.

* :func:`frame` fits the map to the events: the bounding box of the places, padded, leaving out
  far outliers (a few events in Washington in a story about Iraq) when they hold at most a
  quarter of the events and lie more than twice as far from the centre as the rest. Places
  left out are named in the map's subtitle: nothing is dropped silently.
* :func:`country_labels` places the name of each country with events at the middle of its
  largest outline, moved inside the frame when the frame shows only part of the country; other
  countries of which the frame shows a good part are named too, lighter, to find one's way.
* :func:`town_labels` names the busiest places, skipping those that would overlap a name
  already written and those that are countries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from explorer.views.names import country_name
from explorer.views.outlines import country_outlines

__all__ = ["Frame", "country_labels", "frame", "town_labels"]

OUTLIER_SHARE = 0.25  # at most this share of the events may be left off the map
OUTLIER_GAP = 2.0  # ... and only when they lie this much farther out than the rest
MIN_HALF_LAT, MIN_HALF_LON = 4.0, 6.0  # a single place still shows its surroundings
PAD = 0.12


@dataclass(frozen=True)
class Frame:
    west: float
    south: float
    east: float
    north: float
    outside: tuple[tuple[str, int], ...]  # (place, events) left off, most events first

    def contains(self, lon: Any, lat: Any) -> Any:
        return (lon >= self.west) & (lon <= self.east) & (lat >= self.south) & (lat <= self.north)

    def feature(self) -> dict[str, Any]:
        """The frame as a GeoJSON polygon for a projection's ``fit``."""
        w, s, e, n = self.west, self.south, self.east, self.north
        ring = [[w, s], [w, n], [e, n], [e, s], [w, s]]  # clockwise: d3-geo's exterior ring
        return {"type": "Feature", "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip

    def note(self) -> str:
        """ "Not on the map: Washington (8), Paris (4) and 3 more places (5 events)"."""
        if not self.outside:
            return ""
        named = ", ".join(f"{p} ({n:,})" for p, n in self.outside[:4])
        rest = self.outside[4:]
        more = f" and {len(rest)} more places ({sum(n for _, n in rest):,} events)" if rest else ""
        return f"Not on the map: {named}{more}"


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def frame(points: pd.DataFrame) -> Frame:
    """The frame for places with ``longitude``, ``latitude``, ``events`` and ``place_name``."""
    if points.empty:
        return Frame(-170.0, -60.0, 170.0, 75.0, ())
    lon = points["longitude"].to_numpy(float)
    lat = points["latitude"].to_numpy(float)
    weight = points["events"].to_numpy(float)
    c_lon, c_lat = _weighted_median(lon, weight), _weighted_median(lat, weight)
    distance = np.hypot((lon - c_lon) * math.cos(math.radians(c_lat)), lat - c_lat)
    order = np.argsort(distance, kind="stable")
    kept = np.ones(len(points), dtype=bool)
    total, running = weight.sum(), 0.0
    for i, j in enumerate(order[:-1]):
        running += weight[j]
        far = distance[order[i + 1]]
        if running >= (1 - OUTLIER_SHARE) * total and far > OUTLIER_GAP * max(distance[j], 2.0):
            kept[order[i + 1 :]] = False
            break
    w, e, s, n = lon[kept].min(), lon[kept].max(), lat[kept].min(), lat[kept].max()
    half_lon = max((e - w) * (0.5 + PAD), MIN_HALF_LON)
    half_lat = max((n - s) * (0.5 + PAD), MIN_HALF_LAT)
    mid_lon, mid_lat = (w + e) / 2, (n + s) / 2
    box = Frame(max(-180.0, mid_lon - half_lon), max(-85.0, mid_lat - half_lat),
                min(180.0, mid_lon + half_lon), min(85.0, mid_lat + half_lat), ())  # fmt: skip
    out = points[~box.contains(points["longitude"], points["latitude"])]
    per_place = out.groupby("place_name", sort=False)["events"].sum()
    outside = sorted(((str(p), int(k)) for p, k in per_place.items()), key=lambda t: (-t[1], t[0]))
    return Frame(box.west, box.south, box.east, box.north, tuple(outside))


def _ring_area(ring: list[list[float]]) -> float:
    x = np.array([p[0] for p in ring])
    y = np.array([p[1] for p in ring])
    return float(abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2)


@cache
def _outline_points() -> dict[str, tuple[float, float, float, float, float, float]]:
    """Per country code: the middle of its largest polygon, and that polygon's bounds."""
    out: dict[str, tuple[float, float, float, float, float, float]] = {}
    for feature in country_outlines()["features"]:
        code = feature["properties"].get("code")
        polygons = feature["geometry"]["coordinates"]
        if not code or not polygons:
            continue
        ring = max((p[0] for p in polygons), key=_ring_area)
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        out[str(code)] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2,
                          min(xs), min(ys), max(xs), max(ys))  # fmt: skip
    return out


def _clamp(value: float, lo: float, hi: float, inset: float) -> float:
    if hi - lo <= 2 * inset:
        return (lo + hi) / 2
    return min(max(value, lo + inset), hi - inset)


def country_labels(codes: list[str], box: Frame) -> pd.DataFrame:
    """Columns ``label``, ``longitude``, ``latitude``, ``events``: the name of each country
    with events (``codes``) whose outline the frame shows, and of the other countries of which
    the frame shows a good part (``events`` False: drawn lighter), each at the middle of the
    part shown; a name that would overlap one already placed is left out (countries with
    events first, then the largest)."""
    width, height = box.east - box.west, box.north - box.south
    inset_lon, inset_lat = width * 0.06, height * 0.05
    wanted = {str(c).upper() for c in codes}
    candidates = []
    for code, (x, y, x0, y0, x1, y1) in _outline_points().items():
        ix0, ix1 = max(x0, box.west), min(x1, box.east)
        iy0, iy1 = max(y0, box.south), min(y1, box.north)
        shown = max(0.0, ix1 - ix0) * max(0.0, iy1 - iy0)
        if code in wanted and shown > 0:
            rank = 0
        elif ix1 - ix0 >= width * 0.12 and iy1 - iy0 >= height * 0.12:
            rank = 1
        else:
            continue
        point = (_clamp(x, ix0, ix1, inset_lon), _clamp(y, iy0, iy1, inset_lat))
        candidates.append((rank, -shown, code, point))
    rows: list[dict[str, Any]] = []
    for rank, _, code, (x, y) in sorted(candidates):
        label = country_name(code).upper()
        room = width * (0.009 * len(label) + 0.02)  # about the label's width
        if any(abs(x - r["longitude"]) < room and abs(y - r["latitude"]) < height * 0.07
               for r in rows):  # fmt: skip
            continue
        rows.append({"label": label, "longitude": x, "latitude": y, "events": rank == 0})
    return pd.DataFrame(rows, columns=["label", "longitude", "latitude", "events"])


def town_labels(points: pd.DataFrame, box: Frame, limit: int = 10) -> pd.DataFrame:
    """The busiest places inside the frame that are not countries, at most ``limit``, none
    closer to another than 1/12 of the frame's width (columns ``label``, ``longitude``,
    ``latitude``, ``events``)."""
    countries = {f["properties"].get("name") for f in country_outlines()["features"]}
    inside = points[box.contains(points["longitude"], points["latitude"])]
    inside = inside[~inside["place_name"].isin(countries)]
    places = (
        inside.groupby("place_name", sort=False)
        .agg(
            longitude=("longitude", "first"),
            latitude=("latitude", "first"),
            events=("events", "sum"),
        )
        .reset_index()
        .sort_values(["events", "place_name"], ascending=[False, True])
    )
    near = (box.east - box.west) / 12
    chosen: list[dict[str, Any]] = []
    for row in places.itertuples(index=False):
        if len(chosen) >= limit:
            break
        if all(math.hypot(row.longitude - c["longitude"], (row.latitude - c["latitude"]) * 1.3)
               >= near for c in chosen):  # fmt: skip
            chosen.append({"label": str(row.place_name), "longitude": row.longitude,
                           "latitude": row.latitude, "events": int(row.events)})  # fmt: skip
    return pd.DataFrame(chosen, columns=["label", "longitude", "latitude", "events"])

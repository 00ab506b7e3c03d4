"""Place labels for the offline basemap: country names, and town names as the map zooms in, all
from the offline gazetteer (no tile server, no network).

A label is a point, a name, the zoom from which it may be shown and its kind (country or
town). The list is in order of importance, countries first (largest first), then towns (most
populous first); the page draws them by importance (the towns that are large at the current
zoom before the countries) and leaves out any label that would overlap one already drawn
(:mod:`explorer.views.basemap`), so a dense region is never cluttered.

Which towns: the :data:`WORLD_TOWNS` most populous places of the world (down to about 120,000
people), plus, on a map of a region, up to :data:`REGION_TOWNS` more within that region (down
to :data:`REGION_MIN_POPULATION`). A town's first zoom follows its population
(:data:`TOWN_ZOOMS`); a country's follows its area (:data:`COUNTRY_ZOOMS`).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "COUNTRY",
    "COUNTRY_ZOOMS",
    "REGION_MIN_POPULATION",
    "REGION_TOWNS",
    "TOWN",
    "TOWN_ZOOMS",
    "WORLD_TOWNS",
    "Label",
    "map_labels",
]

log = logging.getLogger("explorer.views")

COUNTRY, TOWN = 0, 1
WORLD_TOWNS = 4000
REGION_TOWNS = 1500
REGION_MIN_POPULATION = 5000
# (least population, first zoom): a town of 1.2 million is named from zoom 5
TOWN_ZOOMS = ((5_000_000, 4), (1_000_000, 5), (300_000, 6), (100_000, 7), (30_000, 8),
              (10_000, 9))  # fmt: skip
TOWN_LAST_ZOOM = 10
# (least area in km², first zoom); countries without an outline (islands): COUNTRY_LAST_ZOOM
COUNTRY_ZOOMS = ((1_500_000, 2), (250_000, 3), (40_000, 4), (5_000, 5))
COUNTRY_LAST_ZOOM = 6


@dataclass(frozen=True)
class Label:
    """A name to draw at a point from zoom ``min_zoom`` on (``kind``: COUNTRY or TOWN)."""

    latitude: float
    longitude: float
    name: str
    min_zoom: int
    kind: int
    population: int = 0


def _zoom(value: float, steps: tuple[tuple[int, int], ...], last: int) -> int:
    for least, zoom in steps:
        if value >= least:
            return zoom
    return last


def _country_zoom(area: float) -> int:
    return _zoom(area, COUNTRY_ZOOMS, COUNTRY_LAST_ZOOM)


def town_zoom(population: int) -> int:
    """The zoom from which a town of ``population`` people is named."""
    return _zoom(population, TOWN_ZOOMS, TOWN_LAST_ZOOM)


def _connect() -> sqlite3.Connection:
    from explorer.gazetteer import default_gazetteer

    path = default_gazetteer().path
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


_TOWNS = (
    "SELECT name, latitude, longitude, population FROM places"
    " WHERE feature = 'populated_place' AND population > 0"
)


@lru_cache(maxsize=1)
def _countries() -> tuple[Label, ...]:
    from explorer.views.outlines import country_areas

    areas = country_areas()
    with _connect() as con:
        rows = con.execute(
            "SELECT name, latitude, longitude, country_code FROM places WHERE feature = 'country'"
        ).fetchall()
    sized = sorted(
        ((areas.get(str(code), 0.0), name, lat, lon) for name, lat, lon, code in rows),
        reverse=True,
    )
    return tuple(
        Label(float(lat), float(lon), str(name), _country_zoom(area), COUNTRY)
        for area, name, lat, lon in sized
    )


def _town(row: tuple[object, ...]) -> Label:
    name, lat, lon, population = row
    people = int(population)  # type: ignore[call-overload]
    return Label(float(lat), float(lon), str(name), town_zoom(people), TOWN, people)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _world_towns() -> tuple[Label, ...]:
    with _connect() as con:
        rows = con.execute(
            f"{_TOWNS} ORDER BY population DESC, name LIMIT ?", (WORLD_TOWNS,)
        ).fetchall()
    return tuple(_town(r) for r in rows)


@lru_cache(maxsize=16)
def _region_towns(south: float, west: float, north: float, east: float) -> tuple[Label, ...]:
    with _connect() as con:
        rows = con.execute(
            f"{_TOWNS} AND population >= ? AND latitude BETWEEN ? AND ?"
            " AND longitude BETWEEN ? AND ? ORDER BY population DESC, name LIMIT ?",
            (REGION_MIN_POPULATION, south, north, west, east, REGION_TOWNS + WORLD_TOWNS),
        ).fetchall()
    return tuple(_town(r) for r in rows)


def map_labels(
    bounds: tuple[float, float, float, float] | None = None, *, towns: bool = True
) -> list[Label]:
    """The labels of a map, most important first: the countries, the world's largest towns, and
    if ``bounds`` (south, west, north, east) is a region, more towns within it. An unusable
    gazetteer is logged and leaves the map without labels."""
    from explorer.errors import ExplorerError

    try:
        labels = list(_countries())
        if not towns:
            return labels
        world = _world_towns()
        extra: tuple[Label, ...] = ()
        if bounds is not None:
            south, west, north, east = (round(v, 1) for v in bounds)
            if south < north and west < east and (north - south) * (east - west) < 2500:
                extra = _region_towns(south, west, north, east)
    except (ExplorerError, sqlite3.Error) as exc:
        log.warning("the basemap has no place labels: %s", exc)
        return []
    seen = set(world)
    more = [t for t in extra if t not in seen][:REGION_TOWNS]
    return labels + sorted([*world, *more], key=lambda t: -t.population)

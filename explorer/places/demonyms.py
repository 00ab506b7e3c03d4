"""Demonyms and adjectives of places: "Iraqi" -> Iraq, "Kurdish" -> Kurdistan Region.

The table (``data/demonyms.csv``) was derived from ``countryinfo``'s demonyms and extended by
hand; targets are ISO country codes, ``region:<key>``, ``continent:<name>`` or
``admin1:<CC>.<code>``. Plural forms ("Iraqis", "Americans") are accepted too.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from explorer.gazetteer import Gazetteer, name_key
from explorer.model import Place
from explorer.places.coherence import country_key

__all__ = ["demonym_keys", "demonym_place"]


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    import csv

    path = Path(__file__).parent / "data" / "demonyms.csv"
    out: dict[str, str] = {}
    with path.open("r", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = name_key(row["demonym"])
            out[key] = row["target"]
            if not key.endswith(("s", "sh", "ch", "ese")):
                out.setdefault(key + "s", row["target"])
    return out


@lru_cache(maxsize=1)
def demonym_keys() -> frozenset[str]:
    return frozenset(_table())


_cache: dict[tuple[int, str], Place | None] = {}


def demonym_place(gaz: Gazetteer, key: str) -> Place | None:
    """The place a demonym key refers to, or None."""
    target = _table().get(key)
    if target is None:
        return None
    cached = _cache.get((id(gaz), target), False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    place: Place | None = None
    if target.startswith("region:"):
        place = gaz.by_key(target)
    elif target.startswith("admin1:"):
        place = gaz.by_key("a1:" + target.split(":", 1)[1])
    elif target.startswith("continent:"):
        place = next(
            (
                m.place
                for m in gaz.lookup(target.split(":", 1)[1])
                if m.place.feature == "continent"
            ),
            None,
        )
    else:
        country = country_key(target)
        place = gaz.by_key(country) if country else None
        if place is None or place.feature != "country":
            place = next((c for c in gaz.countries() if c.country_code == target), None)
    _cache[(id(gaz), target)] = place
    return place

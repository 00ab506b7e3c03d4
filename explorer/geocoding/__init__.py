"""Geocoding: names to places, offline by default.

* :func:`geocode` and :func:`candidates`: the embedded gazetteer, ranked.
* :class:`OfflineGeocoder`: the same behind geopy's ``Geocoder`` interface.
* :func:`get_geocoder`: a back end by name; ``"offline"`` (default) or an online geopy service
  (``"nominatim"``, ``"photon"``, ``"arcgis"``) behind a cache and a rate limiter.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from explorer.geocoding.query import candidates, geocode, ranked_candidates, validate_query
from explorer.model import Place

if TYPE_CHECKING:
    from explorer.geocoding.offline import OfflineGeocoder, to_location

__all__ = [
    "OfflineGeocoder",
    "PlaceGeocoder",
    "candidates",
    "geocode",
    "get_geocoder",
    "ranked_candidates",
    "to_location",
    "validate_query",
]


def __getattr__(name: str) -> Any:
    # geopy is imported only when its interface is asked for: the geoparser ranks with
    # explorer.geocoding.rank and must start fast
    if name in ("OfflineGeocoder", "to_location"):
        from explorer.geocoding import offline

        return getattr(offline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class PlaceGeocoder(Protocol):
    """What Explorer needs of a geocoder: one query in, one place (or ``None``) out."""

    def geocode_place(self, query: str) -> Place | None: ...


def get_geocoder(
    backend: str = "offline",
    *,
    user_agent: str | None = None,
    cache_path: Path | str | None = None,
    **options: Any,
) -> PlaceGeocoder:
    """A geocoder by name. Online back ends are opt-in and need ``user_agent``."""
    if backend == "offline":
        from explorer.geocoding.offline import OfflineGeocoder

        return OfflineGeocoder()
    from explorer.geocoding.online import OnlineGeocoder

    return OnlineGeocoder(backend, user_agent=user_agent, cache_path=cache_path, **options)

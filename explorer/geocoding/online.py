"""Online geocoding through geopy: opt-in, rate-limited, retried, cached.

Choosing a back end by name is the opt-in; nothing here runs unless asked. The look-up order is:
the persistent cache, then the offline gazetteer, then the online service (one request per
``min_interval`` seconds; Nominatim's policy is one per second). geopy's exceptions are translated
into :mod:`explorer.errors` at this boundary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geopy import exc as geopy_exc
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location

from explorer import errors
from explorer.files import cache_dir
from explorer.geocoding.cache import GeocodeCache
from explorer.geocoding.offline import OfflineGeocoder
from explorer.geocoding.query import validate_query
from explorer.geocoding.ratelimit import Clock, RateLimiter
from explorer.model import Place

__all__ = ["BACKENDS", "OnlineGeocoder", "place_from_location"]

log = logging.getLogger(__name__)

# back end name -> (geopy service name, minimum seconds between requests)
BACKENDS: dict[str, tuple[str, float]] = {
    "nominatim": ("nominatim", 1.0),
    "photon": ("photon", 1.0),
    "arcgis": ("arcgis", 0.2),
}


def place_from_location(backend: str, query: str, location: Location) -> Place:
    """An Explorer ``Place`` for a geopy answer (feature and codes read from ``raw`` if there)."""
    raw: dict[str, Any] = location.raw if isinstance(location.raw, dict) else {}
    props: dict[str, Any] = raw.get("properties") or {}
    address: dict[str, Any] = raw.get("address") or {}
    kind = str(raw.get("addresstype") or props.get("type") or raw.get("type") or "")
    feature = {
        "country": "country",
        "state": "admin1",
        "county": "admin2",
        "city": "populated_place",
        "town": "populated_place",
        "village": "populated_place",
        "hamlet": "populated_place",
    }.get(kind, "populated_place")
    cc = address.get("country_code") or props.get("countrycode")
    ident = raw.get("osm_id") or props.get("osm_id") or query
    return Place(
        key=f"{backend}:{ident}",
        name=str(location.address).split(",")[0].strip() or query,
        feature=feature,
        latitude=float(location.latitude),
        longitude=float(location.longitude),
        country_code=cc.upper() if isinstance(cc, str) else None,
        admin1=address.get("state") or props.get("state"),
    )


def _translate(error: Exception) -> errors.GeocoderError:
    table: list[tuple[type[Exception], type[errors.GeocoderError]]] = [
        (geopy_exc.GeocoderRateLimited, errors.GeocoderRateLimited),
        (geopy_exc.GeocoderQuotaExceeded, errors.GeocoderQuotaExceeded),
        (geopy_exc.GeocoderTimedOut, errors.GeocoderTimedOut),
        (geopy_exc.GeocoderUnavailable, errors.GeocoderUnavailable),
    ]
    for source, target in table:
        if isinstance(error, source):
            return target(str(error) or source.__name__)
    return errors.GeocoderServiceError(str(error) or type(error).__name__)


class OnlineGeocoder:
    """Cache, then offline gazetteer, then an online geopy back end.

    ``user_agent`` is required (services such as Nominatim refuse anonymous clients).
    ``adapter_factory`` and ``clock`` exist for tests (a fake HTTP adapter, a fake clock).
    """

    def __init__(
        self,
        backend: str,
        *,
        user_agent: str | None,
        cache_path: Path | str | None = None,
        offline: OfflineGeocoder | None = None,
        adapter_factory: Callable[..., Any] | None = None,
        clock: Clock | None = None,
        max_retries: int = 3,
        **options: Any,
    ) -> None:
        if backend not in BACKENDS:
            raise errors.ConfigurationError(
                f"unknown geocoding back end {backend!r}; choose from offline, "
                + ", ".join(sorted(BACKENDS))
            )
        if not user_agent or not user_agent.strip():
            raise errors.ConfigurationError(
                f"the {backend} back end needs a user agent naming your application "
                "(e.g. user_agent='my-newsroom-explorer/1.0 (me@example.org)')"
            )
        service, interval = BACKENDS[backend]
        self.name = backend
        kwargs: dict[str, Any] = dict(options)
        if adapter_factory is not None:
            kwargs["adapter_factory"] = adapter_factory
        try:
            self.service = get_geocoder_for_service(service)(user_agent=user_agent, **kwargs)
        except geopy_exc.GeopyError as exc:
            raise errors.ConfigurationError(f"cannot set up {backend}: {exc}") from exc
        self.offline = offline or OfflineGeocoder()
        self.cache = GeocodeCache(cache_path or cache_dir() / "geocode-cache.sqlite")
        self.limiter: RateLimiter[Any] = RateLimiter(
            self._ask, min_interval=interval, max_retries=max_retries, clock=clock
        )

    def _ask(self, query: str) -> Any:
        return self.service.geocode(query, exactly_one=True)

    def geocode_place(self, query: str) -> Place | None:
        text = validate_query(query)
        cached = self.cache.get(self.name, text)
        if not self.cache.is_missing(cached):
            log.debug("%s: %r answered from the cache", self.name, text)
            return None if cached is None else Place(**cached)
        place = self.offline.geocode_place(text)
        if place is not None:
            log.debug("%s: %r answered by the offline gazetteer", self.name, text)
            return place
        log.info("%s: asking the service for %r", self.name, text)
        try:
            location = self.limiter(text)
        except geopy_exc.GeopyError as exc:
            log.warning("%s: %r failed: %s", self.name, text, exc)
            raise _translate(exc) from exc
        found = None if location is None else place_from_location(self.name, text, location)
        self.cache.put(self.name, text, None if found is None else found.to_dict())
        return found

"""The embedded offline geocoder, usable wherever geopy expects a geocoder.

>>> from geopy.extra.rate_limiter import RateLimiter
>>> geocoder = OfflineGeocoder()
>>> geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0)
>>> geocode("Irbil").raw["country_code"]
'IQ'
"""

from __future__ import annotations

from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from explorer.gazetteer import Gazetteer, default_gazetteer
from explorer.geocoding.query import ranked_candidates
from explorer.model import Place

__all__ = ["OfflineGeocoder", "to_location"]


def to_location(place: Place, score: float | None = None) -> Location:
    """A geopy ``Location`` for a place; ``.raw`` holds the place's fields (and the score)."""
    raw: dict[str, Any] = place.to_dict()
    if score is not None:
        raw["score"] = score
    return Location(place.label, (place.latitude, place.longitude), raw)


class OfflineGeocoder(Geocoder):
    """A geopy ``Geocoder`` over Explorer's embedded gazetteer: no network, no rate limit.

    ``geocode(query, exactly_one=True)`` follows geopy's contract: a ``Location`` (or a list of
    them with ``exactly_one=False``), or ``None`` when nothing matches.
    """

    name = "offline"

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        country_codes: str | list[str] | None = None,
        timeout: float | None = None,
    ) -> Location | list[Location] | None:
        ranked = ranked_candidates(query, gazetteer=self.gazetteer)
        if country_codes:
            codes = {country_codes} if isinstance(country_codes, str) else set(country_codes)
            codes = {c.upper() for c in codes}
            ranked = [r for r in ranked if r.place.country_code in codes]
        if not ranked:
            return None
        if exactly_one:
            return to_location(ranked[0].place, ranked[0].score)
        if limit is not None:
            ranked = ranked[:limit]
        return [to_location(r.place, r.score) for r in ranked]

    # Explorer's own interface (shared with the online back ends).
    def geocode_place(self, query: str) -> Place | None:
        ranked = ranked_candidates(query, gazetteer=self.gazetteer)
        return ranked[0].place if ranked else None

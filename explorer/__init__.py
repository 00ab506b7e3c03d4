"""Explorer: turn news articles into dated, geocoded events and explore them.

The public API is imported lazily so that ``import explorer`` stays fast (a fresh process
resolves its first place name in well under half a second).

>>> import explorer
>>> explorer.geocode("Irbil").name
'Erbil'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "geocode": "explorer.geocoding",
    "candidates": "explorer.geocoding",
    "OfflineGeocoder": "explorer.geocoding",
    "get_geocoder": "explorer.geocoding",
    "geoparse": "explorer.places",
    "find_dates": "explorer.dates",
    "load": "explorer.ingest",
    "EventTable": "explorer.events",
    "extract_events": "explorer.events",
    "Explorer": "explorer.views.panel",
    "brief": "explorer.export",
    "Place": "explorer.model",
    "PlaceMention": "explorer.model",
    "TimeMention": "explorer.model",
    "Article": "explorer.model",
    "Event": "explorer.model",
    "ExplorerError": "explorer.errors",
}

__all__ = [
    "Article",
    "Event",
    "EventTable",
    "Explorer",
    "ExplorerError",
    "OfflineGeocoder",
    "Place",
    "PlaceMention",
    "TimeMention",
    "brief",
    "candidates",
    "extract_events",
    "find_dates",
    "geocode",
    "geoparse",
    "get_geocoder",
    "load",
]
assert sorted(__all__) == sorted(_LAZY)

if TYPE_CHECKING:  # pragma: no cover
    from explorer.dates import find_dates
    from explorer.errors import ExplorerError
    from explorer.events import EventTable, extract_events
    from explorer.export import brief
    from explorer.geocoding import OfflineGeocoder, candidates, geocode, get_geocoder
    from explorer.ingest import load
    from explorer.model import Article, Event, Place, PlaceMention, TimeMention
    from explorer.places import geoparse
    from explorer.views.panel import Explorer


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'explorer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

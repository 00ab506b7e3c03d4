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

# public name -> (module that defines it, its name there)
_LAZY: dict[str, tuple[str, str]] = {
    "geocode": ("explorer.geocoding", "geocode"),
    "candidates": ("explorer.geocoding", "candidates"),
    "OfflineGeocoder": ("explorer.geocoding", "OfflineGeocoder"),
    "get_geocoder": ("explorer.geocoding", "get_geocoder"),
    "geoparse": ("explorer.places", "geoparse"),
    "find_dates": ("explorer.dates", "find_dates"),
    "load": ("explorer.ingest", "load"),
    "EventTable": ("explorer.events", "EventTable"),
    "IncidentTable": ("explorer.incidents.table", "IncidentTable"),
    "extract_events": ("explorer.events", "extract_events"),
    "Criteria": ("explorer.events", "Criteria"),
    "filter_events": ("explorer.events", "filter_events"),
    "open_events": ("explorer.scale", "open_events"),
    "build_map": ("explorer.views.map", "build_map"),
    "build_timeline": ("explorer.views.timeline", "build_timeline"),
    "save_map": ("explorer.views.save", "save_map"),
    "incident_map": ("explorer.views.incidents_map", "incident_map"),
    "save_chart": ("explorer.views.save", "save_chart"),
    "Explorer": ("explorer.views.panel", "Explorer"),
    "brief": ("explorer.export", "brief"),
    "Place": ("explorer.model", "Place"),
    "PlaceMention": ("explorer.model", "PlaceMention"),
    "TimeMention": ("explorer.model", "TimeMention"),
    "Article": ("explorer.model", "Article"),
    "Event": ("explorer.model", "Event"),
    "ExplorerError": ("explorer.errors", "ExplorerError"),
}
# short names for the builders, kept out of __all__: ``from explorer import *`` must not
# shadow the built-in ``map``
_ALIASES: dict[str, tuple[str, str]] = {
    "map": ("explorer.views.map", "build_map"),
    "timeline": ("explorer.views.timeline", "build_timeline"),
}

__all__ = [
    "Article",
    "Criteria",
    "Event",
    "EventTable",
    "Explorer",
    "ExplorerError",
    "IncidentTable",
    "OfflineGeocoder",
    "Place",
    "PlaceMention",
    "TimeMention",
    "brief",
    "build_map",
    "build_timeline",
    "candidates",
    "extract_events",
    "filter_events",
    "find_dates",
    "geocode",
    "geoparse",
    "get_geocoder",
    "incident_map",
    "load",
    "open_events",
    "save_chart",
    "save_map",
]

if TYPE_CHECKING:  # pragma: no cover
    from explorer.dates import find_dates
    from explorer.errors import ExplorerError
    from explorer.events import Criteria, EventTable, extract_events, filter_events
    from explorer.export import brief
    from explorer.geocoding import OfflineGeocoder, candidates, geocode, get_geocoder
    from explorer.incidents.table import IncidentTable
    from explorer.ingest import load
    from explorer.model import Article, Event, Place, PlaceMention, TimeMention
    from explorer.places import geoparse
    from explorer.scale import open_events
    from explorer.views.incidents_map import incident_map
    from explorer.views.map import build_map
    from explorer.views.map import build_map as map  # noqa: F401 (an alias)
    from explorer.views.panel import Explorer
    from explorer.views.save import save_chart, save_map
    from explorer.views.timeline import build_timeline
    from explorer.views.timeline import build_timeline as timeline  # noqa: F401 (an alias)


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name) or _ALIASES.get(name)
    if where is None:
        raise AttributeError(f"module 'explorer' has no attribute {name!r}")
    module, attribute = where
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, *_ALIASES, "__version__"])

"""Views: folium maps (``map``), altair timelines (``timeline``), popups, the Explorer panel,
and ``offline``: maps and charts that draw without the internet.

The offline helpers are importable from here; they load on first use (folium and altair are
not imported by ``import explorer.views``). Importing changes no other library's settings:
:func:`enable_offline_charts` switches altair to offline charts when called.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "add_country_basemap",
    "chart_html",
    "enable_offline_charts",
    "make_offline",
    "offline_map_html",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module("explorer.views.offline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

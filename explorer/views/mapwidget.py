"""The Explorer panel's live map: a small anywidget that keeps Leaflet in the page and receives
only the markers of each view.

The panel's map used to be the whole offline folium page (Leaflet inlined, every popup) in an
``<iframe srcdoc>``, sent again through the widget channel on every redraw: 13 MB and 4.5 s at
16,746 events. :class:`EventMap` sends Leaflet and Leaflet.markercluster (from
``folium-offline``, no CDN) and the country outlines once, with the widget; each redraw sets
only its ``data`` trait (:func:`map_data`):

* ``rows``: one marker per event, or above ``group_above`` events one per distinct point
  (the events of a town share its coordinates), as ``[lat, lon, popup, colour, events,
  tooltip]``, the same rows as the exported map (:mod:`explorer.views.map`);
* ``texts``: the tooltips and, for a small view (up to ``inline_popups`` events), the popups,
  each HTML made by the escaping templates of :mod:`explorer.views.popup`. A larger view sends
  no popups: the front end asks for the one a user opens (``{"kind": "popup"}`` message, answered
  by :meth:`EventMap.popup`), so a redraw renders no popup it does not show;
* ``moves``: the movement lines of the exported map; ``legend``, ``note``: HTML fragments from
  the same templates; ``bounds``: the view the map fits to.

Above ``detail`` events, and for a DuckDB-backed table, the data are aggregates instead
(:func:`explorer.scale.aggregate.map_aggregates`): grid cells ``[south, west, events]`` and a
sample of events as markers. The JavaScript (``templates/mapwidget.js``) puts every text into
the page as the HTML Python made, and builds no HTML from text.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import anywidget
import pandas as pd
import traitlets

from explorer.events.table import EventTable
from explorer.views.map import event_tooltip, movement_pairs, place_tooltip
from explorer.views.mapstyle import CATEGORY_COLORS, CLUSTER_CSS, color_of, tile_provider
from explorer.views.offline import asset_for_url, local_css
from explorer.views.pagedata import PageTexts
from explorer.views.popup import group_popup_html
from explorer.views.templating import render

__all__ = ["ASK", "INLINE_POPUPS", "EventMap", "MapData", "map_data"]

INLINE_POPUPS = 500  # events whose popups a redraw sends; above, each is asked for when opened
GROUP_ABOVE = 2000  # above, one marker per distinct point (as the exported map's fast_threshold)
ASK = -2  # a row's popup index when the front end must ask for it
SAMPLE = 2000  # sampled events drawn as markers above ``detail``

# folium 0.20's files (folium.Map and plugins.MarkerCluster default_js / default_css)
_LEAFLET = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/"
_CLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
_JS = (_LEAFLET + "leaflet.js", _CLUSTER + "leaflet.markercluster.js")
_CSS = (_LEAFLET + "leaflet.css", _CLUSTER + "MarkerCluster.css",
        _CLUSTER + "MarkerCluster.Default.css")  # fmt: skip
_OWN_CSS = """
.explorer-leaflet-map{position:relative;width:100%;height:460px}
.explorer-leaflet-map.explorer-sea{background:#cfe3f1}
.explorer-leaflet img{max-width:none!important}
"""
# what tooltips read (place_label, date_label): a few columns, not whole records
_LABEL_COLUMNS = ("place_name", "place_text", "demonym", "start_date", "end_date",
                  "granularity", "date_text", "date_source")  # fmt: skip


@cache
def module_js() -> str:
    """The widget's ES module: Leaflet and markercluster as one string, then the module."""
    library = ";\n".join(asset_for_url(url) for url in _JS)
    source = resources.files("explorer.views").joinpath("templates/mapwidget.js")
    return f"const LIBRARY = {json.dumps(library)};\n" + source.read_text(encoding="utf-8")


@cache
def module_css() -> str:
    """Leaflet's and markercluster's CSS (asking for no other file), and the panel's."""
    return "\n".join(local_css(asset_for_url(url)) for url in _CSS) + CLUSTER_CSS + _OWN_CSS


@dataclass
class MapData:
    """What one redraw sends (``data``), and where each marker's popup comes from."""

    data: dict[str, Any]
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)  # the events the markers show
    sources: list[list[int]] = field(default_factory=list)  # per marker: its rows of ``frame``


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    table = EventTable.__new__(EventTable)  # the frame is an EventTable's already
    table.df = df
    return list(table.records())


def _legend(categories: list[str]) -> str:
    items = [(c, CATEGORY_COLORS.get(c, CATEGORY_COLORS["other"])) for c in categories]
    return render("legend.html", title="Category", items=items) if items else ""


def _popups(out: MapData, texts: PageTexts) -> None:
    """Put each marker's popup into the texts (a small view)."""
    for row, members in zip(out.data["rows"], out.sources, strict=True):
        row[2] = texts.ref(group_popup_html(_records(out.frame.iloc[members])))


def _movements(df: pd.DataFrame, texts: PageTexts) -> tuple[list[list[Any]], str]:
    """The exported map's movement lines (:func:`explorer.views.map.movement_pairs`)."""
    return movement_pairs(df, texts)


def _bounds(lat: pd.Series, lon: pd.Series) -> list[list[float]] | None:
    if lat.empty:
        return None
    return [[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]]


def _detailed(table: EventTable, group_above: int, inline_popups: int) -> MapData:
    df = table.df
    placed = df[df["latitude"].notna() & df["longitude"].notna()].reset_index(drop=True)
    texts = PageTexts()
    labels = _records(placed[[c for c in _LABEL_COLUMNS if c in placed.columns]])
    colours = [color_of(c) for c in placed["categories"]]
    used = list(dict.fromkeys(category for category, _ in colours))
    lats, lons = placed["latitude"].round(5).tolist(), placed["longitude"].round(5).tolist()
    rows: list[list[Any]] = []
    sources: list[list[int]] = []
    if len(placed) > group_above:
        groups: dict[tuple[float, float], list[int]] = {}
        for i, point in enumerate(zip(lats, lons, strict=True)):
            groups.setdefault(point, []).append(i)
        for (lat, lon), members in groups.items():
            first = labels[members[0]]
            tip = event_tooltip(first) if len(members) == 1 else place_tooltip(first, len(members))
            colour = Counter(colours[i][1] for i in members).most_common(1)[0][0]
            rows.append([lat, lon, ASK, colour, len(members), texts.ref(tip)])
            sources.append(members)
    else:
        for i, label in enumerate(labels):
            rows.append([lats[i], lons[i], ASK, colours[i][1], 1, texts.ref(event_tooltip(label))])
            sources.append([i])
    moves, moves_name = _movements(df, texts)
    out = MapData(
        {
            "rows": rows,
            "moves": moves,
            "moves_name": moves_name,
            "name": f"Events ({len(placed):,})",
            "legend": _legend(used),
            "note": "",
            "bounds": _bounds(placed["latitude"], placed["longitude"]),
            "grid": None,
        },
        placed,
        sources,
    )
    if len(placed) <= inline_popups:
        _popups(out, texts)
    out.data["texts"] = [texts[i] for i in range(len(texts))]
    return out


def _aggregated(table: Any, inline_popups: int, sample: int) -> MapData:
    from explorer.views.aggregate_map import aggregate_note, aggregate_of

    agg = aggregate_of(table, sample=sample)
    texts = PageTexts()
    frame = agg.sample.df.reset_index(drop=True)
    rows = [
        [r["latitude"], r["longitude"], ASK, color_of(r["categories"])[1], 1,
         texts.ref(event_tooltip(r))]
        for r in _records(frame)
    ]  # fmt: skip
    cells = agg.grid.cells
    size = agg.grid.size
    bounds = None
    if cells:
        south, west = min(c.south for c in cells), min(c.west for c in cells)
        north, east = max(c.south for c in cells) + size, max(c.west for c in cells) + size
        bounds = [[max(-85.0, south), max(-180.0, west)], [min(85.0, north), min(180.0, east)]]
    present = {c for c, _ in agg.categories}
    out = MapData(
        {
            "rows": rows,
            "moves": [],
            "name": f"Sample of events ({len(rows):,})",
            "legend": _legend([c for c in CATEGORY_COLORS if c in present]),
            "note": aggregate_note(agg),
            "bounds": bounds,
            "grid": {"size": size, "cells": [[c.south, c.west, c.events] for c in cells]},
        },
        frame,
        [[i] for i in range(len(rows))],
    )
    if len(rows) <= inline_popups:
        _popups(out, texts)
    out.data["texts"] = [texts[i] for i in range(len(texts))]
    return out


def map_data(
    table: Any,
    *,
    detail: int = 20_000,
    group_above: int = GROUP_ABOVE,
    inline_popups: int = INLINE_POPUPS,
    sample: int = SAMPLE,
) -> MapData:
    """What the live map draws of ``table`` (see the module notes): its events up to
    ``detail``, else aggregates (always for a DuckDB-backed table)."""
    if isinstance(table, EventTable) and len(table) <= detail:
        return _detailed(table, group_above, inline_popups)
    return _aggregated(table, inline_popups, sample)


def _tiles(basemap: str | None) -> dict[str, str]:
    if basemap in (None, "none", "no tiles"):
        return {}
    provider = tile_provider(str(basemap))
    attribution = provider.get("html_attribution") or provider.get("attribution") or ""
    return {"url": provider.build_url(), "attribution": str(attribution)}


class EventMap(anywidget.AnyWidget):
    """The live map (see the module notes): ``show(table)`` redraws it."""

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)
    outlines = traitlets.Dict().tag(sync=True)  # GeoJSON, sent once
    tiles = traitlets.Dict().tag(sync=True)  # a tile layer instead of the outlines
    data = traitlets.Dict().tag(sync=True)  # the markers of the current view

    def __init__(self, *, basemap: str | None = "none", **kwargs: Any) -> None:
        from explorer.views.outlines import country_outlines

        tiles = _tiles(basemap)
        super().__init__(
            _esm=module_js(),
            _css=module_css(),
            tiles=tiles,
            outlines={} if tiles else country_outlines(),
            **kwargs,
        )
        self._shown = MapData({})
        self._version = 0
        self.on_msg(self._on_message)

    def show(self, table: Any, *, detail: int = 20_000, **options: Any) -> MapData:
        """Draw ``table`` (its events up to ``detail``, else aggregates)."""
        shown = map_data(table, detail=detail, **options)
        self._version += 1
        shown.data["version"] = self._version
        self._shown = shown
        self.data = shown.data
        return shown

    def popup(self, marker: Any, version: Any = None) -> str | None:
        """The popup of marker ``marker`` of the current view (None: no such marker, or asked
        for a view drawn before)."""
        if version is not None and version != self._version:
            return None
        if not isinstance(marker, int) or not 0 <= marker < len(self._shown.sources):
            return None
        members = self._shown.sources[marker]
        return group_popup_html(_records(self._shown.frame.iloc[members]))

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("kind") != "popup":
            return
        marker, version = content.get("marker"), content.get("version")
        html = self.popup(marker, version)
        if html is not None:
            self.send({"kind": "popup", "version": version, "marker": marker, "html": html})

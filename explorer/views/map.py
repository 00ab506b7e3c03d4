"""``explorer.map(table)``: an interactive folium map of an events table.

A pure function of the table. Markers are coloured by category (legend included), clustered,
with popups that show the headline, the date and its precision, the place, the evidence sentence
with the mention highlighted and a source link. Optional layers: a heat map, a time slider over
the events' start-end intervals, and arrows for movements from origin to destination. Above
``fast_threshold`` events, markers go into one FastMarkerCluster (a single JavaScript array)
instead of one Leaflet layer per marker, one marker per distinct point (the events of a town
share its coordinates; the popup lists the newest, clusters count events), so 100,000 events
stay usable. Above
``aggregate_threshold`` events, and for a DuckDB-backed table
(:class:`explorer.scale.ParquetEvents`), the map is drawn from aggregates instead: grid counts,
a heat map and a sample of markers (:mod:`explorer.views.aggregate_map`).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from typing import Any

import folium
from folium import plugins

from explorer.errors import ConfigurationError
from explorer.events.table import EventTable
from explorer.scale.aggregate import Aggregable
from explorer.views.offline import make_offline
from explorer.views.popup import group_popup_html, popup_html

__all__ = ["CATEGORY_COLORS", "build_map"]

CATEGORY_COLORS: dict[str, str] = {
    "military": "#d62728",
    "terrorism": "#7f0000",
    "diplomatic": "#1f77b4",
    "political": "#9467bd",
    "humanitarian": "#2ca02c",
    "legal": "#8c564b",
    "economic": "#ff7f0e",
    "other": "#7f7f7f",
}


_ZOOM_LIMITS: dict[str, Any] = {"maxZoom": 18, "minZoom": 1}


def _color(categories: Any) -> tuple[str, str]:
    for c in categories or ():
        if c in CATEGORY_COLORS:
            return c, CATEGORY_COLORS[c]
    return "other", CATEGORY_COLORS["other"]


def _legend(used: list[str]) -> folium.Element:
    items = "".join(
        f'<div><span style="display:inline-block;width:10px;height:10px;border-radius:5px;'
        f'background:{CATEGORY_COLORS[c]};margin-right:6px"></span>{html.escape(c)}</div>'
        for c in used
    )
    box = (
        '<div class="explorer-legend" style="position:absolute;top:80px;left:10px;'
        "z-index:1000;background:rgba(255,255,255,.9);padding:6px 8px;border-radius:4px;"
        f'font:12px sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)"><b>Category</b>{items}</div>'
    )
    return folium.Element(box)


# one marker per point (a town's events share its coordinates): [lat, lon, popup, colour, n]
_FAST_CALLBACK = """
function (row) {
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]),
        {radius: row[4] > 1 ? 8 : 6, color: row[3], weight: row[4] > 1 ? 2 : 1,
         fillColor: row[3], fillOpacity: 0.8, events: row[4]});
    marker.bindPopup(row[2], {maxWidth: 380, maxHeight: 340});
    return marker;
}
"""
# clusters count events, not points (markercluster's own sizes and colours)
_COUNT_EVENTS = """
function (cluster) {
    var n = 0, markers = cluster.getAllChildMarkers();
    for (var i = 0; i < markers.length; i++) { n += markers[i].options.events || 1; }
    var size = n < 10 ? 'small' : (n < 100 ? 'medium' : 'large');
    return new L.DivIcon({html: '<div><span>' + n.toLocaleString('en') + '</span></div>',
                          className: 'marker-cluster marker-cluster-' + size,
                          iconSize: new L.Point(40, 40)});
}
"""

_TIMELINE_POINT = """
function (feature, latlng) {
    var c = feature.properties.color;
    return L.circleMarker(latlng, {radius: 6, color: c, weight: 1, fillColor: c,
                                   fillOpacity: 0.8}).bindPopup(feature.properties.popup);
}
"""


def _ms(value: str) -> float:
    """Milliseconds since the epoch of an ISO date (UTC midnight)."""
    day = dt.date.fromisoformat(value[:10])
    return (day - dt.date(1970, 1, 1)).days * 86_400_000.0


def build_map(
    table: EventTable | Aggregable,
    *,
    basemap: str | None = "none",
    cluster: bool = True,
    heatmap: bool = False,
    time_slider: bool = False,
    movements: bool = True,
    fast_threshold: int = 2000,
    assets: str | None = None,
    aggregate_threshold: int = 200_000,
) -> folium.Map:
    """A folium map of the events that have coordinates.

    ``basemap``: ``"none"`` (country outlines, no tile server: works offline) or an
    xyzservices provider name (``"OpenStreetMap.Mapnik"``, ``"CartoDB.Positron"``...), which
    needs the internet. ``assets``: ``"offline"`` inlines Leaflet and plugin files when the map
    is saved or shown; ``"cdn"`` loads them from CDNs; ``None`` (the default) reads the
    ``EXPLORER_ASSETS`` switch, else ``"offline"``.
    """
    if not isinstance(table, EventTable) or len(table) > aggregate_threshold:
        from explorer.views.aggregate_map import aggregate_of, map_from_aggregates

        return map_from_aggregates(aggregate_of(table), basemap=basemap, assets=assets)
    df = table.df
    placed = df[df["latitude"].notna() & df["longitude"].notna()]
    fmap = folium.Map(
        location=(30, 20),
        zoom_start=2,
        tiles=None,
        control_scale=True,
        # Leaflet needs the map's own zoom limits when there is no tile layer (marker clusters)
        **_ZOOM_LIMITS,
    )
    _add_basemap(fmap, basemap)
    rows = [r for r in EventTable(placed).records()]
    used: list[str] = []
    if rows:
        lats = [r["latitude"] for r in rows]
        lons = [r["longitude"] for r in rows]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom=9)
    if movements:  # drawn first, so that markers stay on top and clickable
        _add_movements(fmap, df)
    markers = folium.FeatureGroup(name=f"Events ({len(rows):,})", show=True)
    data = []
    for r in rows:
        category, color = _color(r["categories"])
        if category not in used:
            used.append(category)
        data.append((r, color))
    if len(rows) > fast_threshold:
        plugins.FastMarkerCluster(
            _points(data),
            callback=_FAST_CALLBACK,
            icon_create_function=_COUNT_EVENTS,
            name=f"Events ({len(rows):,})",
        ).add_to(fmap)
    else:
        target: Any = plugins.MarkerCluster(name=f"Events ({len(rows):,})") if cluster else markers
        for r, color in data:
            folium.CircleMarker(
                (r["latitude"], r["longitude"]),
                radius=6,
                color=color,
                weight=1,
                fill=True,
                fill_color=color,
                fill_opacity=0.8,
                popup=folium.Popup(popup_html(r), max_width=360),
                tooltip=_tooltip(r),
            ).add_to(target)
        target.add_to(fmap)
    if heatmap and rows:
        plugins.HeatMap(
            [[r["latitude"], r["longitude"]] for r in rows], name="Heat map", show=False
        ).add_to(fmap)
    if time_slider and rows:
        _add_time_slider(fmap, data)
    if used:
        fmap.get_root().html.add_child(_legend(used))  # type: ignore[attr-defined]
    folium.LayerControl(collapsed=True).add_to(fmap)
    return make_offline(fmap, assets)


def _points(data: list[tuple[dict[str, Any], str]]) -> list[list[Any]]:
    """One entry per distinct point: ``[lat, lon, popup, colour, events]``. Geocoded events
    share their place's coordinates, so a corpus has far fewer points than events: one marker
    (and one popup listing the newest, see :func:`group_popup_html`) per point keeps a map of
    100,000 events light. The colour is the point's commonest category's."""
    groups: dict[tuple[float, float], list[tuple[dict[str, Any], str]]] = {}
    for r, color in data:
        groups.setdefault((round(r["latitude"], 5), round(r["longitude"], 5)), []).append(
            (r, color)
        )
    out = []
    for (lat, lon), items in groups.items():
        colors = Counter(c for _, c in items)
        out.append([lat, lon, group_popup_html([r for r, _ in items]),
                    colors.most_common(1)[0][0], len(items)])  # fmt: skip
    return out


def _tooltip(r: dict[str, Any]) -> str:
    text = (
        f"{r.get('place_name') or r.get('place_text') or ''} · {r.get('start_date') or 'undated'}"
    )
    return html.escape(text).replace("$", "&#36;").replace("\\", "&#92;")


def _add_basemap(fmap: folium.Map, basemap: str | None) -> None:
    if basemap in (None, "none", "no tiles"):
        from explorer.views.outlines import country_outlines

        folium.GeoJson(
            country_outlines(),
            name="Countries",
            style_function=lambda _: {
                "fillColor": "#f2efe9",
                "color": "#9a9a9a",
                "weight": 0.6,
                "fillOpacity": 1,
            },
            interactive=False,
            control=False,
        ).add_to(fmap)
        fmap.get_root().header.add_child(  # type: ignore[attr-defined]
            folium.Element("<style>.leaflet-container{background:#cfe3f1}</style>")
        )
        return
    folium.TileLayer(tile_provider(basemap), name=basemap).add_to(fmap)


def tile_provider(name: str) -> Any:
    """The xyzservices provider called ``name`` ("OpenStreetMap.Mapnik", "CartoDB.Positron");
    a family name alone ("OpenStreetMap") takes its first provider; an unknown name is a
    :class:`ConfigurationError` that suggests close names."""
    import difflib

    import xyzservices
    import xyzservices.providers as xyz

    try:
        found = xyz.query_name(name)
    except ValueError:
        family = xyz.get(name)
        if isinstance(family, xyzservices.Bunch) and not isinstance(
            family, xyzservices.TileProvider
        ):
            found = next(iter(family.flatten().values()), None)
            if found is not None:
                return found
        names = list(xyz.flatten())
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ConfigurationError(
            f"unknown basemap {name!r} (use 'none' for country outlines, or an xyzservices "
            f"name such as 'OpenStreetMap.Mapnik' or 'CartoDB.Positron'){hint}"
        ) from None
    return found


def _add_time_slider(fmap: folium.Map, data: list[tuple[dict[str, Any], str]]) -> None:
    features = []
    for r, color in data:
        start = r["start_date"]
        if not start:
            continue
        end = r["end_date"] or start
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                "properties": {
                    "start": _ms(start),
                    "end": _ms(end) + 86_400_000 - 1,
                    "popup": popup_html(r),
                    "color": color,
                },
            }
        )
    if not features:
        return
    timeline = plugins.Timeline(
        {"type": "FeatureCollection", "features": features},
        name="Time slider",
        show=False,
        pointToLayer=folium.JsCode(_TIMELINE_POINT),
    ).add_to(fmap)
    plugins.TimelineSlider(
        auto_play=False, date_options="YYYY-MM-DD", enable_keyboard_controls=True
    ).add_timelines(timeline).add_to(fmap)


def _add_movements(fmap: folium.Map, df: Any) -> None:
    moves = df[df["origin_event_id"].notna() & df["latitude"].notna()]
    if moves.empty:
        return
    index = df.set_index("event_id")
    layer = folium.FeatureGroup(name="Movements")
    for _, dest in moves.iterrows():
        origin_id = dest["origin_event_id"]
        if origin_id not in index.index:
            continue
        origin = index.loc[origin_id]
        if isinstance(origin, type(df)):
            origin = origin.iloc[0]
        if origin["latitude"] != origin["latitude"]:
            continue
        label = html.escape(f"{origin['place_name']} → {dest['place_name']}")
        line = folium.PolyLine(
            [(origin["latitude"], origin["longitude"]), (dest["latitude"], dest["longitude"])],
            color="#333333",
            weight=2.5,
            opacity=0.8,
            dash_array="6 4",
            tooltip=label,
        ).add_to(layer)
        plugins.PolyLineTextPath(
            line,
            "►",
            repeat=False,
            center=True,
            offset=6,
            attributes={"fill": "#333", "font-size": "18"},
        ).add_to(layer)
    layer.add_to(fmap)


def map_json_size(fmap: folium.Map) -> int:
    """Bytes of the rendered HTML (for benchmarks)."""
    return len(fmap.get_root().render().encode())

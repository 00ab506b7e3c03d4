"""``explorer.map(table)``: an interactive folium map of an events table.

A pure function of the table. Markers are coloured by category (legend included), clustered,
with popups that show the headline, the date and its precision, the place, the evidence sentence
with the mention highlighted and a source link. Optional layers: a heat map, a time slider over
the events' start-end intervals, and arrows for movements from origin to destination (counted
by origin and destination, the busiest ``MOVEMENT_LIMIT`` pairs drawn). All markers come from
one JavaScript array (one layer, not one per marker); above ``fast_threshold`` events there is
one marker per distinct point (the events of a town share its coordinates; the popup lists the
newest, clusters count events), so 100,000 events stay usable. Above ``aggregate_threshold``
events, and for a DuckDB-backed table (:class:`explorer.scale.ParquetEvents`), the map is drawn
from aggregates instead: grid counts, a heat map and a sample of markers
(:mod:`explorer.views.aggregate_map`).

No article text goes into a folium element: popups, tooltips, labels and the legend are page
data (:mod:`explorer.views.pagedata`), since folium compiles each element's output as a Jinja
template.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from typing import Any

import folium
from folium import plugins
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from explorer.events.table import EventTable
from explorer.scale.aggregate import Aggregable
from explorer.views.mapstyle import (
    CATEGORY_COLORS,
    ZOOM_LIMITS,
    PointLayer,
    add_basemap,
    add_legend,
    color_of,
    marker_cluster,
    tile_provider,
)
from explorer.views.names import place_label
from explorer.views.offline import make_offline
from explorer.views.pagedata import PageTexts, page_texts
from explorer.views.popup import date_label, group_popup_html, popup_html
from explorer.views.timefilter import TimeFilter

__all__ = [
    "CATEGORY_COLORS",
    "MOVEMENT_LIMIT",
    "MovementLayer",
    "build_map",
    "event_tooltip",
    "movement_pairs",
    "place_tooltip",
    "tile_provider",
]

MOVEMENT_LIMIT = 300  # origin-destination pairs drawn, the busiest first

_EPOCH = dt.date(1970, 1, 1)


def _day(value: Any) -> int:
    """Days since 1970-01-01 of a date, a datetime or an ISO string."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if isinstance(day, dt.datetime):
        day = day.date()
    return (day - _EPOCH).days


def _dates(r: dict[str, Any]) -> list[int] | None:
    """An event's [first day, last day], or None when undated."""
    start = r.get("start_date")
    if start is None or start != start:  # None or NaT
        return None
    end = r.get("end_date")
    end = start if end is None or end != end else end
    return [_day(start), _day(end)]


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
        location=(30, 20), zoom_start=2, tiles=None, control_scale=True, **ZOOM_LIMITS
    )
    texts = page_texts(fmap)
    add_basemap(fmap, basemap)
    rows = [r for r in EventTable(placed).records()]
    used: list[str] = []
    if rows:
        lats = [r["latitude"] for r in rows]
        lons = [r["longitude"] for r in rows]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom=9)
    if movements:  # drawn first, so that markers stay on top and clickable
        _add_movements(fmap, df, texts)
    data = []
    for r in rows:
        category, color = color_of(r["categories"])
        if category not in used:
            used.append(category)
        data.append((r, color))
    name = f"Events ({len(rows):,})"
    timed = time_slider and any(_dates(r) for r, _ in data)
    if len(rows) > fast_threshold:
        points = _points(data, texts, dated=timed)
    else:
        points = _markers(data, texts, dated=timed)
    if cluster:
        layer = marker_cluster(fmap, points, name=name)
    else:
        layer = PointLayer(points, name=name).add_to(fmap)
    heat = None
    if heatmap and rows:
        heat = plugins.HeatMap(
            [[r["latitude"], r["longitude"]] for r in rows], name="Heat map", show=False
        ).add_to(fmap)
    if used:
        add_legend(fmap, used)
    folium.LayerControl(collapsed=True).add_to(fmap)
    if timed:
        days = [d for r, _ in data if (d := _dates(r))]
        first, last = min(d[0] for d in days), max(d[1] for d in days)
        TimeFilter(fmap, layer, first=first, last=last, heat=heat).add_to(fmap)
    return make_offline(fmap, assets)


def _markers(
    data: list[tuple[dict[str, Any], str]], texts: PageTexts, *, dated: bool = False
) -> list[list[Any]]:
    """One marker per event: ``[lat, lon, popup, colour, 1, tooltip]`` (texts by index), and
    with ``dated`` its ``[[first day, last day]]`` for the time filter."""
    out = []
    for r, color in data:
        row = [r["latitude"], r["longitude"], texts.ref(popup_html(r)), color, 1,
               texts.ref(event_tooltip(r))]  # fmt: skip
        if dated:
            day = _dates(r)
            row.append([day] if day else [])
        out.append(row)
    return out


def _points(
    data: list[tuple[dict[str, Any], str]], texts: PageTexts, *, dated: bool = False
) -> list[list[Any]]:
    """One entry per distinct point: ``[lat, lon, popup, colour, events, tooltip]`` (and with
    ``dated`` the days of its events, for the time filter). Geocoded
    events share their place's coordinates, so a corpus has far fewer points than events: one
    marker (and one popup listing the newest, see :func:`group_popup_html`) per point keeps a
    map of 100,000 events light. The colour is the point's commonest category's."""
    groups: dict[tuple[float, float], list[tuple[dict[str, Any], str]]] = {}
    for r, color in data:
        groups.setdefault((round(r["latitude"], 5), round(r["longitude"], 5)), []).append(
            (r, color)
        )
    out = []
    for (lat, lon), items in groups.items():
        colors = Counter(c for _, c in items)
        first = items[0][0]
        tooltip = event_tooltip(first) if len(items) == 1 else place_tooltip(first, len(items))
        row = [lat, lon, texts.ref(group_popup_html([r for r, _ in items])),
               colors.most_common(1)[0][0], len(items), texts.ref(tooltip)]  # fmt: skip
        if dated:
            row.append([d for r, _ in items if (d := _dates(r))])
        out.append(row)
    return out


def event_tooltip(r: dict[str, Any]) -> str:
    return html.escape(f"{place_label(r)} · {date_label(r)}")


def place_tooltip(r: dict[str, Any], events: int) -> str:
    return html.escape(f"{place_label(r)} · {events:,} events")


class MovementLayer(JSCSSMixin, Layer):
    """Arrows from origins to destinations, one per pair: ``[lat1, lon1, lat2, lon2, moves,
    label]`` (the label an index into the page's texts); the line's width grows with the
    number of movements."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var pairs = {{ this.pairs|tojson }}, group = L.featureGroup();
            for (var i = 0; i < pairs.length; i++) {
                var p = pairs[i];
                var line = L.polyline([[p[0], p[1]], [p[2], p[3]]], {
                    color: "#333333", opacity: 0.8, dashArray: "6 4",
                    weight: Math.min(8, 1.5 + Math.log(p[4]) * 1.5)
                }).bindTooltip(explorerTexts[p[5]]);
                line.addTo(group);
                line.setText("\u25ba", {center: true, offset: 6,
                                        attributes: {fill: "#333", "font-size": "18"}});
            }
            return group;
        })();
        {% endmacro %}
        """
    )
    default_js = plugins.PolyLineTextPath.default_js

    def __init__(self, pairs: list[list[Any]], *, name: str, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "MovementLayer"
        self.pairs = pairs


def _add_movements(fmap: folium.Map, df: Any, texts: PageTexts, limit: int | None = None) -> None:
    """The movement lines of :func:`movement_pairs`, in one layer that the layer control
    toggles."""
    rows, name = movement_pairs(df, texts, limit)
    if rows:
        MovementLayer(rows, name=name).add_to(fmap)


def movement_pairs(
    df: Any, texts: PageTexts, limit: int | None = None
) -> tuple[list[list[Any]], str]:
    """Movements (an event whose ``origin_event_id`` names where it came from), counted by
    origin and destination point: the ``limit`` busiest pairs as rows ``[lat1, lon1, lat2,
    lon2, movements, label]`` (the label an index into ``texts``), and the layer's name
    ("Movements (8 of 9)"); no rows when there are none."""
    moves = df[df["origin_event_id"].notna() & df["latitude"].notna()]
    if moves.empty:
        return [], ""
    origins = df.drop_duplicates("event_id").set_index("event_id")
    pairs: Counter[tuple[float, float, float, float]] = Counter()
    names: dict[tuple[float, float, float, float], tuple[str, str]] = {}
    for origin_id, lat, lon, place, written in zip(
        moves["origin_event_id"],
        moves["latitude"],
        moves["longitude"],
        moves["place_name"],
        moves["place_text"],
        strict=True,
    ):
        if origin_id not in origins.index:
            continue
        origin = origins.loc[origin_id]
        if origin["latitude"] != origin["latitude"]:  # NaN: the origin has no point
            continue
        key = (round(float(origin["latitude"]), 5), round(float(origin["longitude"]), 5),
               round(float(lat), 5), round(float(lon), 5))  # fmt: skip
        if key[:2] == key[2:]:
            continue  # a movement within one place draws no line
        pairs[key] += 1
        names.setdefault(
            key,
            (
                place_label(origin.to_dict()),
                place_label({"place_name": place, "place_text": written}),
            ),
        )
    if not pairs:
        return [], ""
    drawn = pairs.most_common(MOVEMENT_LIMIT if limit is None else limit)
    rows = []
    for key, n in drawn:
        a, b = names[key]
        label = f"{a} → {b}" + (f" ({n:,} movements)" if n > 1 else "")
        rows.append([*key, n, texts.ref(html.escape(label))])
    total = sum(pairs.values())
    shown = sum(n for _, n in drawn)
    name = f"Movements ({total:,})" if shown == total else f"Movements ({shown:,} of {total:,})"
    return rows, name


def map_json_size(fmap: folium.Map) -> int:
    """Bytes of the rendered HTML (for benchmarks)."""
    return len(fmap.get_root().render().encode())

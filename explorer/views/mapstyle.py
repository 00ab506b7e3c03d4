"""What every Explorer map shares: category colours, the legend, the offline basemap, and the
marker layers, which draw from arrays of numbers (a marker's popup and tooltip are indices into
the page's texts, :mod:`explorer.views.pagedata`: no article text enters a folium template)."""

from __future__ import annotations

import zlib
from typing import Any

import folium
from folium import plugins
from folium.map import Layer
from folium.template import Template

from explorer.errors import ConfigurationError
from explorer.views.pagedata import add_page_html
from explorer.views.templating import render

__all__ = [
    "CATEGORY_COLORS",
    "ZOOM_LIMITS",
    "PointLayer",
    "add_basemap",
    "add_legend",
    "category_color",
    "category_scale",
    "color_of",
    "marker_cluster",
    "tile_provider",
]

CATEGORY_COLORS: dict[str, str] = {
    "military": "#d62728",
    "terrorism": "#7f0000",
    "diplomatic": "#1f77b4",
    "political": "#9467bd",
    "humanitarian": "#2ca02c",
    "legal": "#8c564b",
    "economic": "#ff7f0e",
    "disaster": "#17becf",
    "accident": "#bcbd22",
    "crime": "#e377c2",
    "protest": "#f0a30a",
    "health": "#66c2a5",
    "other": "#7f7f7f",
}
# for categories of a user's own lexicon, chosen by the name (the same name, the same colour)
EXTRA_COLORS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#386cb0")

# Leaflet needs the map's own zoom limits when there is no tile layer (marker clusters)
ZOOM_LIMITS: dict[str, Any] = {"maxZoom": 18, "minZoom": 1}


def category_color(category: str) -> str:
    """A category's colour: the built-in ones', else one of ``EXTRA_COLORS`` by its name."""
    known = CATEGORY_COLORS.get(category)
    if known is not None:
        return known
    return EXTRA_COLORS[zlib.crc32(category.encode()) % len(EXTRA_COLORS)]


def category_scale(present: Any) -> tuple[list[str], list[str]]:
    """The categories ``present`` in legend order (the built-in ones first, then a user's own,
    sorted) and their colours: one colour scale for maps, timelines and briefings."""
    found = {str(c) for c in present if isinstance(c, str) and c}
    used = [c for c in CATEGORY_COLORS if c in found] + sorted(found - set(CATEGORY_COLORS))
    return used, [category_color(c) for c in used]


def color_of(categories: Any) -> tuple[str, str]:
    """The first category of an event and its colour (``"other"`` when none)."""
    for c in categories or ():
        if isinstance(c, str) and c:
            return c, category_color(c)
    return "other", CATEGORY_COLORS["other"]


def add_legend(fmap: folium.Map, used: list[str]) -> None:
    """The category legend, added to the page after rendering (category names may come from a
    user's table or lexicon: escaped by the template, and never template source)."""
    items = [(c, category_color(c)) for c in used]
    add_page_html(fmap, render("legend.html", title="Category", items=items))


# A marker from a row [lat, lon, popup, colour, events, tooltip, dates]: popup and tooltip are
# indices into the page's texts (-1: none); a marker standing for several events is drawn
# bolder; dates (optional) are the events' [first day, last day] (days since 1970-01-01), for
# the time filter (explorer.views.timefilter).
MARKER_JS = """
function explorerMarker(row) {
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]),
        {radius: row[4] > 1 ? 8 : 6, color: row[3], weight: row[4] > 1 ? 2 : 1,
         fillColor: row[3], fillOpacity: 0.8, events: row[4], allEvents: row[4],
         dates: row.length > 6 ? row[6] : null});
    if (row[2] >= 0) {
        marker.bindPopup(function () { return explorerTexts[row[2]]; },
                         {maxWidth: 380, maxHeight: 340});
    }
    if (row.length > 5 && row[5] >= 0) { marker.bindTooltip(explorerTexts[row[5]]); }
    return marker;
}
"""
FAST_CALLBACK = "function (row) { return explorerMarker(row); }"

# clusters count events, not points; drawn in slate blue, a colour no category uses
COUNT_EVENTS = """
function (cluster) {
    var n = 0, markers = cluster.getAllChildMarkers();
    for (var i = 0; i < markers.length; i++) { n += markers[i].options.events || 1; }
    var size = n < 10 ? 'small' : (n < 100 ? 'medium' : 'large');
    var px = size === 'small' ? 30 : (size === 'medium' ? 36 : 42);
    return new L.DivIcon({html: '<div><span>' + n.toLocaleString('en') + '</span></div>',
                          className: 'explorer-cluster explorer-cluster-' + size,
                          iconSize: new L.Point(px, px)});
}
"""
CLUSTER_CSS = """
.explorer-cluster{background:rgba(52,73,94,.25);border-radius:50%}
.explorer-cluster div{margin:4px;border-radius:50%;background:rgba(52,73,94,.85);color:#fff;
  width:calc(100% - 8px);height:calc(100% - 8px);display:flex;align-items:center;
  justify-content:center;font:600 12px system-ui,sans-serif}
"""


def _marker_function(fmap: folium.Map) -> None:
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        folium.Element(f"<script>{MARKER_JS}</script><style>{CLUSTER_CSS}</style>"),
        name="explorer_marker_js",
    )


def marker_cluster(fmap: folium.Map, rows: list[list[Any]], *, name: str) -> Any:
    """Clustered markers from rows (see ``MARKER_JS``): one JavaScript array, one layer."""
    _marker_function(fmap)
    return plugins.FastMarkerCluster(
        rows, callback=FAST_CALLBACK, icon_create_function=COUNT_EVENTS, name=name
    ).add_to(fmap)


class PointLayer(Layer):
    """Unclustered markers from rows (see ``MARKER_JS``), in one feature group."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var rows = {{ this.rows|tojson }}, group = L.featureGroup();
            for (var i = 0; i < rows.length; i++) { explorerMarker(rows[i]).addTo(group); }
            return group;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list[Any]], *, name: str, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "PointLayer"
        self.rows = rows

    def render(self, **kwargs: Any) -> Any:
        _marker_function(self._parent)  # type: ignore[arg-type]
        return super().render(**kwargs)


def add_basemap(fmap: folium.Map, basemap: str | None) -> None:
    """The offline basemap (``"none"``: country outlines and place labels, no tile server, see
    :mod:`explorer.views.basemap`) or an xyzservices tile layer."""
    if basemap in (None, "none", "no tiles"):
        from explorer.views.basemap import add_country_basemap

        add_country_basemap(fmap)
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

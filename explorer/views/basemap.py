"""The offline basemap: country outlines and place labels on a sea-coloured map, with no tile
server and no network.

The outlines (:mod:`explorer.views.outlines`) are drawn on a canvas of their own, in a pane
below every overlay. They used to be a ``folium.GeoJson`` layer in Leaflet's shared SVG: when a
map opened on a region (``fit_bounds`` zooms from the world view by four levels or more, an
animated zoom), Chromium painted only part of that SVG after the animation, and the rest of
the land stayed sea-coloured until the user zoomed (half of India on a map of Sindh and
Bangladesh). A canvas is redrawn whole after every zoom and move.

The labels (:mod:`explorer.views.labels`) are drawn after every move: in order of importance,
each from its own first zoom, and none where it would overlap one already drawn. Their names
are page texts (:mod:`explorer.views.pagedata`): the element's template output carries only
numbers, the page's script reads each name as ``explorerTexts[i]`` and sets it as text.
"""

from __future__ import annotations

import json
import re
from typing import Any

import folium
from branca.element import MacroElement
from folium.map import FitBounds
from folium.template import Template

from explorer.errors import ConfigurationError
from explorer.views.pagedata import page_texts

__all__ = ["BASEMAP_JS", "CountryBasemap", "add_country_basemap"]

_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(?:rgba?|hsla?)\([0-9., %]{5,40}\)")
# the region whose smaller towns a map also names: its bounds, widened by this many degrees
_MARGIN = 3.0
# the world at zoom z is 256 * 2**z pixels wide; a map shown at zoom_start is about this wide
_VIEW_PIXELS = 1600

# explorerBasemap(map, options): draws the outlines and keeps the labels drawn. Options:
# land/border colours, scale (rings' units per degree), rings (see outlines.packed_outlines),
# countries and towns: [lat*100, lon*100, text index, first zoom, ...], most important first.
BASEMAP_JS = """
function explorerBasemap(map, o) {
    var land = map.createPane("explorerLand"), names = map.createPane("explorerLabels");
    land.style.zIndex = 250;
    names.style.zIndex = 350;
    names.style.pointerEvents = "none";
    var renderer = L.canvas({pane: "explorerLand", padding: 0.5});
    var style = {renderer: renderer, interactive: false, fillColor: o.land, color: o.border,
                 weight: 0.6, fillOpacity: 1, smoothFactor: 0.5};
    function ring(r) {
        var out = [], x = 0, y = 0;
        for (var i = 0; i + 1 < r.length; i += 2) {
            x += r[i]; y += r[i + 1];
            out.push([y / o.scale, x / o.scale]);
        }
        return out;
    }
    var outlines = L.featureGroup();
    o.rings.forEach(function (country) {
        L.polygon(country.map(function (p) { return p.map(ring); }), style).addTo(outlines);
    });
    outlines.addTo(map);
    var measure = document.createElement("canvas").getContext("2d");
    var fonts = ["600 12px system-ui, sans-serif", "11px system-ui, sans-serif"];
    var widths = {};
    function width(text, kind) {
        var key = kind + text;
        if (!(key in widths)) {
            measure.font = fonts[kind];
            widths[key] = measure.measureText(text).width;
        }
        return widths[key];
    }
    function draw() {
        names.textContent = "";
        names.style.display = "";
        var zoom = map.getZoom(), size = map.getSize(), placed = [], cell = 64, grid = {};
        var shown = 0;
        function free(b) {
            for (var gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++) {
                for (var gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
                    var list = grid[gx + ":" + gy] || [];
                    for (var k = 0; k < list.length; k++) {
                        var c = list[k];
                        if (b[0] < c[2] && c[0] < b[2] && b[1] < c[3] && c[1] < b[3]) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
        function take(b) {
            for (var gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++) {
                for (var gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
                    (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(b);
                }
            }
        }
        function place(a, i, kind, dy) {
            var p = map.latLngToContainerPoint(L.latLng(a[i] / 100, a[i + 1] / 100));
            var text = explorerTexts[a[i + 2]];
            if (kind === 0) { text = text.toUpperCase(); }
            var w = width(text, kind) + (kind === 0 ? 4 : 9), h = kind === 0 ? 16 : 14;
            var x0 = kind === 0 ? p.x - w / 2 : p.x - 3, y0 = p.y - h / 2 + dy;
            var b = [x0 - 6, y0 - 3, x0 + w + 6, y0 + h + 3];
            if (b[2] < 0 || b[3] < 0 || b[0] > size.x || b[1] > size.y) { return true; }
            if (!free(b)) { return false; }
            take(b);
            var el = L.DomUtil.create("div", "explorer-label explorer-label-" +
                                      (kind === 0 ? "country" : "town"), names);
            el.textContent = text;
            el.style.width = Math.ceil(w) + "px";
            L.DomUtil.setPosition(el, map.containerPointToLayerPoint([x0, y0]).round());
            shown++;
            return true;
        }
        // the towns that are large at this zoom, then the countries (moved up or down a little
        // if they must be), then the other towns
        var i, t = o.towns, c = o.countries, major = zoom - 2;
        for (i = 0; i + 3 < t.length && t[i + 3] <= major; i += 4) { place(t, i, 1, 0); }
        for (var j = 0; j + 3 < c.length; j += 4) {
            for (var s = 0; c[j + 3] <= zoom && s < 5; s++) {
                if (place(c, j, 0, [0, -18, 18, -36, 36][s])) { break; }
            }
        }
        for (; i + 3 < t.length; i += 4) {
            if (t[i + 3] <= zoom) { place(t, i, 1, 0); }
        }
        names.setAttribute("data-shown", shown);
    }
    map.on("zoomstart", function () { names.style.display = "none"; });
    map.on("moveend resize viewreset", draw);
    map.whenReady(draw);
    return outlines;
}
"""
BASEMAP_CSS = """
.explorer-label{position:absolute;left:0;top:0;white-space:nowrap;pointer-events:none;
  color:#333;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}
.explorer-label-country{font:600 12px system-ui,sans-serif;color:#6d6a64;text-align:center;
  line-height:16px}
.explorer-label-town{font:11px system-ui,sans-serif;line-height:14px}
.explorer-label-town::before{content:"";display:inline-block;width:5px;height:5px;
  margin:0 4px 1px 0;border-radius:50%;background:#555;vertical-align:middle}
"""


def _check_colours(*colours: str) -> None:
    for colour in colours:
        if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
            raise ConfigurationError(f"not a colour: {colour!r} (use '#rrggbb' or a CSS name)")


class CountryBasemap(MacroElement):
    """Country outlines and place labels (see the module's docstring). ``data`` is the outlines'
    GeoJSON (the page carries them packed as numbers)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <script>{{ this.js }}</script><style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = explorerBasemap({{ this._parent.get_name() }},
                                                    {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(
        self, *, digits: int = 1, land: str, border: str, labels: bool = True, towns: bool = True
    ) -> None:
        super().__init__()
        _check_colours(land, border)
        self._name = "CountryBasemap"
        from explorer.views.outlines import country_outlines

        self.digits = digits
        self.data = country_outlines(digits)
        self.land, self.border = land, border
        self.labels, self.towns = labels, towns
        self.js, self.css = BASEMAP_JS, BASEMAP_CSS
        self.options_json = "{}"

    def _bounds(self) -> tuple[float, float, float, float] | None:
        """The region the map opens on (south, west, north, east), widened; ``None`` for a
        world map."""
        fmap: Any = self._parent
        for child in list(getattr(fmap, "_children", {}).values()):
            if isinstance(child, FitBounds):
                (south, west), (north, east) = child.bounds
                return (south - _MARGIN, west - _MARGIN, north + _MARGIN, east + _MARGIN)
        location = getattr(fmap, "location", None)
        zoom = getattr(fmap, "options", {}).get("zoom")
        if location is None or not isinstance(zoom, int) or zoom < 5:
            return None
        half = _VIEW_PIXELS / 2 / (256 * 2**zoom) * 360
        lat, lon = location
        return (lat - half, lon - half, lat + half, lon + half)

    def _label_numbers(self) -> tuple[list[int], list[int]]:
        from explorer.views.labels import COUNTRY, map_labels

        countries: list[int] = []
        towns: list[int] = []
        if not self.labels:
            return countries, towns
        texts = page_texts(self._parent)
        for label in map_labels(self._bounds(), towns=self.towns):
            into = countries if label.kind == COUNTRY else towns
            into += (round(label.latitude * 100), round(label.longitude * 100),
                     texts.ref(label.name), label.min_zoom)  # fmt: skip
        return countries, towns

    def render(self, **kwargs: Any) -> Any:
        from explorer.views.outlines import packed_outlines

        countries, towns = self._label_numbers()
        options = {
            "land": self.land,
            "border": self.border,
            "scale": 10**self.digits,
            "rings": packed_outlines(self.digits),
            "countries": countries,
            "towns": towns,
        }
        # numbers, and colours checked by add_country_basemap: nothing a template could run
        self.options_json = json.dumps(options, separators=(",", ":"))
        return super().render(**kwargs)


def add_country_basemap(
    fmap: folium.Map,
    *,
    digits: int = 1,
    land: str = "#f2efe9",
    border: str = "#9a9a9a",
    sea: str = "#cfe3f1",
    labels: bool = True,
    towns: bool = True,
) -> CountryBasemap:
    """A background that needs no tile server: country outlines (``countryinfo``'s GeoJSON,
    coordinates rounded to ``digits`` decimals, ~0.1° by default) on a sea-coloured map, with
    country names and, as the map zooms in, town names from the offline gazetteer
    (``labels=False``: none; ``towns=False``: countries only). Sets the map's zoom limits,
    which marker clusters need when there is no tile layer."""
    _check_colours(land, border, sea)
    if labels:
        page_texts(fmap)  # the page's figure keeps the names (set up before it renders)
    layer = CountryBasemap(digits=digits, land=land, border=border, labels=labels, towns=towns)
    layer.add_to(fmap)
    # without a tile layer Leaflet knows no zoom limits, and marker clusters need them
    if "maxZoom" not in fmap.options:
        fmap.options.setdefault("max_zoom", 18)
    if "minZoom" not in fmap.options:
        fmap.options.setdefault("min_zoom", 1)
    # the map's id outranks leaflet.css (inlined after this rule), which paints it grey
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        folium.Element(f"<style>#{fmap.get_name()}.leaflet-container{{background:{sea}}}</style>"),
        name=f"{fmap.get_name()}_sea",
    )
    return layer

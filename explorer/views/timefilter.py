"""One time slider for a map: it filters the event markers (and the heat map) to the events
whose dates overlap the chosen period.

The markers carry their events' days (see ``MARKER_JS`` in :mod:`explorer.views.mapstyle`); a
marker standing for several events stays while any of them overlaps the period, and counts only
those in its cluster's number. Undated events show only while the slider spans the whole
period. No text enters the template: only layer names (folium's own) and numbers.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from folium.template import Template

__all__ = ["TimeFilter"]


class TimeFilter(MacroElement):
    """A "From"/"To" control at the bottom left of the map, over ``first``..``last`` (days
    since 1970-01-01), driving ``markers`` (a marker cluster or feature group of
    ``explorerMarker``s) and, if given, ``heat`` (a leaflet.heat layer)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .explorer-time{background:rgba(255,255,255,.92);padding:6px 10px;border-radius:4px;
          font:12px system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);width:320px}
        .explorer-time label{display:flex;align-items:center;gap:6px;margin:2px 0}
        .explorer-time input[type=range]{flex:1}
        .explorer-time .period{font-weight:600;margin-bottom:2px}
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.map_name }}, group = {{ this.markers }};
            var heat = {{ this.heat or "null" }};
            var first = {{ this.first }}, last = {{ this.last }};
            var all = group.getLayers();
            var months = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"];
            function day(n) {
                var d = new Date(n * 86400000);
                return d.getUTCDate() + " " + months[d.getUTCMonth()] + " " + d.getUTCFullYear();
            }
            var box = L.DomUtil.create("div", "explorer-time leaflet-control");
            box.innerHTML = '<div class="period"></div>' +
                '<label>From <input type="range" class="from"></label>' +
                '<label>To <input type="range" class="to"></label>';
            var from = box.querySelector(".from"), to = box.querySelector(".to");
            var label = box.querySelector(".period");
            [from, to].forEach(function (input) {
                input.min = first; input.max = last; input.step = 1;
            });
            from.value = first; to.value = last;
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            var control = L.control({position: "bottomleft"});
            control.onAdd = function () { return box; };
            control.addTo(map);
            function apply() {
                var lo = Math.min(+from.value, +to.value), hi = Math.max(+from.value, +to.value);
                var whole = lo <= first && hi >= last;
                label.textContent = day(lo) + " \\u2013 " + day(hi);
                var shown = [], points = [];
                for (var i = 0; i < all.length; i++) {
                    var m = all[i], dates = m.options.dates, n = 0;
                    if (!dates || !dates.length) { n = whole ? m.options.allEvents : 0; }
                    else {
                        for (var j = 0; j < dates.length; j++) {
                            if (dates[j][0] <= hi && dates[j][1] >= lo) { n++; }
                        }
                        if (whole) { n = m.options.allEvents; }
                    }
                    m.options.events = n;
                    if (n > 0) { shown.push(m); }
                    for (var k = 0; k < n; k++) { points.push(m.getLatLng()); }
                }
                group.clearLayers();
                if (group.addLayers) { group.addLayers(shown); }
                else { shown.forEach(function (m) { group.addLayer(m); }); }
                if (heat) { heat.setLatLngs(points); }
                box.setAttribute("data-shown", shown.length);
            }
            from.addEventListener("input", apply);
            to.addEventListener("input", apply);
            apply();
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self, fmap: Any, markers: Any, *, first: int, last: int, heat: Any | None = None
    ) -> None:
        super().__init__()
        self._name = "TimeFilter"
        self.map_name = fmap.get_name()
        self.markers = markers.get_name()
        self.heat = heat.get_name() if heat is not None else None
        self.first, self.last = int(first), int(last)

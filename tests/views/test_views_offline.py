"""Maps and charts that need no CDN (explorer.views.offline)."""

from __future__ import annotations

import html
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import altair as alt
import folium
import pandas as pd
import pytest
from folium import plugins

from explorer.errors import ConfigurationError
from explorer.views.offline import (
    OfflineFigure,
    add_country_basemap,
    asset_for_url,
    chart_html,
    enable_offline_charts,
    external_references,
    inline_assets,
    make_offline,
    offline_map_html,
    resolve_assets_mode,
)
from explorer.views.popup import popup_html


@pytest.fixture(autouse=True)
def _no_assets_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default mode ("offline"), whatever EXPLORER_ASSETS says where the tests run."""
    monkeypatch.delenv("EXPLORER_ASSETS", raising=False)


HOSTILE = "Shelling near <script>alert(1)</script> Mosul <img src=x onerror=alert(2)>"
FAST_CALLBACK = "function (row) { return L.circleMarker(new L.LatLng(row[0], row[1])); }"


def event_map(tiles: str | None = None) -> folium.Map:
    """Markers, a marker cluster, a fast cluster, a heat map, a timeline with its slider, a
    timestamped layer, a polyline with an arrow, an ant path and a fullscreen button."""
    fmap = folium.Map(location=(34, 43), zoom_start=6, tiles=tiles, max_zoom=18)
    if tiles is None:
        add_country_basemap(fmap)
    popup = folium.Popup(popup_html({"title": "Mosul", "sentence": HOSTILE}), max_width=300)
    folium.CircleMarker((36.34, 43.12), radius=8, popup=popup).add_to(fmap)
    folium.Marker((33.31, 44.36), popup="Baghdad").add_to(fmap)
    cluster = plugins.MarkerCluster(name="cluster").add_to(fmap)
    for i in range(5):
        folium.CircleMarker((35 + i / 100, 40)).add_to(cluster)
    plugins.FastMarkerCluster([[30.5, 47.8], [30.6, 47.7]], callback=FAST_CALLBACK).add_to(fmap)
    plugins.HeatMap([[36.3, 43.1], [33.3, 44.4]], name="heat").add_to(fmap)
    point = {"type": "Point", "coordinates": [43.12, 36.34]}
    timeline = plugins.Timeline(
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": point, "properties": {"start": 0, "end": 1}}]}
    ).add_to(fmap)  # fmt: skip
    plugins.TimelineSlider().add_timelines(timeline).add_to(fmap)
    plugins.TimestampedGeoJson(
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": point, "properties": {"times": ["2016-10-17"]}}]}
    ).add_to(fmap)  # fmt: skip
    line = folium.PolyLine([(36.34, 43.12), (33.31, 44.36)]).add_to(fmap)
    plugins.PolyLineTextPath(line, "►", center=True).add_to(fmap)
    plugins.AntPath([(36.34, 43.12), (36.19, 44.01)]).add_to(fmap)
    plugins.Fullscreen().add_to(fmap)
    folium.LayerControl().add_to(fmap)
    return fmap


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}
        self.current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.current = dict(attrs).get("data-asset") or f"script {len(self.found)}"
            self.found[self.current] = ""

    def handle_data(self, data: str) -> None:
        if self.current:
            self.found[self.current] += data

    def handle_endtag(self, tag: str) -> None:
        self.current = None


def inlined_scripts(page: str) -> dict[str, str]:
    parser = _Scripts()
    parser.feed(page)
    return parser.found


def script_and_style_urls(page: str) -> list[str]:
    return re.findall(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"', page)


def test_offline_map_html_needs_nothing_from_the_network() -> None:
    page = offline_map_html(event_map())
    assert external_references(page) == []
    assert script_and_style_urls(page) == []
    assert "L.tileLayer" not in page  # no tiles at all in no-tiles mode
    for library in ("Leaflet 1.9.3", "MarkerClusterGroup", "L.heatLayer", "L.timeline", "setText"):
        assert library in page, library
    # an HTML parser finds each inlined file whole inside its own element
    scripts = inlined_scripts(page)
    assert {"leaflet.js", "leaflet.markercluster.js", "leaflet_heat.min.js"} <= set(scripts)
    assert all(len(code) > 1000 for name, code in scripts.items() if "." in name)
    assert scripts["leaflet.js"].rstrip().endswith("sourceMappingURL=leaflet.js.map")
    assert 300_000 < len(page.encode()) < 1_500_000


def test_make_offline_covers_save_render_and_jupyter(tmp_path: Path) -> None:
    fmap = make_offline(event_map())
    assert isinstance(fmap.get_root(), OfflineFigure)
    fmap.save(str(tmp_path / "map.html"))
    saved = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert external_references(saved) == []
    assert external_references(fmap.get_root().render()) == []
    # JupyterLab: folium puts the page, escaped, in an iframe's srcdoc
    frame = fmap._repr_html_()
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1))  # type: ignore[union-attr]
    assert "Leaflet 1.9.3" in srcdoc
    assert external_references(srcdoc) == []


def test_cdn_switch_gives_the_cdn_links_back(monkeypatch: pytest.MonkeyPatch) -> None:
    fmap = make_offline(event_map(), "cdn")
    page = fmap.get_root().render()
    urls = script_and_style_urls(page)
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in urls
    assert any("leaflet.markercluster" in u for u in urls)
    assert "Leaflet 1.9.3" not in page  # linked, not inlined
    assert script_and_style_urls(offline_map_html(fmap, "cdn")) == urls
    # and back again; the environment variable is the default of the switch
    assert external_references(make_offline(fmap, "offline").get_root().render()) == []
    monkeypatch.setenv("EXPLORER_ASSETS", "cdn")
    assert resolve_assets_mode(None) == "cdn"
    assert "cdn.jsdelivr.net" in offline_map_html(fmap, None)
    assert resolve_assets_mode("offline") == "offline"
    with pytest.raises(ConfigurationError):
        resolve_assets_mode("internet")


def test_tiles_mode_keeps_only_the_tile_urls() -> None:
    page = offline_map_html(event_map(tiles="OpenStreetMap"))
    assert script_and_style_urls(page) == []
    assert [u for u in external_references(page) if "tile.openstreetmap.org" not in u] == []
    assert any("tile.openstreetmap.org" in u for u in external_references(page))


def test_article_text_in_a_popup_is_escaped() -> None:
    page = offline_map_html(event_map())
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_icon_assets_only_when_icons_are_used() -> None:
    plain = offline_map_html(event_map())
    assert "data-asset=" in plain
    for heavy in ("all.min.css", "bootstrap.min.css", "leaflet.awesome-markers.js"):
        assert f'data-asset="{heavy}"' not in plain
    fmap = folium.Map(tiles=None)
    folium.Marker((36.3, 43.1), icon=folium.Icon(icon="flag", prefix="fa")).add_to(fmap)
    page = offline_map_html(fmap)
    assert 'data-asset="all.min.css"' in page
    assert 'data-asset="leaflet.awesome-markers.js"' in page
    assert external_references(page) == []
    # no font face or image that would have to be fetched
    assert (
        re.search(r"url\(\s*['\"]?(?!data:|#)[^)]*\.(?:woff2?|ttf|eot|svg|png|gif)", page) is None
    )
    assert 'data-asset="all.min.css"' not in offline_map_html(fmap, icons=False)


def test_an_unknown_file_is_an_error_not_a_silent_cdn_link() -> None:
    page = '<script src="https://example.invalid/nothing.js"></script>'
    with pytest.raises(ConfigurationError, match="assets_mode='cdn'"):
        inline_assets(page)


def test_another_version_of_a_known_file_is_served_with_a_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = asset_for_url("https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js")
    assert "Leaflet 1.9.3" in code
    assert any("leaflet@1.9.3" in str(w.message) for w in caught)
    assert "jQuery v3.7.1" in asset_for_url("https://code.jquery.com/jquery-3.7.1.min.js")


def test_country_basemap_is_small_and_sets_zoom_limits() -> None:
    fmap = folium.Map(tiles=None)
    layer = add_country_basemap(fmap)
    assert len(layer.data["features"]) > 150
    page = offline_map_html(fmap)
    assert len(page.encode()) < 900_000
    assert "maxZoom" in page
    assert f"#{fmap.get_name()}.leaflet-container" in page


def chart(text: str = "x") -> alt.Chart:
    data = pd.DataFrame(
        {"date": pd.to_datetime(["2016-10-17", "2016-10-20"]), "n": [1, 2], "text": [text, "y"]}
    )
    return alt.Chart(data).mark_point().encode(x="date:T", y="n:Q", tooltip="text:N")


def test_chart_html_needs_no_cdn_and_keeps_article_text_inert() -> None:
    page = chart_html(chart("</script><script>alert(1)</script>"), "offline")
    assert script_and_style_urls(page) == []
    assert external_references(page) == []
    assert "vegaEmbed" in page
    assert "alert(1)" in page and "<script>alert(1)" not in page
    # the article text did not close the spec's <script> and open one of its own
    assert len(inlined_scripts(page)) == len(inlined_scripts(chart_html(chart(), "offline")))
    assert not any(code.startswith("alert(1)") for code in inlined_scripts(page).values())
    online = chart_html(chart(), "cdn")
    assert any("cdn.jsdelivr.net/npm/vega@6" in u for u in script_and_style_urls(online))


def test_enable_offline_charts_switches_the_jupyter_renderer() -> None:
    try:
        enable_offline_charts("cdn")
        assert alt.renderers.active == "default"
        assert not alt.JupyterChart._is_offline
        enable_offline_charts("offline")
        assert alt.renderers.active == "jupyter"
        assert alt.JupyterChart._is_offline
        assert len(alt.JupyterChart._esm) > 500_000  # Vega bundled, not imported from a CDN
    finally:
        enable_offline_charts("offline")

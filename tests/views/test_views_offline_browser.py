"""explorer.views.offline in a real headless Chromium with every network request blocked.

Skipped, with the reason, when Debian's chromium or playwright is missing (see the
``offline_page`` fixture in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import folium
import pandas as pd
import pytest
from folium import plugins

from explorer.views.offline import add_country_basemap, chart_html, make_offline
from explorer.views.popup import popup_html

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _no_assets_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default mode ("offline"), whatever EXPLORER_ASSETS says where the tests run."""
    monkeypatch.delenv("EXPLORER_ASSETS", raising=False)


HOSTILE = "Shelling near <script>alert(1)</script> Mosul <img src=x onerror=alert(2)>"
RED = "#d62728"


def event_map() -> folium.Map:
    fmap = folium.Map(location=(34.5, 42.5), zoom_start=6, tiles=None)
    add_country_basemap(fmap)
    popup = folium.Popup(popup_html({"title": "Mosul", "sentence": HOSTILE}), max_width=300)
    folium.CircleMarker(
        (36.34, 43.12), radius=12, color=RED, fill=True, fill_color=RED, popup=popup
    ).add_to(fmap)
    folium.Marker((33.31, 44.36), popup="Baghdad").add_to(fmap)
    cluster = plugins.MarkerCluster().add_to(fmap)
    for i in range(5):
        folium.CircleMarker((34.8 + i / 100, 40.1)).add_to(cluster)
    plugins.HeatMap([[33.3, 44.4], [33.4, 44.3], [33.2, 44.5]]).add_to(fmap)
    line = folium.PolyLine([(36.34, 43.12), (33.31, 44.36)]).add_to(fmap)
    plugins.PolyLineTextPath(line, "►", center=True, attributes={"font-size": "18"}).add_to(fmap)
    plugins.AntPath([(35.95, 39.01), (35.33, 40.14)]).add_to(fmap)
    point = {"type": "Point", "coordinates": [44.01, 36.19]}  # Erbil
    timeline = plugins.Timeline(
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": point, "properties": {"start": 0, "end": 1}}]}
    ).add_to(fmap)  # fmt: skip
    plugins.TimelineSlider().add_timelines(timeline).add_to(fmap)
    plugins.TimestampedGeoJson(
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": point, "properties": {"times": ["2016-10-17"]}}]}
    ).add_to(fmap)  # fmt: skip
    plugins.Fullscreen().add_to(fmap)
    folium.LayerControl().add_to(fmap)
    return make_offline(fmap)


def check_map(frame: Any) -> None:
    """Markers, cluster, heat map, arrows and time controls drawn; the popup shows the article
    text literally."""
    frame.wait_for_selector(f'path.leaflet-interactive[stroke="{RED}"]', timeout=20_000)
    assert frame.locator("img.leaflet-marker-icon").count() >= 1  # Leaflet's default icon
    assert frame.locator(".marker-cluster").count() == 1
    assert frame.locator("canvas.leaflet-heatmap-layer").count() == 1
    assert frame.locator("svg textPath").count() >= 1  # the movement arrow
    assert frame.locator(".leaflet-timeline-control").count() == 1
    assert frame.locator(".timecontrol-play").count() == 1
    # on its left edge: the movement line starts at its centre
    frame.locator(f'path.leaflet-interactive[stroke="{RED}"]').click(position={"x": 4, "y": 13})
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    text = popup.inner_text()
    assert "<script>alert(1)</script>" in text  # shown, not run
    assert "<img src=x onerror=alert(2)>" in text
    assert frame.locator(".leaflet-popup-content img").count() == 0


def test_offline_map_draws_with_the_network_cut(tmp_path: Path, offline_page: Any) -> None:
    path = tmp_path / "map.html"
    event_map().save(str(path))
    page = offline_page.page
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(path.as_uri())
    check_map(page)
    page.screenshot(path=str(tmp_path / "map.png"))
    assert offline_page.errors == []
    assert offline_page.dialogs == []
    assert offline_page.requests == []


def test_map_as_shown_in_jupyterlab_draws_with_the_network_cut(
    tmp_path: Path, offline_page: Any
) -> None:
    """What JupyterLab shows: folium's iframe with the whole page in ``srcdoc``."""
    path = tmp_path / "cell.html"
    cell = event_map()._repr_html_()
    path.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{cell}</body></html>',
        encoding="utf-8",
    )
    page = offline_page.page
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_selector("iframe")
    frame = page.frames[1]
    check_map(frame)
    page.screenshot(path=str(tmp_path / "cell.png"))
    assert offline_page.errors == []
    assert offline_page.dialogs == []
    assert offline_page.requests == []


def test_offline_chart_draws_with_the_network_cut(tmp_path: Path, offline_page: Any) -> None:
    data = pd.DataFrame(
        {
            "date": pd.to_datetime(["2016-10-17", "2016-10-20", "2016-11-02"]),
            "lane": ["IQ", "IQ", "SY"],
            "text": ["</script><script>alert(1)</script>", "b", "c"],
        }
    )
    chart = (
        alt.Chart(data)
        .mark_circle(size=120)
        .encode(x="date:T", y="lane:N", tooltip="text:N")
        .properties(width=500, height=120)
    )
    path = tmp_path / "chart.html"
    path.write_text(chart_html(chart, "offline"), encoding="utf-8")
    page = offline_page.page
    page.goto(path.as_uri())
    page.wait_for_selector("#vis svg, #vis canvas", timeout=20_000)
    assert page.locator("#vis .mark-symbol path, #vis canvas").count() >= 1
    page.screenshot(path=str(tmp_path / "chart.png"))
    assert offline_page.errors == []
    assert offline_page.dialogs == []
    assert offline_page.requests == []


def test_icon_markers_draw_their_glyphs_offline(tmp_path: Path, offline_page: Any) -> None:
    """Font Awesome (solid) and Glyphicons fonts come inlined with icon markers."""
    fmap = folium.Map(location=(34.5, 43.5), zoom_start=6, tiles=None)
    add_country_basemap(fmap)
    folium.Marker((36.34, 43.12), icon=folium.Icon(color="red", icon="flag", prefix="fa")).add_to(
        fmap
    )
    folium.Marker((33.31, 44.36), icon=folium.Icon(color="green", icon="info-sign")).add_to(fmap)
    path = tmp_path / "icons.html"
    make_offline(fmap).save(str(path))
    page = offline_page.page
    page.goto(path.as_uri())
    page.wait_for_selector(".awesome-marker i.fa-flag", timeout=20_000)
    page.evaluate("document.fonts.ready")
    for selector, family in ((".fa-flag", "Font Awesome"), (".glyphicon-info-sign", "Glyphicons")):
        width = page.locator(selector).evaluate("e => e.getBoundingClientRect().width")
        assert width > 5, selector  # a drawn glyph, not an empty box
        loaded = page.evaluate(
            "f => [...document.fonts].some(x => x.family.includes(f) && x.status === 'loaded')",
            family,
        )
        assert loaded, family
    page.screenshot(path=str(tmp_path / "icons.png"))
    assert offline_page.errors == []
    assert offline_page.requests == []


def test_a_big_map_groups_events_by_point_and_clusters_count_events(
    tmp_path: Path, offline_page: Any
) -> None:
    """3,000 events on three towns (two close together): the two near ones cluster, and the
    cluster says how many events it holds; a town's popup lists its events, escaped."""
    import datetime as dt

    from explorer.events import EventTable
    from explorer.views.map import build_map

    towns = [("Mosul", 36.34, 43.13), ("Bartella", 36.35, 43.38), ("Basra", 30.51, 47.78)]
    rows = [
        {"event_id": f"e{i}", "article_id": "a", "sentence": f"{HOSTILE} {i}",
         "place_name": towns[i % 3][0], "latitude": towns[i % 3][1], "longitude": towns[i % 3][2],
         "start_date": dt.date(2016, 1, 1) + dt.timedelta(days=i), "categories": ("military",)}
        for i in range(3000)
    ]  # fmt: skip
    path = tmp_path / "big.html"
    build_map(EventTable.from_records(rows), movements=False).save(str(path))
    page = offline_page.page
    page.set_viewport_size({"width": 900, "height": 700})
    page.goto(path.as_uri())
    page.wait_for_selector(".explorer-cluster", timeout=30_000)
    assert page.locator(".explorer-cluster").first.inner_text() == "2,000"
    page.locator("path.leaflet-interactive").first.click()  # Basra, on its own
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    text = popup.inner_text()
    assert text.startswith("1,000 events at Basra")
    assert "<script>alert(1)</script>" in text and "… and 975 more here" in text
    assert offline_page.errors == [] and offline_page.dialogs == [] and offline_page.requests == []

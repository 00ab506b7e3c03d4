"""A briefing read in headless Chromium (network blocked): its key events span the period, its
map names the places, its sources agree with its header."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from explorer.export import write_briefing

sys.path.insert(0, str(Path(__file__).parent))
from test_views_briefing import busy_start_table

pytestmark = pytest.mark.browser


def test_key_events_span_the_period_in_the_browser(tmp_path: Path, offline_page: Any) -> None:
    path = write_briefing(busy_start_table(), tmp_path / "b.html", title="Iraq 2014–2017")
    page = offline_page.page
    page.on("requestfailed", lambda r: offline_page.requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("#map svg", timeout=20_000)
    page.wait_for_selector("#timeline svg", timeout=20_000)
    period = page.locator("p.period").inner_text()
    assert period.startswith("1 Jan 2014 – ")
    whens = page.locator("ol.events .when").all_inner_texts()
    years = [int(re.findall(r"\d{4}", w)[-1]) for w in whens]
    assert len(years) == 15 and years == sorted(years)
    assert {2014, 2015, 2016, 2017} <= set(years)  # not the first 15 events by date
    map_text = page.locator("#map svg text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert "IRAQ" in map_text and "Mosul" in map_text  # names on the map, drawn
    outlets = page.locator("ul.sources li.outlet").count()
    figure = page.locator(".figures div", has_text="sources").locator("b").inner_text()
    assert int(figure) == outlets == 1
    lanes = page.locator("#timeline svg text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert "Iraq (IQ)" in lanes
    assert offline_page.errors == [] and offline_page.requests == []


def test_the_overview_map_page_fills_the_window(tmp_path: Path, offline_page: Any) -> None:
    from explorer.views.overview import overview_map
    from explorer.views.save import save_chart

    chart = overview_map(busy_start_table(), title="Map", width="container", height="container")
    path = save_chart(chart, tmp_path / "map.html")
    page = offline_page.page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_selector("#vis svg.marks", timeout=20_000)
    box = page.locator("#vis svg.marks").bounding_box()
    assert box is not None and box["width"] >= 1300 and box["height"] >= 850  # was 850 x 480
    assert offline_page.errors == []


def test_a_briefing_of_incidents_maps_them_in_the_browser(
    tmp_path: Path, offline_page: Any
) -> None:
    """With incidents, the briefing's map is the incident map (one marker per incident, whose
    popup lists its reports), fitted to them, with the network off; its key events are the
    incidents."""
    from test_views_incidents import events, incidents

    path = write_briefing(events(), tmp_path / "b.html", title="T", incidents=incidents())
    page = offline_page.page
    page.goto(path.as_uri())
    frame = page.frame_locator("iframe#incident-map")
    markers = frame.locator("path.explorer-incident-marker")
    markers.first.wait_for(state="attached", timeout=20_000)
    assert markers.count() == 2  # both in view: fitted to the incidents, not the world
    area = page.locator("iframe#incident-map").bounding_box()
    assert area is not None and area["height"] >= 400
    boxes = [markers.nth(i).bounding_box() for i in range(2)]
    for box in boxes:
        assert box is not None
        assert area["x"] < box["x"] < area["x"] + area["width"]
        assert area["y"] < box["y"] < area["y"] + area["height"]
    big = max(boxes, key=lambda b: b["width"] if b else 0)  # Mosul: 3 reports
    assert big is not None
    page.mouse.click(big["x"] + big["width"] / 2, big["y"] + big["height"] / 2)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert popup.locator("li.explorer-report").count() == 3
    assert "<script>alert(1)</script> {{7*7}} shooting" in popup.inner_text()
    assert page.locator("ol.incidents li.incident").count() == 3
    page.wait_for_selector("#timeline svg", timeout=20_000)
    assert offline_page.errors == [] and offline_page.requests == []
    assert offline_page.dialogs == []

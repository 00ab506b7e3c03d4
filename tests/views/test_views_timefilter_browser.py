"""The map's time slider filters what is drawn (in headless Chromium, network blocked)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from explorer.events import EventTable
from explorer.views.map import build_map
from explorer.views.save import save_map

pytestmark = pytest.mark.browser
D = dt.date


def table() -> EventTable:
    spots = [("Mosul", 36.34, 43.12, D(2015, 1, 10)), ("Erbil", 36.19, 44.01, D(2016, 6, 1)),
             ("Basra", 30.51, 47.78, D(2017, 3, 5)), ("Kirkuk", 35.47, 44.39, None)]  # fmt: skip
    return EventTable.from_records(
        [{"event_id": f"e{i}", "place_name": name, "latitude": lat, "longitude": lon,
          "start_date": day, "end_date": day, "categories": ("military",)}
         for i, (name, lat, lon, day) in enumerate(spots)]
    )  # fmt: skip


def markers(page: Any) -> int:
    return int(page.locator("path.leaflet-interactive").count())


@pytest.mark.parametrize("fast_threshold", [2000, 1], ids=["a marker per event", "per point"])
@pytest.mark.parametrize("cluster", [True, False], ids=["clustered", "plain"])
def test_the_slider_drives_the_markers(
    tmp_path: Path, offline_page: Any, cluster: bool, fast_threshold: int
) -> None:
    path = tmp_path / "map.html"
    fmap = build_map(table(), time_slider=True, heatmap=True, cluster=cluster,
                     fast_threshold=fast_threshold)  # fmt: skip
    save_map(fmap, path)
    page = offline_page.page
    page.set_viewport_size({"width": 1200, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_selector(".explorer-time", timeout=20_000)
    box = page.locator(".explorer-time")
    assert box.get_attribute("data-shown") == "4"  # the whole period: undated shown too
    assert box.locator(".period").inner_text() == "10 Jan 2015 – 5 Mar 2017"
    first = (D(2016, 1, 1) - D(1970, 1, 1)).days
    box.locator(".from").fill(str(first))
    assert box.get_attribute("data-shown") == "2"  # Erbil and Basra
    assert box.locator(".period").inner_text() == "1 Jan 2016 – 5 Mar 2017"
    if not cluster:
        assert markers(page) == 2
    box.locator(".to").fill(str(first + 200))
    assert box.get_attribute("data-shown") == "1"  # Erbil alone
    layers = page.locator(".leaflet-control-layers-overlays").inner_text()
    assert "Events (4)" in layers and "Heat map" in layers and "macro_element" not in layers
    assert offline_page.errors == [] and offline_page.requests == []

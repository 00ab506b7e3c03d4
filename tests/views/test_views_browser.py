"""An exported map in a real headless Chromium with every network request blocked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from explorer.events import EventTable
from explorer.views.map import build_map

pytestmark = pytest.mark.browser
HOSTILE = (
    "A <script>alert(1)</script> and <img src=x onerror=alert(2)> {{7*7}} {% raw %} ${x} near Mosul"
)


def table() -> EventTable:
    start = HOSTILE.index("Mosul")
    return EventTable.from_records(
        [
            {"event_id": "e1", "latitude": 36.34, "longitude": 43.12, "place_name": "Mosul",
             "place_text": "Mosul", "sentence": HOSTILE, "sentence_start": 0,
             "place_start": start, "place_end": start + 5, "title": "Hostile <b>title</b>",
             "start_date": dt.date(2016, 10, 17), "end_date": dt.date(2016, 10, 17),
             "categories": ("military",), "url": "javascript:alert(3)"},
            {"event_id": "e2", "latitude": 36.19, "longitude": 44.01, "place_name": "Erbil",
             "origin_event_id": "e1", "start_date": dt.date(2016, 10, 17),
             "end_date": dt.date(2016, 10, 23), "granularity": "week",
             "categories": ("diplomatic",)},
        ]
    )  # fmt: skip


@pytest.mark.parametrize("cluster", [True, False])
def test_offline_map_renders_opens_popups_and_runs_no_article_code(
    tmp_path: Path, cluster: bool, offline_page: Any
) -> None:
    path = tmp_path / "map.html"
    build_map(table(), cluster=cluster, time_slider=True, heatmap=True).save(str(path))
    page = offline_page.page
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(path.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached", timeout=20_000)
    markers = page.locator("path.leaflet-interactive")
    assert markers.count() >= 2
    opened = ""
    for i in range(markers.count()):
        box = markers.nth(i).bounding_box()
        if box and box["width"] < 30:
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            # a popup closed by this click may still be fading out: take the one on Mosul
            popup = page.locator(".leaflet-popup-content", has_text="Mosul")
            if popup.count():
                opened = popup.first.inner_text()
                break
    assert "<script>alert(1)</script>" in opened  # shown literally
    assert "<img src=x onerror=alert(2)>" in opened
    assert "{{7*7}} {% raw %} ${x}" in opened  # template syntax is text, not code
    assert popup.first.locator("mark").count() == 1
    assert page.locator(".leaflet-popup-content img").count() == 0
    assert page.locator(".leaflet-popup-content a[href^='javascript']").count() == 0
    page.screenshot(path=str(tmp_path / "map.png"))
    assert offline_page.errors == []
    assert offline_page.dialogs == []  # nothing from the article ran
    assert offline_page.requests == []  # nothing was fetched: the map is self-contained

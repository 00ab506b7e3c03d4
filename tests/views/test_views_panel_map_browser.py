"""The panel's live map widget (explorer/views/mapwidget.py) in headless Chromium, without
JupyterLab: a page imports the widget's ES module as anywidget does (a blob URL) and renders it
with a stand-in model (``get``, ``on``, ``off``, ``send``); every network request is blocked
(the ``offline_page`` fixture in tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from explorer.events import EventTable
from explorer.views.mapwidget import EventMap

pytestmark = pytest.mark.browser

HOSTILE = "Raid near <img src=x onerror=alert(1)> Mosul <script>alert(2)</script>"

_MOUNT = """async ({esm, css, state}) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);
  const url = URL.createObjectURL(new Blob([esm], {type: "text/javascript"}));
  const module = await import(url);
  const handlers = {};
  window.sent = [];
  const model = {
    get: (key) => state[key],
    on: (name, f) => (handlers[name] = handlers[name] || []).push(f),
    off: (name, f) => { handlers[name] = (handlers[name] || []).filter((g) => g !== f); },
    send: (message) => window.sent.push(message),
  };
  window.fakeModel = {
    set(key, value) {
      state[key] = value;
      (handlers["change:" + key] || []).forEach((f) => f());
    },
    deliver(message) { (handlers["msg:custom"] || []).forEach((f) => f(message, [])); },
  };
  const el = document.createElement("div");
  el.id = "map";
  el.style.width = "900px";
  document.body.appendChild(el);
  module.default.render({model, el});
}"""

PLACES = [  # far enough apart not to cluster at the zoom that shows them all
    ("Mosul", "IQ", 36.34, 43.13, "military"),
    ("Basra", "IQ", 30.51, 47.78, "humanitarian"),
    ("Aleppo", "SY", 36.20, 37.16, "diplomatic"),
    ("Damascus", "SY", 33.51, 36.29, "military"),
]


def table() -> EventTable:
    return EventTable.from_records(
        [
            {"event_id": f"e{i}", "article_id": "a", "title": HOSTILE, "sentence": HOSTILE,
             "place_name": place, "place_text": place, "country_code": cc, "latitude": lat,
             "longitude": lon, "start_date": dt.date(2016, 10, 17 + i),
             "end_date": dt.date(2016, 10, 17 + i), "categories": (category,)}
            for i, (place, cc, lat, lon, category) in enumerate(PLACES)
        ]
    )  # fmt: skip


def mount(page: Any, widget: EventMap) -> Any:
    state = {"outlines": widget.outlines, "tiles": widget.tiles, "data": widget.data}
    page.page.set_content("<!doctype html><html><body></body></html>")
    page.page.evaluate(_MOUNT, {"esm": widget._esm, "css": widget._css, "state": state})
    page.page.wait_for_selector("#map .leaflet-container")
    return page.page


def markers(page: Any) -> int:
    return int(page.locator("#map path.leaflet-interactive").count())


def test_the_map_draws_offline_and_redraws_when_its_data_change(
    offline_page: Any,
) -> None:
    events = table()
    widget = EventMap()
    widget.show(events)
    page = mount(offline_page, widget)
    assert page.locator("#map canvas").count() >= 1  # the country outlines
    page.wait_for_function("() => document.querySelectorAll('#map path.leaflet-interactive')"
                           ".length === 4")  # fmt: skip
    assert page.get_attribute("#map", "data-markers") == "4"
    assert "military" in page.locator("#map .explorer-legend").inner_text()

    widget.show(events.filter(countries=["SY"]))  # a country filter: only the rows are sent
    page.evaluate("data => window.fakeModel.set('data', data)", widget.data)
    page.wait_for_function("() => document.querySelector('#map').dataset.markers === '2'")
    assert markers(page) == 2
    assert page.get_attribute("#map", "data-version") == str(widget.data["version"])

    page.locator("#map path.leaflet-interactive").first.click()
    popup = page.locator("#map .leaflet-popup-content")
    popup.wait_for()
    assert "<script>alert(2)</script>" in popup.inner_text()  # shown as text
    assert page.locator("#map .leaflet-popup-content img, #map script").count() == 0
    assert offline_page.requests == [] and offline_page.dialogs == []
    assert offline_page.errors == []


def test_a_large_view_asks_for_the_popup_it_opens(offline_page: Any) -> None:
    widget = EventMap()
    widget.show(table(), inline_popups=0)
    assert all(row[2] == -2 for row in widget.data["rows"])
    page = mount(offline_page, widget)
    page.locator("#map path.leaflet-interactive").first.click()
    page.wait_for_function("() => window.sent.length > 0")
    asked = page.evaluate("() => window.sent[0]")
    assert asked["kind"] == "popup" and asked["version"] == widget.data["version"]
    html = widget.popup(asked["marker"], asked["version"])
    assert html is not None
    page.evaluate(
        "m => window.fakeModel.deliver(m)",
        {"kind": "popup", "version": asked["version"], "marker": asked["marker"], "html": html},
    )
    popup = page.locator("#map .leaflet-popup-content")
    page.wait_for_function(
        "() => document.querySelector('#map .leaflet-popup-content').innerText.includes('Where')"
    )
    assert HOSTILE in popup.inner_text()
    assert offline_page.requests == [] and offline_page.dialogs == []
    assert offline_page.errors == []


def test_aggregates_draw_a_grid_and_a_sample(offline_page: Any) -> None:
    widget = EventMap()
    widget.show(table(), detail=2)
    assert widget.data["grid"]["cells"]
    page = mount(offline_page, widget)
    page.wait_for_selector("#map .explorer-aggregate-note")
    assert "cells of" in page.locator("#map .explorer-aggregate-note").inner_text()
    assert page.get_attribute("#map", "data-markers") == "4"
    assert offline_page.requests == [] and offline_page.errors == []

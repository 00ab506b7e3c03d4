"""An exported incident map in a headless Chromium with every network request blocked: an
incident marker's popup lists its reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_views_incidents import events, incidents

from explorer.views.incidents_map import incident_map

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("cluster", [True, False])
def test_incident_popup_lists_its_reports(tmp_path: Path, cluster: bool, offline_page: Any) -> None:
    path = tmp_path / "incidents.html"
    incident_map(incidents(), events(), cluster=cluster).save(str(path))
    page = offline_page.page
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(path.as_uri())
    page.wait_for_selector("path.explorer-incident-marker", state="attached", timeout=20_000)
    markers = page.locator("path.explorer-incident-marker")
    assert markers.count() == 2
    opened = None
    for i in range(markers.count()):
        box = markers.nth(i).bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        popup = page.locator(".leaflet-popup-content", has_text="Mosul")
        if popup.count():
            opened = popup.first
            break
    assert opened is not None
    reports = opened.locator("li.explorer-report")
    assert reports.count() == 3
    texts = [reports.nth(i).inner_text() for i in range(3)]
    assert texts[0].startswith("Reuters · 17 Oct 2016")
    assert "<script>alert(1)</script> {{7*7}} shooting" in texts[0]  # shown literally
    assert "Gunmen shot three in Mosul." in texts[0]
    assert texts[1].startswith("AP · 18 Oct 2016") and "Three were killed." in texts[1]
    assert "A suspect was held." in texts[2]
    assert "3 reports from 2 sources" in opened.inner_text()
    # the larger incident's marker is drawn larger
    sizes = sorted((markers.nth(i).bounding_box() or {"width": 0})["width"] for i in range(2))
    assert sizes[1] > sizes[0]
    assert offline_page.errors == []
    assert offline_page.dialogs == []
    assert offline_page.requests == []

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


def _open_popup(page: Any, has_text: str) -> Any:
    markers = page.locator("path.explorer-incident-marker")
    for i in range(markers.count()):
        box = markers.nth(i).bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        popup = page.locator(".leaflet-popup-content", has_text=has_text)
        if popup.count():
            return popup.first
    raise AssertionError(f"no popup shows {has_text!r}")


TRAP = '<img src=x onerror="alert(2)"><script>alert(3)</script>{% if 1 %}x{% endif %}'


@pytest.mark.parametrize("limit", [2, 20])
def test_popup_built_in_the_browser_says_what_the_template_says(
    tmp_path: Path, limit: int, offline_page: Any
) -> None:
    """The map page stores each popup as indices into its texts and builds it when it opens:
    the same text as the popup made from templates/incident_popup.html, every text shown
    literally (a headline or sentence holding HTML or template tags runs nothing)."""
    from explorer.events import EventTable
    from explorer.views.incidents_map import ReportIndex, incident_popup_html, incident_reports

    df = events().df.copy()
    df.loc[df["event_id"] == "a2:5", "sentence"] = TRAP
    evidence = EventTable(df)
    path = tmp_path / "incidents.html"
    incident_map(incidents(), evidence, popup_reports=limit).save(str(path))
    page = offline_page.page
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(path.as_uri())
    page.wait_for_selector("path.explorer-incident-marker", state="attached", timeout=20_000)
    opened = _open_popup(page, "Mosul")
    assert opened.locator("img, script").count() == 0
    shown = opened.locator("li.explorer-report").count()
    assert shown == min(limit, 3)
    assert ("… and 1 more reports" in opened.inner_text()) is (limit == 2)
    if limit > 2:
        assert TRAP in opened.locator("li.explorer-report").nth(1).inner_text()
    links = opened.locator("li.explorer-report a")
    assert links.nth(0).get_attribute("href") == "https://x.org/a1"
    assert links.nth(0).get_attribute("rel") == "noopener noreferrer"
    # the same words as the popup the panel gets from the template
    row = next(incidents().records())
    html = incident_popup_html(row, incident_reports(row, ReportIndex.build(evidence, incidents())),
                               limit=limit)  # fmt: skip
    expected = page.evaluate(
        """html => { const d = document.createElement("div");
        d.className = "leaflet-popup-content"; d.style.width = "400px";
        d.innerHTML = html; document.body.appendChild(d);
        const text = d.innerText; d.remove(); return text; }""",
        html,
    )
    assert opened.inner_text().split() == expected.split()
    # the tooltip is made from the same data
    page.keyboard.press("Escape")
    box = page.locator("path.explorer-incident-marker").nth(0).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".leaflet-tooltip", timeout=5_000)
    assert page.locator(".leaflet-tooltip").last.inner_text() in (
        "Shooting · Mosul, Iraq (IQ) · 17 Oct 2016 · 3 reports",
        "Airstrike · Ar Raqqah, Syria (SY) · week: 1 Nov 2016 – 7 Nov 2016 · 1 report",
    )
    assert offline_page.errors == [] and offline_page.dialogs == []
    assert offline_page.requests == []

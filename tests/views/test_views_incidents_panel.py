"""The Explorer panel with incidents: the switch, the filters on both, the live map's incident
markers and their popups, the timeline and the exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_views_incidents import events, incidents

import explorer
from explorer.views.incidents_map import marker_radius
from explorer.views.incidents_panel import MENTIONS


@pytest.fixture
def panel() -> explorer.Explorer:
    p = explorer.Explorer(events(), incidents=incidents())
    p.render_views()
    return p


def test_incidents_are_shown_first(panel: explorer.Explorer) -> None:
    assert "<b>3</b> of 3 incidents" in panel.count.value
    assert "6 mentions" in panel.count.value
    assert panel.table_view.value.count("<tr>") == 1 + 3  # head and three incidents
    assert "Reuters, AP" in panel.table_view.value
    data = panel.map_view.data
    assert data["name"] == "Incidents (2)"
    assert [row[6] for row in data["rows"]] == [marker_radius(3), marker_radius(1)]
    assert panel.incidents is not None and panel.incidents.mode in panel.widget.children


def test_an_incident_popup_lists_its_reports_when_opened(panel: explorer.Explorer) -> None:
    assert all(row[2] == -2 for row in panel.map_view.data["rows"])  # asked for when opened
    page = panel.map_view.popup(0, panel.map_view.data["version"])
    assert page is not None and page.count('class="explorer-report"') == 3
    assert "A suspect was held." in page and "&lt;script&gt;" in page
    assert panel.map_view.popup(0, -1) is None and panel.map_view.popup(9) is None


def test_the_switch_shows_mentions(panel: explorer.Explorer) -> None:
    assert panel.incidents is not None
    panel.incidents.mode.value = MENTIONS
    panel.render_views()
    assert "<b>6</b> of 6 events" in panel.count.value
    assert panel.map_view.data["name"].startswith("Events")
    page = panel.map_view.popup(0, panel.map_view.data["version"])
    assert page is not None and "explorer-report" not in page  # an event's popup


@pytest.mark.parametrize(
    ("setting", "value", "shown"),
    [
        ("countries", ("SY",), 1),
        ("text", "suspect", 1),
        ("categories", ("military",), 1),
        ("sources", ("AP",), 2),
    ],
)
def test_filters_apply_to_incidents(
    panel: explorer.Explorer, setting: str, value: object, shown: int
) -> None:
    getattr(panel, setting).value = value
    assert f"<b>{shown}</b> of 3 incidents" in panel.count.value
    panel.render_views()
    placed = len(panel.map_view.data["rows"])
    assert placed == min(shown, placed) and placed <= 2


def test_dates_and_timeline(panel: explorer.Explorer) -> None:
    spec = panel.timeline.chart.to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "circle"]
    days = [d for _, d in panel.dates.options]
    panel.dates.value = (dt.date(2016, 11, 1), days[-1])
    assert "<b>2</b> of 3 incidents" in panel.count.value  # i2, and i3 undated
    assert panel.render_timeline() is False  # the dates are the brush's, not a rebuild
    assert panel.incidents is not None
    panel.incidents.mode.value = MENTIONS
    assert panel.render_timeline() is True


def test_exports_follow_the_switch(panel: explorer.Explorer, tmp_path: Path) -> None:
    page = panel.save_map(tmp_path / "m.html").read_text(encoding="utf-8")
    assert "explorerIncidentMarker" in page
    brief = panel.save_briefing(tmp_path / "b.html").read_text(encoding="utf-8")
    assert brief.count('class="incident"') == 3
    assert panel.incidents is not None
    panel.incidents.mode.value = MENTIONS
    page = panel.save_map(tmp_path / "m2.html").read_text(encoding="utf-8")
    assert "explorerIncidentMarker" not in page


def test_without_incidents_the_panel_is_unchanged() -> None:
    p = explorer.Explorer(events())
    assert p.incidents is None and "events" in p.count.value

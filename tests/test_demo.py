"""The main job (`make demo`): the bundled data in, events, incidents and pages that open
offline out."""

from __future__ import annotations

from pathlib import Path

from explorer.demo import run_demo
from explorer.events import EventTable
from explorer.incidents.table import IncidentTable
from explorer.views.offline import external_references

DATA = Path(__file__).parents[1] / "data"


def test_the_demo_writes_events_incidents_and_offline_pages(tmp_path: Path) -> None:
    paths = run_demo(DATA, tmp_path / "out")
    assert set(paths) == {"events", "geojson", "incidents", "map", "explore", "incidents map"}
    events = EventTable.read(paths["events"])
    assert len(events) > 100
    incidents = IncidentTable.read(paths["incidents"])
    assert len(incidents) >= 1
    for page in ("map", "explore", "incidents map"):
        html = paths[page].read_text(encoding="utf-8")
        assert external_references(html) == [], page  # opens with the network off

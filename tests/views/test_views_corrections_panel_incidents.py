"""The panel's Corrections area: merge, split, move and re-date the chosen article's incident."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from explorer.events import Corrections, EventTable
from explorer.views.corrections_panel import CorrectionsPanel


def table() -> EventTable:
    return EventTable.from_records(
        [
            {"event_id": f"{aid}:0", "article_id": aid, "title": title, "sentence": "Rain.",
             "place_name": "Mosul", "place_text": "Mosul", "country_code": "IQ",
             "latitude": 36.3, "longitude": 43.1, "start_date": dt.date(2015, 12, 1),
             "end_date": dt.date(2015, 12, 1), "categories": ()}
            for aid, title in (("a1", "Floods"), ("b2", "Rain"))
        ]
    )  # fmt: skip


def test_incident_row_saves_each_kind(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    area = CorrectionsPanel(table(), path)
    assert area.merge in area.widget.children[4].children
    area.incident_value.value = "b2"
    assert area.merge_incident() is not None
    assert area.split_incident() is not None  # the value is not needed
    area.incident_value.value = "36.34, 43.13"
    assert area.move_incident()["place"]["latitude"] == 36.34  # type: ignore[index]
    area.incident_value.value = "2015-11-30..2015-12-01"
    assert area.redate_incident()["end_date"] == "2015-12-01"  # type: ignore[index]
    listing = html.unescape(area.listing.value)
    assert "the incidents of articles 'a1', 'b2' are one" in listing
    assert "happened on 2015-11-30 to 2015-12-01" in listing
    assert "saved in" in area.status.value
    kinds = [e["kind"] for e in Corrections(path).incident_entries()]
    assert sorted(kinds) == ["merge", "move", "redate", "split"]
    area.article.value = "b2"
    assert "are one" in html.unescape(area.listing.value)  # b2's incident too
    assert "happened on" not in html.unescape(area.listing.value)


@pytest.mark.parametrize(
    ("action", "value", "message"),
    [
        ("merge_incident", "", "type the other article's id"),
        ("merge_incident", "a1", "two or more different articles"),
        ("move_incident", "Qwxzvbnm", "no place found for 'Qwxzvbnm'"),
        ("redate_incident", "1 Dec", "not a date"),
        ("redate_incident", "2015-12-02..2015-12-01", "before start date"),
    ],
)
def test_incident_row_refuses_in_one_line(
    tmp_path: Path, action: str, value: str, message: str
) -> None:
    area = CorrectionsPanel(table(), tmp_path / "corrections.json")
    area.incident_value.value = value
    assert getattr(area, action)() is None
    assert message in html.unescape(area.status.value)
    assert not (tmp_path / "corrections.json").exists()

"""The panel's Corrections area: add, fix or remove a place of the chosen article."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import explorer
from explorer.events import Corrections, EventTable


def table() -> EventTable:
    return EventTable.from_records(
        [
            {"event_id": "e1", "article_id": "a1", "title": "Floods", "sentence": "Rain in Mosul.",
             "place_name": "Mosul", "place_text": "Mosul", "country_code": "IQ",
             "latitude": 36.3, "longitude": 43.1, "start_date": dt.date(2015, 12, 1),
             "end_date": dt.date(2015, 12, 1), "categories": ()},
        ]
    )  # fmt: skip


def test_the_corrections_area_saves_to_the_file(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    panel = explorer.Explorer(table(), corrections=path)
    area = panel.corrections
    assert area is not None and area.article in panel.widget.children[-1].children
    assert area.article.options == (("Floods (a1)", "a1"),)
    area.text.value, area.sentence.value = "Karachi", "Officials in Karachi"
    area.place.value = "24.86, 67.01"
    entry = area.add_place()
    assert entry is not None and entry["place"]["latitude"] == 24.86
    assert "saved in" in area.status.value and "Karachi" in area.listing.value
    area.text.value = "Carter"
    area.sentence.value = ""
    assert area.remove_place() is not None
    saved = Corrections(path).for_article("a1")
    assert [(e["text"], e["place"] is None) for e in saved] == [
        ("Carter", True),
        ("Karachi", False),
    ]
    area.text.value, area.place.value = "Lahore", "Qwxzvbnm"  # not in the gazetteer
    assert area.add_place() is None
    assert "no place found for 'Qwxzvbnm'" in html.unescape(area.status.value)
    assert len(Corrections(path)) == 2


def test_no_corrections_area_unless_asked() -> None:
    assert explorer.Explorer(table()).corrections is None

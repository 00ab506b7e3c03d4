"""The Explorer panel: widgets build criteria; views follow the filtered table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import explorer
from explorer.events import EventTable

D = dt.date


@pytest.fixture
def table() -> EventTable:
    return EventTable.from_records(
        [
            {"event_id": f"e{i}", "article_id": "a", "sentence": s, "place_name": p,
             "place_text": p, "country_code": cc, "latitude": lat, "longitude": lon,
             "start_date": d, "end_date": d, "categories": (cat,), "source": src,
             "place_confidence": conf, "date_confidence": 0.9}
            for i, (s, p, cc, lat, lon, d, cat, src, conf) in enumerate(
                [
                    ("Raid <script>x</script> in Mosul", "Mosul", "IQ", 36.3, 43.1, D(2016, 10, 17), "military", "Wire", 0.9),
                    ("Talks in Irbil", "Erbil", "IQ", 36.2, 44.0, D(2015, 12, 1), "diplomatic", "Agency", 0.8),
                    ("Siege of Raqqa", "Ar Raqqah", "SY", 35.9, 39.0, D(2017, 6, 6), "military", "Wire", 0.4),
                ]
            )
        ]
        + [{"event_id": "u", "article_id": "a", "sentence": "Somewhere", "place_text": "Qwx",
            "start_date": D(2016, 1, 1), "end_date": D(2016, 1, 1), "categories": ()}]
    )  # fmt: skip


def test_initial_state_shows_everything(table: EventTable) -> None:
    panel = explorer.Explorer(table)
    assert "<b>4</b> of 4 events" in panel.count.value
    assert "&lt;script&gt;" in panel.table_view.value and "<script>x" not in panel.table_view.value
    data = panel.map_view.data
    assert len(data["rows"]) == 3 and data["grid"] is None  # the placed events, one by one
    popups = [data["texts"][row[2]] for row in data["rows"]]
    assert any("&lt;script&gt;x" in t for t in popups)
    assert not any("<script>x" in t for t in data["texts"])
    assert "cdn.jsdelivr" not in panel.map_view._esm + panel.map_view._css  # offline


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("countries", ("SY",), 1),
        ("categories", ("military",), 2),
        ("sources", ("Wire", "Agency"), 3),
        ("places", ("Erbil",), 1),
        ("text", "talks", 1),
        ("confidence", 0.5, 2),
        ("unresolved", True, 1),
    ],
)
def test_widgets_filter_the_views(
    table: EventTable, setting: str, value: object, expected: int
) -> None:
    panel = explorer.Explorer(table)
    getattr(panel, setting).value = value
    assert len(panel.filtered) == expected
    assert f"<b>{expected}</b> of 4 events" in panel.count.value
    assert panel.table_view.value.count("<tr>") == expected + 1  # header row


def test_date_range(table: EventTable) -> None:
    panel = explorer.Explorer(table)
    days = [d for _, d in panel.dates.options]
    panel.dates.value = (min(d for d in days if d >= D(2016, 1, 1)), days[-1])
    assert sorted(panel.filtered.df["event_id"]) == ["e0", "e2", "u"]
    assert panel.criteria().start is not None


def test_timeline_brush_narrows_the_dates(table: EventTable) -> None:
    panel = explorer.Explorer(table)

    ms = [
        (dt.datetime(2016, 9, 1) - dt.datetime(1970, 1, 1)).total_seconds() * 1000,
        (dt.datetime(2017, 12, 31) - dt.datetime(1970, 1, 1)).total_seconds() * 1000,
    ]

    class Interval:
        def __init__(self, value: dict[str, list[float]]) -> None:
            self.value = value

    panel._on_brush({"new": Interval({"start": ms})})
    start, end = panel.dates.value
    assert start <= D(2016, 9, 1) and end >= D(2017, 6, 6)
    assert sorted(panel.filtered.df["event_id"]) == ["e0", "e2"]


def test_exports(table: EventTable, tmp_path: Path) -> None:
    panel = explorer.Explorer(table, out_dir=tmp_path)
    panel.countries.value = ("IQ",)
    panel.export_map.click()
    panel.export_csv.click()
    assert (tmp_path / "explorer-map.html").exists()
    back = EventTable.read(tmp_path / "explorer-events.csv")
    assert sorted(back.df["event_id"]) == ["e0", "e1"]
    assert "saved to" in panel.status.value


def test_widget_tree(table: EventTable) -> None:
    panel = explorer.Explorer(table)
    assert panel.widget.children[0] is panel.dates


def test_above_map_detail_the_live_map_draws_aggregates(table: EventTable) -> None:
    panel = explorer.Explorer(table, map_detail=2)
    assert "the map shows counts and a sample above 2 events" in panel.count.value
    assert panel.map_view.data["grid"]["cells"] and "cells of" in panel.map_view.data["note"]
    panel.countries.value = ("SY",)  # one event: drawn as itself again
    panel.render_map()
    assert "sample above" not in panel.count.value
    data = panel.map_view.data
    assert data["grid"] is None and not data["note"]
    assert [row[:2] for row in data["rows"]] == [[35.9, 39.0]]
    assert "Ar Raqqah" in data["texts"][data["rows"][0][2]]


def _lanes(panel: explorer.Explorer) -> set[str]:
    """The countries of the timeline's lanes ("Iraq (IQ)" or "IQ" is IQ; "?" none)."""
    spec = panel.timeline.chart.to_dict()
    lanes = {row["lane"] for rows in spec["datasets"].values() for row in rows}
    return {next((c for c in ("IQ", "SY") if c in lane), "?") for lane in lanes}


def test_the_timeline_follows_every_filter_but_its_dates(table: EventTable) -> None:
    panel = explorer.Explorer(table)
    assert _lanes(panel) == {"IQ", "SY", "?"}
    panel.countries.value = ("SY",)
    assert panel.render_timeline()
    assert _lanes(panel) == {"SY"}
    chart = panel.timeline.chart
    days = [d for _, d in panel.dates.options]
    panel.dates.value = (min(d for d in days if d >= D(2017, 1, 1)), days[-1])
    panel.render_views()
    assert panel.timeline.chart is chart  # the dates alone: not rebuilt (its brush set them)
    panel.countries.value = ()
    panel.text.value = "in"  # "Raid ... in Mosul", "Talks in Irbil"
    panel.render_views()
    assert _lanes(panel) == {"IQ"}  # every filter but the dates (2017 would leave none)


def test_the_brush_still_sets_the_dates_after_a_rebuild(table: EventTable) -> None:
    panel = explorer.Explorer(table)
    panel.countries.value = ("IQ", "SY")
    assert panel.render_timeline()
    start = (dt.datetime(2016, 9, 1) - dt.datetime(1970, 1, 1)).total_seconds() * 1000
    end = (dt.datetime(2017, 12, 31) - dt.datetime(1970, 1, 1)).total_seconds() * 1000
    panel.timeline._vl_selections = {"brush": {"value": {"start": [start, end]}, "store": []}}
    assert sorted(panel.filtered.df["event_id"]) == ["e0", "e2"]


def test_map_popups_of_a_large_view_are_sent_when_opened(table: EventTable) -> None:
    from explorer.views.mapwidget import ASK

    panel = explorer.Explorer(table)
    shown = panel.map_view.show(panel.filtered, inline_popups=0)
    rows = shown.data["rows"]
    assert all(row[2] == ASK for row in rows) and len(shown.data["texts"]) == 3  # tooltips
    version = shown.data["version"]
    mosul = next(i for i, row in enumerate(rows) if row[0] == 36.3)
    popup = panel.map_view.popup(mosul, version)
    assert popup is not None and "&lt;script&gt;x" in popup and "<script>x" not in popup
    assert panel.map_view.popup(mosul, version - 1) is None  # asked for an older view
    assert panel.map_view.popup(len(rows), version) is None
    assert panel.map_view.popup("0", version) is None


@pytest.mark.parametrize("group_above", [0, 100])
def test_map_rows_match_the_exported_map(table: EventTable, group_above: int) -> None:
    from explorer.views.mapwidget import map_data

    two = EventTable.from_records([*table.records(), {**next(table.records()), "event_id": "x"}])
    data = map_data(two, group_above=group_above).data
    events = sorted(row[4] for row in data["rows"])
    assert events == ([1, 1, 2] if group_above == 0 else [1, 1, 1, 1])
    assert {row[3] for row in data["rows"]} <= {"#d62728", "#1f77b4"}
    assert "military" in data["legend"] and data["bounds"] == [[35.9, 39.0], [36.3, 44.0]]


def test_the_panel_takes_a_users_lexicon(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import html

    from explorer.events import EventTable
    from explorer.views.panel import Explorer

    table = EventTable.from_records(
        [{"event_id": "e1", "sentence": "Locusts swarmed over Multan.", "country_code": "PK",
          "start_date": "2022-08-01", "end_date": "2022-08-01"}]
    )  # fmt: skip
    panel = Explorer(table, lexicon={"pests": ("locust",)}, out_dir=tmp_path)
    assert "pests" in [value for _, value in panel.categories.options]
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("swarms: [swarm]\n", encoding="utf-8")
    panel.lexicon_file.value = str(lexicon)
    panel.apply_lexicon.click()
    assert "swarms" in [value for _, value in panel.categories.options]
    panel.use_lexicon(str(tmp_path / "missing.yaml"))
    assert "cannot read the lexicon" in html.unescape(panel.status.value)


def test_buttons_are_as_wide_as_their_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import ipywidgets as widgets

    from explorer.events import EventTable
    from explorer.views.panel import Explorer

    table = EventTable.from_records([{"event_id": "e1", "sentence": "x", "country_code": "IQ"}])
    panel = Explorer(table, out_dir=tmp_path, corrections=tmp_path / "c.json")
    assert panel.corrections is not None
    found = [w for w in vars(panel).values() if isinstance(w, widgets.Button)]
    found += [w for w in vars(panel.corrections).values() if isinstance(w, widgets.Button)]
    assert len(found) >= 6 and all(b.layout.width == "auto" for b in found)

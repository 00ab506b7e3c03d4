"""The views on a DuckDB-backed table: aggregated map and timeline, the panel, the briefing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scale_helpers import small_table

from explorer.events import Criteria, EventTable, filter_events
from explorer.export import briefing_html, export_table
from explorer.scale import ParquetEvents, open_events
from explorer.scale import aggregate as agg
from explorer.views.aggregate_map import map_from_aggregates
from explorer.views.map import build_map
from explorer.views.timeline import build_timeline, timeline_from_counts

CDN = re.compile(r"""<script[^>]+src=["']https?://|<link[^>]+href=["']https?://""")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def table() -> EventTable:
    t = small_table(600)
    t.df.loc[0, "sentence"] = f"Troops near Mosul {HOSTILE}."
    t.df.loc[0, "title"] = HOSTILE
    return t


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory, table: EventTable) -> ParquetEvents:
    folder = tmp_path_factory.mktemp("views") / "events"
    folder.mkdir()
    import pyarrow.parquet as pq

    from explorer.scale import to_arrow

    pq.write_table(to_arrow(table), folder / "part-000000.parquet")
    return open_events(folder)


def test_map_from_aggregates_is_offline_bounded_and_escaped(events: ParquetEvents) -> None:
    fmap = build_map(events)
    page = fmap.get_root().render()
    assert not CDN.findall(page)
    assert "Grid counts" in page and "Heat map" in page and "Sample of events" in page
    assert HOSTILE not in page and "<script>alert" not in page
    assert len(page.encode()) < 5_000_000
    assert "600 events" in page  # the note says what is aggregated


def test_aggregates_in_map_out_is_pure(table: EventTable) -> None:
    aggregates = agg.map_aggregates(table, sample=50, max_cells=40)
    assert len(aggregates.sample) == 50 and len(aggregates.grid.cells) <= 40
    page = map_from_aggregates(aggregates, assets="offline").get_root().render()
    cells = re.search(r"var cells = (\[\[.*?\]\]), size", page)
    assert cells is not None and cells.group(1).count("], [") + 1 == len(aggregates.grid.cells)
    empty = agg.map_aggregates(filter_events(table, Criteria(countries=["XX"])))
    assert empty.grid.cells == () and len(empty.sample) == 0
    assert "0 events" in map_from_aggregates(empty).get_root().render()


def test_big_in_memory_table_maps_from_aggregates(table: EventTable) -> None:
    page = build_map(table, aggregate_threshold=100).get_root().render()
    assert ("Grid counts" in page and "FastMarkerCluster" not in page) or "Sample" in page


def test_timeline_from_counts(events: ParquetEvents, table: EventTable) -> None:
    spec = build_timeline(events).to_dict()
    top, longer = spec["vconcat"]  # events known to a week or a month: drawn apart, below
    assert top["mark"]["type"] == "bar" and longer["mark"]["type"] == "bar"
    dated = int(table.df["start_date"].notna().sum())
    assert sum(row["events"] for data in spec["datasets"].values() for row in data) == dated
    assert "brush" in {p["name"] for p in spec["params"]}
    counts = events.time_counts("month")
    chart = timeline_from_counts(counts, brush=False).to_dict()
    assert chart["vconcat"][0]["encoding"]["x"]["title"] == (
        "Date (events per month, dated to the month or closer)"
    )
    assert "params" not in chart


def test_panel_runs_its_filters_as_sql(events: ParquetEvents, table: EventTable) -> None:
    from explorer.views.panel import Explorer

    panel = Explorer(events, rows=20)
    assert "600</b> of 600" in panel.count.value.replace(",", "")
    labels = [label for label, _ in panel.countries.options]
    assert any(label.startswith("Iraq (IQ) (") for label in labels)  # named, with the code
    panel.countries.value = ("IQ",)
    panel.text.value = "troops"
    expected = filter_events(table, Criteria(countries=["IQ"], text="troops"))
    assert isinstance(panel.filtered, ParquetEvents) and len(panel.filtered) == len(expected)
    assert f"<b>{len(expected):,}</b>" in panel.count.value
    assert panel.table_view.value.count("<tr>") == min(20, len(expected)) + 1
    assert HOSTILE not in panel.table_view.value
    panel.sort.value = "confidence"
    assert "<tr>" in panel.table_view.value
    html = panel.map_html()
    assert "Grid counts" in html and not CDN.findall(html.replace("&quot;", '"'))


def test_panel_exports(events: ParquetEvents, tmp_path: Path) -> None:
    from explorer.views.panel import Explorer

    panel = Explorer(events, out_dir=tmp_path)
    panel.categories.value = ("military",)
    csv = panel.save_csv()
    assert len(EventTable.read(csv)) == len(panel.filtered)
    assert panel.save_map().stat().st_size < 5_000_000
    assert panel.save_briefing().exists()


def test_briefing_from_duckdb(events: ParquetEvents, table: EventTable) -> None:
    page = briefing_html(events, title="Big <one>", countries=["IQ", "SY"])
    chosen = filter_events(table, Criteria(countries=["IQ", "SY"], include_undated=True))
    assert f"<b>{len(chosen):,}</b>events" in page
    assert "Big &lt;one&gt;" in page
    assert HOSTILE not in page and "javascript:alert" not in page
    assert not CDN.findall(page)
    small = briefing_html(table, title="Big <one>", countries=["IQ", "SY"])
    for figure in ("events", "places", "countries", "sources"):
        pattern = rf"<b>([\d,]+)</b>{figure}"
        assert re.search(pattern, page).group(1) == re.search(pattern, small).group(1)  # type: ignore[union-attr]


def test_export_from_duckdb(events: ParquetEvents, tmp_path: Path) -> None:
    path = export_table(events.filter(countries=["JO"]), tmp_path / "jo.kml")
    assert path.read_text(encoding="utf-8").count("<Placemark>") == len(
        events.filter(countries=["JO"]).to_event_table().df.dropna(subset=["latitude"])
    )

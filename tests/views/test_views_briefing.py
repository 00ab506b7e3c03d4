"""The briefing an editor reads: key events by salience over the whole period, sources by outlet,
a map fitted to the events with names, readable lanes and dates (charts tested as data)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from explorer.events import EventTable
from explorer.events.salience import choose_key_events, key_events, outlets, report_groups
from explorer.export import briefing_html
from explorer.scale import open_events, to_arrow
from explorer.views.mapframe import country_labels, frame
from explorer.views.overview import overview_map
from explorer.views.timeline import build_timeline

sys.path.insert(0, str(Path(__file__).parents[1] / "scale"))
from scale_helpers import small_table

D = dt.date


def _row(i: int, day: dt.date, place: str = "Mosul", **extra: Any) -> dict[str, Any]:
    row = {"event_id": f"e{i:03d}", "article_id": f"a{i}", "source": "Wire",
           "sentence": f"Event {i} in {place}.", "place_name": place, "country_code": "IQ",
           "latitude": 36.3, "longitude": 43.1, "feature": "populated_place",
           "start_date": day, "end_date": day, "granularity": "day",
           "place_confidence": 0.9, "date_confidence": 0.9, "categories": ("military",)}  # fmt: skip
    row.update(extra)
    return row


def busy_start_table() -> EventTable:
    """60 events in the first month of 2014, then one a quarter to the end of 2017."""
    rows = [_row(i, D(2014, 1, 1) + dt.timedelta(days=i % 28)) for i in range(60)]
    rows += [_row(100 + q, D(2014, 4, 1) + dt.timedelta(days=91 * q)) for q in range(15)]
    return EventTable.from_records(rows)


def test_key_events_span_the_period_not_its_first_weeks() -> None:
    keys = key_events(busy_start_table(), 15)
    days = [D.fromisoformat(k.event["start_date"]) for k in keys]
    assert len(keys) == 15 and days == sorted(days)
    assert days[-1] >= D(2017, 1, 1)  # the old choice (first 15 by date) stopped in January 2014
    assert sum(d.year == 2014 for d in days) <= 6
    assert {d.year for d in days} == {2014, 2015, 2016, 2017}


def test_salience_prefers_corroborated_specific_events() -> None:
    rows = [
        _row(1, D(2015, 3, 1), "Iraq", feature="country"),  # a country: vague
        _row(2, D(2015, 3, 1), "Tikrit"),  # a town, one article
        _row(3, D(2015, 3, 1), "Ramadi"), _row(4, D(2015, 3, 1), "Ramadi", source="Agency"),
        _row(5, D(2015, 3, 1), "Fallujah", end_date=D(2015, 3, 31), granularity="month"),
    ]  # fmt: skip
    groups = report_groups(EventTable.from_records(rows)).set_index("event_id")
    assert groups.loc["e003", "articles"] == 2 and groups.loc["e003", "outlets"] == 2
    order = groups.sort_values("score", ascending=False).index.tolist()
    assert order[0] == "e003"  # two articles, two outlets
    assert order.index("e002") < order.index("e001")  # a town before a country
    assert order.index("e002") < order.index("e005")  # a day before a month
    chosen = choose_key_events(groups.reset_index(), 1, D(2015, 3, 1), D(2015, 3, 31))
    assert chosen == ["e003"]


def test_one_sentence_is_one_key_event_and_undated_come_last() -> None:
    rows = [_row(i, D(2016, 1, 1 + i), f"P{i}", sentence="Same words.") for i in range(3)]
    rows += [_row(9, None, "Nowhere", start_date=None, end_date=None)]
    keys = key_events(EventTable.from_records(rows), 5)
    assert [k.event["sentence"] for k in keys] == ["Same words.", "Event 9 in Nowhere."]


@pytest.mark.parametrize(
    "criteria",
    [{}, {"countries": ["IQ", "SY"]}, {"start": D(2015, 6, 1), "end": D(2016, 1, 31)}],
)
def test_key_events_and_outlets_agree_between_pandas_and_duckdb(
    tmp_path: Path, criteria: dict[str, Any]
) -> None:
    table = small_table(600)
    pq.write_table(to_arrow(table), tmp_path / "part-0.parquet")
    events = open_events(tmp_path)
    page_disk = briefing_html(events, **criteria)
    page_mem = briefing_html(table, **criteria)

    def section(page: str, name: str) -> str:
        return page.split(f"<h2>{name}</h2>", 1)[1].split("</section>", 1)[0]

    for name in ("Key events", "Sources"):
        assert section(page_disk, name) == section(page_mem, name)
    for figure in ("events", "places", "countries", "sources"):
        pattern = rf"<b>([\d,]+)</b>{figure}"
        assert re.search(pattern, page_disk).group(1) == re.search(pattern, page_mem).group(1)  # type: ignore[union-attr]


def test_sources_are_outlets_with_article_counts_matching_the_header() -> None:
    rows = [_row(i, D(2016, 1, 1), article_id=f"w{i // 3}", source="Wikipedia") for i in range(60)]
    rows += [_row(100, D(2016, 2, 1), source="GOV.UK"), _row(101, D(2016, 2, 2), source=None)]
    table = EventTable.from_records(rows)
    assert outlets(table).listed == (("Wikipedia", 20), ("GOV.UK", 1))
    page = briefing_html(table)
    listed = re.findall(r'<li class="outlet">([^<]*)<span class="count">\(([^)]*)\)', page)
    assert listed == [("Wikipedia ", "20 articles"), ("GOV.UK ", "1 article")]
    assert "<b>2</b>sources" in page and "1 article with no source named" in page


def test_period_and_places_read_as_words() -> None:
    page = briefing_html(busy_start_table())
    assert '<p class="period">1 Jan 2014 – ' in page
    assert "Mosul, Iraq (IQ)" in page


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [layer for layer in spec["layer"]]


def _texts(spec: dict[str, Any]) -> set[str]:
    out = set()
    for layer in _layers(spec):
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if mark == "text":
            out |= {r["label"] for r in spec["datasets"][layer["data"]["name"]]}
    return out


def test_map_is_fitted_to_the_events_with_names() -> None:
    rows = [_row(i, D(2016, 1, 1), "Mosul") for i in range(20)]
    rows += [_row(50 + i, D(2016, 1, 1), "Raqqa", country_code="SY", latitude=35.95,
                  longitude=39.0) for i in range(5)]  # fmt: skip
    rows += [_row(90, D(2016, 1, 1), "Washington", country_code="US", latitude=38.9,
                  longitude=-77.0)]  # fmt: skip
    spec = overview_map(EventTable.from_records(rows)).to_dict()
    fit = spec["layer"][0]["projection"]["fit"]["features"][0]["geometry"]["coordinates"][0]
    lons = [p[0] for p in fit]
    assert 30 < min(lons) < 39 and 43.1 < max(lons) < 55  # the Middle East, not the world
    assert {"IRAQ", "SYRIA", "Mosul", "Raqqa"} <= _texts(spec)
    assert "Not on the map: Washington (1)" in str(spec["title"])
    size = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "circle")
    scale = size["encoding"]["size"]["scale"]
    assert scale["zero"] is False and scale["domain"][0] == 1  # the legend starts at 1, not 0
    assert size["encoding"]["size"]["legend"]["values"][0] == 1


def test_a_single_place_map_names_its_country_and_neighbours() -> None:
    rows = [_row(i, D(2016, 1, 1)) for i in range(3)]
    points = pd.DataFrame({"place_name": ["Mosul"], "longitude": [43.1], "latitude": [36.3],
                           "events": [3]})  # fmt: skip
    box = frame(points)
    assert box.west < 40 and box.east > 46 and box.outside == ()
    labels = country_labels(["IQ"], box)
    assert "IRAQ" in set(labels["label"]) and len(labels) >= 3  # Syria, Turkey or Iran too
    assert {"IRAQ", "Mosul"} <= _texts(overview_map(EventTable.from_records(rows)).to_dict())


def test_timeline_lanes_are_country_names() -> None:
    rows = [_row(1, D(2016, 1, 1)), _row(2, D(2016, 1, 2), country_code="SY"),
            _row(3, D(2016, 1, 3), country_code=None)]  # fmt: skip
    spec = build_timeline(EventTable.from_records(rows)).to_dict()
    data = next(iter(spec["datasets"].values()))
    assert {r["lane"] for r in data} == {"Iraq (IQ)", "Syria (SY)", "no country"}


def test_overview_map_can_fill_its_container() -> None:
    spec = overview_map(busy_start_table(), width="container", height="container").to_dict()
    assert spec["width"] == "container" and spec["height"] == "container"
    assert spec["autosize"]["type"] == "fit"


def test_weekly_counts_put_month_and_year_events_apart_not_in_their_first_week(
    tmp_path: Path,
) -> None:
    from explorer.scale import aggregate as agg
    from explorer.views.timeline import timeline_from_counts

    rows = [_row(i, D(2015, 1, 5) + dt.timedelta(days=7 * i)) for i in range(40)]
    rows += [_row(100 + i, D(2015, 1, 1), end_date=D(2015, 1, 31), granularity="month")
             for i in range(30)]  # fmt: skip
    rows += [_row(200, D(2015, 1, 1), end_date=D(2015, 12, 31), granularity="year")]
    table = EventTable.from_records(rows)
    counts = agg.time_counts(table, "week")
    assert max(b.events for b in counts.buckets) == 1  # no false surge in the first week
    assert [(s.start, s.end, s.events) for s in counts.spans] == [
        (D(2015, 1, 1), D(2015, 1, 31), 30), (D(2015, 1, 1), D(2015, 12, 31), 1)]  # fmt: skip
    assert counts.total == 71
    pq.write_table(to_arrow(table), tmp_path / "part-0.parquet")
    assert open_events(tmp_path).time_counts("week") == counts  # DuckDB counts the same
    spec = timeline_from_counts(counts).to_dict()
    top, below = spec["vconcat"]
    assert "dated to the week or closer" in top["encoding"]["x"]["title"]
    assert "one bar spans the period" in below["encoding"]["x"]["title"]
    spans = spec["datasets"][below["data"]["name"]]
    assert {(r["start"][:10], r["end"][:10], r["events"]) for r in spans} == {
        ("2015-01-01", "2015-02-01", 30), ("2015-01-01", "2016-01-01", 1)}  # fmt: skip
    assert sum(r["events"] for r in spec["datasets"][top["data"]["name"]]) == 40


def test_many_distinct_periods_stay_under_the_chart_row_limit() -> None:
    """Thousands of events with their own odd periods (ranges of a few weeks) are counted over
    whole weeks, then months: every event is kept and the chart builds (altair's row limit)."""
    import datetime as dt

    from explorer.events import EventTable
    from explorer.scale.aggregate import MAX_SPAN_ROWS, time_counts
    from explorer.views.timeline import build_timeline

    start = dt.date(2014, 1, 1)
    rows = [{"event_id": f"e{i}", "start_date": start + dt.timedelta(days=i % 1400),
             "end_date": start + dt.timedelta(days=i % 1400 + 9 + i % 23),
             "categories": (("military", "political", "legal")[i % 3],)}
            for i in range(12_000)]  # fmt: skip
    table = EventTable.from_records(rows)
    counts = time_counts(table)
    assert counts.total == 12_000 and len(counts.spans) <= MAX_SPAN_ROWS
    build_timeline(table, max_rows=5000).to_dict()  # no MaxRowsError


def test_a_key_incident_lists_each_source_and_at_most_ten_reports() -> None:
    from explorer.export.briefing import _some_reports

    reports = [{"source": "A" if k < 12 else "B", "n": k} for k in range(14)]
    kept = _some_reports(reports, 10)
    assert len(kept["reports"]) == 10 and kept["more"] == 4
    assert {r["source"] for r in kept["reports"]} == {"A", "B"}  # B's first report kept
    assert [r["n"] for r in kept["reports"]] == sorted(r["n"] for r in kept["reports"])
    assert _some_reports(reports[:3], 10) == {"reports": reports[:3], "more": 0}

"""Map and chart builders are pure functions of an EventTable; their output is tested as data."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from explorer.events import EventTable
from explorer.views.map import build_map
from explorer.views.overview import overview_map
from explorer.views.popup import popup_html, safe_url
from explorer.views.timeline import build_timeline

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from synthetic import make_events

D = dt.date


def page_texts(html: str) -> list[str]:
    """The page's texts (popups, tooltips, labels): JSON in a script element, not code."""
    import json

    found = re.search(r'<script type="application/json" id="explorer-texts">(.*?)</script>', html)
    assert found is not None
    texts: list[str] = json.loads(found.group(1))
    return texts


HOSTILE = "Comment <script>alert(1)</script> and <img src=x onerror=alert(1)> in Mosul"


def table() -> EventTable:
    return EventTable.from_records(
        [
            {"event_id": "e1", "article_id": "a", "title": "Raid <b>", "sentence": HOSTILE,
             "sentence_start": 0, "place_text": "Mosul", "place_start": HOSTILE.index("Mosul"),
             "place_end": HOSTILE.index("Mosul") + 5, "place_name": "Mosul",
             "country_code": "IQ", "latitude": 36.34, "longitude": 43.12,
             "start_date": D(2016, 10, 17), "end_date": D(2016, 10, 17), "granularity": "day",
             "date_value": "2016-10-17", "date_source": "sentence", "categories": ("military",),
             "url": "javascript:alert(1)", "source": "Wire"},
            {"event_id": "e2", "article_id": "a", "title": "Talks", "sentence": "Talks in Irbil.",
             "place_text": "Irbil", "place_name": "Erbil", "country_code": "IQ",
             "latitude": 36.19, "longitude": 44.01, "start_date": D(2015, 11, 23),
             "end_date": D(2015, 11, 29), "granularity": "week", "date_value": "2015-W48",
             "categories": ("diplomatic",), "origin_event_id": "e1",
             "url": "https://example.org/a?x=1&y=2"},
            {"event_id": "e3", "article_id": "a", "sentence": "Unknown place", "place_text": "Qwx"},
        ]
    )  # fmt: skip


def test_popups_escape_article_text_and_highlight_the_mention() -> None:
    row = next(table().records())
    html = popup_html(row)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>Mosul</mark>" in html
    assert "Raid &lt;b&gt;" in html
    assert "javascript:" not in html  # unsafe link dropped


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://a.org/?x=1&y=2", "https://a.org/?x=1&y=2"), ("javascript:alert(1)", None),
     ("", None), (None, None), ("data:text/html,x", None)],
)  # fmt: skip
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_week_dates_show_their_precision() -> None:
    rows = list(table().records())
    assert "week: 23 Nov 2015 – 29 Nov 2015" in popup_html(rows[1])
    assert "17 Oct 2016" in popup_html(rows[0])


@pytest.mark.parametrize(
    ("row", "label"),
    [({"start_date": "2015-11-01", "end_date": "2015-11-30", "granularity": "month"},
      "November 2015"),
     ({"start_date": "2015-01-01", "end_date": "2015-12-31", "granularity": "year"}, "2015"),
     ({"start_date": "2015-07-01", "end_date": "2015-09-30", "granularity": "quarter"},
      "quarter: 1 Jul 2015 – 30 Sep 2015"),
     ({"start_date": "2015-12-01", "end_date": "2015-12-01", "date_source": "published"},
      "1 Dec 2015 · publication date"),
     ({"date_text": "someday"}, "undated (someday)")],
)  # fmt: skip
def test_date_labels_people_read(row: dict[str, str], label: str) -> None:
    from explorer.views.popup import date_label

    assert date_label(row) == label


@pytest.mark.parametrize(
    ("row", "shown", "note"),
    [({"place_name": "Al Fallūjah", "place_text": "Fallujah", "country_code": "IQ"},
      "Fallujah, Iraq (IQ)", "gazetteer: Al Fallūjah"),
     ({"place_name": "Iraq", "place_text": "Iraqi", "country_code": "IQ", "demonym": True},
      "Iraq, Iraq (IQ)", "as “Iraqi”"),
     ({"place_name": "United States", "place_text": "U.S.", "country_code": "US"},
      "United States, United States (US)", "as “U.S.”")],
)  # fmt: skip
def test_popups_name_places_as_the_article_and_countries_in_words(
    row: dict[str, object], shown: str, note: str
) -> None:
    text = re.sub(r"\s+", " ", popup_html(row))
    assert f"Where</small> {shown}" in text and f"({note})" in text.replace("&#34;", '"')


def test_a_headline_equal_to_its_evidence_is_shown_once() -> None:
    row = {"title": "Troops entered Mosul.", "sentence": "Troops entered Mosul.",
           "place_name": "Mosul"}  # fmt: skip
    assert popup_html(row).count("Troops entered Mosul.") == 1


def test_map_has_markers_legend_movements_and_no_unescaped_text() -> None:
    html = build_map(table(), time_slider=True, heatmap=True).get_root().render()
    assert "L.circleMarker" in html and html.count("explorerMarker(") >= 2
    assert "explorer-legend" in html and "military" in html and "diplomatic" in html
    assert "Movements" in html and "L.polyline" in html
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror=alert(1)>" not in html
    assert "explorer-time" in html and "Heat map" in html  # the time filter, the heat layer


def test_big_tables_use_one_fast_cluster_layer() -> None:
    html = build_map(make_events(3000)).get_root().render()  # type: ignore[arg-type]
    assert "L.markerClusterGroup" in html
    assert html.count("L.circleMarker(") <= 2  # one callback, not one layer per marker


def test_no_tiles_mode_draws_country_outlines_and_needs_no_tile_server() -> None:
    html = build_map(table(), basemap="none").get_root().render()
    assert "tile.openstreetmap" not in html and "{z}" not in html
    assert '"Afghanistan"' in html  # the outlines are inlined as GeoJSON


def test_timeline_points_and_ranges() -> None:
    spec = build_timeline(table()).to_dict()
    assert spec["params"][0]["name"] == "brush"
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["bar", "circle"]
    data = next(iter(spec["datasets"].values()))
    points = {row["event_id"]: row["point"] for row in data}
    assert points == {"e1": True, "e2": False}  # the week is a range, not a false point


def test_timeline_aggregates_above_the_row_limit() -> None:
    spec = build_timeline(make_events(6000), max_rows=5000).to_dict()  # type: ignore[arg-type]
    top, longer = spec["vconcat"]  # week-long events in daily counts: drawn apart, below
    assert top["mark"]["type"] == "bar" and longer["mark"]["type"] == "bar"
    rows = [row for data in spec["datasets"].values() for row in data]
    assert len(rows) < 5000 and sum(row["events"] for row in rows) == 6000


def test_overview_map_saves_offline(tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    overview_map(table(), title="Test").save(str(path), inline=True)
    html = path.read_text(encoding="utf-8")
    assert not re.findall(r'<script[^>]+src="https?://', html)
    assert not re.findall(r'<link[^>]+href="https?://', html)
    assert "<script>alert(1)</script>" not in html.split("</script>", 3)[-1]


def test_charts_saved_by_altair_itself_run_no_article_code(tmp_path: Path) -> None:
    # altair's own save() writes the spec into a <script>: article text must not end it
    from explorer.views.overview import overview_map
    from explorer.views.timeline import build_timeline

    hostile = "Raid </script><script>alert(1)</script> <!-- near Mosul"
    table = EventTable(
        pd.DataFrame(
            [{"event_id": "e1", "article_id": "a", "title": hostile, "sentence": hostile,
              "place_name": "Mosul", "latitude": 36.3, "longitude": 43.1, "country_code": "IQ",
              "start_date": "2016-10-17", "end_date": "2016-10-17", "granularity": "day",
              "categories": ["military"]}]
        )
    )  # fmt: skip
    for chart in (build_timeline(table), overview_map(table)):
        path = tmp_path / "chart.html"
        chart.save(str(path))
        page = path.read_text(encoding="utf-8")
        assert "</script><script>alert(1)" not in page and "<!-- near" not in page
        assert "alert(1)" in page  # the text is kept, made inert


def test_events_at_one_point_share_a_marker_whose_popup_lists_the_newest() -> None:
    rows = [
        {"event_id": f"e{i}", "article_id": "a", "sentence": f"Event {i} in Mosul.",
         "place_name": "Mosul <b>", "place_text": "Mosul",
         "latitude": 36.34 if i < 2990 else 33.3, "longitude": 43.13 if i < 2990 else 44.4,
         "start_date": None if i == 0 else D(2015, 1, 1) + dt.timedelta(days=i),
         "categories": ("military",) if i % 3 else ("diplomatic",)}
        for i in range(3000)
    ]  # fmt: skip
    html = build_map(EventTable.from_records(rows), movements=False).get_root().render()
    data = re.search(r"var data = (\[.*?\]\]);", html, re.S)
    assert data is not None
    import json

    points = json.loads(data.group(1))
    texts = page_texts(html)
    assert len(points) == 2  # 3,000 events on two points: two markers
    big = max(points, key=lambda p: p[4])
    assert big[4] == 2990 and big[3] == "#d62728"  # the commonest category's colour (military)
    popup = texts[big[2]]  # the popup is page data, referred to by its index
    assert "<b>2,990 events</b> at Mosul &lt;b&gt;" in popup and "Mosul <b>" not in popup
    assert popup.index("Event 2989") < popup.index("Event 2988")  # newest first
    assert "… and 2,965 more here" in popup and "Event 0 " not in popup  # undated last
    assert "getAllChildMarkers" in html  # clusters count events, not markers

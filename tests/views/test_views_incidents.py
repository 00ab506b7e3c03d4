"""The incident views as data: the map's rows and popups, the filter, the timeline."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import pytest

from explorer.events import Criteria, EventTable
from explorer.incidents.filter import filter_incidents
from explorer.incidents.table import IncidentTable
from explorer.views.incidents_map import (
    POPUP_FIELDS,
    REPORT_FIELDS,
    ReportIndex,
    incident_map,
    incident_popup_data,
    incident_popup_html,
    incident_reports,
    incident_rows,
    marker_radius,
)
from explorer.views.pagedata import PageTexts

HOSTILE = "<script>alert(1)</script> {{7*7}} shooting"
D = dt.date


def incidents() -> IncidentTable:
    return IncidentTable.from_records(
        [
            {"incident_id": "i1", "label": "shooting", "category": "crime", "status": "happened",
             "place_name": "Mosul", "latitude": 36.34, "longitude": 43.12, "country_code": "IQ",
             "place_precision": "town", "start": D(2016, 10, 17), "end": D(2016, 10, 17),
             "date_precision": "day", "killed": 3, "injured": 2, "confidence": 0.8,
             "reports": 3, "first_reported": D(2016, 10, 17), "sources": ("Reuters", "AP"),
             "article_ids": ("a1", "a2", "a3"), "event_ids": ("a1:10", "a2:5", "a3:7")},
            {"incident_id": "i2", "label": "airstrike", "category": "military",
             "status": "happened", "place_name": "Ar Raqqah", "latitude": 35.95,
             "longitude": 39.01, "country_code": "SY", "place_precision": "town",
             "start": D(2016, 11, 1), "end": D(2016, 11, 7), "date_precision": "week",
             "killed": 0, "confidence": 0.5, "reports": 1, "sources": ("BBC",),
             "article_ids": ("b1",), "event_ids": ("b1:0",)},
            {"incident_id": "i3", "label": "protest", "category": "protest",
             "status": "planned", "confidence": 0.3, "reports": 2,
             "sources": ("AP", "CNN"), "article_ids": ("c1", "c2"), "event_ids": ()},
        ]
    )  # fmt: skip


def events() -> EventTable:
    def ev(eid: str, article: str, source: str, day: dt.date, title: str, sentence: str,
           lat: float | None = 36.34, country: str = "IQ") -> dict[str, Any]:  # fmt: skip
        return {
            "event_id": eid,
            "article_id": article,
            "source": source,
            "published": day,
            "title": title,
            "sentence": sentence,
            "latitude": lat,
            "longitude": lat,
            "place_name": "Mosul",
            "country_code": country,
            "start_date": day,
            "end_date": day,
            "categories": ("crime",),
            "url": f"https://x.org/{article}",
        }

    return EventTable.from_records(
        [
            ev("a1:10", "a1", "Reuters", D(2016, 10, 17), HOSTILE, "Gunmen shot three in Mosul."),
            ev("a1:90", "a1", "Reuters", D(2016, 10, 17), HOSTILE, "Police said later."),
            ev("a2:5", "a2", "AP", D(2016, 10, 18), "Mosul shooting", "Three were killed."),
            ev("a3:7", "a3", "Reuters", D(2016, 10, 19), "Follow-up", "A suspect was held."),
            ev("b1:0", "b1", "BBC", D(2016, 11, 8), "Raqqa strikes", "Jets hit Raqqa.", 35.9, "SY"),
            ev("z1:0", "z1", "DW", D(2016, 12, 1), "Other", "Unrelated floods."),
        ]
    )  # fmt: skip


@pytest.mark.parametrize(("reports", "radius"), [(1, 6.0), (2, 9.0), (4, 12.0), (1000, 20.0)])
def test_marker_radius_grows_with_reports(reports: int, radius: float) -> None:
    assert marker_radius(reports) == radius


def test_rows_one_per_placed_incident_sized_by_reports() -> None:
    texts = PageTexts()
    rows, used, records = incident_rows(incidents(), texts, events())
    assert [r["incident_id"] for r in records] == ["i1", "i2"]  # i3 has no point
    assert used == ["crime", "military"]
    first = rows[0]
    assert first[:2] == [36.34, 43.12] and first[4] == 1 and first[6] == marker_radius(3)
    assert rows[1][6] == marker_radius(1)
    data = texts.data["incidents"]  # each popup as indices into the page's texts
    assert [r[2] for r in rows] == [0, 1] and {r[5] for r in rows} == {-1}
    assert "3 reports from 2 sources" in [texts[k] for k in data[first[2]] if k >= 0]


def test_rows_without_popups_ask_for_them() -> None:
    texts = PageTexts()
    rows, _, _ = incident_rows(incidents(), texts, events(), popups=False)
    assert {r[2] for r in rows} == {-2} and not texts.data
    assert "shooting" in texts[rows[0][5]] and "3 reports" in texts[rows[0][5]]


def _popup_fields(data: list[int], texts: PageTexts) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    head = len(POPUP_FIELDS)
    info = {n: (k if n == "more" else texts[k] if k >= 0 else None)
            for n, k in zip(POPUP_FIELDS, data[:head], strict=True)}  # fmt: skip
    step = len(REPORT_FIELDS)
    reports = [
        {
            n: texts[k] if k >= 0 else None
            for n, k in zip(REPORT_FIELDS, data[i : i + step], strict=True)
        }
        for i in range(head, len(data), step)
    ]
    return info, reports


def test_popup_data_indexes_each_text_once() -> None:
    table = incidents()
    texts = PageTexts()
    index = ReportIndex.build(events(), table)
    rows = list(table.records())
    first = incident_popup_data(rows[0], incident_reports(rows[0], index), texts)
    second = incident_popup_data(rows[1], incident_reports(rows[1], index), texts)
    info, reports = _popup_fields(first, texts)
    assert info == {"label": "Shooting", "status": None, "category": "crime",
                    "place": "Mosul, Iraq (IQ)", "precision": "town", "date": "17 Oct 2016",
                    "counts": "3 killed, 2 injured", "summary": "3 reports from 2 sources",
                    "reports": "3 reports", "more": 0}  # fmt: skip
    assert [r["source"] for r in reports] == ["Reuters", "AP", "Reuters"]
    assert reports[0]["title"] == HOSTILE  # plain text: the page script uses textContent
    assert reports[0]["evidence"] == "Gunmen shot three in Mosul."
    assert reports[1]["url"] == "https://x.org/a2" and reports[0]["article"] is None
    # a text shared by two popups is one entry of the texts
    assert first[len(POPUP_FIELDS)] == first[len(POPUP_FIELDS) + 2 * len(REPORT_FIELDS)]
    assert _popup_fields(second, texts)[0]["date"] == "week: 1 Nov 2016 – 7 Nov 2016"
    assert len({texts[i] for i in range(len(texts))}) == len(texts)


@pytest.mark.parametrize(("limit", "listed", "more"), [(1, 1, 2), (2, 2, 1), (3, 3, 0), (20, 3, 0)])
def test_popup_data_lists_up_to_the_limit(limit: int, listed: int, more: int) -> None:
    row = next(incidents().records())
    texts = PageTexts()
    data = incident_popup_data(row, incident_reports(row, ReportIndex()), texts, limit)
    info, reports = _popup_fields(data, texts)
    assert len(reports) == listed and info["more"] == more
    assert [r["article"] for r in reports] == ["a1", "a2", "a3"][:listed]  # no headline known
    assert info["status"] is None and info["summary"] == "3 reports from 2 sources"


def test_reports_from_events_one_per_article_first_reported_first() -> None:
    table = incidents()
    row = next(table.records())
    reports = incident_reports(row, ReportIndex.build(events(), table))
    assert [r["article_id"] for r in reports] == ["a1", "a2", "a3"]
    assert [r["source"] for r in reports] == ["Reuters", "AP", "Reuters"]
    assert reports[0]["evidence"] == "Gunmen shot three in Mosul."  # the incident's mention
    assert reports[0]["title"] == HOSTILE and reports[0]["date"] == "17 Oct 2016"
    assert reports[1]["url"] == "https://x.org/a2"


def test_reports_without_events_list_the_articles() -> None:
    table = incidents()
    rows = list(table.records())
    none = ReportIndex()
    assert [r["article_id"] for r in incident_reports(rows[0], none)] == ["a1", "a2", "a3"]
    assert incident_reports(rows[1], none)[0]["source"] == "BBC"  # one article, one source
    page = incident_popup_html(rows[2], incident_reports(rows[2], none))
    assert "article c1" in page and "(planned)" in page and "unplaced" in page


def test_popup_lists_reports_escaped() -> None:
    table = incidents()
    row = next(table.records())
    page = incident_popup_html(row, incident_reports(row, ReportIndex.build(events(), table)))
    assert page.count('class="explorer-report"') == 3
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "Mosul, Iraq (IQ)" in page and "(town)" in page
    assert "3 killed, 2 injured" in page and "17 Oct 2016" in page
    assert "Gunmen shot three in Mosul." in page and "Three were killed." in page
    assert page.count("https://x.org/") == 3


def test_popup_counts_reports_beyond_the_limit() -> None:
    row = next(incidents().records())
    reports = incident_reports(row, ReportIndex())
    page = incident_popup_html(row, reports, limit=1)
    assert page.count('class="explorer-report"') == 1 and "2 more reports" in page


def test_week_interval_is_labelled() -> None:
    row = list(incidents().records())[1]
    assert "week: 1 Nov 2016 – 7 Nov 2016" in incident_popup_html(row, [])


def test_map_page_holds_texts_as_data_only() -> None:
    fmap = incident_map(incidents(), events(), assets="cdn")
    page = fmap.get_root().render()
    assert "Incidents (2)" in page
    data = page.split('id="explorer-texts">', 1)[1].split("</script>", 1)[0]
    texts = json.loads(data)
    assert HOSTILE in texts  # kept as text, never rendered as a template
    assert "<script>alert(1)" not in page and "49 shooting" not in page
    assert "explorerIncidentMarker" in page
    popups = json.loads(page.split('id="explorer-data">', 1)[1].split("</script>", 1)[0])
    assert len(popups["incidents"]) == 2
    assert all(isinstance(k, int) for popup in popups["incidents"] for k in popup)


def test_map_page_stores_a_text_shared_by_many_popups_once() -> None:
    many = IncidentTable.from_records(
        [{"incident_id": f"i{k}", "label": "shooting", "latitude": 36.0 + k / 100,
          "longitude": 43.0, "reports": 1, "sources": ("Reuters",), "article_ids": ("a1",),
          "event_ids": ("a1:10",)} for k in range(50)]
    )  # fmt: skip
    page = incident_map(many, events(), assets="cdn").get_root().render()
    assert page.count("Gunmen shot three in Mosul.") == 1
    assert page.count("\\u003cscript\\u003ealert(1)") == 1  # the headline, escaped JSON


@pytest.mark.parametrize(
    ("criteria", "ids"),
    [
        (Criteria(), ["i1", "i2", "i3"]),
        (Criteria(countries="IQ"), ["i1"]),
        (Criteria(categories="Military"), ["i2"]),
        (Criteria(sources="AP"), ["i1", "i3"]),
        (Criteria(start=D(2016, 11, 5), end=D(2016, 12, 1)), ["i2", "i3"]),
        (Criteria(start=D(2016, 11, 5), include_undated=False), ["i2"]),
        (Criteria(text="raqq"), ["i2"]),
        (Criteria(text="suspect"), ["i1"]),  # a sentence of one of its mentions
        (Criteria(min_confidence=0.6), ["i1"]),
        (Criteria(unresolved_only=True), ["i3"]),
    ],
)
def test_filter_incidents(criteria: Criteria, ids: list[str]) -> None:
    kept = filter_incidents(incidents(), criteria, events())
    assert list(kept.df["incident_id"]) == ids


@pytest.mark.parametrize("lanes", ["country", "category", "place"])
def test_incident_timeline_bars_and_points(lanes: str) -> None:
    from explorer.views.timeline import build_timeline, incident_frame

    frame = incident_frame(incidents())
    assert list(frame["incident_id"]) == ["i1", "i2"]  # i3 is undated
    assert list(frame["point"]) == [True, False]
    assert frame["end"].iloc[1] == pd.Timestamp(2016, 11, 8)  # the day after the last
    spec = build_timeline(incidents(), lanes=lanes).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["bar", "circle"]
    assert spec["params"][0]["name"] == "brush"
    values = next(iter(spec["datasets"].values()))
    assert {v["lane"] for v in values} == set(frame[{"place": "place"}.get(lanes, lanes)])


def test_incident_timeline_rejects_unknown_lanes() -> None:
    from explorer.views.timeline import incident_timeline

    with pytest.raises(ValueError, match="lanes"):
        incident_timeline(incidents(), lanes="source")


def test_a_map_of_country_wide_incidents_shows_the_country_whole() -> None:
    from explorer.incidents.table import IncidentTable
    from explorer.views.incidents_map import _closest_zoom

    def table(*precisions: str) -> IncidentTable:
        return IncidentTable.from_records(
            [{"incident_id": f"i{k}", "place_precision": p} for k, p in enumerate(precisions)]
        )

    assert _closest_zoom(table("country")) == 5
    assert _closest_zoom(table("country", "region")) == 7
    assert _closest_zoom(table("country", "town")) == 9


def test_incident_timeline_has_one_reports_legend() -> None:
    from explorer.views.timeline import build_timeline

    spec = build_timeline(incidents()).to_dict()
    bars, points = spec["layer"]
    assert bars["encoding"]["size"]["legend"] is None
    assert points["encoding"]["size"]["legend"]["title"] == "Reports"
    assert points["encoding"]["size"]["legend"]["values"] == [1, 3]  # whole numbers, 1 to most


def test_incident_timeline_counts_incidents_above_max_rows() -> None:
    from explorer.views.timeline import incident_timeline

    spec = incident_timeline(incidents(), max_rows=1).to_dict()
    chart = spec.get("vconcat", [spec])[0]
    assert chart["mark"]["type"] == "bar"
    assert chart["encoding"]["y"]["title"] == "Incidents"
    assert "incidents per" in chart["encoding"]["x"]["title"]
    # the two dated incidents: one of a day, one known only to a week (drawn apart)
    assert sum(row["events"] for rows in spec["datasets"].values() for row in rows) == 2

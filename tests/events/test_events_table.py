from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from explorer.errors import TableError
from explorer.events import Criteria, EventTable, filter_events
from explorer.events.schema import COLUMNS

D = dt.date


def sample() -> EventTable:
    base = {"article_id": "a", "title": "T", "published": D(2015, 12, 2)}
    return EventTable.from_records(
        [
            {**base, "event_id": "e1", "sentence": 'Raids near "Irbil", said <script>x</script>',
             "place_text": "Irbil", "place_start": 12, "place_end": 17, "place_name": "Erbil",
             "country_code": "IQ", "latitude": 36.19117, "longitude": 44.00943,
             "geonames_id": 95446, "place_confidence": 0.9, "start_date": D(2015, 12, 1),
             "end_date": D(2015, 12, 1), "date_source": "sentence", "date_confidence": 0.9,
             "categories": ("military", "terrorism"), "source": "Wire", "demonym": False},
            {**base, "event_id": "e2", "sentence": "Talks in Raqqa; résumé, “quotes”\nnew line",
             "place_text": "Raqqa", "place_name": "Ar Raqqah", "country_code": "SY",
             "latitude": 35.95, "longitude": 39.01, "place_confidence": 0.4,
             "start_date": D(2015, 11, 23), "end_date": D(2015, 11, 29), "granularity": "week",
             "date_value": "2015-W48", "date_source": "sentence", "date_confidence": 0.9,
             "categories": ("diplomatic",), "source": "Agency", "origin_event_id": "e1"},
            {**base, "event_id": "e3", "sentence": "Somewhere unknown", "place_text": "Qwxzv",
             "date_text": "sometime", "date_source": "none", "categories": ()},
        ]
    )  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "parquet"])
def test_lossless_round_trip(tmp_path: Path, fmt: str) -> None:
    table = sample()
    path = table.write(tmp_path / f"events.{fmt}")
    back = EventTable.read(path)
    pd.testing.assert_frame_equal(table.df, back.df)
    assert list(back.df.columns) == list(COLUMNS)


def test_geojson_has_null_geometry_for_unresolved() -> None:
    features = sample().geojson()["features"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [44.00943, 36.19117]}
    assert features[2]["geometry"] is None
    assert features[1]["properties"]["categories"] == ["diplomatic"]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (Criteria(), ["e1", "e2", "e3"]),
        (Criteria(start=D(2015, 12, 1), end=D(2015, 12, 31)), ["e1", "e3"]),
        (Criteria(start=D(2015, 11, 28), end=D(2015, 11, 28), include_undated=False), ["e2"]),
        (Criteria(end=D(2015, 11, 22), include_undated=False), []),
        (Criteria(countries=["SY"]), ["e2"]),
        (Criteria(places=["Erbil"]), ["e1"]),
        (Criteria(sources=["Agency", "Wire"]), ["e1", "e2"]),
        (Criteria(categories=["terrorism", "diplomatic"]), ["e1", "e2"]),
        (Criteria(text="RÉSUMÉ"), ["e2"]),
        (Criteria(text="irbil"), ["e1"]),
        (Criteria(min_confidence=0.5), ["e1"]),
        (Criteria(unresolved_only=True), ["e3"]),
        (Criteria(countries=["IQ"], categories=["diplomatic"]), []),
    ],
)
def test_filter(criteria: Criteria, expected: list[str]) -> None:
    assert filter_events(sample(), criteria).df["event_id"].tolist() == expected


def test_filter_method_takes_keywords() -> None:
    assert len(sample().filter(countries=["IQ"])) == 1


@pytest.mark.parametrize("name", ["events.xlsx", "events"])
def test_unknown_formats_are_clear_errors(tmp_path: Path, name: str) -> None:
    with pytest.raises(TableError, match="unknown table format"):
        sample().write(tmp_path / name)


def test_malformed_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("event_id,sentence,place_text,latitude\ne1,s,p,north\n", encoding="utf-8")
    with pytest.raises(TableError, match="latitude"):
        EventTable.read(path)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(TableError):
        EventTable.read(tmp_path / "bad.json")


def test_conforming_twice_keeps_missing_values_missing() -> None:
    table = sample()
    again = EventTable(table.df)
    pd.testing.assert_frame_equal(table.df, again.df)
    both = EventTable.concat([table, table])
    assert both.df["origin_event_id"].isna().sum() == 4
    assert "nan" not in set(both.df["source"].dropna())


HEADER = "event_id,sentence,place_text,latitude,start_date,geonames_id\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("e1,a,b,36.1,2015-12-01,1\ne2,a,b,36.2,,\ne3,a,b,abc,,\n",
         "bad.csv, row 4, column 'latitude': 'abc' is not a number"),
        ("e1,a,b,,2015-12-01,\ne2,a,b,,12/06/2017,\n",
         "bad.csv, row 3, column 'start_date': '12/06/2017' is not a YYYY-MM-DD date"),
        ("e1,a,b,,,95446.5\n", "bad.csv, row 2, column 'geonames_id': '95446.5' is not a "
         "whole number"),
        ("e1,a,b,,,\n,a,b,,,\n", "bad.csv, row 3: no event_id (every event needs one)"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_named_in_one_line(tmp_path: Path, rows: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(TableError) as info:
        EventTable.read(path)
    text = str(info.value)
    assert "\n" not in text and text.endswith(message) and str(path) in text


def test_a_bad_cell_in_json_is_named_by_its_item(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '[{"event_id": "e1", "sentence": "s", "place_text": "p", "longitude": 4},'
        ' {"event_id": "e2", "sentence": "s", "place_text": "p", "longitude": "east"}]',
        encoding="utf-8",
    )
    with pytest.raises(TableError, match=r"bad.json, item 2, column 'longitude': 'east' is not"):
        EventTable.read(path)


def test_a_ready_made_events_table_is_not_read_as_an_explorer_table(tmp_path: Path) -> None:
    path = tmp_path / "teacher.csv"
    path.write_text(
        "event_id,date,place,description,category\n1,2016-10-17,Mosul,Offensive,military\n",
        encoding="utf-8",
    )
    with pytest.raises(TableError, match=r"not an Explorer events table.*load_events_file"):
        EventTable.read(path)


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson"])
def test_tables_saved_with_a_byte_order_mark_read_the_same(tmp_path: Path, fmt: str) -> None:
    path = sample().write(tmp_path / f"events.{fmt}")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    pd.testing.assert_frame_equal(EventTable.read(path).df, sample().df)

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from explorer.events import Criteria, ingest, load_events_file, read_events_file

CSV = """date,end_date,date_precision,place,latitude,longitude,description,category,source,url
2014-06-10,,day,Mosul,,,Militants take the city.,military,Ref,https://example.org/1
2016-10-01,2017-07-20,month,Mosul,,,The long offensive.,military;humanitarian,Ref,
2015-08-01,,day,Small dam,36.6300,42.8230,Coordinates given.,military,Ref,
,,unknown,Camp Nowhere-Test,,,No date at all.,political,Test,
not a date,,,Baghdad,,,"Comment with <script>alert(1)</script>",political,Test,
"""


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_ready_made_events(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"events.{fmt}"
    if fmt == "csv":
        path.write_text(CSV, encoding="utf-8")
    else:
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(CSV)))
        text = json.dumps(rows) if fmt == "json" else "\n".join(json.dumps(r) for r in rows)
        path.write_text(text, encoding="utf-8")
    with pytest.warns(UserWarning, match="date 'not a date' is not YYYY-MM-DD"):
        rows = list(load_events_file(path).records())
    assert len(rows) == 5
    mosul, offensive, dam, nowhere, bad_date = rows
    assert (mosul["place_name"], mosul["country_code"]) == ("Mosul", "IQ")
    assert mosul["start_date"] == "2014-06-10" and mosul["date_source"] == "given"
    assert (offensive["start_date"], offensive["end_date"]) == ("2016-10-01", "2017-07-20")
    assert offensive["granularity"] == "month"
    assert offensive["categories"] == ["military", "humanitarian"]
    assert (dam["latitude"], dam["longitude"]) == (36.63, 42.823)
    assert nowhere["latitude"] is None and nowhere["place_text"] == "Camp Nowhere-Test"
    assert nowhere["start_date"] is None and nowhere["date_source"] == "none"
    assert bad_date["date_text"] == "not a date" and bad_date["start_date"] is None
    assert "<script>" in bad_date["sentence"]  # kept as text; escaped when rendered
    assert dt.date.fromisoformat(mosul["start_date"])


def test_bundled_sample_events() -> None:
    path = Path(__file__).parents[2] / "data" / "events" / "isis_campaign_2014_2017.csv"
    table = load_events_file(path)
    df = table.df
    assert 60 <= len(df) <= 150
    assert df["latitude"].notna().sum() >= len(df) - 2
    palmyra = df[df["place_text"] == "Palmyra"].iloc[0]
    assert palmyra["country_code"] == "SY"  # not Palmyra, New York
    assert df["start_date"].notna().all()
    assert not df["source"].str.contains("test", case=False).any()  # real events only


def test_a_csv_saved_by_excel_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes("date,place,description\n2016-10-17,Mosul,Offensive begins.\n"
                     .encode("utf-8-sig"))  # fmt: skip
    (row,) = read_events_file(path).table.records()
    assert (row["start_date"], row["place_name"]) == ("2016-10-17", "Mosul")
    (event,) = ingest([tmp_path]).table.records()
    assert event["start_date"] == "2016-10-17"


@pytest.mark.parametrize(
    ("lat", "lon", "why"),
    [
        ("91", "44.0", "latitude '91' is outside -90..90"),
        ("36.3", "200", "longitude '200' is outside -180..180"),
        ("abc", "44.0", "latitude 'abc' is not a number"),
        ("36,34", "43.13", "latitude '36,34' is not a number (write decimals with a full stop: "
                           "36.34)"),
        ("36.34", "", "latitude '36.34' given without the other coordinate"),
    ],
)  # fmt: skip
def test_bad_coordinates_are_reported_and_the_event_kept(
    tmp_path: Path, lat: str, lon: str, why: str
) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "date,place,latitude,longitude,description\n"
        "2016-10-17,,36.34,43.13,Good point.\n"
        f'2016-10-18,Mosul,"{lat}","{lon}",Bad point.\n'
        f'2016-10-19,,"{lat}","{lon}",No name.\n',
        encoding="utf-8",
    )
    result = read_events_file(path)
    good, named, unnamed = result.table.records()
    assert good["latitude"] == 36.34 and good["country_code"] == "IQ"
    assert named["latitude"] is None and named["place_text"] == "Mosul"
    assert unnamed["latitude"] is None and unnamed["sentence"] == "No name."
    assert [(n.path, n.reason) for n in result.notices] == [
        (f"{path}#3", f"{why}: the event is kept, its place 'Mosul' unresolved"),
        (f"{path}#4", f"{why}: the event is kept"),
    ]
    assert "bad coordinates" in named["place_reason"]


@pytest.mark.parametrize(("lat", "lon"), [("lat", "lon"), ("Latitude", "lng"), ("LAT", "long")])
def test_coordinate_header_spellings(tmp_path: Path, lat: str, lon: str) -> None:
    path = tmp_path / "events.csv"
    path.write_text(f"date,{lat},{lon},description\n2016-10-17,34.55,38.27,Palmyra retaken.\n",
                    encoding="utf-8")  # fmt: skip
    (row,) = read_events_file(path).table.records()
    assert (row["latitude"], row["longitude"], row["country_code"]) == (34.55, 38.27, "SY")


def test_points_without_a_country_get_the_nearest_towns_country(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "date,latitude,longitude,country_code,description\n"
        "2016-10-17,36.19,44.01,,In Erbil.\n"      # Iraq
        "2016-10-18,34.55,38.27,,Near Palmyra.\n"  # Syria
        "2016-10-19,0.0,-160.0,,Mid-Pacific.\n"    # no town within reach
        "2016-10-20,36.19,44.01,TR,As the file says.\n",
        encoding="utf-8",
    )  # fmt: skip
    result = ingest([path])
    assert [r["country_code"] for r in result.table.records()] == ["IQ", "SY", None, "TR"]
    assert result.table.filter(Criteria(countries=["IQ"])).df["sentence"].tolist() == ["In Erbil."]


def test_a_teachers_table_with_an_event_id_column_is_read_as_events(tmp_path: Path) -> None:
    path = tmp_path / "teacher.csv"
    path.write_text("event_id,date,place,description,category\n"
                    "7,2016-10-17,Mosul,Offensive begins.,military\n", encoding="utf-8")  # fmt: skip
    (row,) = ingest([tmp_path]).table.records()
    assert (row["event_id"], row["start_date"], row["place_name"], row["sentence"]) == (
        "teacher:7", "2016-10-17", "Mosul", "Offensive begins.")  # fmt: skip


def test_given_rows_problems_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(
        "\n".join([json.dumps({"id": "1", "date": "2016", "description": "a"}), "{oops",
                   json.dumps({"id": "1", "date": "2016-02", "description": "b"}),
                   json.dumps({"date": "", "description": ""}),
                   json.dumps({"date": "2016-01-01", "end_date": "soon", "description": "c"})]),
        encoding="utf-8",
    )  # fmt: skip
    result = read_events_file(path)
    assert result.table.df["event_id"].tolist() == ["events:1", "events:1-3", result.table.df[
        "event_id"].iloc[2]]  # fmt: skip
    assert [(s.path.rsplit("#", 1)[1], s.reason.split(":")[0]) for s in result.skipped] == [
        ("2", "not JSON"),
        ("4", "an empty row (no description, place, coordinates or date)"),
    ]
    assert [n.path.rsplit("#", 1)[1] for n in result.notices] == ["3", "5"]

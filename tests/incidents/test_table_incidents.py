"""IncidentTable: one row per incident, written and read back equal in every format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from explorer.errors import TableError
from explorer.incidents.group import group_reports
from explorer.incidents.model import IncidentReport
from explorer.incidents.table import FORMATS, IncidentTable, incidents_path
from explorer.model import Place

TOWN = Place(
    "gn:5202215", "McKeesport", "populated_place", 40.3479, -79.8642, "US", "PA", "Pennsylvania"
)


def _report(aid: str, title: str, place: Place | None, source: str) -> IncidentReport:
    day = dt.date(2013, 1, 1)
    return IncidentReport(
        article_id=aid,
        label="shooting",
        category="crime",
        place=place,
        place_precision=None if place is None else "town",
        start=day,
        end=day,
        date_precision="day",
        killed=1,
        published=day,
        source=source,
        title=title,
        event_ids=(f"{aid}:0",),
        confidence=0.5,
    )


TEXT = "Julian Sims, 20, is wanted after a shooting on Versailles Avenue."


def _table() -> IncidentTable:
    reports = [
        _report("a1", '=HYPERLINK("x") shooting', TOWN, "KDKA"),
        _report("a2", "Party shooting, McKeesport", TOWN, "-Post"),
        _report("b1", "Flood somewhere", None, "@Wire"),
    ]
    texts = {"a1": TEXT, "a2": TEXT, "b1": "Water rose."}
    return IncidentTable.from_incidents(group_reports(reports, texts))


def test_rows_and_columns() -> None:
    table = _table()
    assert len(table) == 2
    first = next(table.records())
    assert first["article_ids"] == ["a1", "a2"]
    assert first["event_ids"] == ["a1:0", "a2:0"]
    assert first["sources"] == ["KDKA", "-Post"]
    assert first["reports"] == 2
    assert first["place_name"] == "McKeesport" and first["admin1"] == "Pennsylvania"
    assert first["start"] == first["first_reported"] == "2013-01-01"
    assert first["confidence"] == pytest.approx(0.75)
    geo = table.geojson()
    assert geo["features"][0]["geometry"]["coordinates"] == [-79.8642, 40.3479]
    assert geo["features"][1]["geometry"] is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip(tmp_path: Path, fmt: str) -> None:
    table = _table()
    path = table.write(tmp_path / f"events.incidents.{fmt}")
    assert IncidentTable.read(path).equals(table)


def test_csv_escapes_formulas(tmp_path: Path) -> None:
    path = _table().write(tmp_path / "x.csv")
    text = path.read_text(encoding="utf-8")
    assert "'@Wire" in text and "KDKA;-Post" in text  # a cell starting so is escaped
    assert ",-79.8642," in text  # numbers untouched


def test_empty_round_trip(tmp_path: Path) -> None:
    empty = IncidentTable()
    assert len(empty) == 0
    assert IncidentTable.read(empty.write(tmp_path / "e.json")).equals(empty)


@pytest.mark.parametrize(
    ("events", "incidents"),
    [("out/events.csv", "out/events.incidents.csv"), ("e.parquet", "e.incidents.parquet")],
)
def test_incidents_path(events: str, incidents: str) -> None:
    assert incidents_path(events) == Path(incidents)


def test_bad_files(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="unknown table format"):
        IncidentTable().write(tmp_path / "x.txt")
    bad = tmp_path / "bad.csv"
    bad.write_text("incident_id,latitude\nx,north\n", encoding="utf-8")
    with pytest.raises(TableError, match="row 2: latitude"):
        IncidentTable.read(bad)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TableError, match="not an Explorer incidents table"):
        IncidentTable.read(other)


ARTICLES = {
    "a.md": (
        "KDKA",
        "2013-01-01",
        "Four shot at McKeesport New Year's Eve party",
        "MCKEESPORT, Pa. - Four people were shot at a New Year's Eve house party on Versailles "
        "Avenue in McKeesport early Tuesday, police said. Police are looking for Julian Sims, 20.",
    ),
    "b.md": (
        "Post-Gazette",
        "2013-01-01",
        "Gunman sought after four wounded at McKeesport party",
        "Police in McKeesport, Pennsylvania, are looking for Julian Sims, 20, after four people "
        "were shot at a house party on Versailles Avenue on Tuesday.",
    ),
    "c.md": (
        "Tulsa World",
        "2013-01-07",
        "Four women found dead in Tulsa apartment",
        "TULSA, Okla. - Four women were found shot to death in an apartment in Tulsa, Oklahoma, "
        "on Monday, police said.",
    ),
}


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, (source, day, title, text) in ARTICLES.items():
        (folder / name).write_text(
            f"---\ntitle: {title}\npublished: {day}\nsource: {source}\n---\n{text}\n",
            encoding="utf-8",
        )
    return folder


def test_ingest_groups_incidents_across_articles(tmp_path: Path) -> None:
    from explorer.corpus import ingest

    result = ingest(_corpus(tmp_path / "articles"), incidents=True, progress=False)
    assert result.incidents is not None
    rows = {r["place_name"]: r for r in result.incidents.records()}
    assert rows["McKeesport"]["reports"] == 2
    assert rows["McKeesport"]["sources"] == ["KDKA", "Post-Gazette"]
    assert rows["Tulsa"]["reports"] == 1
    assert ingest(tmp_path / "articles", progress=False).incidents is None  # only when asked


def test_cli_ingest_writes_incidents_next_to_events(tmp_path: Path) -> None:
    from explorer.cli import main

    out = tmp_path / "out" / "events.json"
    assert main(["ingest", str(_corpus(tmp_path / "articles")), "--out", str(out), "--no-cache",
                 "--quiet"]) == 0  # fmt: skip
    table = IncidentTable.read(tmp_path / "out" / "events.incidents.json")
    assert sorted(table.df["reports"]) == [1, 2]


def test_ingest_without_incidents_writes_the_events_only(tmp_path: Path) -> None:
    from explorer.cli import main

    article = tmp_path / "a.md"
    article.write_text(
        "---\ntitle: Shots\npublished: 2016-05-02\n---\nA man was shot in Toledo, Ohio on Sunday.\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.csv"
    assert main(["ingest", str(article), "--out", str(out), "--no-cache", "--no-incidents"]) == 0
    assert out.exists() and not (tmp_path / "events.incidents.csv").exists()

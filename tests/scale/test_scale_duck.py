"""DuckDB over Parquet keeps exactly the rows filter_events keeps, and counts the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from scale_helpers import small_table

from explorer.errors import QueryError, TableError
from explorer.events import Criteria, EventTable, filter_events
from explorer.scale import ParquetEvents, open_events, read_events, to_arrow
from explorer.scale import aggregate as agg
from explorer.scale.parquet import PartWriter


@pytest.fixture(scope="module")
def table() -> EventTable:
    return small_table()


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, table: EventTable) -> Path:
    folder = tmp_path_factory.mktemp("events") / "events.parquet"
    writer = PartWriter(folder, rows_per_part=150)
    arrow = to_arrow(table)
    for start in range(0, arrow.num_rows, 50):  # several part files, several row groups
        writer.write(arrow.slice(start, 50))
    assert len(writer.close()) == 3
    return folder


def _sorted(t: EventTable) -> pd.DataFrame:
    return t.df.sort_values("event_id").reset_index(drop=True)


CRITERIA = [
    Criteria(),
    Criteria(start=dt.date(2015, 6, 1), end=dt.date(2015, 9, 30)),
    Criteria(start=dt.date(2016, 1, 1)),
    Criteria(end=dt.date(2015, 2, 1)),
    Criteria(start=dt.date(2015, 6, 1), end=dt.date(2015, 6, 30), include_undated=False),
    Criteria(countries=["IQ", "SY"]),
    Criteria(places=["Mosul", "São Paulo"]),
    Criteria(sources=["Wire B"]),
    Criteria(categories=["military", "terrorism"]),
    Criteria(text="troops"),
    Criteria(text="  CONVOY "),
    Criteria(text="élan"),
    Criteria(text="100%"),
    Criteria(text="a_b"),
    Criteria(text="O'Brien"),
    Criteria(text="'; DROP TABLE events; --"),
    Criteria(min_confidence=0.4),
    Criteria(unresolved_only=True),
    Criteria(
        start=dt.date(2015, 3, 1),
        end=dt.date(2016, 3, 1),
        countries=["IQ"],
        categories=["military"],
        text="aid",
        min_confidence=0.2,
    ),
]


@pytest.mark.parametrize("criteria", CRITERIA, ids=[str(i) for i in range(len(CRITERIA))])
def test_duckdb_filter_equals_filter_events(
    table: EventTable, dataset: Path, criteria: Criteria
) -> None:
    events = open_events(dataset)
    expected = filter_events(table, criteria)
    got = events.filter(criteria)
    assert len(got) == len(expected)
    pd.testing.assert_frame_equal(_sorted(got.to_event_table()), _sorted(expected))


def test_filters_compose(table: EventTable, dataset: Path) -> None:
    events = open_events(dataset)
    a, b = Criteria(countries=["IQ"]), Criteria(text="troops")
    got = events.filter(a).filter(b)
    expected = filter_events(filter_events(table, a), b)
    assert got.to_event_table().df["event_id"].tolist() == expected.df["event_id"].tolist()
    assert len(events) == len(table)  # the original view is unchanged


def test_round_trip_is_lossless(table: EventTable, dataset: Path) -> None:
    assert read_events(dataset).equals(table)
    assert open_events(dataset).to_event_table().equals(table)


def test_aggregates_equal_pandas(table: EventTable, dataset: Path) -> None:
    events = open_events(dataset)
    for unit in ("day", "week", "month", "auto"):
        assert events.time_counts(unit) == agg.time_counts(table, unit)
    grid = events.grid(size=0.5)
    expected = agg.grid_counts(table, size=0.5)
    assert [(c.south, c.west, c.events) for c in grid.cells] == [
        (c.south, c.west, c.events) for c in expected.cells
    ]
    for got, want in zip(grid.cells, expected.cells, strict=True):
        assert got.latitude == pytest.approx(want.latitude)
    assert events.grid(max_cells=3).size >= 1.0
    assert grid.total == int(table.df["latitude"].notna().sum())


def test_counts_head_sample_and_figures(table: EventTable, dataset: Path) -> None:
    events = open_events(dataset)
    df = table.df
    counts = dict(events.value_counts("country_code"))
    assert counts == df["country_code"].value_counts().to_dict()
    cats = dict(events.value_counts("categories"))
    assert cats == df["categories"].explode().dropna().value_counts().to_dict()
    head = events.head(10, order_by="start_date")
    assert (
        head.df["start_date"].tolist() == df["start_date"].dropna().sort_values().head(10).tolist()
    )
    sample = events.sample(25)
    assert len(sample) == 25 and sample.df["latitude"].notna().all()
    assert sample.equals(events.sample(25))  # deterministic
    iraq = events.filter(countries=["IQ"])
    assert set(iraq.sample(1000).df["event_id"]) <= set(sample.df["event_id"]) | set(
        iraq.to_event_table().df["event_id"]
    )
    figures = events.figures()
    assert figures["events"] == len(df)
    assert figures["places"] == df["place_name"].nunique()
    lo, hi = events.date_range()
    assert lo == df["start_date"].min().date() and hi == df["end_date"].max().date()
    places = events.place_counts(limit=5)
    assert len(places) == 5 and places[0].events >= places[-1].events
    assert events.filter(countries=["XX"]).place_counts() == []
    assert events.filter(countries=["XX"]).time_counts().buckets == ()


def test_write_streams_parquet_and_csv(table: EventTable, dataset: Path, tmp_path: Path) -> None:
    events = open_events(dataset).filter(countries=["SY"])
    expected = filter_events(table, Criteria(countries=["SY"]))
    for name in ("sy.parquet", "sy.csv", "sy.geojson"):
        path = events.write(tmp_path / name)
        assert _sorted(EventTable.read(path)).equals(_sorted(expected)), name


def test_clear_errors(tmp_path: Path, dataset: Path) -> None:
    with pytest.raises(TableError):
        open_events(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(TableError):
        open_events(tmp_path / "empty")
    (tmp_path / "bad.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(QueryError):
        ParquetEvents(tmp_path / "bad.parquet")
    with pytest.raises(TableError):
        open_events(dataset).head(3, order_by="1; DROP TABLE x")
    with pytest.raises(TableError, match="too many"):
        open_events(dataset).to_event_table(max_rows=10)


def test_plain_events_parquet_opens_too(table: EventTable, tmp_path: Path) -> None:
    """A file written by EventTable.write (timestamps, not dates) is cast on the way in."""
    path = table.write(tmp_path / "plain.parquet")
    events = open_events(path)
    crit = Criteria(start=dt.date(2015, 6, 1), end=dt.date(2015, 9, 30), categories=["aid"])
    assert _sorted(events.filter(crit).to_event_table()).equals(_sorted(filter_events(table, crit)))
    assert events.to_event_table().equals(table)

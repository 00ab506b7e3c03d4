"""Aggregates of an events table: what the views draw when there are too many events to draw.

Frozen records, computed either by DuckDB over Parquet (:class:`explorer.scale.ParquetEvents`)
or by pandas over an in-memory :class:`~explorer.events.EventTable` (the functions here); both
give the same numbers (tested). The views take these records and return folium/altair objects.

* :class:`TimeCounts`: events per day, week or month and first category (the timeline).
* :class:`GridCounts`: events per grid cell of ``size`` degrees, with the mean point of each
  cell (the map's grid and heat layers).
* :class:`PlaceCount`: events per place (the briefing's overview map).
* :class:`MapAggregates`: the grid plus a bounded sample of events (the map's clusters).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
import pandas as pd

from explorer.events.table import EventTable

__all__ = [
    "GRID_SIZES",
    "Aggregable",
    "GridCell",
    "GridCounts",
    "MapAggregates",
    "PlaceCount",
    "TimeBucket",
    "TimeCounts",
    "TimeSpan",
    "choose_unit",
    "frame_time_counts",
    "grid_counts",
    "map_aggregates",
    "sample_rows",
    "time_counts",
]

GRID_SIZES = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
"""Cell sizes tried, finest first: the first that gives at most ``max_cells`` cells is used."""

MAX_CHART_ROWS = 5000  # altair's limit on inline rows


@dataclass(frozen=True)
class TimeBucket:
    start: dt.date
    category: str
    events: int


@dataclass(frozen=True)
class TimeSpan:
    """Events known only to a period longer than the counting unit (a month or a year in
    weekly counts): counted over their whole period, never in its first bucket."""

    start: dt.date
    end: dt.date
    category: str
    events: int


MAX_SPAN_ROWS = 2000  # distinct spans drawn; more are snapped to coarser periods


def _snap(day: dt.date, unit: str, *, end: bool) -> dt.date:
    """The first (or with ``end`` the last) day of ``day``'s week, month or year."""
    if unit == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start + dt.timedelta(days=6) if end else start
    if unit == "month":
        start = day.replace(day=1)
        if not end:
            return start
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return following - dt.timedelta(days=1)
    if unit == "year":
        return day.replace(month=12, day=31) if end else day.replace(month=1, day=1)
    return day


def bounded_spans(
    spans: tuple[TimeSpan, ...], unit: str, limit: int = MAX_SPAN_ROWS
) -> tuple[TimeSpan, ...]:
    """At most ``limit`` spans for a chart: when there are more, each is widened to whole
    periods (the counting unit, then months, then years) and those that become the same are
    counted together. The events are all kept; only the ends are rounded outwards."""
    order = ("day", "week", "month", "year")
    for coarse in order[order.index(unit) if unit in order else 0 :]:
        if len(spans) <= limit:
            break
        merged: dict[tuple[dt.date, dt.date, str], int] = {}
        for s in spans:
            key = (_snap(s.start, coarse, end=False), _snap(s.end, coarse, end=True), s.category)
            merged[key] = merged.get(key, 0) + s.events
        spans = tuple(TimeSpan(a, z, c, n) for (a, z, c), n in sorted(merged.items()))
    return spans


@dataclass(frozen=True)
class TimeCounts:
    unit: str  # "day", "week" or "month"
    buckets: tuple[TimeBucket, ...]  # events whose interval lies within one bucket
    spans: tuple[TimeSpan, ...] = ()  # the others

    @property
    def total(self) -> int:
        return sum(b.events for b in self.buckets) + sum(s.events for s in self.spans)

    def span_frame(self) -> pd.DataFrame:
        """Columns ``start``, ``end`` (the day after), ``category``, ``events``."""
        return pd.DataFrame(
            {
                "start": pd.to_datetime([s.start for s in self.spans]),
                "end": pd.to_datetime([s.end + dt.timedelta(days=1) for s in self.spans]),
                "category": [s.category for s in self.spans],
                "events": [s.events for s in self.spans],
            }
        )

    def frame(self) -> pd.DataFrame:
        """Columns ``bucket`` (datetime), ``category``, ``events`` (for altair)."""
        return pd.DataFrame(
            {
                "bucket": pd.to_datetime([b.start for b in self.buckets]),
                "category": [b.category for b in self.buckets],
                "events": [b.events for b in self.buckets],
            }
        )


@dataclass(frozen=True)
class GridCell:
    south: float
    west: float
    latitude: float  # mean point of the cell's events (the heat map's point)
    longitude: float
    events: int


@dataclass(frozen=True)
class GridCounts:
    size: float  # degrees
    cells: tuple[GridCell, ...]

    @property
    def total(self) -> int:
        return sum(c.events for c in self.cells)


@dataclass(frozen=True)
class PlaceCount:
    place_name: str
    latitude: float
    longitude: float
    category: str
    events: int
    first: dt.date | None
    last: dt.date | None
    example: str


@dataclass(frozen=True)
class MapAggregates:
    """Everything the aggregated map draws: counts, a grid, a sample for markers."""

    total: int  # events in the table
    placed: int  # events with coordinates
    grid: GridCounts
    sample: EventTable  # a bounded, deterministic sample of placed events (popups)
    categories: tuple[tuple[str, int], ...]  # first category -> events, most first


@runtime_checkable
class Aggregable(Protocol):
    """A table the views can draw from aggregates (:class:`explorer.scale.ParquetEvents`)."""

    def __len__(self) -> int: ...

    def map_aggregates(self, *, sample: int = ..., max_cells: int = ...) -> MapAggregates: ...

    def time_counts(self, unit: str = ...) -> TimeCounts: ...

    def place_counts(self, limit: int = ...) -> list[PlaceCount]: ...


def choose_unit(first: dt.date | None, last: dt.date | None, categories: int = 8) -> str:
    """Days up to 180 days, weeks while the chart stays under altair's row limit, else months."""
    if first is None or last is None:
        return "day"
    span = (last - first).days
    if span <= 180:
        return "day"
    if (span / 7 + 1) * max(1, categories) <= MAX_CHART_ROWS:
        return "week"
    return "month"


def _first_category(categories: pd.Series) -> pd.Series:
    return categories.map(lambda c: c[0] if len(c) else "other")


def _bucket(days: pd.Series, unit: str) -> pd.Series:
    if unit == "week":
        return days.dt.to_period("W").dt.start_time
    if unit == "month":
        return days.dt.to_period("M").dt.start_time
    return days


def time_counts(table: EventTable, unit: str = "auto") -> TimeCounts:
    """Dated events per ``unit`` ("day", "week", "month" or "auto") and first category."""
    return frame_time_counts(table.df, unit)


def frame_time_counts(df: pd.DataFrame, unit: str = "auto") -> TimeCounts:
    """:func:`time_counts` of any frame with ``start_date``, ``end_date`` and ``categories``
    (tuples) columns: the rows of an incidents table are counted so too."""
    dated = df[df["start_date"].notna()]
    if unit == "auto":
        first = dated["start_date"].min() if len(dated) else None
        last = dated["start_date"].max() if len(dated) else None
        unit = choose_unit(
            None if first is None else first.date(),
            None if last is None else last.date(),
            _first_category(dated["categories"]).nunique(),
        )
    end = dated["end_date"].fillna(dated["start_date"])
    first = _bucket(dated["start_date"], unit)
    within = first == _bucket(end, unit)
    category = _first_category(dated["categories"])
    spans = (
        pd.DataFrame({"start": dated["start_date"], "end": end, "category": category})[~within]
        .groupby(["start", "end", "category"])
        .size()
        .reset_index(name="events")
        .sort_values(["start", "end", "category"])
    )
    counts = (
        pd.DataFrame({"bucket": first, "category": category})[within]
        .groupby(["bucket", "category"])
        .size()
        .reset_index(name="events")
        .sort_values(["bucket", "category"])
    )
    buckets = tuple(
        TimeBucket(b.date(), str(c), int(n))
        for b, c, n in counts.itertuples(index=False, name=None)
    )
    return TimeCounts(unit, buckets, bounded_spans(tuple(
        TimeSpan(a.date(), b.date(), str(c), int(n))
        for a, b, c, n in spans.itertuples(index=False, name=None)
    ), unit))  # fmt: skip


def grid_counts(
    table: EventTable, *, size: float | None = None, max_cells: int = 10_000
) -> GridCounts:
    """Placed events per cell of ``size`` degrees (or the finest of :data:`GRID_SIZES` that
    gives at most ``max_cells`` cells)."""
    df = table.df
    placed = df[df["latitude"].notna() & df["longitude"].notna()]
    lat, lon = placed["latitude"].to_numpy(), placed["longitude"].to_numpy()
    if size is None:
        size = GRID_SIZES[-1]
        for candidate in GRID_SIZES:
            keys = np.floor(lat / candidate) * 100_000 + np.floor(lon / candidate)
            if len(np.unique(keys)) <= max_cells:
                size = candidate
                break
    frame = pd.DataFrame(
        {"gy": np.floor(lat / size), "gx": np.floor(lon / size), "lat": lat, "lon": lon}
    )
    groups = frame.groupby(["gy", "gx"]).agg(
        latitude=("lat", "mean"), longitude=("lon", "mean"), events=("lat", "size")
    )
    cells = tuple(
        GridCell(round(gy * size, 6), round(gx * size, 6), float(la), float(lo), int(n))
        for (gy, gx), la, lo, n in groups.itertuples(name=None)
    )
    return GridCounts(size, cells)


def sample_rows(table: EventTable, n: int) -> EventTable:
    """Up to ``n`` placed events, a deterministic spread over the table."""
    df = table.df
    placed = df[df["latitude"].notna() & df["longitude"].notna()]
    if len(placed) > n:
        step = len(placed) / n
        placed = placed.iloc[[math.floor(i * step) for i in range(n)]]
    out = EventTable.__new__(EventTable)
    out.df = placed.reset_index(drop=True)
    return out


def map_aggregates(
    table: EventTable, *, sample: int = 2000, max_cells: int = 10_000
) -> MapAggregates:
    """The aggregates of an in-memory table (see :meth:`ParquetEvents.map_aggregates`)."""
    df = table.df
    grid = grid_counts(table, max_cells=max_cells)
    cats = _first_category(df["categories"]).value_counts()
    return MapAggregates(
        total=len(df),
        placed=grid.total,
        grid=grid,
        sample=sample_rows(table, sample),
        categories=tuple((str(c), int(n)) for c, n in cats.items()),
    )

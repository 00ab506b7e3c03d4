"""``ParquetEvents``: an events table kept in Parquet and queried with DuckDB.

Nothing is loaded into pandas but what is asked for: counts, the first rows, a sample, the
aggregates the views draw. :meth:`ParquetEvents.filter` takes the same
:class:`~explorer.events.Criteria` as :func:`~explorer.events.filter_events` and returns another
``ParquetEvents`` (a WHERE clause over the same files, with parameters); the rows it keeps are
those ``filter_events`` keeps (tested).

>>> events = open_events("out/events")            # a folder of part files, or one .parquet
>>> iraq = events.filter(countries=["IQ"], categories=["military"])
>>> len(iraq), iraq.head(5), iraq.time_counts().unit
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from explorer.errors import QueryError, TableError
from explorer.events.csvtext import CsvFormulas, check_csv_formulas, csv_frame, to_csv
from explorer.events.filter import Criteria
from explorer.events.salience import (
    MAX_OUTLETS,
    KeyEvent,
    Outlets,
    assemble,
    choose_key_events,
    outlets_from_counts,
)
from explorer.events.schema import COLUMNS
from explorer.events.table import FORMATS, EventTable
from explorer.scale.aggregate import (
    GRID_SIZES,
    GridCell,
    GridCounts,
    MapAggregates,
    PlaceCount,
    TimeBucket,
    TimeCounts,
    TimeSpan,
    bounded_spans,
    choose_unit,
)
from explorer.scale.briefing_sql import key_event_groups_sql, outlets_sql
from explorer.scale.parquet import arrow_schema, dataset_files
from explorer.scale.sql import Where, criteria_sql

__all__ = ["ParquetEvents", "is_events_dataset", "open_events"]

_SQL_TYPES = {
    "str": "VARCHAR",
    "int": "BIGINT",
    "float": "DOUBLE",
    "date": "DATE",
    "bool": "BOOLEAN",
    "list": "VARCHAR[]",
}
_FIRST_CATEGORY = "coalesce(categories[1], 'other')"
MAX_ROWS = 500_000  # to_event_table() refuses more (use filter(), head() or write())


def is_events_dataset(path: str | Path) -> bool:
    """A folder holding Parquet files (an events dataset written by ``dask_ingest``), or a
    ``.parquet`` file."""
    p = Path(path)
    if p.is_file():
        return p.suffix.lower() == ".parquet"
    return p.is_dir() and any(p.rglob("*.parquet"))


def open_events(path: str | Path) -> ParquetEvents:
    """A :class:`ParquetEvents` over a Parquet file or a folder of part files."""
    return ParquetEvents(path)


class ParquetEvents:
    """Events in Parquet, filtered and counted by DuckDB (see the module notes)."""

    def __init__(self, path: str | Path, *, threads: int | None = None) -> None:
        self.path = Path(path)
        self.files = dataset_files(self.path)
        if not self.files:
            raise TableError(f"no Parquet files in {self.path}")
        self.where = Where()
        self.criteria: tuple[Criteria, ...] = ()
        self._count: int | None = None
        try:
            self._con = duckdb.connect(":memory:")
            self._con.execute(f"SET threads = {int(threads or os.cpu_count() or 1)}")
            for setting in ("enable_object_cache", "parquet_metadata_cache"):
                with contextlib.suppress(duckdb.Error):
                    self._con.execute(f"SET {setting} = true")
            raw = self._con.read_parquet([str(f) for f in self.files], union_by_name=True)
            raw.create_view("raw_events")
            types = dict(zip(raw.columns, (str(t) for t in raw.types), strict=True))
            self._con.execute(f"CREATE VIEW events AS SELECT {_projection(types)} FROM raw_events")
        except duckdb.Error as exc:
            raise QueryError(f"cannot open events dataset {self.path}: {exc}") from exc

    # --- filtering ----------------------------------------------------------------------------
    def filter(self, criteria: Criteria | None = None, **kwargs: Any) -> ParquetEvents:
        """Another view of the same files with ``criteria`` applied (lazy: nothing runs yet)."""
        crit = criteria or Criteria(**kwargs)
        out = ParquetEvents.__new__(ParquetEvents)
        out.path, out.files, out._con = self.path, self.files, self._con
        out.where = self.where & criteria_sql(crit)
        out.criteria = (*self.criteria, crit)
        out._count = None
        return out

    def _run(
        self, select: str, tail: str = "", params: dict[str, Any] | None = None, *, arrow: int = 0
    ) -> Any:
        """Run ``SELECT select FROM events WHERE <filters> tail``: its rows, or
        with ``arrow`` a pyarrow Table (1) or a reader of record batches (that many rows)."""
        sql = f"SELECT {select} FROM events WHERE ({self.where.sql}) {tail}"
        values = {**self.where.params, **(params or {})}
        try:
            if not arrow:  # every row fetched: DuckDB 2 refuses work beside an open result
                return self._con.execute(sql, values).fetchall()
            rel: Any = self._con.sql(sql, params=values)
            if arrow == 1:  # DuckDB 2 names it to_arrow_table, 1.x arrow
                return (getattr(rel, "to_arrow_table", None) or rel.arrow)()
            return (getattr(rel, "to_arrow_reader", None) or rel.record_batch)(arrow)
        except duckdb.Error as exc:
            raise QueryError(f"query on {self.path} failed: {exc}") from exc

    def _select(self, sql: str) -> Any:
        """A whole statement (using this view's parameters) as a pyarrow Table."""
        return self._select_with(sql, {})

    def _select_with(self, sql: str, params: dict[str, Any]) -> Any:
        try:
            rel: Any = self._con.sql(sql, params={**self.where.params, **params})
            return (getattr(rel, "to_arrow_table", None) or rel.arrow)()
        except duckdb.Error as exc:
            raise QueryError(f"query on {self.path} failed: {exc}") from exc

    # --- sizes and rows -----------------------------------------------------------------------
    def count(self) -> int:
        if self._count is None:
            self._count = int(self._run("count(*)")[0][0])
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __repr__(self) -> str:
        return (
            f"<ParquetEvents: {self.count():,} events in {len(self.files)} file(s) at {self.path}>"
        )

    def _table(
        self, select: str = "*", tail: str = "", params: dict[str, Any] | None = None
    ) -> EventTable:
        arrow = self._run(select, tail, params, arrow=1)
        return EventTable(arrow.to_pandas())

    def head(
        self,
        n: int = 200,
        *,
        order_by: str | None = None,
        ascending: bool = True,
        columns: Sequence[str] | None = None,
    ) -> EventTable:
        """The first ``n`` rows, in file order or sorted by a schema column (nulls last, ties
        by event id). With ``columns``, only those are read (the others are empty): what a
        table widget shows costs a fraction of whole rows."""
        wanted = list(columns) if columns else list(COLUMNS)
        unknown = [c for c in [*wanted, order_by or "event_id"] if c not in COLUMNS]
        if unknown:
            raise TableError(f"unknown column {unknown[0]!r}")
        select = ", ".join(dict.fromkeys(["event_id", *wanted]))
        if order_by is None:
            return self._table(select, f"LIMIT {int(n)}")
        order = f"{order_by} {'ASC' if ascending else 'DESC'} NULLS LAST, event_id"
        if columns:
            return self._table(select, f"ORDER BY {order} LIMIT {int(n)}")
        # whole rows: pick the keys first, then read the wide columns of those rows only
        keys = (
            f"SELECT event_id FROM events WHERE ({self.where.sql}) ORDER BY {order} LIMIT {int(n)}"
        )
        arrow = self._select(f"SELECT * FROM events WHERE event_id IN ({keys}) ORDER BY {order}")
        return EventTable(arrow.to_pandas())

    def sample(self, n: int = 2000, *, placed: bool = True) -> EventTable:
        """Up to ``n`` rows picked by a hash of the event id: the same events every time, and a
        filtered view's sample is the part of the whole's that passes the filter."""
        extra = "AND latitude IS NOT NULL AND longitude IS NOT NULL" if placed else ""
        return self._table("*", f"{extra} ORDER BY hash(event_id) LIMIT {int(n)}")

    def to_event_table(self, *, max_rows: int = MAX_ROWS) -> EventTable:
        """The rows as an in-memory EventTable (refused above ``max_rows``)."""
        n = self.count()
        if n > max_rows:
            raise TableError(
                f"{n:,} events are too many to load (more than {max_rows:,}): filter first"
            )
        return self._table()

    def batches(self, rows: int = 100_000) -> Iterator[pa.RecordBatch]:
        """The rows as Arrow record batches, in file order (for streaming exports)."""
        yield from self._run("*", arrow=max(1, rows) + 1)

    # --- figures for the panel and the briefing --------------------------------------------------
    def value_counts(self, column: str, limit: int = 300) -> list[tuple[str, int]]:
        """The most frequent values of a column (``categories``: of each category)."""
        if column not in COLUMNS:
            raise TableError(f"unknown column {column!r}")
        order = f"ORDER BY n DESC, value LIMIT {int(limit)}"
        if column == "categories":
            inner = f"SELECT unnest(categories) AS value FROM events WHERE {self.where.sql}"
            try:
                rows = self._con.execute(
                    f"SELECT value, count(*) AS n FROM ({inner}) GROUP BY value {order}",
                    self.where.params,
                ).fetchall()
            except duckdb.Error as exc:
                raise QueryError(f"query on {self.path} failed: {exc}") from exc
        else:
            rows = self._run(
                f"{column} AS value, count(*) AS n",
                f"AND {column} IS NOT NULL GROUP BY value {order}",
            )
        return [(str(v), int(n)) for v, n in rows]

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day any event's interval touches."""
        lo, hi = self._run(
            "least(min(start_date), min(end_date)), greatest(max(start_date), max(end_date))"
        )[0]
        return lo, hi

    def figures(self) -> dict[str, int]:
        """Events, distinct places, countries and sources (named outlets)."""
        row = self._run(
            "count(*), count(DISTINCT place_name), count(DISTINCT country_code), "
            "count(DISTINCT nullif(source, ''))"
        )[0]
        return dict(zip(("events", "places", "countries", "sources"), map(int, row), strict=True))

    def sources(self, limit: int = MAX_OUTLETS) -> Outlets:
        """The outlets: articles (distinct ``article_id``) per source, most first."""
        try:
            rows = self._con.execute(outlets_sql(self.where.sql), self.where.params).fetchall()
        except duckdb.Error as exc:
            raise QueryError(f"query on {self.path} failed: {exc}") from exc
        return outlets_from_counts([(s, int(n)) for s, n in rows], limit)

    def key_events(
        self, n: int = 15, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[KeyEvent]:
        """The ``n`` key events (:mod:`explorer.events.salience`: the same as an in-memory
        table's), in date order; the period is [start, end] or the dated events' span."""
        first, last = self._run("min(start_date), max(coalesce(end_date, start_date))")[0]
        lo, hi = start or first, end or last
        sql = key_event_groups_sql(self.where.sql, n, lo, hi)
        groups = self._select_with(sql, {"lo": lo}).to_pandas()
        groups["start_date"] = pd.to_datetime(groups["start_date"])
        ids = choose_key_events(groups, n, lo, hi)
        if not ids:
            return []
        rows = self._table("*", "AND event_id IN (SELECT unnest($ids))", {"ids": ids})
        return assemble(ids, groups, rows)

    # --- aggregates for the views ----------------------------------------------------------------
    def time_counts(self, unit: str = "auto") -> TimeCounts:
        """Dated events per day, week or month ("auto": by the span) and first category."""
        if unit == "auto":
            lo, hi, cats = self._run(
                f"min(start_date), max(start_date), count(DISTINCT {_FIRST_CATEGORY})"
            )[0]
            unit = choose_unit(lo, hi, int(cats or 0))
        if unit not in ("day", "week", "month"):
            raise ValueError("unit must be day, week, month or auto")
        trunc = "{}" if unit == "day" else f"date_trunc('{unit}', {{}})::DATE"
        first, last = trunc.format("start_date"), trunc.format("coalesce(end_date, start_date)")
        rows = self._run(
            f"{first} AS b, {_FIRST_CATEGORY} AS c, count(*) AS n",
            f"AND start_date IS NOT NULL AND {first} = {last} GROUP BY b, c ORDER BY b, c",
        )
        spans = self._run(
            f"start_date AS a, coalesce(end_date, start_date) AS z, {_FIRST_CATEGORY} AS c, "
            "count(*) AS n",
            f"AND start_date IS NOT NULL AND {first} <> {last} GROUP BY a, z, c ORDER BY a, z, c",
        )
        return TimeCounts(
            unit,
            tuple(TimeBucket(b, str(c), int(k)) for b, c, k in rows),
            bounded_spans(tuple(TimeSpan(a, z, str(c), int(k)) for a, z, c, k in spans), unit),
        )

    def grid(self, *, size: float | None = None, max_cells: int = 10_000) -> GridCounts:
        """Placed events per cell of ``size`` degrees (or the finest of ``GRID_SIZES`` that
        gives at most ``max_cells`` cells: estimated in one pass)."""
        placed = "AND latitude IS NOT NULL AND longitude IS NOT NULL"
        if size is None:
            estimates = ", ".join(
                f"approx_count_distinct(floor(latitude / {s}) * 100000 + floor(longitude / {s}))"
                for s in GRID_SIZES
            )
            counts = self._run(estimates, placed)[0]
            size = next((s for s, k in zip(GRID_SIZES, counts, strict=True) if k <= max_cells),
                        GRID_SIZES[-1])  # fmt: skip
        rows = self._run(
            "floor(latitude / $size) AS gy, floor(longitude / $size) AS gx, "
            "avg(latitude), avg(longitude), count(*)",
            f"{placed} GROUP BY gy, gx ORDER BY gy, gx",
            {"size": float(size)},
        )
        cells = tuple(
            GridCell(round(gy * size, 6), round(gx * size, 6), float(la), float(lo), int(n))
            for gy, gx, la, lo, n in rows
        )
        return GridCounts(float(size), cells)

    def place_counts(self, limit: int = 3000) -> list[PlaceCount]:
        """Events per (place, point, first category), most events first."""
        rows = self._run(
            f"place_name, latitude, longitude, {_FIRST_CATEGORY} AS c, count(*) AS n, "
            "min(start_date), max(end_date), first(sentence ORDER BY event_id)",
            "AND latitude IS NOT NULL AND longitude IS NOT NULL "
            "GROUP BY place_name, latitude, longitude, c "
            f"ORDER BY n DESC, place_name LIMIT {int(limit)}",
        )
        return [
            PlaceCount(
                str(p or ""), float(la), float(lo), str(c), int(n), a, b, str(ex or "")[:200]
            )
            for p, la, lo, c, n, a, b, ex in rows
        ]

    def category_counts(self) -> list[tuple[str, int]]:
        rows = self._run(f"{_FIRST_CATEGORY} AS c, count(*) AS n", "GROUP BY c ORDER BY n DESC, c")
        return [(str(c), int(n)) for c, n in rows]

    def map_aggregates(self, *, sample: int = 2000, max_cells: int = 10_000) -> MapAggregates:
        grid = self.grid(max_cells=max_cells)
        return MapAggregates(
            total=self.count(),
            placed=grid.total,
            grid=grid,
            sample=self.sample(sample),
            categories=tuple(self.category_counts()),
        )

    # --- output -------------------------------------------------------------------------------
    def write(
        self, path: str | Path, fmt: str | None = None, *, csv_formulas: CsvFormulas = "escape"
    ) -> Path:
        """Write the rows: Parquet and CSV stream in batches; other formats load the rows
        (at most :data:`MAX_ROWS`). CSV text cells are escaped against spreadsheet formulas as
        :meth:`EventTable.write` does (``csv_formulas``)."""
        p = Path(path)
        kind = (fmt or p.suffix.lstrip(".")).lower()
        if kind not in FORMATS:
            raise TableError(f"unknown table format {kind!r}; use one of {', '.join(FORMATS)}")
        check_csv_formulas(csv_formulas)
        if kind not in ("parquet", "csv"):
            return self.to_event_table().write(p, kind)
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(f".{p.name}.tmp")
        try:
            if kind == "parquet":
                with pq.ParquetWriter(tmp, arrow_schema(), compression="zstd") as writer:
                    for batch in self.batches():
                        writer.write_batch(batch.cast(arrow_schema()))
            else:
                with tmp.open("w", encoding="utf-8", newline="") as fh:
                    for i, batch in enumerate(self.batches()):
                        chunk = EventTable(batch.to_pandas())
                        _csv_chunk(chunk, fh, header=i == 0, csv_formulas=csv_formulas)
            os.replace(tmp, p)
        except OSError as exc:
            raise TableError(f"cannot write {p}: {exc}") from exc
        finally:
            if tmp.exists():
                tmp.unlink()
        return p


def _csv_chunk(
    table: EventTable, fh: Any, *, header: bool, csv_formulas: CsvFormulas = "escape"
) -> None:
    # the same text form as EventTable's CSV (formulas escaped the same way)
    to_csv(csv_frame(table.df, csv_formulas), fh, header=header)


def _projection(types: dict[str, str]) -> str:
    """Every schema column, cast to its SQL type where the files differ; absent ones empty."""
    out = []
    for name, kind in COLUMNS.items():
        want = _SQL_TYPES[kind]
        have = types.get(name)
        if have is None:
            empty = {"bool": "FALSE", "list": "[]::VARCHAR[]"}.get(kind, f"NULL::{want}")
            out.append(f"{empty} AS {name}")
        elif have == want:
            out.append(name)
        else:
            out.append(f"CAST({name} AS {want}) AS {name}")
    return ", ".join(out)

"""``EventTable``: a pandas-backed table of events with a fixed schema and lossless I/O.

Formats by file extension: ``.csv``, ``.json`` (an array of event objects), ``.geojson`` (a
FeatureCollection; unresolved events have a null geometry) and ``.parquet``. Writing and reading
back gives an equal table (tested for every format). CSV text cells that a spreadsheet would run
as formulas are escaped with an apostrophe, which :meth:`EventTable.read` takes away again
(see :mod:`explorer.events.csvtext`; ``csv_formulas="keep"`` writes them as they are).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from pandas.api.types import infer_dtype

from explorer.errors import TableError
from explorer.events.csvtext import (
    TEXT_COLUMNS,
    CsvFormulas,
    csv_frame,
    to_csv,
)
from explorer.events.schema import COLUMNS
from explorer.events.tableio import FORMATS, TableFiles, json_value, read_frame, table_format
from explorer.ingest.tables import table_kind

if TYPE_CHECKING:
    from explorer.events.filter import Criteria

__all__ = ["FORMATS", "EventTable", "conform", "json_value"]

_LIST_SEP = ";"


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _as_list(value: Any) -> tuple[str, ...]:
    """Categories as a tuple of lower-case names ("Military; diplomatic" -> both), so that
    filters and colours match however a spreadsheet spelled them."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    if isinstance(value, str):
        items: Any = value.split(_LIST_SEP)
    else:
        try:
            items = list(value)
        except TypeError:
            items = [value]
    out = [str(v).strip().lower() for v in items]
    return tuple(dict.fromkeys(v for v in out if v))


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "y", "t")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


_EXPECTED = {"int": "a whole number", "float": "a number", "date": "a YYYY-MM-DD date"}


def _missing_mask(col: pd.Series) -> pd.Series:
    return col.isna() | col.map(lambda v: isinstance(v, str) and not v.strip())


def _typed(col: pd.Series, kind: str) -> pd.Series:
    col = col.replace("", None)
    if kind == "int":
        return pd.to_numeric(col, errors="raise").astype("Int64")
    if kind == "float":
        return pd.to_numeric(col, errors="raise").astype("float64")
    return pd.to_datetime(col, format="ISO8601", errors="raise").astype("datetime64[s]")


def _first_bad_cell(col: pd.Series, kind: str) -> int | None:
    """The position of the first cell of ``col`` that cannot be read as ``kind``."""
    missing = _missing_mask(col)
    for i, value in enumerate(col):
        if missing.iloc[i]:
            continue
        try:
            _typed(pd.Series([value], dtype=object), kind)
        except (ValueError, TypeError, OverflowError):
            return i
    return None


def conform(df: pd.DataFrame, *, where: Callable[[int], str] | None = None) -> pd.DataFrame:
    """A copy of ``df`` with every schema column present, in order, with its type.

    A cell that cannot be read (latitude ``abc``, start_date ``12/06/2017``) is a
    :class:`TableError` naming the row (``where(position)``, by default the DataFrame's index
    label), the column, the value and what was expected."""

    def locate(i: int) -> str:
        return where(i) if where is not None else f"row {df.index[i]!r}"

    out = pd.DataFrame(index=pd.RangeIndex(len(df)))
    for name, kind in COLUMNS.items():
        col = df[name].reset_index(drop=True) if name in df.columns else pd.Series([None] * len(df))
        if kind == "str":
            col = col.astype(object)
            if infer_dtype(col, skipna=True) in ("string", "empty"):
                # every cell a string or missing (the usual case): no Python call per cell
                col = col.where(col.notna() & (col != ""), None)
            else:
                col = col.map(lambda v: None if _is_missing(v) or v == "" else str(v))
            out[name] = col.astype("str")
        elif kind == "bool":
            out[name] = col.map(_as_bool).astype(bool)
        elif kind == "list":
            out[name] = col.map(_as_list).astype(object)
        else:
            try:
                out[name] = _typed(col, kind)
            except (ValueError, TypeError, OverflowError) as exc:
                i = _first_bad_cell(col, kind)
                if i is None:
                    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    raise TableError(f"column {name!r}: cannot read as {kind}: {first}") from exc
                raise TableError(
                    f"{locate(i)}, column {name!r}: {col.iloc[i]!r} is not {_EXPECTED[kind]}"
                ) from exc
    missing_ids = out["event_id"].isna()
    if missing_ids.any():
        at = locate(int(missing_ids.to_numpy().argmax()))
        raise TableError(f"{at}: no event_id (every event needs one)")
    return out


class EventTable(TableFiles):
    """Events as a pandas DataFrame with the documented schema (see :mod:`.schema`)."""

    def __init__(
        self, frame: pd.DataFrame | None = None, *, where: Callable[[int], str] | None = None
    ) -> None:
        """``where(position)`` names a row in error messages (a file and its row number)."""
        self.df: pd.DataFrame = conform(frame if frame is not None else pd.DataFrame(), where=where)

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> EventTable:
        return cls(pd.DataFrame.from_records(list(records), columns=list(COLUMNS)))

    @classmethod
    def concat(cls, tables: Iterable[EventTable]) -> EventTable:
        frames = [t.df for t in tables if len(t)]
        return cls(pd.concat(frames, ignore_index=True)) if frames else cls()

    # --- access -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.df)

    def __repr__(self) -> str:
        resolved = int(self.df["latitude"].notna().sum())
        return f"<EventTable: {len(self)} events, {resolved} placed>"

    def filter(self, criteria: Criteria | None = None, **kwargs: Any) -> EventTable:
        from explorer.events.filter import Criteria, filter_events

        return filter_events(self, criteria or Criteria(**kwargs))

    # --- output (records, geojson, write: TableFiles) -----------------------------------------
    def _write_csv(self, path: Path, csv_formulas: CsvFormulas = "escape") -> None:
        to_csv(csv_frame(self.df, csv_formulas), path)

    def _write_parquet(self, path: Path) -> None:
        df = self.df.copy()
        df["categories"] = df["categories"].map(list)
        df.to_parquet(path, index=False)

    # --- input --------------------------------------------------------------------------------
    @classmethod
    def read(
        cls, path: str | Path, fmt: str | None = None, *, csv_formulas: CsvFormulas = "escape"
    ) -> EventTable:
        """An events table written by :meth:`write` (or any file with its columns; see
        :func:`explorer.ingest.tables.table_kind`). A table of ready-made events (``date``,
        ``place``, ``description``...) is refused: read it with ``load_events_file``. A CSV
        text cell escaped against formulas loses its apostrophe again (not with
        ``csv_formulas="keep"``, for a file written so)."""
        p = Path(path)
        frame, columns, unit, first = read_frame(
            p, table_format(p, fmt), columns=COLUMNS, text_columns=TEXT_COLUMNS,
            csv_formulas=csv_formulas, what="event",
        )  # fmt: skip
        if columns and table_kind(columns) != "events":
            raise TableError(
                f"{p} is not an Explorer events table (it has no event_id with the columns "
                "of the schema); a table of ready-made events (date, place, description) is "
                "read with explorer.events.load_events_file or `explorer ingest`"
            )
        return cls(frame, where=lambda i: f"{p}, {unit} {i + first}")

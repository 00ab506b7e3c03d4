"""``IncidentTable``: one row per incident, pandas-backed, with lossless I/O.

Columns (:data:`COLUMNS`): ``incident_id``, ``label``, ``category``, ``status``; the place
(``place_name``, ``place_key``, ``latitude``, ``longitude``, ``country_code``, ``admin1``,
``place_precision``); the dates (``start``, ``end``, ``date_precision``); ``killed``,
``injured``, ``confidence``; ``reports`` (how many articles' reports), ``first_reported``;
``sources`` (distinct outlets), ``article_ids`` and ``event_ids`` (what it groups).

Formats by extension, as for :class:`~explorer.events.EventTable`: ``.csv`` (lists joined with
``;``, text cells escaped against spreadsheet formulas unless ``csv_formulas="keep"``),
``.json`` (an array of objects), ``.geojson`` (a FeatureCollection; an incident without a point
has a null geometry) and ``.parquet``. Writing and reading back gives an equal table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from explorer.errors import TableError
from explorer.events.csvtext import (
    CsvFormulas,
    escape_formulas,
    to_csv,
)
from explorer.events.tableio import FORMATS, TableFiles, read_frame, table_format
from explorer.incidents.model import Incident

__all__ = ["COLUMNS", "FORMATS", "IncidentTable", "incidents_path"]

COLUMNS: dict[str, str] = {
    "incident_id": "str",
    "label": "str",
    "category": "str",
    "status": "str",
    "place_name": "str",
    "place_key": "str",
    "latitude": "float",
    "longitude": "float",
    "country_code": "str",
    "admin1": "str",
    "place_precision": "str",
    "start": "date",
    "end": "date",
    "date_precision": "str",
    "killed": "int",
    "injured": "int",
    "confidence": "float",
    "reports": "int",
    "first_reported": "date",
    "sources": "list",
    "article_ids": "list",
    "event_ids": "list",
}
_TEXT = tuple(n for n, k in COLUMNS.items() if k in ("str", "list"))
_SEP = ";"


def incidents_path(events_path: str | Path) -> Path:
    """Where the incidents go next to an events file: ``events.csv`` ->
    ``events.incidents.csv`` (same folder, same format)."""
    p = Path(events_path)
    return p.with_name(f"{p.stem}.incidents{p.suffix}")


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ()
    if isinstance(value, str):
        return tuple(v for v in value.split(_SEP) if v)
    return tuple(str(v) for v in value)


def _typed(col: pd.Series, kind: str) -> pd.Series:
    blank = col.isna() | col.astype(str).eq("")
    col = col.mask(blank, None)
    if kind == "str":
        return col.astype(object).where(~blank, None)
    if kind == "float":
        return pd.to_numeric(col, errors="raise").astype(float)
    if kind == "int":
        return pd.to_numeric(col, errors="raise").astype("Int64")
    if kind == "date":
        return pd.to_datetime(col, errors="raise", format="ISO8601").astype("datetime64[ns]")
    return col.map(_as_list)


def conform(df: pd.DataFrame, *, where: Callable[[int], str] | None = None) -> pd.DataFrame:
    """``df`` with exactly :data:`COLUMNS`, in order, typed; a cell that is not of its
    column's type is a :class:`TableError` naming it."""
    out = {}
    for name, kind in COLUMNS.items():
        col = df[name] if name in df.columns else pd.Series([None] * len(df), dtype=object)
        col = col.reset_index(drop=True)
        try:
            out[name] = _typed(col, kind)
        except (ValueError, TypeError, OverflowError) as exc:
            bad = next((i for i in range(len(col)) if _bad(col.iloc[i : i + 1], kind)), 0)
            at = where(bad) if where else f"row {bad + 1}"
            raise TableError(f"{at}: {name} is not a {kind}: {col.iloc[bad]!r}") from exc
    return pd.DataFrame(out)


def _bad(cell: pd.Series, kind: str) -> bool:
    try:
        _typed(cell, kind)
    except (ValueError, TypeError, OverflowError):
        return True
    return False


def _row(inc: Incident) -> dict[str, Any]:
    p = inc.place
    return {
        "incident_id": inc.incident_id,
        "label": inc.label,
        "category": inc.category,
        "status": inc.status,
        "place_name": None if p is None else p.name,
        "place_key": None if p is None else p.key,
        "latitude": None if p is None else p.latitude,
        "longitude": None if p is None else p.longitude,
        "country_code": None if p is None else p.country_code,
        "admin1": None if p is None else p.admin1,
        "place_precision": inc.place_precision,
        "start": inc.start,
        "end": inc.end,
        "date_precision": inc.date_precision,
        "killed": inc.killed,
        "injured": inc.injured,
        "confidence": inc.confidence,
        "reports": len(inc.reports),
        "first_reported": inc.first_reported,
        "sources": inc.sources,
        "article_ids": inc.article_ids,
        "event_ids": inc.event_ids,
    }


class IncidentTable(TableFiles):
    """Incidents as a pandas DataFrame (:attr:`df`) with the columns of :data:`COLUMNS`."""

    def __init__(
        self, frame: pd.DataFrame | None = None, *, where: Callable[[int], str] | None = None
    ) -> None:
        self.df: pd.DataFrame = conform(frame if frame is not None else pd.DataFrame(), where=where)

    @classmethod
    def from_incidents(cls, incidents: Iterable[Incident]) -> IncidentTable:
        rows = [_row(i) for i in incidents]
        return cls(pd.DataFrame.from_records(rows, columns=list(COLUMNS)))

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> IncidentTable:
        return cls(pd.DataFrame.from_records(list(records), columns=list(COLUMNS)))

    def __len__(self) -> int:
        return len(self.df)

    def __repr__(self) -> str:
        reports = int(self.df["reports"].sum()) if len(self) else 0
        return f"<IncidentTable: {len(self)} incidents, {reports} reports>"

    # --- files --------------------------------------------------------------------------
    def _write_csv(self, path: Path, csv_formulas: CsvFormulas = "escape") -> None:
        out = self.df.copy()
        for name, kind in COLUMNS.items():
            if kind == "list":
                out[name] = out[name].map(_SEP.join)
            elif kind == "date":
                out[name] = out[name].dt.strftime("%Y-%m-%d")
        if csv_formulas == "escape":
            for name in _TEXT:
                out[name] = escape_formulas(out[name])
        to_csv(out, path)

    def _write_parquet(self, path: Path) -> None:
        df = self.df.copy()
        for name, kind in COLUMNS.items():
            if kind == "list":
                df[name] = df[name].map(list)
        df.to_parquet(path, index=False)

    @classmethod
    def read(
        cls, path: str | Path, fmt: str | None = None, *, csv_formulas: CsvFormulas = "escape"
    ) -> IncidentTable:
        """An incidents table written by :meth:`write`."""
        p = Path(path)
        frame, _, unit, first = read_frame(
            p, table_format(p, fmt), columns=COLUMNS, text_columns=_TEXT,
            csv_formulas=csv_formulas, what="incident",
        )  # fmt: skip
        if "incident_id" not in frame.columns:
            raise TableError(f"{p} is not an Explorer incidents table (it has no incident_id)")
        return cls(frame, where=lambda i: f"{p}, {unit} {i + first}")

"""``EventTable``: a pandas-backed table of events with a fixed schema and lossless I/O.

Formats by file extension: ``.csv``, ``.json`` (an array of event objects), ``.geojson`` (a
FeatureCollection; unresolved events have a null geometry) and ``.parquet``. Writing and reading
back gives an equal table (tested for every format).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from explorer.errors import TableError
from explorer.events.schema import COLUMNS
from explorer.files import atomic_write

if TYPE_CHECKING:
    from explorer.events.filter import Criteria

__all__ = ["FORMATS", "EventTable", "conform"]

FORMATS = ("csv", "json", "geojson", "parquet")
_LIST_SEP = ";"


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(_LIST_SEP) if v.strip())
    try:
        return tuple(str(v) for v in value)
    except TypeError:
        return (str(value),)


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "y", "t")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every schema column present, in order, with its type."""
    out = pd.DataFrame(index=pd.RangeIndex(len(df)))
    for name, kind in COLUMNS.items():
        col = df[name].reset_index(drop=True) if name in df.columns else pd.Series([None] * len(df))
        try:
            if kind == "str":
                col = col.astype(object).map(
                    lambda v: None if _is_missing(v) or v == "" else str(v)
                )
                out[name] = col.astype("str")
            elif kind == "int":
                out[name] = pd.to_numeric(col.replace("", None), errors="raise").astype("Int64")
            elif kind == "float":
                out[name] = pd.to_numeric(col.replace("", None), errors="raise").astype("float64")
            elif kind == "date":
                out[name] = pd.to_datetime(col.replace("", None), errors="raise").astype(
                    "datetime64[s]"
                )
            elif kind == "bool":
                out[name] = col.map(_as_bool).astype(bool)
            else:
                out[name] = col.map(_as_list).astype(object)
        except (ValueError, TypeError) as exc:
            raise TableError(f"column {name!r}: cannot read as {kind}: {exc}") from exc
    if out["event_id"].isna().any():
        raise TableError("every event needs an event_id")
    return out


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


class EventTable:
    """Events as a pandas DataFrame with the documented schema (see :mod:`.schema`)."""

    def __init__(self, frame: pd.DataFrame | None = None) -> None:
        self.df: pd.DataFrame = conform(frame if frame is not None else pd.DataFrame())

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

    def records(self) -> Iterator[dict[str, Any]]:
        """Rows as JSON-ready dicts (dates as ISO strings, lists as lists, NaN as None)."""
        columns = list(self.df.columns)
        for row in self.df.itertuples(index=False, name=None):
            yield {c: _json_value(v) for c, v in zip(columns, row, strict=True)}

    def filter(self, criteria: Criteria | None = None, **kwargs: Any) -> EventTable:
        from explorer.events.filter import Criteria, filter_events

        return filter_events(self, criteria or Criteria(**kwargs))

    def equals(self, other: EventTable) -> bool:
        try:
            pd.testing.assert_frame_equal(self.df, other.df)
        except AssertionError:
            return False
        return True

    # --- output -------------------------------------------------------------------------------
    def geojson(self) -> dict[str, Any]:
        features = []
        for rec in self.records():
            lat, lon = rec.pop("latitude"), rec.pop("longitude")
            geometry = None if lat is None else {"type": "Point", "coordinates": [lon, lat]}
            features.append({"type": "Feature", "geometry": geometry, "properties": rec})
        return {"type": "FeatureCollection", "features": features}

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return self.geojson()

    def write(self, path: str | Path, fmt: str | None = None) -> Path:
        """Write the table; the format comes from ``fmt`` or the file extension."""
        p = Path(path)
        kind = (fmt or p.suffix.lstrip(".")).lower()
        if kind not in FORMATS:
            raise TableError(f"unknown table format {kind!r}; use one of {', '.join(FORMATS)}")
        writer = getattr(self, f"_write_{kind}")
        try:
            atomic_write(p, writer)
        except OSError as exc:
            raise TableError(f"cannot write {p}: {exc}") from exc
        return p

    def _write_csv(self, path: Path) -> None:
        df = self.df.copy()
        df["categories"] = df["categories"].map(_LIST_SEP.join)
        for name, kind in COLUMNS.items():
            if kind == "date":
                df[name] = df[name].dt.strftime("%Y-%m-%d")
        df.to_csv(path, index=False, encoding="utf-8")

    def _write_json(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as fh:
            json.dump(list(self.records()), fh, ensure_ascii=False, indent=1)

    def _write_geojson(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as fh:
            json.dump(self.geojson(), fh, ensure_ascii=False)

    def _write_parquet(self, path: Path) -> None:
        df = self.df.copy()
        df["categories"] = df["categories"].map(list)
        df.to_parquet(path, index=False)

    # --- input --------------------------------------------------------------------------------
    @classmethod
    def read(cls, path: str | Path, fmt: str | None = None) -> EventTable:
        p = Path(path)
        kind = (fmt or p.suffix.lstrip(".")).lower()
        if kind not in FORMATS:
            raise TableError(f"unknown table format {kind!r}; use one of {', '.join(FORMATS)}")
        try:
            if kind == "csv":
                frame = pd.read_csv(p, dtype=str, keep_default_na=False)
            elif kind == "parquet":
                frame = pd.read_parquet(p)
            else:
                data = json.loads(p.read_text(encoding="utf-8"))
                if kind == "geojson":
                    data = [_feature_record(f) for f in data.get("features", [])]
                frame = pd.DataFrame.from_records(data, columns=list(COLUMNS))
        except (OSError, ValueError, KeyError, AttributeError) as exc:
            raise TableError(f"cannot read events table {p}: {exc}") from exc
        return cls(frame)


def _feature_record(feature: dict[str, Any]) -> dict[str, Any]:
    rec = dict(feature.get("properties") or {})
    geometry = feature.get("geometry")
    if geometry and geometry.get("type") == "Point":
        rec["longitude"], rec["latitude"] = geometry["coordinates"][:2]
    return rec

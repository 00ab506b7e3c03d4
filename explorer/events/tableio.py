"""What the events table and the incidents table share: one row per record in a pandas frame,
written atomically as CSV, JSON, GeoJSON or Parquet and read back (:class:`TableFiles`,
:func:`read_frame`). Each table says how its own columns go to CSV and Parquet."""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from explorer.errors import TableError
from explorer.events.csvtext import CsvFormulas, check_csv_formulas, unescape_formulas
from explorer.files import atomic_write
from explorer.ingest.tables import parse_json

__all__ = [
    "FORMATS",
    "TableFiles",
    "feature_record",
    "json_value",
    "read_frame",
    "table_format",
]

FORMATS = ("csv", "json", "geojson", "parquet")


def json_value(value: Any) -> Any:
    """A cell as JSON: dates as ISO strings, tuples as lists, NaN/NaT/NA as None."""
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # most cells: as they are
        return value
    if kind is float:
        return None if math.isnan(value) else value
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


def table_format(path: Path, fmt: str | None) -> str:
    """The format named by ``fmt`` or the file's extension; another is a :class:`TableError`."""
    kind = (fmt or path.suffix.lstrip(".")).lower()
    if kind not in FORMATS:
        raise TableError(f"unknown table format {kind!r}; use one of {', '.join(FORMATS)}")
    return kind


def feature_record(feature: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON feature's properties with its point as ``latitude``/``longitude``."""
    rec = dict(feature.get("properties") or {})
    geometry = feature.get("geometry")
    if geometry and geometry.get("type") == "Point":
        rec["longitude"], rec["latitude"] = geometry["coordinates"][:2]
    return rec


def read_frame(
    path: Path,
    kind: str,
    *,
    columns: Mapping[str, str],
    text_columns: Sequence[str],
    csv_formulas: CsvFormulas,
    what: str,
) -> tuple[pd.DataFrame, list[str], str, int]:
    """The file as a frame, the columns the file itself has, and how its records are counted
    for messages (``"row"`` from 2 in CSV, where the header is row 1; ``"item"``, ``"feature"``
    from 1). A CSV text cell escaped against formulas loses its apostrophe again (not with
    ``csv_formulas="keep"``). Anything unreadable is a one-line :class:`TableError`."""
    check_csv_formulas(csv_formulas)
    try:
        if kind == "csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if csv_formulas == "escape":
                for name in text_columns:
                    if name in frame.columns:
                        frame[name] = unescape_formulas(frame[name])
            return frame, list(frame.columns), "row", 2
        if kind == "parquet":
            frame = pd.read_parquet(path)
            return frame, list(frame.columns), "row", 1
        data = parse_json(path.read_text(encoding="utf-8-sig"))
        unit = "item"
        if kind == "geojson":
            data = [feature_record(f) for f in data.get("features", [])]
            unit = "feature"
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ValueError(f"not an array of {what} objects")
        seen = list(data[0]) if data else list(columns)
        return pd.DataFrame.from_records(data, columns=list(columns)), seen, unit, 1
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TableError(f"cannot read {what}s table {path}: {first_line}") from exc


class TableFiles:
    """Records, GeoJSON and files of a table held in ``self.df`` (with ``latitude`` and
    ``longitude`` columns). A table supplies ``_write_csv`` and ``_write_parquet``."""

    df: pd.DataFrame

    def records(self) -> Iterator[dict[str, Any]]:
        """Rows as JSON-ready dicts (dates as ISO strings, lists as lists, NaN as None)."""
        columns = list(self.df.columns)
        for row in self.df.itertuples(index=False, name=None):
            yield {c: json_value(v) for c, v in zip(columns, row, strict=True)}

    def equals(self, other: TableFiles) -> bool:
        try:
            pd.testing.assert_frame_equal(self.df, other.df)
        except AssertionError:
            return False
        return True

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

    def write(
        self, path: str | Path, fmt: str | None = None, *, csv_formulas: CsvFormulas = "escape"
    ) -> Path:
        """Write the table (atomically); the format comes from ``fmt`` or the file extension.
        In CSV, text cells a spreadsheet would run as formulas (``=``, ``+``, ``-``, ``@``...)
        get a leading apostrophe unless ``csv_formulas="keep"``
        (see :mod:`explorer.events.csvtext`)."""
        p = Path(path)
        kind = table_format(p, fmt)
        writer: Callable[..., None] = getattr(self, f"_write_{kind}")
        if kind == "csv":
            writer = functools.partial(writer, csv_formulas=check_csv_formulas(csv_formulas))
        try:
            atomic_write(p, writer)
        except OSError as exc:
            raise TableError(f"cannot write {p}: {exc}") from exc
        return p

    def _write_json(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as fh:
            json.dump(list(self.records()), fh, ensure_ascii=False, indent=1)

    def _write_geojson(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as fh:
            json.dump(self.geojson(), fh, ensure_ascii=False)

"""Event tables to files: CSV, JSON, GeoJSON, Parquet (see EventTable.write) and KML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from explorer.errors import TableError
from explorer.events.table import FORMATS, EventTable
from explorer.files import atomic_write_text

if TYPE_CHECKING:
    from explorer.scale.duck import ParquetEvents

__all__ = ["EXPORT_FORMATS", "export_table", "write_kml"]

EXPORT_FORMATS = (*FORMATS, "kml")


def write_kml(table: EventTable, path: Path) -> Path:
    """One KML Placemark per placed event (name, date span, evidence as description)."""
    marks = []
    for r in table.records():
        if r["latitude"] is None or r["longitude"] is None:
            continue
        name = escape(str(r["place_name"] or r["place_text"] or ""))
        desc = escape(str(r["sentence"] or ""))
        span = ""
        if r["start_date"]:
            span = (
                f"<TimeSpan><begin>{r['start_date']}</begin>"
                f"<end>{r['end_date'] or r['start_date']}</end></TimeSpan>"
            )
        marks.append(
            f"<Placemark><name>{name}</name><description>{desc}</description>{span}"
            f"<Point><coordinates>{r['longitude']},{r['latitude']}</coordinates></Point>"
            "</Placemark>"
        )
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
        f"<Document><name>Explorer events</name>{''.join(marks)}</Document></kml>\n"
    )
    atomic_write_text(path, doc)
    return path


def export_table(
    table: EventTable | ParquetEvents, path: str | Path, fmt: str | None = None
) -> Path:
    """Write ``table`` (in memory, or DuckDB-backed: Parquet and CSV stream) to a file."""
    p = Path(path)
    kind = (fmt or p.suffix.lstrip(".")).lower()
    if kind not in EXPORT_FORMATS:
        raise TableError(f"unknown export format {kind!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if kind == "kml":
        return write_kml(table if isinstance(table, EventTable) else table.to_event_table(), p)
    return table.write(p, kind)

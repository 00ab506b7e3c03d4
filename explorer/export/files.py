"""Event tables to files: CSV, JSON, GeoJSON, Parquet (see EventTable.write) and KML.

KML text is article text, so it is escaped for each reading it gets: a ``<name>`` is plain
text (XML-escaped once); a ``<description>`` is HTML to Google Earth and most KML viewers, so
it is HTML-escaped and then XML-escaped: a title ``<b>x</b>`` shows as written, not in bold,
and ``<script>`` or ``<img onerror=...>`` never reach the viewer's HTML. Characters XML 1.0
forbids (control characters, lone surrogates) are dropped, so the file always parses.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from explorer.errors import TableError
from explorer.events.csvtext import CsvFormulas, check_csv_formulas
from explorer.events.table import FORMATS, EventTable
from explorer.files import atomic_write_text

if TYPE_CHECKING:
    from explorer.scale.duck import ParquetEvents

__all__ = ["EXPORT_FORMATS", "export_table", "write_kml"]

EXPORT_FORMATS = (*FORMATS, "kml")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Plain text as XML character data."""
    return escape(_NOT_XML.sub("", text))


def _html_description(text: str) -> str:
    """Plain text for a ``<description>``, which viewers render as HTML: HTML-escaped, then
    XML-escaped (decoded once by the XML parser, once by the HTML renderer)."""
    return escape(html.escape(_NOT_XML.sub("", text), quote=True))


def write_kml(table: EventTable, path: Path) -> Path:
    """One KML Placemark per placed event (name, date span, evidence as description)."""
    marks = []
    for r in table.records():
        if r["latitude"] is None or r["longitude"] is None:
            continue
        name = _xml_text(str(r["place_name"] or r["place_text"] or ""))
        desc = _html_description(str(r["sentence"] or ""))
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
    table: EventTable | ParquetEvents,
    path: str | Path,
    fmt: str | None = None,
    *,
    csv_formulas: CsvFormulas = "escape",
) -> Path:
    """Write ``table`` (in memory, or DuckDB-backed: Parquet and CSV stream) to a file. CSV
    text cells a spreadsheet would run as formulas are escaped unless ``csv_formulas="keep"``
    (see :mod:`explorer.events.csvtext`)."""
    p = Path(path)
    kind = (fmt or p.suffix.lstrip(".")).lower()
    if kind not in EXPORT_FORMATS:
        raise TableError(f"unknown export format {kind!r}; use one of {', '.join(EXPORT_FORMATS)}")
    check_csv_formulas(csv_formulas)
    if kind == "kml":
        return write_kml(table if isinstance(table, EventTable) else table.to_event_table(), p)
    return table.write(p, kind, csv_formulas=csv_formulas)

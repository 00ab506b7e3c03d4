"""Ready-made events from CSV/JSON/JSONL files (teachers often start there).

Columns (case-insensitive; only ``description`` and one of ``place`` or ``latitude``/``longitude``
are needed): ``date`` (YYYY-MM-DD, YYYY-MM or YYYY), ``end_date``, ``date_precision``
(day/month/year), ``place``, ``latitude``, ``longitude``, ``country_code``, ``description``,
``category`` (or ``categories``, ``;``-separated), ``source``, ``url``, ``title``, ``id``.

Place names go through the geocoder (offline by default), restricted to ``country_code`` when
the row gives one ("Palmyra" with ``SY`` is the Syrian city, not Palmyra, New York); a row
whose place cannot be found stays in the table as unresolved. A date that cannot be read is
kept as text (``date_text``) with ``date_source="none"``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
import re
from pathlib import Path
from typing import Any

from explorer.errors import ExplorerError, IngestError
from explorer.events.table import EventTable
from explorer.ingest.tables import read_rows
from explorer.model import Place

__all__ = ["load_events_file", "parse_loose_date"]

_YMD = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_loose_date(text: str) -> tuple[dt.date, dt.date, str] | None:
    """``"2015-12-01"``, ``"2015-12"`` or ``"2015"`` -> (start, end, granularity)."""
    m = _YMD.match(text.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = dt.date(year, int(month or 1), int(day))
            return d, d, "day"
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), 1), dt.date(year, int(month), last), "month"
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    except ValueError:
        return None


def _float(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _clean(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _geocode(name: str, country: str | None) -> Place | None:
    """The place for a name, inside ``country`` when the file gives one."""
    from explorer.geocoding import candidates, geocode

    try:
        if country:
            found = candidates(name, country=country)
            if found:
                return found[0]
        return geocode(name)
    except ExplorerError:
        return None


def load_events_file(path: Path | str) -> EventTable:
    p = Path(path)
    try:
        rows = read_rows(p.read_text(encoding="utf-8"), p.suffix)
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"{p}: cannot read: {exc}") from exc
    records = []
    for n, raw in enumerate(rows, 1):
        row = {str(k).lower().strip(): v for k, v in raw.items() if k is not None}
        description = _clean(row.get("description")) or _clean(row.get("title")) or ""
        place_text = _clean(row.get("place"))
        lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
        place: Place | None = None
        reason = "coordinates given in the file"
        if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            place = Place(
                key=f"given:{lat:.5f},{lon:.5f}",
                name=place_text or f"{lat:.4f}, {lon:.4f}",
                feature="populated_place",
                latitude=lat,
                longitude=lon,
                country_code=_clean(row.get("country_code")),
            )
        elif place_text:
            place = _geocode(place_text, _clean(row.get("country_code")))
            reason = "geocoded from the file's place name" if place else "place not found"
        date_text = _clean(row.get("date"))
        parsed = parse_loose_date(date_text) if date_text else None
        start = end = None
        granularity = None
        if parsed:
            start, end, granularity = parsed
            precision = (_clean(row.get("date_precision")) or "").lower()
            if precision == "month" and granularity == "day":
                start = start.replace(day=1)
                end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
                granularity = "month"
            end_text = _clean(row.get("end_date"))
            end_parsed = parse_loose_date(end_text) if end_text else None
            if end_parsed:
                end = end_parsed[1]
        cats = _clean(row.get("categories")) or _clean(row.get("category")) or ""
        ident = (
            _clean(row.get("id"))
            or hashlib.sha1(
                f"{p.name}|{n}|{date_text}|{place_text}|{description}".encode()
            ).hexdigest()[:12]
        )
        records.append(
            {
                "event_id": f"{p.stem}:{ident}",
                "article_id": f"{p.stem}:{ident}",
                "title": _clean(row.get("title")) or description[:120],
                "source": _clean(row.get("source")),
                "url": _clean(row.get("url")),
                "sentence": description,
                "sentence_start": 0,
                "place_text": place_text,
                "place_name": None if place is None else place.name,
                "place_key": None if place is None else place.key,
                "feature": None if place is None else place.feature,
                "country_code": None if place is None else place.country_code,
                "admin1": None if place is None else place.admin1,
                "latitude": None if place is None else place.latitude,
                "longitude": None if place is None else place.longitude,
                "geonames_id": None if place is None else place.geonames_id,
                "place_confidence": 1.0 if place is not None else 0.0,
                "place_reason": reason if place_text or place else None,
                "date_text": date_text,
                "date_value": None if start is None else _timex_value(start, granularity),
                "date_type": "DATE" if start is not None else None,
                "start_date": start,
                "end_date": end,
                "granularity": granularity,
                "date_source": "given" if start is not None else "none",
                "date_confidence": 1.0 if start is not None else 0.0,
                "categories": tuple(c.strip() for c in re.split(r"[;,|]", cats) if c.strip()),
            }
        )
    return EventTable.from_records(records)


def _timex_value(start: dt.date, granularity: str | None) -> str:
    if granularity == "month":
        return start.strftime("%Y-%m")
    if granularity == "year":
        return str(start.year)
    return start.isoformat()

"""Tables of events from files: ready-made events (teachers often start there) and Explorer's own
events tables found among the inputs.

Ready-made events: columns (case-insensitive; a row needs a description, a place, coordinates or a
date) ``date`` (YYYY-MM-DD, YYYY-MM or YYYY), ``end_date``, ``date_precision`` (day/month/year),
``place``, ``latitude``/``lat``, ``longitude``/``lon``/``lng``/``long``, ``country_code``,
``description``, ``category`` (or ``categories``, ``;``-separated), ``source``, ``url``,
``title``, ``id`` (or ``event_id``). A file saved by Excel as "CSV UTF-8" (with a byte-order
mark) reads the same.

* Place names go through the geocoder (offline by default), restricted to ``country_code`` when
  the row gives one ("Palmyra" with ``SY`` is the Syrian city, not Palmyra, New York); a row
  whose place cannot be found stays in the table as unresolved.
* Coordinates that are not numbers (``abc``, a decimal comma ``36,34``) or out of range
  (latitude 91, longitude 200) are reported with the row number and value; the event stays, as
  unresolved, with its place name if it has one.
* Events placed by coordinates only get the country (and region) of the nearest town in the
  offline data (:mod:`.nearest`), so country filters keep them.
* A date that cannot be read is kept as text (``date_text``) with ``date_source="none"``, and
  reported.

Explorer's own tables (``event_id``, ``sentence``, ``place_text``, ``start_date``...; see
:func:`explorer.ingest.tables.table_kind`) are read as they are, with :meth:`EventTable.read`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from explorer.errors import ExplorerError, IngestError
from explorer.events.table import EventTable
from explorer.ingest.corpus import Notice, Skipped
from explorer.ingest.tables import (
    LATITUDE_NAMES,
    LONGITUDE_NAMES,
    TableRows,
    read_table,
    table_kind,
)
from explorer.model import Place

__all__ = ["GivenEvents", "load_events_file", "parse_loose_date", "read_events_file"]

_YMD = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True, slots=True)
class GivenEvents:
    """The events of one file, the rows not read and what was noticed about the others."""

    table: EventTable
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


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


def _clean(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _coordinate(value: str, name: str, limit: float) -> tuple[float | None, str | None]:
    """(value, None) or (None, why it cannot be used)."""
    try:
        number = float(value)
    except ValueError:
        hint = ""
        if re.fullmatch(r"[-+]?\d+,\d+", value):
            hint = f" (write decimals with a full stop: {value.replace(',', '.')})"
        return None, f"{name} {value!r} is not a number{hint}"
    if math.isnan(number) or not -limit <= number <= limit:
        return None, f"{name} {value!r} is outside -{limit:g}..{limit:g}"
    return number, None


def _point(row: dict[str, Any]) -> tuple[tuple[float, float] | None, str | None]:
    """The row's coordinates, or why they cannot be used (None, None: none given)."""
    lat_text = next((_clean(row.get(k)) for k in LATITUDE_NAMES if _clean(row.get(k))), None)
    lon_text = next((_clean(row.get(k)) for k in LONGITUDE_NAMES if _clean(row.get(k))), None)
    if lat_text is None and lon_text is None:
        return None, None
    if lat_text is None or lon_text is None:
        given = "latitude" if lon_text is None else "longitude"
        return None, f"{given} {lat_text or lon_text!r} given without the other coordinate"
    lat, why_lat = _coordinate(lat_text, "latitude", 90)
    lon, why_lon = _coordinate(lon_text, "longitude", 180)
    if lat is None or lon is None:
        return None, "; ".join(w for w in (why_lat, why_lon) if w)
    return (lat, lon), None


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


def _dates(
    row: dict[str, Any], where: str, notices: list[Notice]
) -> tuple[str | None, dt.date | None, dt.date | None, str | None]:
    date_text = _clean(row.get("date"))
    parsed = parse_loose_date(date_text) if date_text else None
    if date_text and parsed is None:
        notices.append(
            Notice(
                where,
                f"date {date_text!r} is not YYYY-MM-DD, YYYY-MM or YYYY: kept as "
                "date_text, the event is undated",
            )
        )
    if parsed is None:
        return date_text, None, None, None
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
    elif end_text:
        notices.append(
            Notice(
                where,
                f"end_date {end_text!r} is not YYYY-MM-DD, YYYY-MM or YYYY: the "
                "event ends with its date",
            )
        )
    return date_text, start, end, granularity


def _given_rows(p: Path, table: TableRows, result: GivenEvents) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    located: list[tuple[int, float, float]] = []  # (record, lat, lon) without a country
    ids: set[str] = set()
    for i, (n, raw) in enumerate(table.rows, 1):
        where = f"{p}#{n}"
        row = {str(k).lower().strip().lstrip("\ufeff"): v for k, v in raw.items() if k is not None}
        description = _clean(row.get("description")) or _clean(row.get("title")) or ""
        place_text = _clean(row.get("place"))
        point, bad_point = _point(row)
        date_text = _clean(row.get("date"))
        if not (description or place_text or point or bad_point or date_text):
            result.skipped.append(
                Skipped(where, "an empty row (no description, place, coordinates or date)")
            )
            continue
        country = _clean(row.get("country_code"))
        place: Place | None = None
        reason: str | None = None
        if bad_point:
            kept = f", its place {place_text!r} unresolved" if place_text else ""
            result.notices.append(Notice(where, f"{bad_point}: the event is kept{kept}"))
            reason = f"bad coordinates in the file ({bad_point})"
        elif point is not None:
            lat, lon = point
            place = Place(
                key=f"given:{lat:.5f},{lon:.5f}",
                name=place_text or f"{lat:.4f}, {lon:.4f}",
                feature="populated_place",
                latitude=lat,
                longitude=lon,
                country_code=country.upper() if country else None,
            )
            reason = "coordinates given in the file"
            if not country:
                located.append((len(records), lat, lon))
        elif place_text:
            place = _geocode(place_text, country)
            reason = "geocoded from the file's place name" if place else "place not found"
        date_text, start, end, granularity = _dates(row, where, result.notices)
        cats = _clean(row.get("categories")) or _clean(row.get("category")) or ""
        ident = (
            _clean(row.get("id"))
            or _clean(row.get("event_id"))
            or hashlib.sha1(
                f"{p.name}|{i}|{date_text}|{place_text}|{description}".encode()
            ).hexdigest()[:12]
        )
        event_id = f"{p.stem}:{ident}"
        if event_id in ids:
            unique = f"{event_id}-{n}"
            result.notices.append(
                Notice(where, f"id {ident!r} is used by an earlier row: this event is {unique!r}")
            )
            event_id = unique
        ids.add(event_id)
        records.append(
            {
                "event_id": event_id,
                "article_id": event_id,
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
                "place_reason": reason if place_text or place or bad_point else None,
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
    _add_countries(records, located)
    return records


def _add_countries(records: list[dict[str, Any]], located: list[tuple[int, float, float]]) -> None:
    from explorer.events.nearest import nearest_places

    found = nearest_places([(lat, lon) for _, lat, lon in located])
    for (k, _, _), town in zip(located, found, strict=True):
        if town is not None:
            records[k]["country_code"] = town.country_code
            records[k]["admin1"] = town.admin1
            records[k]["place_reason"] = (
                f"coordinates given in the file; country of the nearest town, {town.name} "
                f"({town.distance_km:g} km)"
            )


def read_events_file(path: Path | str) -> GivenEvents:
    """The events of a table file: Explorer's own events table, read as it is, or ready-made
    events, with the rows skipped and notices (row numbers as in :mod:`explorer.ingest.tables`).
    :class:`IngestError` or :class:`~explorer.errors.TableError` when the file cannot be read."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".geojson", ".parquet"):
        return GivenEvents(EventTable.read(p))
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"{p}: cannot read: {exc}") from exc
    try:
        table = read_table(text, suffix)
    except IngestError as exc:
        raise IngestError(f"{p}: {exc}") from exc
    result = GivenEvents(EventTable())
    result.skipped.extend(Skipped(f"{p}#{x.row}", x.reason) for x in table.problems)
    result.notices.extend(Notice(f"{p}#{x.row}", x.reason) for x in table.notes)
    if table_kind(table.columns) == "events":
        if suffix in (".csv", ".json") and not table.problems:
            return GivenEvents(EventTable.read(p), result.skipped, result.notices)
        frame = [row for _, row in table.rows]
        numbers = [n for n, _ in table.rows]
        events = EventTable(
            pd.DataFrame.from_records(frame), where=lambda i: f"{p}, {table.unit} {numbers[i]}"
        )
        return GivenEvents(events, result.skipped, result.notices)
    events = EventTable.from_records(_given_rows(p, table, result))
    return GivenEvents(events, result.skipped, result.notices)


def load_events_file(path: Path | str) -> EventTable:
    """The events of a table file (see :func:`read_events_file`); rows skipped and notices are
    issued as Python warnings (``ingest`` puts them in its report instead)."""
    result = read_events_file(path)
    for skipped in result.skipped:
        warnings.warn(f"skipped {skipped.path}: {skipped.reason}", stacklevel=2)
    for notice in result.notices:
        warnings.warn(f"note {notice.path}: {notice.reason}", stacklevel=2)
    return result.table


def _timex_value(start: dt.date, granularity: str | None) -> str:
    if granularity == "month":
        return start.strftime("%Y-%m")
    if granularity == "year":
        return str(start.year)
    return start.isoformat()

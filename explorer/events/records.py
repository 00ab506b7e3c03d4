"""Events to table rows (the schema in :mod:`.schema`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from explorer.events.table import EventTable
from explorer.model import Event

__all__ = ["event_record", "events_table"]


def event_record(event: Event) -> dict[str, Any]:
    m, t, p = event.mention, event.time, event.place
    # an unresolved place keeps the region the text puts it in ("Zarkhel, Pakistan")
    area = p if p is not None or m is None else m.within
    return {
        "event_id": event.event_id,
        "article_id": event.article_id,
        "title": event.title,
        "source": event.source,
        "url": event.url,
        "published": event.published,
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "place_text": None if m is None else m.text,
        "place_start": None if m is None else m.start,
        "place_end": None if m is None else m.end,
        "place_name": None if p is None else p.name,
        "place_key": None if p is None else p.key,
        "feature": None if p is None else p.feature,
        "country_code": None if area is None else area.country_code,
        "admin1": None if area is None else area.admin1,
        "latitude": None if p is None else p.latitude,
        "longitude": None if p is None else p.longitude,
        "geonames_id": None if p is None else p.geonames_id,
        "place_confidence": 0.0 if m is None or p is None else round(m.score, 4),
        "place_reason": None if m is None else m.reason,
        "demonym": False if m is None else m.demonym,
        "date_text": None if t is None else t.text,
        "date_value": None if t is None else t.value,
        "date_type": None if t is None else t.type,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "granularity": (t.granularity if t is not None else ("day" if event.start_date else None)),
        "date_source": event.date_source,
        "date_confidence": event.date_confidence,
        "categories": event.categories,
        "origin_event_id": event.origin_event_id,
    }


def events_table(events: Iterable[Event]) -> EventTable:
    return EventTable.from_records(event_record(e) for e in events)

"""Hand-made mentions for event tests (so they do not depend on the geoparser or the tagger)."""

from __future__ import annotations

import datetime as dt

from explorer.geocoding import geocode
from explorer.model import PlaceMention, TimeMention


def place(text: str, phrase: str, query: str | None = None, nth: int = 0) -> PlaceMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    found = geocode(query or phrase) if query != "" else None
    return PlaceMention(phrase, start, start + len(phrase), found, 0.9 if found else 0.0, "test")


def date(
    text: str, phrase: str, value: str, start: dt.date | None, end: dt.date | None = None
) -> TimeMention:
    i = text.index(phrase)
    return TimeMention(
        phrase, i, i + len(phrase), "DATE", value, start, end or start, "day", start is not None
    )

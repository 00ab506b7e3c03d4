"""Filtering an events table: a pure function of (table, criteria), used by the widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer.events.table import EventTable

__all__ = ["Criteria", "filter_events"]


@dataclass(frozen=True)
class Criteria:
    """What to keep. Empty collections and ``None`` mean "no restriction".

    * ``start``/``end``: keep events whose interval overlaps ``[start, end]``; undated events are
      kept only with ``include_undated``.
    * ``countries`` (ISO codes), ``places`` (resolved names), ``sources``, ``categories`` (any).
    * ``text``: case-insensitive substring of the sentence, title or place as written.
    * ``min_confidence``: both place and date confidence at least this.
    * ``unresolved_only``: only events whose place could not be resolved.
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
    if criteria.categories:
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

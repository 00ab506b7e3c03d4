"""Filtering an :class:`~explorer.incidents.table.IncidentTable` with the events' criteria.

:func:`filter_incidents` takes the same :class:`~explorer.events.filter.Criteria` as
:func:`~explorer.events.filter.filter_events`, so one set of filters (the Explorer panel's,
a briefing's) applies to mentions and incidents alike: the dates (an incident's interval meets
the period), countries, places, sources (any of its outlets), categories, confidence, and the
text (its label, place and sources, and with ``events`` the sentences and headlines of the
mentions it groups).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from explorer.events.casefold import fold
from explorer.events.filter import Criteria, folded_contains, period_mask
from explorer.events.table import EventTable
from explorer.incidents.table import IncidentTable

__all__ = ["filter_incidents"]


def filter_incidents(
    incidents: IncidentTable, criteria: Criteria, events: EventTable | None = None
) -> IncidentTable:
    """The incidents that ``criteria`` keep (a new table; the input is unchanged)."""
    df = incidents.df
    keep = period_mask(df["start"], df["end"], criteria)  # as events are filtered
    if criteria.countries:
        keep &= df["country_code"].isin(list(criteria.countries)).to_numpy()
    if criteria.places:
        keep &= df["place_name"].isin(list(criteria.places)).to_numpy()
    if criteria.sources:
        wanted = set(criteria.sources)
        keep &= df["sources"].map(lambda s: not wanted.isdisjoint(s)).to_numpy(bool)
    if criteria.categories:
        keep &= df["category"].fillna("other").str.lower().isin(criteria.categories).to_numpy()
    if criteria.min_confidence > 0:
        keep &= (df["confidence"].fillna(0) >= criteria.min_confidence).to_numpy()
    if criteria.unresolved_only:
        keep &= df["latitude"].isna().to_numpy()
    if criteria.text.strip():
        keep &= _text_hits(df, fold(criteria.text.strip()), events)
    return IncidentTable(df[keep].reset_index(drop=True))


def _text_hits(df: pd.DataFrame, needle: str, events: EventTable | None) -> np.ndarray:
    hit = np.zeros(len(df), dtype=bool)
    for column in ("label", "place_name", "admin1"):
        hit |= folded_contains(df[column].astype("string"), needle)
    hit |= folded_contains(df["sources"].map(" | ".join).astype("string"), needle)
    if events is not None and len(events):
        edf = events.df
        found = np.zeros(len(edf), dtype=bool)
        for column in ("sentence", "title", "place_text"):
            found |= folded_contains(edf[column], needle)
        matching = set(edf.loc[found, "event_id"].astype(str))
        if matching:
            hit |= df["event_ids"].map(lambda ids: not matching.isdisjoint(ids)).to_numpy(bool)
    return hit

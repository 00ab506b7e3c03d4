"""The Explorer panel's choices: the options of its lists and date slider, and a user's
lexicon applied to its table (pure functions of the table, kept apart from the widgets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from explorer.errors import ExplorerError
from explorer.events.table import EventTable
from explorer.views.names import country_label, day_label

if TYPE_CHECKING:
    from explorer.scale.duck import ParquetEvents

__all__ = ["day_options", "day_range", "list_options", "recategorised"]


def list_options(table: Any, column: str, limit: int = 300) -> list[tuple[str, str]]:
    if isinstance(table, EventTable):
        series = table.df[column]
        if column == "categories":
            series = series.explode()
        counts = list(series.dropna().value_counts().head(limit).items())
    else:  # DuckDB
        counts = table.value_counts(column, limit)
    label = country_label if column == "country_code" else str
    return [(f"{label(value)} ({count:,})", str(value)) for value, count in counts]


def day_range(table: Any) -> tuple[dt.date | None, dt.date | None]:
    if not isinstance(table, EventTable):
        lo, hi = table.date_range()
        return lo, hi
    days = pd.concat([table.df["start_date"], table.df["end_date"]]).dropna()
    if days.empty:
        return None, None
    return days.min().date(), days.max().date()


def day_options(table: Any, most: int = 1500) -> list[tuple[str, dt.date]]:
    lo, hi = day_range(table)
    if lo is None or hi is None:
        today = dt.date(1970, 1, 1)
        return [(today.isoformat(), today)]
    span = (hi - lo).days
    step = max(1, span // most)
    out = [lo + dt.timedelta(days=i) for i in range(0, span + 1, step)]
    if out[-1] != hi:
        out.append(hi)
    return [(day_label(d), d) for d in out]


def recategorised(
    table: EventTable | ParquetEvents, lexicon: Mapping[str, tuple[str, ...]] | str | Path
) -> EventTable:
    from explorer.events.categories import load_lexicon, recategorise

    if not isinstance(table, EventTable):
        raise ExplorerError(
            "a lexicon re-reads each event's sentence, which needs the events in memory"
        )
    own = load_lexicon(lexicon) if isinstance(lexicon, (str, Path)) else lexicon
    return recategorise(table, own)

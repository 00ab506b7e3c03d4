"""Key events: the events an editor should read first, chosen by salience and spread over time.

Events are grouped into *reports of one happening*: the same place (``place_key``, else its
name, else the text) and the same interval. Each group is scored by

* how many articles report it: ``log2(1 + articles)`` (one article 1.0, three 2.0);
* how specific its place is (:data:`PLACE_SPECIFICITY`: a town 1.0, a country 0.3);
* how specific its date is (:data:`DATE_SPECIFICITY`: a day 1.0, a month 0.4, a year 0.1);
* half the confidence of its best event (place + date confidence).

:func:`choose_key_events` then spreads the choice over the period: it splits the period into
``n`` equal slices and takes, in rounds, the best group left in each slice (a busy slice gives
a second event only when every slice has given one, or has none left). Undated groups come only
when nothing dated is left. One sentence is shown once.

The groups are computed by pandas here (:func:`report_groups`) or by DuckDB
(:meth:`explorer.scale.ParquetEvents.key_events`); both give the same columns and the same
scores (rounded to :data:`SCORE_DIGITS` so that the two agree), and share the choice.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from explorer.events.table import EventTable

__all__ = [
    "DATE_SPECIFICITY",
    "PLACE_SPECIFICITY",
    "KeyEvent",
    "Outlets",
    "choose_key_events",
    "key_events",
    "outlets",
    "outlets_from_counts",
    "report_groups",
    "slice_of",
]

PLACE_SPECIFICITY = {
    "populated_place": 1.0,
    "admin2": 0.8,
    "admin1": 0.6,
    "region": 0.4,
    "country": 0.3,
    "continent": 0.1,
}
PLACE_UNKNOWN_FEATURE = 0.5  # resolved, kind not recorded (e.g. an events file)
PLACE_UNRESOLVED = 0.0
DATE_SPECIFICITY = {
    "time": 1.0,
    "day": 1.0,
    "week": 0.7,
    "month": 0.4,
    "season": 0.25,
    "quarter": 0.25,
    "year": 0.1,
}
DATE_OTHER = 0.05  # decades, centuries, undated
SCORE_DIGITS = 9

GROUP_COLUMNS = ["event_id", "sentence", "start_date", "articles", "outlets", "score"]


@dataclass(frozen=True)
class KeyEvent:
    """One key event: its best-evidenced event's row and how widely the happening is reported."""

    event: dict[str, Any]  # the row (JSON-ready, as EventTable.records() gives it)
    articles: int  # articles reporting the same place and interval
    outlets: int  # distinct sources (outlets) among them
    score: float


def _place_specificity(df: pd.DataFrame) -> pd.Series:
    known = df["feature"].map(PLACE_SPECIFICITY)
    resolved = df["place_name"].notna() | df["latitude"].notna()
    fallback = np.where(resolved, PLACE_UNKNOWN_FEATURE, PLACE_UNRESOLVED)
    return known.fillna(pd.Series(fallback, index=df.index)).astype(float)


def report_groups(table: EventTable) -> pd.DataFrame:
    """One row per (place, interval): its best event (most confident, then first id), how many
    articles and outlets report it, and its score. Columns: :data:`GROUP_COLUMNS`."""
    df = table.df
    if df.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    place = df["place_key"].fillna(df["place_name"]).fillna(df["place_text"]).fillna("")
    end = df["end_date"].fillna(df["start_date"])
    confidence = df["place_confidence"].fillna(0.0) + df["date_confidence"].fillna(0.0)
    frame = pd.DataFrame(
        {
            "event_id": df["event_id"].astype(str),
            "sentence": df["sentence"].fillna("").astype(str),
            "start_date": df["start_date"],
            "k_place": place.astype(str),
            "k_start": _day_key(df["start_date"]),
            "k_end": _day_key(end),
            "article_id": df["article_id"].fillna("").astype(str),
            "outlet": df["source"].fillna("").astype(str),
            "confidence": confidence.astype(float),
            "specific": _place_specificity(df) + _date_specificity(df["granularity"], df),
        }
    )
    keys = ["k_place", "k_start", "k_end"]
    best = frame.sort_values(["confidence", "event_id"], ascending=[False, True])
    best = best.drop_duplicates(keys).set_index(keys)
    counts = frame.groupby(keys).agg(
        articles=("article_id", "nunique"), outlets=("outlet", _named_outlets)
    )
    groups = best.join(counts).reset_index()
    raw = np.log2(1 + groups["articles"]) + groups["specific"] + 0.5 * groups["confidence"]
    groups["score"] = raw.round(SCORE_DIGITS)
    return groups[GROUP_COLUMNS].reset_index(drop=True)


def _day_key(days: pd.Series) -> pd.Series:
    # a group key for a date column, missing days as "" (groupby drops missing keys)
    return pd.to_datetime(days).dt.strftime("%Y-%m-%d").fillna("").astype(str)


def _named_outlets(values: pd.Series) -> int:
    return int(values[values != ""].nunique())


def _date_specificity(granularity: pd.Series, df: pd.DataFrame) -> pd.Series:
    spec = granularity.fillna("day").map(DATE_SPECIFICITY).fillna(DATE_OTHER).astype(float)
    return spec.where(df["start_date"].notna(), DATE_OTHER)


def slice_of(day: Any, lo: dt.date, hi: dt.date, slices: int) -> int:
    """Which of ``slices`` equal parts of [lo, hi] a day falls in (clamped to the ends)."""
    span = max(1, (hi - lo).days + 1)
    index = math.floor((_as_date(day) - lo).days * slices / span)
    return min(max(index, 0), slices - 1)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _missing(value: Any) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def choose_key_events(
    groups: pd.DataFrame, n: int, lo: dt.date | None, hi: dt.date | None
) -> list[str]:
    """The event ids of the ``n`` key events (see the module notes), best first."""
    if n <= 0 or groups.empty:
        return []
    ordered = groups.sort_values(["score", "start_date", "event_id"],
                                 ascending=[False, True, True], na_position="last")  # fmt: skip
    dated = [r for r in ordered.itertuples(index=False) if not _missing(r.start_date)]
    undated = [r for r in ordered.itertuples(index=False) if _missing(r.start_date)]
    chosen: list[str] = []
    sentences: set[str] = set()

    def take(row: Any) -> bool:
        if len(chosen) >= n or row.event_id in chosen or row.sentence in sentences:
            return False
        chosen.append(row.event_id)
        if row.sentence:
            sentences.add(row.sentence)
        return True

    if dated and lo is not None and hi is not None:
        queues: dict[int, list[Any]] = {}
        for row in dated:  # best first, so each queue is too
            queues.setdefault(slice_of(row.start_date, lo, hi, n), []).append(row)
        while len(chosen) < n and any(queues.values()):
            for part in sorted(queues):  # one round: the best left of each slice
                while queues[part] and not take(queues[part].pop(0)):
                    pass
    for row in [*dated, *undated]:
        take(row)
    return chosen


def key_events(
    table: EventTable, n: int = 15, start: dt.date | None = None, end: dt.date | None = None
) -> list[KeyEvent]:
    """The ``n`` key events of an in-memory table, in date order (undated last); the period
    is [start, end], or the dated events' first and last day."""
    groups = report_groups(table)
    df = table.df
    lo = start or (df["start_date"].min().date() if df["start_date"].notna().any() else None)
    last = df["end_date"].fillna(df["start_date"])
    hi = end or (last.max().date() if last.notna().any() else None)
    ids = choose_key_events(groups, n, lo, hi)
    return assemble(ids, groups, EventTable(df[df["event_id"].isin(ids)]))


def assemble(ids: list[str], groups: pd.DataFrame, rows: EventTable) -> list[KeyEvent]:
    """KeyEvents for the chosen ids, in date order (undated last, ties by score)."""
    info = groups.set_index("event_id")
    by_id = {str(r["event_id"]): r for r in rows.records()}
    out = [
        KeyEvent(by_id[i], int(info.at[i, "articles"]), int(info.at[i, "outlets"]),
                 float(info.at[i, "score"]))
        for i in ids
        if i in by_id
    ]  # fmt: skip
    return sorted(out, key=lambda k: (k.event.get("start_date") or "9999", -k.score))


MAX_OUTLETS = 200  # listed by name; the rest are counted


@dataclass(frozen=True)
class Outlets:
    """The sources of a set of events, by outlet: each named outlet once with its articles."""

    listed: tuple[tuple[str, int], ...]  # (outlet, articles), most articles first
    more_outlets: int = 0  # outlets beyond the listed ones
    more_articles: int = 0  # their articles
    unnamed_articles: int = 0  # articles with no source named

    @property
    def count(self) -> int:
        """Named outlets: the briefing's "sources" figure."""
        return len(self.listed) + self.more_outlets


def outlets_from_counts(counts: list[tuple[str | None, int]], limit: int = MAX_OUTLETS) -> Outlets:
    """Outlets from (outlet or None, articles) pairs (None: no source named)."""
    named = sorted(((str(s), int(n)) for s, n in counts if s), key=lambda t: (-t[1], t[0]))
    unnamed = sum(int(n) for s, n in counts if not s)
    rest = named[limit:]
    return Outlets(tuple(named[:limit]), len(rest), sum(n for _, n in rest), unnamed)


def outlets(table: EventTable, limit: int = MAX_OUTLETS) -> Outlets:
    """The outlets of an in-memory table: articles (distinct ``article_id``) per source."""
    df = table.df
    source = df["source"].where(df["source"].fillna("") != "")
    articles = df["article_id"].fillna("").astype(str)
    counts = articles.groupby(source.fillna("\0"), sort=False).nunique()
    pairs = [(None if s == "\0" else str(s), int(n)) for s, n in counts.items()]
    return outlets_from_counts(pairs, limit)

"""Filtering an events table: a pure function of (table, criteria), used by the widgets."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer.errors import ConfigurationError
from explorer.events.casefold import LIMIT, FoldTable, fold, fold_table, plan
from explorer.events.table import EventTable

__all__ = ["Criteria", "filter_events", "period_mask"]


DateLike = dt.date | str | None
Names = Collection[str] | str | None


@dataclass(frozen=True, init=False)
class Criteria:
    """What to keep. Empty collections and ``None`` mean "no restriction".

    * ``start``/``end``: keep events whose interval overlaps ``[start, end]``; undated events are
      kept only with ``include_undated``.
    * ``countries`` (ISO codes, any case), ``places`` (resolved names), ``sources``,
      ``categories`` (any of them; any case). A single string counts as a list of one.
    * ``text``: substring of the sentence, title, place as written or resolved place, case
      folded as Python's ``str.casefold`` does (``straße`` finds ``STRASSE``); DuckDB-backed
      tables fold the same way (see :mod:`explorer.events.casefold`).
    * ``min_confidence``: both place and date confidence at least this.
    * ``unresolved_only``: only events whose place could not be resolved.

    Dates may be given as dates, datetimes or ``YYYY-MM-DD`` strings and are kept as dates;
    collections are kept as tuples. ``start`` after ``end``, a date that is not YYYY-MM-DD or a
    confidence outside 0-1 is a :class:`~explorer.errors.ConfigurationError`.
    """

    start: dt.date | None
    end: dt.date | None
    countries: tuple[str, ...]
    places: tuple[str, ...]
    sources: tuple[str, ...]
    categories: tuple[str, ...]
    text: str
    min_confidence: float
    unresolved_only: bool
    include_undated: bool

    def __init__(
        self,
        start: DateLike = None,
        end: DateLike = None,
        countries: Names = (),
        places: Names = (),
        sources: Names = (),
        categories: Names = (),
        text: str = "",
        min_confidence: float = 0.0,
        unresolved_only: bool = False,
        include_undated: bool = True,
    ) -> None:
        # forgiving of the usual slips: a single string for a list ("IQ", not ["IQ"]), codes
        # and categories in any case ("iq", "Military"); a reversed period is an error
        set_ = object.__setattr__
        set_(self, "start", _date(start, "start"))
        set_(self, "end", _date(end, "end"))
        set_(self, "countries", tuple(v.strip().upper() for v in _strings(countries)))
        set_(self, "places", tuple(_strings(places)))
        set_(self, "sources", tuple(_strings(sources)))
        set_(self, "categories", tuple(v.strip().lower() for v in _strings(categories)))
        set_(self, "text", text or "")
        set_(self, "min_confidence", float(min_confidence))
        set_(self, "unresolved_only", bool(unresolved_only))
        set_(self, "include_undated", bool(include_undated))
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ConfigurationError(
                f"the period ends ({self.end}) before it starts ({self.start})"
            )
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigurationError(
                f"min_confidence must be between 0 and 1, not {self.min_confidence}"
            )


def _date(value: DateLike | dt.datetime, name: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ConfigurationError(f"{name} is not a YYYY-MM-DD date: {value!r}") from exc
    raise ConfigurationError(f"{name} must be a date or a YYYY-MM-DD string, not {value!r}")


def _strings(values: Names) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [str(v) for v in values if str(v).strip()]


def period_mask(start: pd.Series, end: pd.Series, criteria: Criteria) -> np.ndarray:
    """Rows whose interval ``[start, end]`` (``end`` missing: the start day) overlaps the
    criteria's period; undated rows kept with ``include_undated``. All rows without a period."""
    keep = np.ones(len(start), dtype=bool)
    if criteria.start is None and criteria.end is None:
        return keep
    end = end.fillna(start)
    dated = start.notna().to_numpy()
    if criteria.end is not None:
        keep &= (start <= pd.Timestamp(criteria.end)).fillna(False).to_numpy(dtype=bool)
    if criteria.start is not None:
        keep &= (end >= pd.Timestamp(criteria.start)).fillna(False).to_numpy(dtype=bool)
    return keep | (~dated & criteria.include_undated)


def filter_events(table: EventTable, criteria: Criteria) -> EventTable:
    df = table.df
    keep = period_mask(df["start_date"], df["end_date"], criteria)
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
        needle = fold(criteria.text.strip())
        hit = np.zeros(len(df), dtype=bool)
        for column in ("sentence", "title", "place_text", "place_name"):
            hit |= folded_contains(df[column], needle)
        keep &= hit
    out = EventTable.__new__(EventTable)
    out.df = df[keep].reset_index(drop=True)
    return out


@functools.cache
def _arrow_fold_table() -> FoldTable:
    """How Arrow's ``utf8_lower`` treats the characters it lowers unlike ``casefold``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    chars = pa.array([chr(i) for i in range(LIMIT) if not 0xD800 <= i <= 0xDFFF])
    lowered = pc.utf8_lower(chars)
    changed = pc.not_equal(lowered, chars)
    pairs = zip(chars.filter(changed).to_pylist(), lowered.filter(changed).to_pylist(), strict=True)
    return fold_table({str(c): str(lo) for c, lo in pairs})


def folded_contains(col: pd.Series, needle: str) -> np.ndarray:
    """Which cells contain ``needle`` (already folded) once folded with ``str.casefold``:
    Arrow's vectorised lower for every cell, Python's casefold for the few cells holding a
    character where the two differ and that matters for this needle (missing cells: False)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array(col, from_pandas=True)  # zero-copy for pandas' Arrow strings
    hit = pc.match_substring(pc.utf8_lower(values), needle).fill_null(False)
    out: np.ndarray = hit.to_numpy(zero_copy_only=False).astype(bool)
    chars = plan(_arrow_fold_table(), needle).chars
    if chars:  # only cells with a non-ASCII character can hold one
        pattern = "[" + "".join(f"\\x{{{ord(c):X}}}" for c in chars) + "]"
        rows = np.flatnonzero(~pc.string_is_ascii(values).fill_null(True).to_numpy(False))
        if len(rows):
            subset = values.take(pa.array(rows))
            special = pc.match_substring_regex(subset, pattern).fill_null(False)
            for i in rows[special.to_numpy(zero_copy_only=False)]:
                out[i] = needle in fold(values[int(i)].as_py())
    return out

"""TIMEX3 values and intervals at a granularity, anchored or not."""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = [
    "Found",
    "day_found",
    "day_value",
    "make_date",
    "month_interval",
    "quarter_interval",
    "season_interval",
    "shift_months",
    "week_interval",
    "week_value",
    "year_interval",
]


class Found:
    """A candidate expression: span, TIMEX3 type and value, interval, granularity, rule.

    A plain slotted class rather than a dataclass: the tagger must start fast (no
    ``dataclasses``/``inspect`` import on its command-line path).
    """

    __slots__ = (
        "anchored",
        "end",
        "end_date",
        "granularity",
        "rule",
        "start",
        "start_date",
        "type",
        "value",
    )

    def __init__(
        self,
        start: int,
        end: int,
        type: str,
        value: str,
        start_date: dt.date | None,
        end_date: dt.date | None,
        granularity: str | None,
        anchored: bool,
        rule: str,
    ) -> None:
        self.start = start
        self.end = end
        self.type = type
        self.value = value
        self.start_date = start_date
        self.end_date = end_date
        self.granularity = granularity
        self.anchored = anchored
        self.rule = rule

    def __repr__(self) -> str:
        return f"Found({self.start}, {self.end}, {self.type!r}, {self.value!r}, {self.rule!r})"

    def to_dict(self, text: str) -> dict[str, object]:
        """The JSON form of the mention in ``text`` (the keys of ``TimeMention.to_dict``)."""
        s, e = self.start_date, self.end_date
        return {
            "text": text[self.start : self.end],
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
            "start_date": None if s is None else s.isoformat(),
            "end_date": None if e is None else e.isoformat(),
            "granularity": self.granularity,
            "anchored": self.anchored,
            "rule": self.rule,
        }


def make_date(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None when it does not exist (31 February)."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def day_found(
    m: re.Match[str],
    rule: str,
    d: dt.date | None,
    span: tuple[int, int] | None = None,
    unanchored: str = "XXXX-XX-XX",
) -> Found:
    """A day-granular DATE for the match (or ``span``); unanchored when ``d`` is None."""
    s, e = span or m.span()
    if d is None:
        return Found(s, e, "DATE", unanchored, None, None, "day", False, rule)
    return Found(s, e, "DATE", d.isoformat(), d, d, "day", True, rule)


def day_value(d: dt.date) -> str:
    return d.isoformat()


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def week_interval(d: dt.date) -> tuple[dt.date, dt.date]:
    start = d - dt.timedelta(days=d.weekday())
    return start, start + dt.timedelta(days=6)


def month_interval(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_interval(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def quarter_interval(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = 3 * (quarter - 1) + 1
    return dt.date(year, first, 1), month_interval(year, first + 2)[1]


def season_interval(year: int, season: str) -> tuple[dt.date, dt.date]:
    """Meteorological seasons (northern hemisphere); winter spans into the next year."""
    if season == "SP":
        return dt.date(year, 3, 1), dt.date(year, 5, 31)
    if season == "SU":
        return dt.date(year, 6, 1), dt.date(year, 8, 31)
    if season == "FA":
        return dt.date(year, 9, 1), dt.date(year, 11, 30)
    return dt.date(year, 12, 1), month_interval(year + 1, 2)[1]


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1

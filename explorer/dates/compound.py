"""Expressions made of two parts: a weekday with its date ("Monday, Oct. 26"), a year with a
quarter ("the 1994 second quarter", "last year's second quarter"), "the week of May 9"."""

from __future__ import annotations

import datetime as dt
import re

from explorer.dates.absolute import h_month_day, h_month_day_year
from explorer.dates.lexicon import ORDINALS
from explorer.dates.timex import Found, quarter_interval, week_interval, week_value

__all__ = ["h_rel_year_quarter", "h_week_of", "h_weekday_date", "h_year_quarter"]


def h_weekday_date(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "Monday, Oct. 26", "Friday Oct. 13, 1989": the written date decides."""
    return (h_month_day_year if m["y"] else h_month_day)(m, text, pub)


def _last_quarter(pub: dt.date) -> int:
    """The quarter a report published on ``pub`` is most likely about: the last one completed."""
    return (pub.month - 1) // 3 or 4


def _quarter_found(span: tuple[int, int], year: int, q: int, rule: str) -> Found:
    s, e = quarter_interval(year, q)
    return Found(*span, "DATE", f"{year}-Q{q}", s, e, "quarter", True, rule)


def h_year_quarter(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "the 1994 second quarter" -> ``1994-Q2``; "the 1988 quarter/period" -> the reported
    quarter (the last one completed before publication) of 1988."""
    year = int(m["y"])
    if m["q"]:
        return _quarter_found(m.span(), year, ORDINALS[m["q"].lower()], "year and quarter")
    if pub is None:
        return Found(*m.span(), "DATE", f"{year}-QX", None, None, "quarter", False,
                     "year and reported quarter")  # fmt: skip
    return _quarter_found(m.span(), year, _last_quarter(pub), "year and reported quarter")


def h_rel_year_quarter(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "this year's first quarter", "last year's quarter"."""
    step = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    if pub is None:
        q = ORDINALS[m["q"].lower()] if m["q"] else "X"
        return Found(*m.span(), "DATE", f"XXXX-Q{q}", None, None, "quarter", False,
                     "relative year and quarter")  # fmt: skip
    q = ORDINALS[m["q"].lower()] if m["q"] else _last_quarter(pub)
    year = pub.year + step
    if not m["q"] and pub.month <= 3:
        year -= 1  # the reported quarter is last year's fourth
    return _quarter_found(m.span(), year, q, "relative year and quarter")


def h_week_of(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "the week of May 9": the ISO week of that day."""
    day = (h_month_day_year if m["y"] else h_month_day)(m, text, pub)
    if day is None or day.start_date is None:
        return Found(*m.span(), "DATE", "XXXX-WXX", None, None, "week", False, "the week of")
    s, e = week_interval(day.start_date)
    return Found(*m.span(), "DATE", week_value(day.start_date), s, e, "week", True, "the week of")

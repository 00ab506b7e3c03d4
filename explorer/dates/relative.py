"""Expressions relative to the publication date: weekdays, today/yesterday, last/next/this
unit, offsets ("two years ago"), the weekend, anaphoric quarters."""

from __future__ import annotations

import datetime as dt
import re

from explorer.dates.absolute import h_month_day, h_time
from explorer.dates.context import clause_tense
from explorer.dates.durations import PARTS as _PARTS
from explorer.dates.durations import h_duration
from explorer.dates.lexicon import SEASONS, UNITS, WEEKDAYS
from explorer.dates.lexicon import number_value as _number
from explorer.dates.timex import (
    Found,
    month_interval,
    quarter_interval,
    season_interval,
    shift_months,
    week_interval,
    week_value,
    year_interval,
)

_AHEAD = re.compile(r"(?:ahead of|upcoming|until|till)\s+(?:the\s+)?$")


_LIMIT = re.compile(r"\b(?:until|till|by)\s+$", re.IGNORECASE)


def _weekday_future(text: str, span: tuple[int, int]) -> bool:
    """Whether a bare weekday is the coming one: by the tense of its clause, except that a
    possessive ("Wednesday's ruling") names an event already reported unless something points
    ahead ("ahead of Sunday's vote")."""
    start, end = span
    if text.startswith(("'s", "’s"), end):
        return _AHEAD.search(text[max(0, start - 16) : start].lower()) is not None
    tense = clause_tense(text, start, end)
    if tense != "past" and _LIMIT.search(text, max(0, start - 8), start):
        return True  # "until Tuesday", "by Friday": a limit, ahead unless the clause is past
    return tense == "future"


def h_weekday(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    wd = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    part = (m["part"] or "").lower()
    span = m.span("x")
    if pub is None:
        return Found(*span, "TIME" if part else "DATE", "XXXX-XX-XX", None, None, "day", False,
                     "weekday")  # fmt: skip
    delta = (wd - pub.weekday()) % 7  # days ahead to the next such weekday (0: today)
    if rel in ("last", "past", "previous"):
        back = (pub.weekday() - wd) % 7
        d = pub - dt.timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        d = pub + dt.timedelta(days=delta or 7)
    elif rel == "this":
        d = pub + dt.timedelta(days=wd - pub.weekday())
    elif delta == 0:
        d = pub
    elif _weekday_future(text, span):
        d = pub + dt.timedelta(days=delta)
    else:
        d = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    if part:
        # TimeML corpora mostly annotate "Wednesday night" as the DATE of that day
        return Found(*span, "DATE", d.isoformat(), d, d, "day", True, "weekday and part of day")
    return Found(*span, "DATE", d.isoformat(), d, d, "day", True, f"weekday ({rel or 'tense'})")


_GENERIC_TODAY = re.compile(
    r"['’]s\s+(?:world|youth|society|generation|young|children|kids|culture|standards)\b"
)


def h_deictic_day(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    word = m["w"].lower()
    part = (m["part"] or "").lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    if word == "tonight":
        part = "night"
    if word == "today" and _GENERIC_TODAY.match(text, m.end()):
        return None  # "today's world": these times, not the publication day
    if pub is None:
        value = {"today": "PRESENT_REF"}.get(word, "XXXX-XX-XX")
        return Found(*m.span(), "DATE", value, None, None, "day", False, word)
    d = pub + dt.timedelta(days=offset)
    if part:
        return Found(*m.span(), "DATE", d.isoformat(), d, d, "day", True, f"{word} {part}")
    return Found(*m.span(), "DATE", d.isoformat(), d, d, "day", True, word)


def h_part_of_day(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "this morning", "last night", "later this afternoon": a part of the publication day (of
    the day before for "last night")."""
    part = m["part"].lower()
    offset = -1 if m["rel"].lower() == "last" else 0
    if m["rel"].lower() == "last" and part != "night":
        return None
    code = _PARTS[part]
    if pub is None:
        return Found(*m.span(), "TIME", f"XXXX-XX-XXT{code}", None, None, "time", False,
                     "part of day")  # fmt: skip
    d = pub + dt.timedelta(days=offset)
    return Found(*m.span(), "TIME", f"{d.isoformat()}T{code}", d, d, "time", True, "part of day")


def h_relative_unit(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0,
            "current": 0}[rel]  # fmt: skip
    if rel == "past" and unit in UNITS and unit not in ("week", "weekend"):
        # "the past year" is a stretch of time, not a calendar year ("the past spring" is
        # the season: the latest spring)
        code = UNITS[unit][0]
        value = "P10Y" if code == "DE" else f"P1{code}"
        return Found(*m.span(), "DURATION", value, None, None, None, False, "the past unit")
    if unit == "decade":
        if pub is None:
            return Found(*m.span(), "DATE", "XXX", None, None, "decade", False, f"{rel} decade")
        start = (pub.year // 10 + step) * 10
        return Found(*m.span(), "DATE", str(start // 10), dt.date(start, 1, 1),
                     dt.date(start + 9, 12, 31), "decade", True, f"{rel} decade")  # fmt: skip
    if pub is None:
        value = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                 "quarter": "XXXX-QX", "year": "XXXX"}.get(unit, "XXXX")  # fmt: skip
        return Found(*m.span(), "DATE", value, None, None, unit, False, f"{rel} {unit}")
    if unit in ("week", "weekend"):
        d = pub + dt.timedelta(weeks=step)
        s, e = week_interval(d)
        if unit == "weekend":
            s = s + dt.timedelta(days=5)
            return Found(*m.span(), "DATE", f"{week_value(d)}-WE", s, e, "week", True,
                         f"{rel} weekend")  # fmt: skip
        return Found(*m.span(), "DATE", week_value(d), s, e, "week", True, f"{rel} week")
    if unit == "month":
        y, mo = shift_months(pub.year, pub.month, step)
        s, e = month_interval(y, mo)
        return Found(*m.span(), "DATE", f"{y}-{mo:02d}", s, e, "month", True, f"{rel} month")
    if unit == "quarter":
        q = (pub.month - 1) // 3 + 1 + step
        y = pub.year + (q - 1) // 4
        q = (q - 1) % 4 + 1
        s, e = quarter_interval(y, q)
        return Found(*m.span(), "DATE", f"{y}-Q{q}", s, e, "quarter", True, f"{rel} quarter")
    if unit == "year":
        y = pub.year + step
        s, e = year_interval(y)
        return Found(*m.span(), "DATE", str(y), s, e, "year", True, f"{rel} year")
    if unit in SEASONS:
        code = SEASONS[unit]
        y = pub.year + step
        if rel == "past":  # the latest season of that name that has begun
            y = pub.year if season_interval(pub.year, code)[0] <= pub else pub.year - 1
        s, e = season_interval(y, code)
        return Found(*m.span(), "DATE", f"{y}-{code}", s, e, "season", True, f"{rel} season")
    return None


def h_ago(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    n = _number(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if n < 0 or pub is None or unit not in UNITS:
        return Found(*m.span(), "DATE", "PAST_REF", None, None, None, False, "ago (vague)")
    if unit in ("day", "night"):
        d = pub - dt.timedelta(days=n)
        return Found(*m.span(), "DATE", d.isoformat(), d, d, "day", True, "ago")
    if unit == "week":
        d = pub - dt.timedelta(weeks=n)
        s, e = week_interval(d)
        return Found(*m.span(), "DATE", week_value(d), s, e, "week", True, "ago")
    if unit == "month":
        y, mo = shift_months(pub.year, pub.month, -n)
        s, e = month_interval(y, mo)
        return Found(*m.span(), "DATE", f"{y}-{mo:02d}", s, e, "month", True, "ago")
    if unit in ("year", "decade"):
        y = pub.year - (n if unit == "year" else 10 * n)
        quarter = _quarter_context(text, m.start(), pub, y) if unit == "year" else None
        if quarter is not None:
            return quarter._replace_span(m.span(), "a year from the reported quarter")
        s, e = year_interval(y)
        return Found(*m.span(), "DATE", str(y), s, e, "year", True, "ago")
    return Found(*m.span(), "DATE", "PAST_REF", None, None, None, False, "ago (vague)")


def h_number_unit(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    direction = (m["dir"] or "").lower()
    prefixed = m.span("x")[0] != m.span("n")[0]
    if direction == "ago" and not prefixed:
        return h_ago(m, text, pub)
    unit = m["unit"].lower()
    if direction == "earlier" and not prefixed and not unit.startswith(("day", "hour", "minute")):
        # "a year earlier": the same time a year before (TimeML: a DATE)
        return h_relative_offset(m, text, pub)
    # "two days later", "a month after the vote", "a day earlier": how long (a DURATION)
    return h_duration(m, text, pub)


def h_relative_offset(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "a year earlier", "two days later", "three weeks before": relative to the publication."""
    n = _number(m["n"])
    unit = m["unit"].lower().rstrip("s")
    sign = -1 if m["dir"].lower() in ("earlier", "before", "ago") else 1
    if n < 0 or pub is None or unit not in ("day", "week", "month", "year"):
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Found(*m.span(), "DATE", value, None, None, None, False, "relative offset (vague)")
    if unit == "day":
        d = pub + dt.timedelta(days=sign * n)
        return Found(*m.span(), "DATE", d.isoformat(), d, d, "day", True, "relative offset")
    if unit == "week":
        d = pub + dt.timedelta(weeks=sign * n)
        s, e = week_interval(d)
        return Found(*m.span(), "DATE", week_value(d), s, e, "week", True, "relative offset")
    if unit == "month":
        y, mo = shift_months(pub.year, pub.month, sign * n)
        s, e = month_interval(y, mo)
        return Found(*m.span(), "DATE", f"{y}-{mo:02d}", s, e, "month", True, "relative offset")
    y = pub.year + sign * n
    quarter = _quarter_context(text, m.start(), pub, y)
    if quarter is not None:
        return quarter._replace_span(m.span(), "a year from the reported quarter")
    s, e = year_interval(y)
    return Found(*m.span(), "DATE", str(y), s, e, "year", True, "relative offset")


def h_time_on_day(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "10 p.m. Wednesday", "noon Thursday", "3 p.m. yesterday"."""
    clock = h_time(_Sub(m, "clock"), text, pub)  # type: ignore[arg-type]
    if clock is None:
        return None
    day_word = (m["day"] or "").lower()
    if pub is None:
        day = None
    elif m["mon"]:
        written = h_month_day(m, text, pub)
        day = None if written is None else written.start_date
    elif day_word in ("yesterday", "today", "tomorrow", "tonight"):
        day = pub + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(day_word, 0))
    else:
        wd = WEEKDAYS[day_word]
        if wd == pub.weekday():
            day = pub
        elif clause_tense(text, m.start(), m.end()) == "future":
            day = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
        else:
            day = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    hhmm = clock.value.split("T", 1)[1]
    if day is None:
        return Found(*m.span(), "TIME", f"XXXX-XX-XXT{hhmm}", None, None, "time", False,
                     "clock time and day")  # fmt: skip
    return Found(*m.span(), "TIME", f"{day.isoformat()}T{hhmm}", day, day, "time", True,
                 "clock time and day")  # fmt: skip


class _Sub:
    """A view of a match restricted to one group (for reusing a handler on part of a match)."""

    def __init__(self, m: re.Match[str], group: str) -> None:
        self._m, self._g = m, group

    def group(self, i: int = 0) -> str:
        return str(self._m.group(self._g))

    def __getitem__(self, name: str) -> str | None:
        return self._m.group(name)

    def span(self, name: str | int = 0) -> tuple[int, int]:
        return self._m.span(self._g)


def h_year_earlier(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    word = m.group(0).lower()
    if pub is None:
        return Found(*m.span(), "DATE", "XXXX", None, None, "year", False, "year-earlier")
    if "latest period" in word:
        return h_anaphoric_quarter(m, text, pub)
    quarter = _quarter_context(text, m.end(), pub, pub.year - 1)
    if quarter is not None:
        return quarter._replace_span(m.span(), "year-earlier quarter")
    s, e = year_interval(pub.year - 1)
    return Found(*m.span(), "DATE", str(pub.year - 1), s, e, "year", True, "year-earlier")


def h_anaphoric_quarter(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "the quarter", "the latest quarter": the last quarter completed before publication."""
    if pub is None:
        return Found(*m.span(), "DATE", "XXXX-QX", None, None, "quarter", False, "the quarter")
    q = (pub.month - 1) // 3  # previous quarter
    year = pub.year if q > 0 else pub.year - 1
    q = q or 4
    s, e = quarter_interval(year, q)
    return Found(*m.span(), "DATE", f"{year}-Q{q}", s, e, "quarter", True, "the latest quarter")


def h_weekend(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    if pub is None:
        return Found(*m.span(), "DATE", "XXXX-WXX-WE", None, None, "week", False, "the weekend")
    ahead = _AHEAD.search(text[max(0, m.start() - 16) : m.start()].lower()) is not None
    future = ahead or clause_tense(text, m.start(), m.end()) == "future"
    d = (
        pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
        if future
        else pub
        - dt.timedelta(days=(pub.weekday() - 5) % 7 if pub.weekday() >= 5 else pub.weekday() + 2)
    )
    s, e = week_interval(d)
    return Found(*m.span(), "DATE", f"{week_value(d)}-WE", s + dt.timedelta(days=5), e, "week",
                 True, "the weekend")  # fmt: skip


_QUARTER_WORD = re.compile(r"\bquarter\b", re.IGNORECASE)


class _QFound:
    def __init__(self, value: str, s: dt.date, e: dt.date) -> None:
        self.value, self.s, self.e = value, s, e

    def _replace_span(self, span: tuple[int, int], rule: str) -> Found:
        return Found(span[0], span[1], "DATE", self.value, self.s, self.e, "quarter", True, rule)


def _quarter_context(text: str, at: int, pub: dt.date, year: int) -> _QFound | None:
    """In a report about a quarter ("third-quarter profit ... a year earlier"), "a year
    earlier/ago" means the same quarter a year before: the last completed quarter, minus a year."""
    if not _QUARTER_WORD.search(text, max(0, at - 400), at):
        return None
    q = (pub.month - 1) // 3 or 4
    qyear = year if (pub.month - 1) // 3 else year - 1
    s, e = quarter_interval(qyear, q)
    return _QFound(f"{qyear}-Q{q}", s, e)

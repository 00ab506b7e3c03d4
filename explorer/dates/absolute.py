"""Absolute and calendar expressions: full dates, months, years, decades, quarters, seasons,
clock times."""

from __future__ import annotations

import datetime as dt
import re

from explorer.dates.context import clause_tense
from explorer.dates.lexicon import ORDINALS, SEASONS
from explorer.dates.lexicon import day_number as _day
from explorer.dates.lexicon import month_number as _month
from explorer.dates.timex import (
    Found,
    month_interval,
    quarter_interval,
    season_interval,
    year_interval,
)
from explorer.dates.timex import day_found as _day_found
from explorer.dates.timex import make_date as _date

_DEADLINE = re.compile(
    r"\b(?:until|till|through|by)\s+(?:(?:early|late|mid|the\s+(?:end|middle)\s+of)[\s-]+)?$",
    re.IGNORECASE,
)


def _year_for_month(
    text: str, m: re.Match[str], month: int, published: dt.date, day: int = 15
) -> int:
    """Year of a month (and day) named without one, from the tense of the clause: the next
    occurrence in a future clause (unless this year's was only days ago); otherwise (news reports
    what happened) the latest past one, unless the next one is only weeks ahead; failing both,
    the occurrence nearest the publication date."""
    when = clause_tense(text, m.start(), m.end())
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        d = _date(year, month, min(day, 28))
        if d is not None:
            options.append((year, d))
    today = published.replace(day=min(published.day, 28))
    if when == "future":
        # a future clause reaches forward, unless the date was only days ago
        upcoming = [y for y, d in options if d >= today]
        recent = [d for y, d in options if d < today and (today - d).days <= 20]
        if upcoming and not recent:
            return upcoming[0]
    else:
        if _DEADLINE.search(text, max(0, m.start() - 24), m.start()):
            # "until March 6", "by February", "through mid-November": a limit, mostly ahead
            # (within half a year in a past clause), unless it passed only days ago
            reach = 365 if when is None else 183
            upcoming = [y for y, d in options if d >= today and (d - today).days <= reach]
            recent = [d for y, d in options if d < today and (today - d).days <= 20]
            if upcoming and not recent:
                return upcoming[0]
        earlier = [(y, d) for y, d in options if d <= today]
        later = [(y, d) for y, d in options if d > today]
        if earlier and not (later and (later[0][1] - today).days <= 60):
            return earlier[-1][0]
    return min(options, key=lambda o: abs((o[1] - published).days))[0]


def h_iso(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    d = _date(int(m["y"]), int(m["m"]), int(m["d"]))
    return None if d is None else _day_found(m, "iso date", d)


def h_numeric(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    year = int(m["y"])
    year += 2000 if year < 50 else 1900 if year < 100 else 0
    d = _date(year, int(m["m"]), int(m["d"]))
    return None if d is None else _day_found(m, "numeric date m/d/y", d)


def h_month_day_year(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    d = _date(int(m["y"]), _month(m["mon"]), _day(m["d"]))
    return None if d is None else _day_found(m, "month day year", d)


def h_month_day(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    month, day = _month(m["mon"]), _day(m["d"])
    if pub is None:
        return Found(*m.span(), "DATE", f"XXXX-{month:02d}-{day:02d}", None, None, "day", False,
                     "month day (no year)")  # fmt: skip
    d = _date(_year_for_month(text, m, month, pub, day), month, day)
    return None if d is None else _day_found(m, "month day, year by tense", d)


def h_month_year(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    year, month = int(m["y"]), _month(m["mon"])
    s, e = month_interval(year, month)
    return Found(*m.span(), "DATE", f"{year}-{month:02d}", s, e, "month", True, "month year")


def h_month_rel_year(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    month = _month(m["mon"])
    if pub is None:
        return Found(*m.span(), "DATE", f"XXXX-{month:02d}", None, None, "month", False,
                     "month of a relative year")  # fmt: skip
    year = pub.year + {"last": -1, "this": 0, "next": 1}[m["rel"]]
    s, e = month_interval(year, month)
    return Found(*m.span(), "DATE", f"{year}-{month:02d}", s, e, "month", True,
                 "month of a relative year")  # fmt: skip


def h_month(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    month = _month(m["mon"])
    rel = (m["rel"] or "").lower()
    if pub is None:
        return Found(*m.span("x"), "DATE", f"XXXX-{month:02d}", None, None, "month", False,
                     "month alone")  # fmt: skip
    if rel == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif rel == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif rel == "this":
        year = pub.year
    else:
        year = _year_for_month(text, m, month, pub)
    s, e = month_interval(year, month)
    return Found(*m.span("x"), "DATE", f"{year}-{month:02d}", s, e, "month", True,
                 "month, year by tense")  # fmt: skip


def h_quarter(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    q = ORDINALS[m["q"].lower()]
    if m["half"]:
        half = 1 if q == 1 else 2
        year = int(m["y"]) if m["y"] else (pub.year if pub else None)
        if year is None:
            return Found(*m.span(), "DATE", f"XXXX-H{half}", None, None, "half", False, "half")
        s = dt.date(year, 1 if half == 1 else 7, 1)
        e = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
        return Found(*m.span(), "DATE", f"{year}-H{half}", s, e, "half", True, "half year")
    if m["y"]:
        year = int(m["y"])
    elif pub is None:
        return Found(*m.span(), "DATE", f"XXXX-Q{q}", None, None, "quarter", False, "quarter")
    else:
        current = (pub.month - 1) // 3 + 1
        future = clause_tense(text, m.start(), m.end()) == "future"
        year = pub.year if (q <= current or future) else pub.year - 1
    s, e = quarter_interval(year, q)
    return Found(*m.span(), "DATE", f"{year}-Q{q}", s, e, "quarter", True, "quarter")


def h_season(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    code = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        year = int(m["y"])
    elif pub is None:
        return Found(*m.span("x"), "DATE", f"XXXX-{code}", None, None, "season", False, "season")
    else:
        year = pub.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and clause_tense(text, m.start(), m.end()) != "future":
            start, _ = season_interval(pub.year, code)
            year = pub.year if start <= pub else pub.year - 1
    s, e = season_interval(year, code)
    return Found(*m.span("x"), "DATE", f"{year}-{code}", s, e, "season", True, "season")


def h_decade(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    prefix = m["full"][:3] if m["full"] else ("19" if int(m["short"]) >= 2 else "20") + m["short"]
    start_year = int(prefix) * 10
    return Found(*m.span("x"), "DATE", prefix, dt.date(start_year, 1, 1),
                 dt.date(start_year + 9, 12, 31), "decade", True, "decade")  # fmt: skip


_NOT_AFTER_YEAR = re.compile(
    r"\s*(?:%|percent|people|troops|soldiers|miles|km|kilometers|metres|meters|feet|tons|"
    r"barrels|dollars|shares|workers|members|units|jobs|cars|homes|votes|acres|hectares|"
    r"square|residents|civilians|[a-z]+s\b(?<!\bwas)(?<!\bhas)(?<!\bis))"
)


def h_year(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    after = text[m.end() : m.end() + 20]
    before = text[max(0, m.start() - 2) : m.start()]
    fiscal = m.span("x")[0] != m.span("y")[0]  # "fiscal 1989 sales" is a year all the same
    if (not fiscal and _NOT_AFTER_YEAR.match(after)) or before.endswith(("$", "#", "No", ",")) or (
        after[:1] in (",", ".") and after[1:2].isdigit()):  # fmt: skip
        return None
    year = int(m["y"])
    s, e = year_interval(year)
    return Found(*m.span("x"), "DATE", str(year), s, e, "year", True, "year")


def h_time(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    word = m.group(0).lower()
    if word == "noon" and text[max(0, m.span()[0] - 5) : m.span()[0]].lower() == "high ":
        return None  # "high noon": the idiom
    if "noon" in word:
        hh, mm = 12, 0
    elif "midnight" in word:
        hh, mm = 0, 0
    else:
        hh, mm = int(m["h"]), int(m["min"] or 0)
        ampm = (m["ap"] or "").lower().replace(".", "")
        if ampm == "pm" and hh < 12:
            hh += 12
        if ampm == "am" and hh == 12:
            hh = 0
        if hh > 23 or mm > 59:
            return None
    if pub is None:
        return Found(*m.span(), "TIME", f"XXXX-XX-XXT{hh:02d}:{mm:02d}", None, None, "time",
                     False, "clock time")  # fmt: skip
    return Found(*m.span(), "TIME", f"{pub.isoformat()}T{hh:02d}:{mm:02d}", pub, pub, "time",
                 True, "clock time")  # fmt: skip


class _MonthMatch:
    """Presents the three alternatives of the month rule as one (groups x, rel, mon)."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m
        for suffix in ("", "2", "3"):
            if m.group(f"x{suffix}" if suffix else "x") is not None:
                self.suffix = suffix
                break

    def _g(self, name: str) -> str:
        return f"{name}{self.suffix}" if self.suffix else name

    def __getitem__(self, name: str) -> str | None:
        if name == "rel" and self.suffix == "3":
            return None
        return self._m.group(self._g(name))

    def span(self, name: str | int = 0) -> tuple[int, int]:
        if name == "x":
            return self._m.span(self._g("x"))
        return self._m.span(name)

    def start(self) -> int:
        return self.span("x")[0]

    def end(self) -> int:
        return self.span("x")[1]


def month_match(m: re.Match[str]) -> re.Match[str]:
    return _MonthMatch(m)  # type: ignore[return-value]

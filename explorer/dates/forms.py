"""Written forms that other rules miss: "decades-long", "winter 2013", "FY2015", "Q1 2016",
"14:00 GMT", "the end of the month", "for a while"."""

from __future__ import annotations

import datetime as dt
import re

from explorer.dates.absolute import h_quarter, h_season, h_time
from explorer.dates.context import clause_tense
from explorer.dates.lexicon import SEASONS, UNITS
from explorer.dates.lexicon import month_number as _month
from explorer.dates.lexicon import number_value as _number
from explorer.dates.timex import Found, day_found, make_date, shift_months, year_interval

__all__ = [
    "h_calendar_set",
    "h_clock24",
    "h_day_first",
    "h_fiscal_code",
    "h_long",
    "h_nth_day",
    "h_phase_of_unit",
    "h_season_year",
    "h_while",
]


def h_long(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "decades-long", "a day-long meeting", "a two-year-long war": how long (a DURATION)."""
    unit = m["unit"].lower()
    plural = (unit.endswith("s") and unit[:-1] in UNITS) or unit == "centuries"
    unit = "century" if unit == "centuries" else unit[:-1] if plural else unit
    code, is_time = UNITS[unit]
    n = _number(m["n"]) if m["n"] else (-1 if plural else 1)
    if code == "WE":
        code, n = "D", (2 * n if n >= 0 else -1)
    elif code in ("DE", "CE"):
        code, n = "Y", (n * (10 if code == "DE" else 100) if n >= 0 else -1)
    amount = "X" if n < 0 else str(n)
    value = f"PT{amount}{code}" if is_time else f"P{amount}{code}"
    return Found(*m.span("x"), "DURATION", value, None, None, None, False, "unit-long")


class _Groups:
    """A match seen through other group names (to hand a form to an existing handler)."""

    def __init__(self, m: re.Match[str], **names: str | None) -> None:
        self._m, self._names = m, names

    def __getitem__(self, name: str) -> str | None:
        if name in self._names:
            value = self._names[name]
            return None if value is None else str(self._m.group(value))
        return self._m.group(name)

    def group(self, i: int = 0) -> str:
        return str(self._m.group(i))

    def span(self, name: str | int = 0) -> tuple[int, int]:
        return self._m.span(0 if name == "x" else name)

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()


def h_season_year(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "winter 2013", "summer of 2014" (without "the")."""
    return h_season(_Groups(m, rel=None), text, pub)  # type: ignore[arg-type]


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 50 else 1900
    return year


def h_fiscal_code(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "FY2015", "FY16", "fiscal year 2015" (the year), "Q1 2016", "3Q 2015", "H1 2016"."""
    if m["fy"]:
        year = _full_year(m["fy"])
        s, e = year_interval(year)
        return Found(*m.span(), "DATE", str(year), s, e, "year", True, "fiscal year")
    year = _full_year(m["y"])
    if m["h"]:
        half = int(m["h"])
        s = dt.date(year, 1 if half == 1 else 7, 1)
        e = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
        return Found(*m.span(), "DATE", f"{year}-H{half}", s, e, "half", True, "half code")
    q = m["q"] or m["q2"]
    words = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
    found = h_quarter(_Fixed(m, q=words[q], half=None, y=str(year)), text, pub)  # type: ignore[arg-type]
    if found is None:
        return None
    found.rule = "quarter code"
    return found


class _Fixed(_Groups):
    def __init__(self, m: re.Match[str], **values: str | None) -> None:
        super().__init__(m)
        self._values = values

    def __getitem__(self, name: str) -> str | None:
        if name in self._values:
            return self._values[name]
        return self._m.group(name)


_CLOCK_LEAD = re.compile(
    r"(?:\b(?:at|by|until|till|from|to|around|about|before|after|since|between|and)\s+)$"
)


def h_clock24(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "at 14:00", "03:42 local time", "22:30 GMT": a 24-hour clock time, when a preposition
    before it or a time zone after it says so (not a score, a ratio or a race time)."""
    if not m["tz"] and not _CLOCK_LEAD.search(text[max(0, m.start() - 9) : m.start()].lower()):
        return None
    return h_time(m, text, pub)


def h_phase_of_unit(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "the end of the month", "the start of the week": that part of the current unit (the
    value is the unit's; TIMEX3 puts the part in MOD)."""
    from explorer.dates.relative import h_relative_unit

    found = h_relative_unit(_Fixed(m, rel="this"), text, pub)  # type: ignore[arg-type]
    if found is None:
        return None
    found.rule = "phase of the current " + m["unit"].lower()
    return found


def h_while(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "for a while", "for quite some time": a stretch of unknown length."""
    return Found(*m.span("x"), "DURATION", "PXX", None, None, None, False, "a while")


def h_calendar_set(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "every July", "each winter": that month or season of every year (a SET)."""
    value = f"XXXX-{_month(m['mon']):02d}" if m["mon"] else f"XXXX-{SEASONS[m['s'].lower()]}"
    return Found(*m.span(), "SET", value, None, None, None, False, "every month or season")


def h_day_first(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "15/03/2016" (a first number above 12 is the day), "15.03.2016": day, month, year."""
    day, month, year = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
    d = make_date(int(year), int(month), int(day))
    return None if d is None else day_found(m, "numeric date d/m/y", d)


def h_nth_day(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "on the 13th": that day of the publication month, or of the month before when it is
    still to come (the next one when the clause speaks of the future)."""
    day = int(m["d"])
    s, e = m.span("x")
    if pub is None:
        return Found(s, e, "DATE", f"XXXX-XX-{day:02d}", None, None, "day", False, "the nth")
    options = []
    for step in (-1, 0, 1):
        y, mo = shift_months(pub.year, pub.month, step)
        d = make_date(y, mo, day)
        if d is not None:
            options.append(d)
    if clause_tense(text, s, e) == "future":
        chosen = [d for d in options if d >= pub][:1]
    else:
        chosen = [d for d in options if d <= pub][-1:]
    if not chosen:
        return None
    d = chosen[0]
    return Found(s, e, "DATE", d.isoformat(), d, d, "day", True, "the nth")

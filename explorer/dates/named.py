"""Named days and spelled-out times: holidays, spelled years ("nineteen ninety-six"), centuries,
"the nineties", "the year", "year-end", "midday", "the near future"."""

from __future__ import annotations

import datetime as dt
import re

from explorer.dates.context import clause_tense
from explorer.dates.lexicon import MONTHS, NUMBERS, SEASONS
from explorer.dates.timex import (
    Found,
    month_interval,
    season_interval,
    week_interval,
    week_value,
    year_interval,
)

__all__ = [
    "h_century",
    "h_holiday",
    "h_midday",
    "h_near_future",
    "h_spelled_decade",
    "h_spelled_year",
    "h_the_year",
    "h_year_end",
]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 for the last) given weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = month_interval(year, month)[1]
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday(name: str, year: int) -> dt.date:
    if name.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if name.startswith("christmas eve"):
        return dt.date(year, 12, 24)
    if name.startswith("christmas"):
        return dt.date(year, 12, 25)
    if name.startswith("new year's eve"):
        return dt.date(year, 12, 31)
    if name.startswith("new year"):
        return dt.date(year, 1, 1)
    if name.startswith("independence"):
        return dt.date(year, 7, 4)
    if name.startswith("halloween"):
        return dt.date(year, 10, 31)
    if name.startswith("valentine"):
        return dt.date(year, 2, 14)
    if name.startswith("labor"):
        return _nth_weekday(year, 9, 0, 1)
    if name.startswith("memorial"):
        return _nth_weekday(year, 5, 0, -1)
    if name.startswith("election"):  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    return _easter(year)


def h_holiday(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """Thanksgiving, Christmas, New Year's Day, Easter, Election Day, ...: the occurrence chosen
    like a month's ("last Thanksgiving", tense, else the nearest to the publication date)."""
    name = m["h"].lower()
    week = name.endswith("week")
    rel = (m["rel"] or "").lower()
    if pub is None:
        value = "XXXX-WXX" if week else "XXXX-XX-XX"
        return Found(*m.span(), "DATE", value, None, None, "week" if week else "day", False,
                     "holiday")  # fmt: skip
    options = [_holiday(name, y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    when = {"last": "past", "next": "future", "this": None}.get(rel) or clause_tense(
        text, m.start(), m.end()
    )
    if when == "past" and (rel == "last" or not any(0 < (o - pub).days <= 60 for o in options)):
        d = max(o for o in options if o <= pub)
    elif when == "future":
        d = min(o for o in options if o >= pub)
    else:  # no tense, or a past clause with the next one only weeks ahead
        d = min(options, key=lambda o: abs((o - pub).days))
    if week:
        s, e = week_interval(d)
        return Found(*m.span(), "DATE", week_value(d), s, e, "week", True, "holiday week")
    return Found(*m.span(), "DATE", d.isoformat(), d, d, "day", True, "holiday")


_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9}  # fmt: skip


def spelled_number(words: str) -> int | None:
    """0-99 from "ninety-six", "eighty", "twelve", "oh five" (None if not such a number)."""
    parts = [p for p in re.split(r"[\s-]+", words.lower()) if p]
    if parts and parts[0] in ("oh", "o"):
        return _ONES.get(parts[1]) if len(parts) == 2 else None
    if len(parts) == 1:
        n = NUMBERS.get(parts[0])
        return n if n is not None and 0 < n < 100 else None
    if len(parts) == 2 and NUMBERS.get(parts[0], 0) >= 20 and parts[1] in _ONES:
        return NUMBERS[parts[0]] + _ONES[parts[1]]
    return None


def h_spelled_year(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "nineteen ninety-six", "the year two thousand", "January nineteen ninety-seven", "the
    summer of nineteen eighty-two"."""
    if m["millennium"]:
        year = 2000 + (_ONES.get((m["unit"] or "").lower(), 0))
    else:
        rest = spelled_number(m["rest"])
        if rest is None:
            return None
        year = (1900 if m["century"].lower() == "nineteen" else 2000) + rest
    if m["mon"]:
        month = MONTHS[m["mon"].lower()]
        s, e = month_interval(year, month)
        return Found(*m.span(), "DATE", f"{year}-{month:02d}", s, e, "month", True,
                     "month and spelled year")  # fmt: skip
    if m["season"]:
        code = SEASONS[m["season"].lower()]
        s, e = season_interval(year, code)
        return Found(*m.span(), "DATE", f"{year}-{code}", s, e, "season", True,
                     "season and spelled year")  # fmt: skip
    s, e = year_interval(year)
    return Found(*m.span(), "DATE", str(year), s, e, "year", True, "spelled year")


_DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
            "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip


def h_spelled_decade(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "the nineties": the decade of the publication century (the 1900s before 2000)."""
    tens = _DECADES[m["d"].lower()]
    century = 19 if pub is None or pub.year < 2030 else pub.year // 100
    start = century * 100 + tens * 10
    return Found(*m.span(), "DATE", str(start // 10), dt.date(start, 1, 1),
                 dt.date(start + 9, 12, 31), "decade", True, "spelled decade")  # fmt: skip


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
                  "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                  "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "twenty-first": 21}  # fmt: skip


def h_century(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "the 20th century" -> ``19``; "this century" -> ``P100Y`` (the corpora's convention)."""
    if m["this"]:
        return Found(*m.span(), "DURATION", "P100Y", None, None, None, False, "this century")
    word = m["n"].lower()
    n = _ORDINAL_WORDS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= n <= 30:
        return None
    start = (n - 1) * 100
    return Found(*m.span(), "DATE", f"{n - 1:02d}", dt.date(max(start, 1), 1, 1),
                 dt.date(start + 99, 12, 31), "century", True, "century")  # fmt: skip


def h_the_year(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "the year ended June 30" is a stretch of a year (``P1Y``); "the year", "the full year"
    otherwise the publication year."""
    if m["ended"]:
        return Found(*m.span("x"), "DURATION", "P1Y", None, None, None, False, "the year ended")
    if pub is None:
        return Found(*m.span("x"), "DATE", "XXXX", None, None, "year", False, "the year")
    s, e = year_interval(pub.year)
    return Found(*m.span("x"), "DATE", str(pub.year), s, e, "year", True, "the year")


def h_year_end(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "by year-end", "the end of the year": the publication year ("since year-end": the one
    before)."""
    if pub is None:
        return Found(*m.span("x"), "DATE", "XXXX", None, None, "year", False, "year-end")
    year = pub.year - 1 if (m["since"] and pub.month < 12) else pub.year
    s, e = year_interval(year)
    return Found(*m.span("x"), "DATE", str(year), s, e, "year", True, "year-end")


def h_midday(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    if pub is None:
        return Found(*m.span(), "TIME", "XXXX-XX-XXT12:00", None, None, "time", False, "midday")
    return Found(*m.span(), "TIME", f"{pub.isoformat()}T12:00", pub, pub, "time", True, "midday")


def h_near_future(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    return Found(*m.span(), "DATE", "FUTURE_REF", None, None, None, False, "near future")

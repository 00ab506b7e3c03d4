"""The rule layer: regular expressions for news temporal expressions and their normalisation.

Each rule is a compiled pattern and a function that turns a match into a :class:`Found` (span,
type, value, interval, granularity) given the publication date (or ``None``). The tagger runs
every rule, then keeps the longest non-overlapping matches (see :func:`explorer.dates.find_dates`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from explorer.dates.context import is_future, tense
from explorer.dates.lexicon import MONTHS, NUMBERS, ORDINALS, SEASONS, UNITS, WEEKDAYS
from explorer.dates.timex import (
    month_interval,
    quarter_interval,
    season_interval,
    shift_months,
    week_interval,
    week_value,
    year_interval,
)

__all__ = ["RULES", "Found", "Rule"]


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    type: str
    value: str
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str | None
    anchored: bool
    rule: str


Handler = Callable[[re.Match[str], str, dt.date | None], "Found | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handle: Handler
    group: str | int = 0  # the group whose span is the expression
    # A cheap pattern that every match contains, and how far before and after it a match may
    # reach: the full pattern only runs in windows around anchor hits (several times faster).
    anchor: re.Pattern[str] | None = None
    back: int = 0
    forward: int = 0


# --- building blocks -------------------------------------------------------------------------
MONTH_ABBR = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|\d+(?:\.\d+)?|a couple of|couple of|a few|a dozen|dozens of|hundreds of|an?|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|few|several|many|some)"
)
UNIT = r"(?:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century)"
UNITS_PLURAL = (
    r"(?:seconds|minutes|hours|days|nights|weeks|weekends|months|quarters|years|decades|centuries)"
)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else
                  word.lower().rstrip(".")[:3] if len(word.rstrip(".")) > 3 else
                  word.lower().rstrip(".")]  # fmt: skip


def _day(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _number(word: str) -> int:
    w = word.lower()
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS and NUMBERS[parts[0]] >= 20:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    if w in NUMBERS:
        return NUMBERS[w]
    try:
        return int(float(w))
    except ValueError:
        return -1


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day_found(m: re.Match[str], rule: str, d: dt.date | None, span: tuple[int, int] | None = None,
               unanchored: str = "XXXX-XX-XX") -> Found:  # fmt: skip
    s, e = span or m.span()
    if d is None:
        return Found(s, e, "DATE", unanchored, None, None, "day", False, rule)
    return Found(s, e, "DATE", d.isoformat(), d, d, "day", True, rule)


def _year_for_month(
    text: str, m: re.Match[str], month: int, published: dt.date, day: int = 15
) -> int:
    """Year of a month (and day) named without one: the next occurrence when the clause speaks
    of the future, else the occurrence nearest the publication date."""
    when = tense(text, m.start(), m.end())
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        d = _date(year, month, min(day, 28))
        if d is not None:
            options.append((year, d))
    today = published.replace(day=min(published.day, 28))
    if when == "future":
        upcoming = [y for y, d in options if d >= today]
        if upcoming:
            return upcoming[0]
    if when == "past":
        # a past clause reaches back to the latest such month, unless it is only weeks ahead
        earlier = [(y, d) for y, d in options if d <= today]
        later = [(y, d) for y, d in options if d > today]
        if earlier and not (later and (later[0][1] - today).days <= 60):
            return earlier[-1][0]
    return min(options, key=lambda o: abs((o[1] - published).days))[0]


# --- handlers --------------------------------------------------------------------------------
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
    elif tense(text, m.start(), m.end()) == "future":
        d = pub + dt.timedelta(days=delta)
    else:
        d = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    if part:
        # TimeML corpora mostly annotate "Wednesday night" as the DATE of that day
        return Found(*span, "DATE", d.isoformat(), d, d, "day", True, "weekday and part of day")
    return Found(*span, "DATE", d.isoformat(), d, d, "day", True, f"weekday ({rel or 'tense'})")


_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


def h_deictic_day(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    word = m["w"].lower()
    part = (m["part"] or "").lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    if word == "tonight":
        part = "night"
    if pub is None:
        value = {"today": "PRESENT_REF"}.get(word, "XXXX-XX-XX")
        return Found(*m.span(), "DATE", value, None, None, "day", False, word)
    d = pub + dt.timedelta(days=offset)
    if part:
        return Found(*m.span(), "DATE", d.isoformat(), d, d, "day", True, f"{word} {part}")
    return Found(*m.span(), "DATE", d.isoformat(), d, d, "day", True, word)


def h_relative_unit(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0,
            "current": 0}[rel]  # fmt: skip
    if rel == "past" and unit not in ("week", "weekend"):
        # "the past year" is a stretch of time, not a calendar year
        code = UNITS[unit][0]
        return Found(*m.span(), "DURATION", f"P1{code}", None, None, None, False, "the past unit")
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
        s, e = season_interval(y, code)
        return Found(*m.span(), "DATE", f"{y}-{code}", s, e, "season", True, f"{rel} season")
    return None


def h_duration(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    n = _number(m["n"]) if m["n"] else -1
    x0 = m.span("x")[0]
    if (m["n"] or "").lower() in ("a", "an", "the", "one"):
        if m["unit"].lower() == "second":
            return None  # "a second round": the ordinal
        if re.search(r"(?:\d|%|\$|percent|times|twice|once)\s*$", text[max(0, x0 - 14) : x0]):
            return None  # "$5 a year", "twice a day": a rate
    if m["unit"].lower().startswith("quarter") and text[x0 : m.end()].count("-"):
        return None  # "three-quarters": a fraction
    unit = m["unit"].lower()
    if unit.endswith("ies"):
        unit = unit[:-3] + "y"
    unit = unit.rstrip("s") if unit not in UNITS else unit
    if unit not in UNITS:
        return None
    code, is_time = UNITS[unit]
    amount = "X" if n < 0 else str(n)
    if code == "WE":  # a weekend lasts two days
        code, amount = "D", ("X" if n < 0 else str(2 * n))
    if code == "DE":
        code, amount = "Y", ("X" if n < 0 else str(n * 10))
    if code == "CE":
        code, amount = "Y", ("X" if n < 0 else str(n * 100))
    value = f"PT{amount}{code}" if is_time else f"P{amount}{code}"
    return Found(*m.span("x"), "DURATION", value, None, None, None, False, "duration")


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
        future = is_future(text, m.start(), m.end())
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
        if not rel and is_future(text, m.start(), m.end()) is False:
            start, _ = season_interval(pub.year, code)
            year = pub.year if start <= pub else pub.year - 1
    s, e = season_interval(year, code)
    return Found(*m.span("x"), "DATE", f"{year}-{code}", s, e, "season", True, "season")


def h_decade(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    if m["full"]:
        prefix = m["full"][:3]
    else:
        prefix = ("19" if int(m["short"]) >= 2 else "20") + m["short"]
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
    if _NOT_AFTER_YEAR.match(after) or before.endswith(("$", "#", "No", ",")) or (after[:1] in (
        ",", ".") and after[1:2].isdigit()):  # fmt: skip
        return None
    year = int(m["y"])
    s, e = year_interval(year)
    return Found(*m.span("x"), "DATE", str(year), s, e, "year", True, "year")


def h_time(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    word = m.group(0).lower()
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


def h_ref(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    word = m.group(0).lower()
    if word in ("recently", "lately", "the past", "in the past", "once", "formerly", "previously"):
        value = "PAST_REF"
    elif word in ("the future", "in the future", "soon", "future"):
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    s, e = m.span()
    if word.startswith("in the "):
        s += 3
    if value == "PRESENT_REF" and pub is not None:
        return Found(s, e, "DATE", value, pub, pub, "day", True, "present reference")
    return Found(s, e, "DATE", value, None, None, None, False, f"{value.lower()} reference")


def h_set(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    word = m.group(0).lower()
    table = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
             "annually": "P1Y", "yearly": "P1Y", "nightly": "P1D", "hourly": "PT1H"}  # fmt: skip
    if word in table:
        if re.match(r"\s+[a-z]", text[m.end() : m.end() + 3]):
            return None  # "quarterly dividend": an adjective, not a time expression
        value = table[word]
    else:
        unit = m["unit"].lower()
        code, is_time = UNITS[unit]
        value = f"PT1{code}" if is_time else f"P1{code}"
    return Found(*m.span(), "SET", value, None, None, None, False, "set")


def h_number_unit(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    direction = (m["dir"] or "").lower()
    prefixed = m.span("x")[0] != m.span("n")[0]
    if direction == "ago" and not prefixed:
        return h_ago(m, text, pub)
    if direction in ("earlier", "later", "before", "after") and not prefixed:
        after = text[m.end() : m.end() + 12]
        if not re.match(r"\s+(?:th|[a-z]+ing\b)", after):
            return h_relative_offset(m, text, pub)
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


def h_weekday_set(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    wd = WEEKDAYS[m["wd"].lower().rstrip("s")] + 1
    part = (m["part"] or "").lower().rstrip("s")
    suffix = f"T{_PARTS[part]}" if part in _PARTS else ""
    return Found(*m.span(), "SET", f"XXXX-WXX-{wd}{suffix}", None, None, None, False,
                 "every weekday")  # fmt: skip


def h_time_on_day(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "10 p.m. Wednesday", "noon Thursday", "3 p.m. yesterday"."""
    clock = h_time(_Sub(m, "clock"), text, pub)  # type: ignore[arg-type]
    if clock is None:
        return None
    day_word = m["day"].lower()
    if pub is None:
        day = None
    elif day_word in ("yesterday", "today", "tomorrow", "tonight"):
        day = pub + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(day_word, 0))
    else:
        wd = WEEKDAYS[day_word]
        if wd == pub.weekday():
            day = pub
        elif tense(text, m.start(), m.end()) == "future":
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
    future = tense(text, m.start(), m.end()) == "future"
    d = (
        pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
        if future
        else pub
        - dt.timedelta(days=(pub.weekday() - 5) % 7 if pub.weekday() >= 5 else pub.weekday() + 2)
    )
    s, e = week_interval(d)
    return Found(*m.span(), "DATE", f"{week_value(d)}-WE", s + dt.timedelta(days=5), e, "week",
                 True, "the weekend")  # fmt: skip


def h_recent(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    return Found(*m.span(), "DATE", "PAST_REF", None, None, None, False, "recent units")


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


def _c(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_REL = r"(?P<rel>last|next|this|past|coming|previous|current)"
RULES: list[Rule] = [
    Rule("iso", _c(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), h_iso),
    Rule("numeric", _c(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d{2})\b"), h_numeric, anchor=_c(r"/"), back=5, forward=6),
    Rule("month day year", _c(rf"\b(?P<mon>{MONTH_ABBR})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b"), h_month_day_year),
    Rule("day month year", _c(rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH_ABBR}),?\s+(?P<y>{YEAR})\b"), h_month_day_year),
    Rule("month day", _c(rf"\b(?P<mon>{MONTH_ABBR})\s+(?P<d>{DAY})\b(?![,.]?\d|\s*(?:%|percent|million|billion))"), h_month_day),
    Rule("day month", _c(rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH_FULL})\b"), h_month_day),
    Rule("month rel year", _c(rf"\b(?P<mon>{MONTH_FULL})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b"), h_month_rel_year),
    Rule("month year", _c(rf"\b(?P<mon>{MONTH_ABBR}),?\s+(?:of\s+)?(?P<y>{YEAR})\b"), h_month_year),
    Rule("month", _c(
        r"\b(?:(?:in|In|since|Since|by|By|until|Until|through|from|From|to|of|before|after|during|between|and|or|late|Late|early|Early|end|start|beginning)\s+|mid-)"
        rf"(?P<x>(?:(?P<rel>last|next|this)\s+)?(?P<mon>{MONTH_FULL}))\b"
        rf"|(?P<x2>(?P<rel2>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<mon2>{MONTH_FULL}))\b"
        r"|\b(?P<x3>(?P<mon3>January|February|April|June|July|August|September|October|November|December))\b(?!\s+\d)"
    ), lambda m, t, p: h_month(_normalise_month_match(m), t, p), anchor=_c(r"January|February|March|April|May|June|July|August|September|October|November|December"), back=25, forward=2),
    Rule("weekday", _c(
        rf"(?P<x>(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming|[Pp]revious)\s+)?(?P<wd>{WEEKDAY}|{WEEKDAY.upper()})"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?)\b"
    ), h_weekday, anchor=_c(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun|MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)(?:day|DAY)"), back=12, forward=12),
    Rule("deictic", _c(r"\b(?P<w>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>morning|afternoon|evening|night))?\b", re.IGNORECASE), h_deictic_day, anchor=_c(r"(?:[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|TODAY|YESTERDAY)"), back=1, forward=12),
    Rule("relative unit", _c(rf"\b(?:(?:earlier|later)\s+)?(?:the\s+)?{_REL}\s+(?P<unit>week|weekend|month|quarter|year|spring|summer|fall|autumn|winter)\b", re.IGNORECASE), h_relative_unit, anchor=_c(r"(?:[Ww]eek|[Mm]onth|[Qq]uarter|[Yy]ear|[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)"), back=40, forward=2),
    Rule("weekday set", _c(rf"\b(?:(?:every|each)\s+(?P<wd>{WEEKDAY})|(?P<wd2>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))(?:\s+(?P<part>mornings?|afternoons?|evenings?|nights?))?\b"), lambda m, t, p: h_weekday_set(_WdSet(m), t, p)),  # type: ignore[arg-type]
    Rule("time on day", _c(rf"\b(?P<clock>(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight)\s+(?:on\s+)?(?P<day>{WEEKDAY}|yesterday|today|tomorrow|tonight)\b", re.IGNORECASE), h_time_on_day, anchor=_c(r"(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[Nn]oon|[Mm]idnight)"), back=10, forward=30),
    Rule("year earlier", _c(r"\b(?:[Tt]he\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?\b|\b[Tt]he\s+latest\s+period\b"), h_year_earlier),
    Rule("the quarter", _c(r"\b[Tt]he\s+(?:latest\s+|most\s+recent\s+|recent\s+|just-ended\s+|fiscal\s+)?quarter\b(?![-\s](?:century|mile|of\s+(?:a|an|the)\b))"), h_anaphoric_quarter),
    Rule("the weekend", _c(r"\b[Tt]he\s+weekend\b"), h_weekend),
    Rule("recent units", _c(r"\brecent\s+(?:years|months|weeks|days|decades)\b", re.IGNORECASE), h_recent, anchor=_c(r"[Rr]ecent|RECENT"), back=2, forward=12),
    Rule("number and unit", _c(
        rf"(?P<x>\b(?:the\s+(?:past|last|next|first|coming|previous)\s+)?(?P<n>{NUMWORD})[\s-]+(?:(?:more|full|straight|consecutive|long|additional|further)\s+)?(?P<unit>{UNIT}s?)\b)(?:\s+(?P<dir>ago|earlier|later|before|after)\b)?(?!-old|\s+old)",
        re.IGNORECASE), h_number_unit, anchor=_c(r"(?:[Ss]econd|[Mm]inute|[Hh]our|[Dd]ay|[Nn]ight|[Ww]eek|[Mm]onth|[Qq]uarter|[Yy]ear|[Dd]ecade|[Cc]entur)"), back=70, forward=30),
    Rule("bare duration", _c(rf"(?:\b(?:for|over|in|within|lasting)\s+)(?P<x>(?P<n>)(?P<unit>{UNITS_PLURAL}))\b(?!\s+ago)", re.IGNORECASE), h_duration, anchor=_c(r"(?:[Ss]econd|[Mm]inute|[Hh]our|[Dd]ay|[Nn]ight|[Ww]eek|[Mm]onth|[Qq]uarter|[Yy]ear|[Dd]ecade|[Cc]enturie)s"), back=12, forward=3),
    Rule("quarter", _c(rf"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:(?P<quarter>quarter)|(?P<half>half))(?:\s+of\s+(?P<y>{YEAR}))?\b", re.IGNORECASE), h_quarter, anchor=_c(r"(?:[Qq]uarter|[Hh]alf)"), back=25, forward=20),
    Rule("season", _c(rf"(?P<x>(?:\b(?P<rel>last|next|this|the)\s+)(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}))?)\b", re.IGNORECASE), h_season, anchor=_c(r"(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter|SPRING|SUMMER|FALL|AUTUMN|WINTER)"), back=8, forward=12),
    Rule("decade", _c(r"(?P<x>\b(?:the\s+)?(?:(?:early|late|mid)[\s-])?(?:(?P<full>(?:19|20)\d0)s|'(?P<short>\d)0s))\b"), h_decade, anchor=_c(r"0s\b"), back=22, forward=2),
    Rule("year", _c(rf"(?P<x>\b(?:fiscal\s+)?(?P<y>{YEAR}))\b(?!-\d|\.\d|,\d)"), h_year, anchor=_c(r"(?:1[89]|20)\d\d"), back=8, forward=2),
    Rule("time", _c(r"\b(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight)", re.IGNORECASE), h_time, anchor=_c(r"(?i:a\.m\.|p\.m\.|am\b|pm\b|noon|midnight)"), back=10, forward=6),
    Rule("reference", _c(r"\b(?:now|currently|nowadays|at present|these days|recently|lately|in the past|the past(?!\s+\w+\s+(?:days|weeks|months|years))|in the future|the future|formerly)\b", re.IGNORECASE), h_ref, anchor=_c(r"(?:[Nn]ow|NOW|[Cc]urrently|[Pp]resent|[Tt]hese days|[Rr]ecently|[Ll]ately|[Pp]ast|[Ff]uture|[Ff]ormerly)"), back=8, forward=2),
    Rule("set", _c(rf"\b(?:daily|weekly|monthly|quarterly|annually|yearly|nightly|hourly|(?:every|each|per)\s+(?P<unit>{UNIT}))\b", re.IGNORECASE), h_set, anchor=_c(r"(?:[Dd]aily|[Ww]eekly|[Mm]onthly|[Qq]uarterly|[Aa]nnually|[Yy]early|[Nn]ightly|[Hh]ourly|[Ee]very|[Ee]ach|[Pp]er)\b"), back=1, forward=12),
]  # fmt: skip


class _WdSet:
    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, name: str) -> str | None:
        if name == "wd":
            return self._m.group("wd") or self._m.group("wd2")
        return self._m.group(name)

    def span(self, name: str | int = 0) -> tuple[int, int]:
        return self._m.span()


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


def _normalise_month_match(m: re.Match[str]) -> re.Match[str]:
    return _MonthMatch(m)  # type: ignore[return-value]

"""Durations, sets and vague references (PRESENT_REF, PAST_REF, FUTURE_REF)."""

from __future__ import annotations

import datetime as dt
import re

from explorer.dates.lexicon import UNITS, WEEKDAYS
from explorer.dates.lexicon import number_value as _number
from explorer.dates.timex import Found

PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


def h_duration(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    n = _number(m["n"]) if m["n"] else -1
    x0 = m.span("x")[0]
    if (m["n"] or "").lower() in ("a", "an", "the", "one"):
        if m["unit"].lower() == "second":
            return None  # "a second round": the ordinal
        if re.search(r"(?:\d|%|\$|percent|times|twice|once)\s*$", text[max(0, x0 - 14) : x0]):
            return None  # "$5 a year", "twice a day": a rate
    if (m["n"] or "").lower() in ("a", "an", "one") and m["unit"].lower().endswith("s"):
        return None  # "a decades-long feud": not an amount of decades
    if m["unit"].lower().startswith("quarter") and text[x0 : m.end()].count("-"):
        return None  # "three-quarters": a fraction
    u0 = m.span("unit")[0]
    if (m["n"] or "")[:1].isdigit() and text[u0].isupper() and text[u0 + 1 : u0 + 2].islower():
        return None  # "60 Minutes", "24 Hours": a title
    unit = m["unit"].lower()
    if unit.endswith("ies"):
        unit = unit[:-3] + "y"
    unit = unit.rstrip("s") if unit not in UNITS else unit
    if unit not in UNITS:
        return None
    code, is_time = UNITS[unit]
    if text[max(0, x0 - 8) : x0].lower() == "each of ":
        # "each of the past three years": every year of them (TimeML: a SET)
        value = f"PT1{code}" if is_time else f"P1{code}"
        return Found(x0 - 8, m.span("x")[1], "SET", value, None, None, None, False, "each of")
    groups = m.groupdict()
    if n >= 0 and (groups.get("half") or groups.get("half2")):
        value = _with_half(n, code, is_time)
        return Found(*m.span("x"), "DURATION", value, None, None, None, False, "duration")
    amount = "X" if n < 0 else str(n)
    if code == "WE":  # a weekend lasts two days
        code, amount = "D", ("X" if n < 0 else str(2 * n))
    if code == "DE":
        code, amount = "Y", ("X" if n < 0 else str(n * 10))
    if code == "CE":
        code, amount = "Y", ("X" if n < 0 else str(n * 100))
    value = f"PT{amount}{code}" if is_time else f"P{amount}{code}"
    return Found(*m.span("x"), "DURATION", value, None, None, None, False, "duration")


# half of a unit in the next smaller one: "2 1/2 years" P2Y6M, "an hour and a half" PT1H30M
_HALVES = {"Y": "6M", "D": "T12H", "H": "30M", "M": "30S", "DE": "5Y", "CE": "50Y"}


def _with_half(n: int, code: str, is_time: bool) -> str:
    if is_time:
        return f"PT{n}{code}{_HALVES[code]}" if code in ("H", "M") else f"PT{n}.5{code}"
    if code in ("DE", "CE"):
        return f"P{n * (10 if code == 'DE' else 100) + int(_HALVES[code][:-1])}Y"
    if code in _HALVES:
        return f"P{n}{code}{_HALVES[code]}"
    return f"P{n}.5{code}"  # weeks, months, quarters: a decimal fraction (ISO 8601)


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
        # TimeML annotates "daily life" and "weekly address", not "quarterly dividend"
        if word in ("quarterly", "monthly", "yearly") and re.match(
            r"\s+[a-z]", text[m.end() : m.end() + 3]
        ):
            return None
        value = table[word]
    else:
        unit = m["unit"].lower()
        code, is_time = UNITS[unit]
        value = f"PT1{code}" if is_time else f"P1{code}"
    return Found(*m.span(), "SET", value, None, None, None, False, "set")


def h_weekday_set(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    wd = WEEKDAYS[m["wd"].lower().rstrip("s")] + 1
    part = (m["part"] or "").lower().rstrip("s")
    suffix = f"T{PARTS[part]}" if part in PARTS else ""
    return Found(*m.span(), "SET", f"XXXX-WXX-{wd}{suffix}", None, None, None, False,
                 "every weekday")  # fmt: skip


def h_recent(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "recent years", "coming months": a stretch of unknown length (``PXY``, ``PXM``)."""
    unit = m["unit"].lower()
    unit = unit[:-3] + "y" if unit.endswith("ies") else unit.rstrip("s")
    code, is_time = UNITS[unit]
    if code == "DE":
        code = "DE"
    value = f"PTX{code}" if is_time else f"PX{code}"
    return Found(*m.span(), "DURATION", value, None, None, None, False, "recent units")


class WdSet:
    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, name: str) -> str | None:
        if name == "wd":
            return self._m.group("wd") or self._m.group("wd2") or self._m.group("wd3")
        if name == "part":
            return self._m.group("part") or self._m.group("part3")
        return self._m.group(name)

    def span(self, name: str | int = 0) -> tuple[int, int]:
        return self._m.span()

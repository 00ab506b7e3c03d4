"""Passes over the whole document after the rules: what one expression says about another."""

from __future__ import annotations

import datetime as dt
import re

from explorer.dates.context import sentence_bounds
from explorer.dates.timex import (
    Found,
    month_interval,
    quarter_interval,
    shift_months,
    week_interval,
    week_value,
    year_interval,
)

__all__ = ["ANAPHORA", "anchor_clock_times", "h_anaphora", "resolve_anaphora", "widen_modifiers"]

_REACH = 60  # characters between a clock time and the day that dates it


def anchor_clock_times(text: str, kept: list[Found]) -> list[Found]:
    """A clock time without a day ("at 10:35 a.m.") takes the day of the nearest day-granular
    date in its sentence ("... (0735 GMT) Friday", "On Tuesday, ... at 9 a.m."), instead of the
    publication day."""
    out = kept
    for i, f in enumerate(kept):
        if f.rule != "clock time" or not f.anchored:
            continue
        lo, hi = sentence_bounds(text, f.start, f.end)
        best: tuple[int, Found] | None = None
        for g in kept:
            if g is f or g.granularity != "day" or not g.anchored or g.start_date is None:
                continue
            if g.start < lo or g.end > hi:
                continue
            gap = g.start - f.end if g.start >= f.end else f.start - g.end
            if gap <= _REACH and (best is None or gap < best[0]):
                best = (gap, g)
        if best is None:
            continue
        day = best[1].start_date
        assert day is not None
        clock = f.value.split("T", 1)[1]
        if out is kept:
            out = list(kept)
        out[i] = Found(f.start, f.end, "TIME", f"{day.isoformat()}T{clock}", day, day, "time", True,
                       "clock time, day from the sentence")  # fmt: skip
    return out


ANAPHORA = (
    r"\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?[Tt]hat\s+(?:same\s+)?"
    r"(?P<u1>day|week|month|year|quarter|morning|afternoon|evening|night)\b"
    r"|\b[Tt]he\s+(?P<rel>following|same)\s+"
    r"(?P<u2>day|morning|afternoon|evening|night|week|month|year|quarter)\b"
    r"|\b[Tt]he\s+(?P<rel3>next|previous|prior)\s+(?P<u3>day|morning|afternoon|evening|night)\b"
)
_PART_OF_DAY = ("morning", "afternoon", "evening", "night")
# the granularities a reference may have to date each unit
_REFERENCE_GRAIN = {
    "day": ("day", "time"),
    "week": ("day", "time", "week"),
    "month": ("day", "time", "week", "month"),
    "quarter": ("day", "time", "month", "quarter"),
    "year": ("day", "time", "week", "month", "quarter", "season", "half", "year"),
}
_PENDING = "pending anaphora"


def h_anaphora(m: re.Match[str], text: str, pub: dt.date | None) -> Found | None:
    """ "that year", "later that day", "the following month", "the next morning": a placeholder
    that :func:`resolve_anaphora` dates once all expressions of the text are known."""
    unit = m["u1"] or m["u2"] or m["u3"]
    unit = "day" if unit in _PART_OF_DAY else unit
    rel = m["rel"] or m["rel3"] or ""
    step = {"following": 1, "next": 1, "previous": -1, "prior": -1}.get(rel, 0)
    return Found(*m.span(), "DATE", "", None, None, unit, False, f"{_PENDING} {step}")


def resolve_anaphora(text: str, kept: list[Found]) -> list[Found]:
    """Anaphoric expressions are dated from the latest date before them that is precise enough
    (TimeML's reference time), not from the publication date. Without such a date they are left
    out: their value cannot be known."""
    if not any(f.rule.startswith(_PENDING) for f in kept):
        return kept
    out: list[Found] = []
    for f in kept:
        if not f.rule.startswith(_PENDING):
            out.append(f)
            continue
        unit = f.granularity or "day"
        ref = _reference(out, _REFERENCE_GRAIN[unit])
        if ref is not None and ref.start_date is not None:
            step = int(f.rule.rsplit(" ", 1)[1])
            out.append(_shifted(f.start, f.end, ref.start_date, unit, step))
    return out


def _reference(before: list[Found], grains: tuple[str, ...]) -> Found | None:
    for f in reversed(before):
        if f.anchored and f.granularity in grains and "reference" not in f.rule:
            return f
    return None


def _shifted(s: int, e: int, day: dt.date, unit: str, step: int) -> Found:
    rule = "anaphoric " + unit
    if unit == "day":
        d = day + dt.timedelta(days=step)
        return Found(s, e, "DATE", d.isoformat(), d, d, "day", True, rule)
    if unit == "week":
        d = day + dt.timedelta(weeks=step)
        ws, we = week_interval(d)
        return Found(s, e, "DATE", week_value(d), ws, we, "week", True, rule)
    if unit == "month":
        y, mo = shift_months(day.year, day.month, step)
        ms, me = month_interval(y, mo)
        return Found(s, e, "DATE", f"{y}-{mo:02d}", ms, me, "month", True, rule)
    if unit == "quarter":
        q = (day.year * 4 + (day.month - 1) // 3) + step
        y, q = divmod(q, 4)
        qs, qe = quarter_interval(y, q + 1)
        return Found(s, e, "DATE", f"{y}-Q{q + 1}", qs, qe, "quarter", True, rule)
    y = day.year + step
    ys, ye = year_interval(y)
    return Found(s, e, "DATE", str(y), ys, ye, "year", True, rule)


_QUANTIFIER = re.compile(
    r"(?:nearly|almost|about|around|approximately|roughly|some|(?:more|less|fewer)\s+than|"
    r"no\s+(?:more|less)\s+than|at\s+(?:least|most)|up\s+to|over|under)\s+$",
    re.IGNORECASE,
)
_PHASE = re.compile(
    r"(?:(?:early|late|mid)[\s-]|the\s+(?:end|beginning|start|middle)\s+of\s+)$", re.IGNORECASE
)
_PHASED = ("day", "week", "month", "quarter", "year")


def widen_modifiers(text: str, kept: list[Found]) -> list[Found]:
    """TIMEX3 spans keep the modifiers of an expression (those of its MOD attribute: APPROX,
    LESS_THAN, MORE_THAN, START, MID, END): "nearly two years (ago)", "more than four hours", "late
    November", "mid-1996", "the end of this week". The value stays that of the expression."""
    out: list[Found] = []
    floor = 0
    for f in kept:
        before = text[max(floor, f.start - 24) : f.start]
        m = None
        if f.type == "DURATION" or f.rule.startswith("ago"):
            m = _QUANTIFIER.search(before)
            if m is not None and text.startswith(("the ", "The "), f.start):
                m = None if m.group().lower().strip() in ("over", "under", "some") else m
        elif f.type == "DATE" and f.granularity in _PHASED and f.value[:1].isdigit():
            m = _PHASE.search(before)
        if m is not None:
            s = f.start - (len(before) - m.start())
            f = Found(s, f.end, f.type, f.value, f.start_date, f.end_date, f.granularity,
                      f.anchored, f.rule)  # fmt: skip
        out.append(f)
        floor = f.end
    return out

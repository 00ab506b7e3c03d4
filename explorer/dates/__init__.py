"""Temporal tagging for news: find temporal expressions and normalise them (TIMEX3).

>>> import datetime as dt
>>> [(t.text, t.value) for t in find_dates("He said on Tuesday that ...",
...                                          published=dt.date(2015, 12, 2))]
[('Tuesday', '2015-12-01')]

See ``docs/dates.md`` for the rules.
"""

from __future__ import annotations

import datetime as dt

from explorer.dates.rules import RULES, Found, Rule
from explorer.errors import ExplorerError
from explorer.model import TimeMention

__all__ = ["find_dates"]

_PRIORITY = {rule.name: i for i, rule in enumerate(RULES)}


def _windows(text: str, rule: Rule) -> list[tuple[int, int]]:
    assert rule.anchor is not None
    out: list[tuple[int, int]] = []
    n = len(text)
    for a in rule.anchor.finditer(text):
        lo = max(0, a.start() - rule.back)
        hi = min(n, a.end() + rule.forward)
        while hi < n and not text[hi].isspace():  # never cut a word at the window's end
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _candidates(text: str, published: dt.date | None) -> list[Found]:
    found: list[Found] = []
    for rule in RULES:
        if rule.anchor is None:
            matches = list(rule.pattern.finditer(text))
        else:
            matches = [
                m for lo, hi in _windows(text, rule) for m in rule.pattern.finditer(text, lo, hi)
            ]
        for m in matches:
            try:
                f = rule.handle(m, text, published)
            except (KeyError, ValueError, OverflowError):
                f = None
            if f is not None and f.end > f.start:
                found.append(f)
    return found


def find_dates(text: str, *, published: dt.date | None = None) -> list[TimeMention]:
    """Temporal expressions in ``text``, in order, normalised against ``published``.

    Without a publication date, relative expressions come back unanchored (``X`` placeholders in
    the value, no interval); they are never resolved against today's date.
    """
    if not isinstance(text, str):
        raise ExplorerError(f"text must be a string, not {type(text).__name__}")
    if published is not None and isinstance(published, dt.datetime):
        published = published.date()
    found = _candidates(text, published)
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    used = bytearray(len(text) + 1)
    kept: list[Found] = []
    for f in found:
        if any(used[f.start : f.end]):
            continue
        used[f.start : f.end] = b"\x01" * (f.end - f.start)
        kept.append(f)
    kept.sort(key=lambda f: f.start)
    return [
        TimeMention(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            type=f.type,
            value=f.value,
            start_date=f.start_date,
            end_date=f.end_date,
            granularity=f.granularity,
            anchored=f.anchored,
            rule=f.rule,
        )
        for f in kept
    ]

"""Temporal tagging for news: find temporal expressions and normalise them (TIMEX3).

>>> import datetime as dt
>>> [(t.text, t.value) for t in find_dates("He said on Tuesday that ...",
...                                          published=dt.date(2015, 12, 2))]
[('Tuesday', '2015-12-01')]

See ``docs/dates.md`` for the rules.
"""

from __future__ import annotations

import datetime as dt

from explorer.dates.patterns import RULES, Rule, trigger_hits
from explorer.dates.timex import Found
from explorer.errors import ExplorerError
from explorer.model import TimeMention

__all__ = ["find_dates"]


def _windows(text: str, rule: Rule, hits: dict[str, list[int]]) -> list[tuple[int, int]]:
    """Merged windows around the hits of the rule's trigger classes."""
    if len(rule.triggers) == 1:
        starts = hits.get(rule.triggers[0], [])
    else:
        starts = sorted(p for name in rule.triggers for p in hits.get(name, ()))
    out: list[tuple[int, int]] = []
    n = len(text)
    back, forward = rule.back, rule.forward
    for at in starts:
        lo = at - back if at > back else 0
        hi = at + forward
        if hi >= n:
            hi = n
        else:
            while hi < n and not text[hi].isspace():  # never cut a word at the window's end
                hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _candidates(text: str, published: dt.date | None) -> list[Found]:
    hits = trigger_hits(text)
    found: list[Found] = []
    for rule in RULES:
        if not any(name in hits for name in rule.triggers):
            continue
        for lo, hi in _windows(text, rule, hits):
            for m in rule.pattern.finditer(text, lo, hi):
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

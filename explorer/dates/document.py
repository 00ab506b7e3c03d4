"""Passes over the whole document after the rules: what one expression says about another."""

from __future__ import annotations

from explorer.dates.context import sentence_bounds
from explorer.dates.timex import Found

__all__ = ["anchor_clock_times"]

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

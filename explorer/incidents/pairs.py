"""Pair scores of incident reports: are two reports one incident? (used by :mod:`.group`).

An :class:`Item` is the compact record the grouping keeps of a report: its date interval as day
ordinals, its point (with radians and cosine for fast distances), its area, its specifics by
kind and its TF-IDF vector. :func:`score` is the evidence that two items are one incident minus
what is needed (> 0 joins); :func:`conflict` the pairs that never join; :func:`cell_of` and
:func:`neighbours` the place cells of the blocking. The rules are described in
:mod:`explorer.incidents.group` and docs/incidents.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from explorer.incidents.model import IncidentReport

__all__ = [
    "CELL_KM",
    "FAR_KM",
    "FOLLOW_UP_DAYS",
    "MAX_KM",
    "WIDE_DAYS",
    "WINDOW_DAYS",
    "Item",
    "cell_of",
    "conflict",
    "cosine",
    "day_interval",
    "frozen",
    "gap",
    "km_apart",
    "neighbours",
    "score",
]

CELL_KM = 30.0  # place cells; two reports further apart than this are never one incident
MAX_KM = 30.0
FAR_KM = 80.0  # up to this far only with a shared person or address (a wrong town nearby)
WINDOW_DAYS = 7  # reports without a shared name are compared within this many days
FOLLOW_UP_DAYS = 730  # a shared person or address is looked for this far
WIDE_DAYS = 31  # a date interval wider than this is too vague to block on
NARROW_DAYS = 2  # intervals up to this wide are indexed apart from the wider ones
MAX_DAY = dt.date.max
NAME_CAP = 50  # a name shared by more reports than this is not distinctive
GENERIC_MONTHS = 3  # a name found in reports of more months than this is not distinctive
_LINK_CAP = 30
LINK = 0.0  # two groups join when the mean score of the pairs across them is above this
_KM_PER_DEGREE = 111.2
# evidence needed by the gap between two reports' dates: a day, a week, two months, more;
# undated
NEED_SAME_DAYS = 0.9
NEED_WEEK = 1.6
NEED_MONTHS = 2.2
NEED_LATER = 2.6
NEED_UNDATED = 2.5
QUIET = 2
QUIET_BONUS = 0.5


@dataclass(slots=True)
class Item:
    report: IncidentReport
    order: int
    lo: int | None  # day ordinals of the date interval (None: undated)
    hi: int | None
    lat: float | None  # a point only for a town, county or finer place
    lon: float | None
    rlat: float  # the point in radians and the cosine of its latitude (for distances)
    rlon: float
    cos_lat: float
    area: tuple[str, str]  # (country code, first-level region code), "" when unknown
    place_name: str  # lower-case, "" when none
    people: frozenset[str]
    addresses: frozenset[str]
    streets: frozenset[str]
    ages: frozenset[str]
    other: frozenset[str]
    terms: Counter[str]
    vec: dict[str, float] = field(default_factory=dict)
    near: int = 0  # other articles' reports in its cells and time window


EMPTY: frozenset[str] = frozenset()
NO_TERMS: Counter[str] = Counter()
NO_VEC: dict[str, float] = {}


def frozen(values: set[str]) -> frozenset[str]:
    """``values`` as a frozenset; the one shared empty set when empty (most are: an item
    keeps five)."""
    return frozenset(values) if values else EMPTY


def day_interval(r: IncidentReport) -> tuple[int | None, int | None]:
    if r.start is not None:
        end = r.end or r.start
        if (end - r.start).days <= WIDE_DAYS:
            return r.start.toordinal(), end.toordinal()
        return None, None
    if r.published is not None:  # not dated: it happened shortly before it was reported
        return r.published.toordinal() - 3, r.published.toordinal()
    return None, None


def km_apart(a: Item, b: Item) -> float:
    """Great-circle distance of two items with points (haversine)."""
    h = (
        math.sin((b.rlat - a.rlat) / 2) ** 2
        + a.cos_lat * b.cos_lat * math.sin((b.rlon - a.rlon) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _row(lat: float) -> int:
    return math.floor(lat * _KM_PER_DEGREE / CELL_KM)


def _col(lon: float, row: int) -> int:
    mid = (row + 0.5) * CELL_KM / _KM_PER_DEGREE
    scale = max(0.05, math.cos(math.radians(max(-89.0, min(89.0, mid)))))
    return math.floor(lon * _KM_PER_DEGREE * scale / CELL_KM)


def cell_of(lat: float, lon: float) -> tuple[int, int]:
    row = _row(lat)
    return row, _col(lon, row)


def neighbours(lat: float, lon: float) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    row = _row(lat)
    for r in (row - 1, row, row + 1):
        c = _col(lon, r)
        out.extend((r, c + k) for k in (-1, 0, 1))
    return out


def gap(a: Item, b: Item) -> int | None:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return None
    return max(0, max(a.lo, b.lo) - min(a.hi, b.hi))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def conflict(a: Item, b: Item, km: float | None = None) -> bool:
    """Never one incident: the same article, points too far apart, or places in different
    countries or first-level regions. ``km``: their distance, when known."""
    if a.report.article_id == b.report.article_id:
        return True
    if a.lat is not None and b.lat is not None:
        # the same name resolved to two places ("Pike County"): one of them is wrong
        if km is None:
            km = km_apart(a, b)
        return km > FAR_KM and not (a.place_name and a.place_name == b.place_name)
    return any(x and y and x != y for x, y in zip(a.area, b.area, strict=True))


def score(a: Item, b: Item, generic: Mapping[str, bool]) -> float:
    """How strongly ``a`` and ``b`` look like one incident: > 0 joins them, the larger the
    surer; <= 0 keeps them apart. A ``generic`` name (one that turns up in many months: a
    police spokesman, an activist) counts for little."""
    km = km_apart(a, b) if a.lat is not None and b.lat is not None else None
    if conflict(a, b, km):
        return -9.0
    people = sum(0.5 if generic.get(n) else 2.0 for n in a.people & b.people)
    addresses = sum(0.5 if generic.get(n) else 1.5 for n in a.addresses & b.addresses)
    streets = len(a.streets & b.streets)
    ages = len(a.ages & b.ages)
    other = len(a.other & b.other)
    cos = cosine(a.vec, b.vec)
    evidence = (
        min(people, 4.0)
        + min(addresses, 1.5)
        + 1.0 * min(streets, 2)
        + 0.4 * min(ages, 2)
        + 0.5 * min(other, 2)
        + 3.0 * cos
    )
    ra, rb = a.report, b.report
    if ra.killed is not None and ra.killed == rb.killed and ra.injured == rb.injured:
        evidence += 0.3
    days = gap(a, b)
    if days is None:
        need = NEED_UNDATED
    elif days > FOLLOW_UP_DAYS:
        return -1.0
    elif days <= 1:
        need = NEED_SAME_DAYS
    elif days <= WINDOW_DAYS:
        need = NEED_WEEK
    elif days <= 60:
        need = NEED_MONTHS
    else:
        need = NEED_LATER
    if days is not None and days <= 1 and max(a.near, b.near) <= QUIET:
        need -= QUIET_BONUS  # the only reports of the kind in this place and week
    if ra.label != rb.label:
        need += 0.3 if ra.category == rb.category else 0.8
    if km is None:
        need += 0.8 if a.area[1] and a.area == b.area else 1.2
    else:
        if km > FAR_KM:  # the same place name resolved to two places
            need += 1.2
        elif km > MAX_KM:
            if people + addresses < 2.0:
                return -1.0  # this far apart only with a distinctive name in common
            need += 1.0
        elif km > 10.0:
            need += 0.5
    return evidence - need

"""Grouping reports into incidents: one id per real-world happening, whoever reports it.

Entry points::

    group_reports(reports, texts=None) -> list[Incident]
    assign_ids(reports, texts=None) -> list[str]            # one id per report, input order
    g = Grouper(); g.add(reports, texts=None) -> list[str]   # incremental; g.incidents()

``reports`` are :class:`IncidentReport` s (any order: they are taken by time, then article id);
``texts`` maps an article id to its text, when the caller has it: its people, streets and ages
(:func:`~explorer.incidents.specifics.find_specifics`) are added to the report's own
``specifics`` and its first paragraphs to the wording compared. Without texts, the title, the
evidence and the report's specifics are used.

Two reports are of the same incident when they are close in place (points within
:data:`MAX_KM`, or :data:`FAR_KM` when they name the same person or address; a place known
only to its region is compatible with points in that region), overlap in time (the gap
between their date intervals), are of the same kind and share specifics
(people named in full, streets and addresses, ages) or much of their
wording (TF-IDF cosine of title and lead). The further apart in time, the more evidence is
needed: a follow-up months later joins on a shared name, two shootings in one town and week
without shared specifics stay apart. Over-merging is the worse error (it makes one report look
like several independent ones), so the thresholds favour precision.

Blocking keeps it linear in practice: a report is compared only with reports in its place
cell or a neighbouring one (cells :data:`CELL_KM` km wide) within :data:`WINDOW_DAYS` days,
and with reports naming the same person or address (any time within :data:`FOLLOW_UP_DAYS`).
Accepted pairs are joined strongest first, by average linkage: two groups join when the mean
score of the pairs across them is above :data:`LINK` and no pair is a clear conflict (too far
apart, different regions, or the same article), so that no chain of reports runs through a
city.

Ids are deterministic: a hash of the first report's article id and label. The
:class:`Grouper` keeps its incidents between calls: new reports join existing incidents (which
keep their ids) or start new ones; two existing incidents are never merged, so no id changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from explorer.incidents.consensus import build_incident
from explorer.incidents.model import Incident, IncidentReport
from explorer.incidents.specifics import find_specifics, text_terms

__all__ = [
    "CELL_KM",
    "FAR_KM",
    "FOLLOW_UP_DAYS",
    "MAX_KM",
    "WINDOW_DAYS",
    "Grouper",
    "assign_ids",
    "group_reports",
]

CELL_KM = 30.0  # place cells; two reports further apart than this are never one incident
MAX_KM = 30.0
FAR_KM = 80.0  # up to this far only with a shared person or address (a wrong town nearby)
WINDOW_DAYS = 7  # reports without a shared name are compared within this many days
FOLLOW_UP_DAYS = 730  # a shared person or address is looked for this far
WIDE_DAYS = 31  # a date interval wider than this is too vague to block on
_NARROW_DAYS = 2  # intervals up to this wide are indexed apart from the wider ones
_MAX_DAY = dt.date.max
_NAME_CAP = 50  # a name shared by more reports than this is not distinctive
_GENERIC_MONTHS = 3  # a name found in reports of more months than this is not distinctive
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
class _Item:
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


_EMPTY: frozenset[str] = frozenset()
_NO_TERMS: Counter[str] = Counter()
_NO_VEC: dict[str, float] = {}


def _frozen(values: set[str]) -> frozenset[str]:
    """``values`` as a frozenset; the one shared empty set when empty (most are: an item
    keeps five)."""
    return frozenset(values) if values else _EMPTY


def _day_interval(r: IncidentReport) -> tuple[int | None, int | None]:
    if r.start is not None:
        end = r.end or r.start
        if (end - r.start).days <= WIDE_DAYS:
            return r.start.toordinal(), end.toordinal()
        return None, None
    if r.published is not None:  # not dated: it happened shortly before it was reported
        return r.published.toordinal() - 3, r.published.toordinal()
    return None, None


def _km(a: _Item, b: _Item) -> float:
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


def _cell(lat: float, lon: float) -> tuple[int, int]:
    row = _row(lat)
    return row, _col(lon, row)


def _neighbours(lat: float, lon: float) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    row = _row(lat)
    for r in (row - 1, row, row + 1):
        c = _col(lon, r)
        out.extend((r, c + k) for k in (-1, 0, 1))
    return out


def _gap(a: _Item, b: _Item) -> int | None:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return None
    return max(0, max(a.lo, b.lo) - min(a.hi, b.hi))


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _conflict(a: _Item, b: _Item, km: float | None = None) -> bool:
    """Never one incident: the same article, points too far apart, or places in different
    countries or first-level regions. ``km``: their distance, when known."""
    if a.report.article_id == b.report.article_id:
        return True
    if a.lat is not None and b.lat is not None:
        # the same name resolved to two places ("Pike County"): one of them is wrong
        if km is None:
            km = _km(a, b)
        return km > FAR_KM and not (a.place_name and a.place_name == b.place_name)
    return any(x and y and x != y for x, y in zip(a.area, b.area, strict=True))


def _score(a: _Item, b: _Item, generic: Mapping[str, bool]) -> float:
    """How strongly ``a`` and ``b`` look like one incident: > 0 joins them, the larger the
    surer; <= 0 keeps them apart. A ``generic`` name (one that turns up in many months: a
    police spokesman, an activist) counts for little."""
    km = _km(a, b) if a.lat is not None and b.lat is not None else None
    if _conflict(a, b, km):
        return -9.0
    people = sum(0.5 if generic.get(n) else 2.0 for n in a.people & b.people)
    addresses = sum(0.5 if generic.get(n) else 1.5 for n in a.addresses & b.addresses)
    streets = len(a.streets & b.streets)
    ages = len(a.ages & b.ages)
    other = len(a.other & b.other)
    cos = _cosine(a.vec, b.vec)
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
    gap = _gap(a, b)
    if gap is None:
        need = NEED_UNDATED
    elif gap > FOLLOW_UP_DAYS:
        return -1.0
    elif gap <= 1:
        need = NEED_SAME_DAYS
    elif gap <= WINDOW_DAYS:
        need = NEED_WEEK
    elif gap <= 60:
        need = NEED_MONTHS
    else:
        need = NEED_LATER
    if gap is not None and gap <= 1 and max(a.near, b.near) <= QUIET:
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


class Grouper:
    """Incidents grouped so far; :meth:`add` joins new reports to them.

    ``stream=True``: the batches come in time order (a batch's reports are not dated much
    before the previous batch's), as a corpus read week by week. Each :meth:`add` then forgets
    what no later report can be compared with, which keeps the memory bounded on a long
    stream: reports dated more than :data:`WINDOW_DAYS` + :data:`WIDE_DAYS` days before the
    batch leave the place index, reports more than :data:`FOLLOW_UP_DAYS` before it leave the
    name index (their scores would be negative anyway, but they no longer count towards a
    name's spread and cap), and a report in neither keeps only what :meth:`incidents` and the
    conflict test need. A report dated before what was forgotten is compared only with what
    is left.
    """

    def __init__(self, stream: bool = False) -> None:
        self._stream = stream
        self._items: list[_Item] = []
        self._parent: list[int] = []
        self._members: dict[int, list[int]] = {}  # root -> item indices
        self._ids: dict[int, str] = {}  # root -> incident id (once assigned)
        self._used_ids: set[str] = set()
        # (cell, wide interval?) -> (lo, item), sorted before each batch's candidates
        self._cells: dict[tuple[tuple[int, int], bool], list[tuple[int, int]]] = {}
        self._unsorted: set[tuple[tuple[int, int], bool]] = set()
        self._undated: dict[tuple[int, int], list[int]] = {}
        self._names: dict[str, list[int]] = {}
        self._df: Counter[str] = Counter()
        self._pair_scores: dict[tuple[int, int], float] = {}  # of the current batch
        self._generic: dict[str, bool] = {}
        self._vocab: dict[str, str] = {}
        self._old = -(10**9)  # stream: reports dated before this day left the name index
        self._cut = -(10**9)  # stream: reports dated before this day left the place index

    def __len__(self) -> int:
        return len(self._members)

    # -- items ---------------------------------------------------------------------------
    def _item(self, r: IncidentReport, text: str | None, order: int) -> _Item:
        vocab = self._vocab  # one string per distinct term, shared by every item's vector
        specifics = set(r.specifics)
        if text is not None:
            specifics |= find_specifics(r.title or "", text)
        kinds: dict[str, set[str]] = {"person": set(), "address": set(), "street": set()}
        kinds["age"] = set()
        other: set[str] = set()
        for s in specifics:
            kind, _, value = s.partition(":")
            if value and kind in kinds:
                kinds[kind].add(value)
            elif kind not in ("killed", "injured"):
                other.add(s.lower())
        lead = text if text is not None else " ".join(r.evidence)
        lo, hi = _day_interval(r)
        point = None if r.place_precision in ("region", "country") else r.point
        place = r.place
        area = ("", "") if place is None else (place.country_code or "", place.admin1_code or "")
        if r.place_precision == "country":
            area = (area[0], "")
        return _Item(
            report=r,
            order=order,
            lo=lo,
            hi=hi,
            lat=None if point is None else point[0],
            lon=None if point is None else point[1],
            rlat=0.0 if point is None else math.radians(point[0]),
            rlon=0.0 if point is None else math.radians(point[1]),
            cos_lat=0.0 if point is None else math.cos(math.radians(point[0])),
            area=area,
            place_name=(place.name if place is not None else r.place_text or "").lower(),
            people=_frozen(kinds["person"]),
            addresses=_frozen(kinds["address"]),
            streets=_frozen(kinds["street"]),
            ages=_frozen(kinds["age"]),
            other=_frozen(other),
            terms=Counter(vocab.setdefault(t, t) for t in text_terms(r.title or "", lead)),
        )

    def _vectorise(self, items: list[_Item]) -> None:
        for it in items:
            self._df.update(it.terms.keys())
        n = len(self._items) + len(items)
        for it in items:
            vec = {
                t: (1.0 + math.log(c)) * math.log((n + 1) / (self._df[t] + 0.5))
                for t, c in it.terms.items()
            }
            norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
            it.vec = {t: w / norm for t, w in vec.items() if w > 0}
            it.terms = _NO_TERMS  # counted: not needed any more

    def _forget(self, new: list[_Item]) -> None:
        """Drop from the indexes what the ``new`` reports (and later ones) cannot reach."""
        days = [it.lo for it in new if it.lo is not None]
        if not days:
            return
        mark = min(days)
        cut = mark - WINDOW_DAYS - WIDE_DAYS - 1
        if cut <= self._cut:
            return
        self._cut = cut
        dropped: list[int] = []
        for rows in self._cells.values():
            k = bisect_left(rows, (cut, -1))
            if k:
                dropped.extend(i for _, i in rows[:k])
                del rows[:k]
        old = self._old
        if mark - FOLLOW_UP_DAYS - 1 - old >= 91:  # the name index is swept once a season
            old = self._old = mark - FOLLOW_UP_DAYS - 1
            self._sweep_names(old, dropped)
        for i in dropped:
            it = self._items[i]
            if not (it.people or it.addresses) or (it.hi is not None and it.hi < old):
                it.vec = _NO_VEC
                it.people = it.addresses = it.streets = it.ages = it.other = _EMPTY

    def _sweep_names(self, old: int, dropped: list[int]) -> None:
        """Forget the name holders dated before day ``old`` (added to ``dropped``)."""
        for name in list(self._names):
            holders = self._names[name]
            kept = [i for i in holders if (h := self._items[i].hi) is None or h >= old]
            if len(kept) < len(holders):
                dropped.extend(
                    i for i in holders if (h := self._items[i].hi) is not None and h < old
                )
                if kept:
                    self._names[name] = kept
                else:
                    del self._names[name]

    # -- candidates -----------------------------------------------------------------------
    def _index(self, i: int) -> None:
        it = self._items[i]
        if it.lat is not None and it.lon is not None:
            cell = _cell(it.lat, it.lon)
            if it.lo is not None and it.hi is not None:
                key = (cell, it.hi - it.lo > _NARROW_DAYS)
                self._cells.setdefault(key, []).append((it.lo, i))
                self._unsorted.add(key)
            else:
                self._undated.setdefault(cell, []).append(i)
        for name in it.people | it.addresses:
            self._names.setdefault(name, []).append(i)

    def _spread(self, name: str) -> int:
        """In how many distinct months the reports naming ``name`` are dated."""
        days = (self._items[j].lo for j in self._names.get(name, ()))
        return len({day // 30 for day in days if day is not None})

    def _candidates(self, i: int) -> set[int]:
        it = self._items[i]
        out: set[int] = set()
        if it.lat is not None and it.lon is not None:
            for cell in _neighbours(it.lat, it.lon):
                if it.lo is not None and it.hi is not None:
                    for wide, slack in ((False, _NARROW_DAYS), (True, WIDE_DAYS)):
                        rows = self._cells.get((cell, wide), [])
                        a = bisect_left(rows, (it.lo - WINDOW_DAYS - slack, -1))
                        b = bisect_right(rows, (it.hi + WINDOW_DAYS, len(self._items)))
                        out.update(j for _, j in rows[a:b])
                out.update(self._undated.get(cell, ()))
        for name in it.people | it.addresses:
            holders = self._names.get(name, ())
            if len(holders) <= _NAME_CAP:
                out.update(holders)
        out.discard(i)
        return out

    # -- clusters -------------------------------------------------------------------------
    def _find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def _joinable(self, ra: int, rb: int) -> bool:
        if ra in self._ids and rb in self._ids:
            return False  # two existing incidents are never merged: no id changes
        ma, mb = self._members[ra], self._members[rb]
        return not any(_conflict(self._items[x], self._items[y]) for x in ma[:20] for y in mb[:20])

    def _join(self, ra: int, rb: int) -> None:
        if rb in self._ids or (ra not in self._ids and rb < ra):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        self._members[ra].sort()

    def _new_id(self, root: int) -> str:
        first = min(
            (self._items[i] for i in self._members[root]),
            key=lambda it: (it.report.published or it.report.start or _MAX_DAY, it.order),
        )
        key = f"{first.report.article_id}\0{first.report.label}"
        k = 0
        while True:
            digest = hashlib.sha1(f"{key}\0{k}".encode()).hexdigest()[:16]
            if digest not in self._used_ids:
                self._used_ids.add(digest)
                return digest
            k += 1

    def add(
        self, reports: Iterable[IncidentReport], texts: Mapping[str, str] | None = None
    ) -> list[str]:
        """Group ``reports`` with what was added before; their incident ids, in input order."""
        given = list(reports)
        start = len(self._items)
        order = sorted(
            range(len(given)),
            key=lambda k: (
                given[k].start or given[k].published or _MAX_DAY,
                given[k].article_id,
                k,
            ),
        )
        new = [
            self._item(given[k], None if texts is None else texts.get(given[k].article_id), n)
            for n, k in enumerate(order, start)
        ]
        self._vectorise(new)
        if self._stream:
            self._forget(new)
        for i, it in enumerate(new, start):
            self._items.append(it)
            self._parent.append(i)
            self._members[i] = [i]
            self._index(i)
        for block in self._unsorted:
            self._cells[block].sort()
        self._unsorted.clear()
        self._generic = {
            name: self._spread(name) > _GENERIC_MONTHS
            for it in new
            for name in it.people | it.addresses
        }
        # two passes, so that neither the candidate sets nor the rejected pairs are kept
        for i in range(start, len(self._items)):
            it = self._items[i]
            it.near = sum(
                1
                for j in self._candidates(i)
                if self._items[j].report.article_id != it.report.article_id
                and (g := _gap(it, self._items[j])) is not None
                and g <= WINDOW_DAYS
            )
        self._pair_scores = {}  # the accepted pairs of this batch
        for i in range(start, len(self._items)):
            for j in self._candidates(i):
                if j < i:  # each pair once (the candidate relation is symmetric)
                    score = _score(self._items[i], self._items[j], self._generic)
                    if score > 0:
                        self._pair_scores[(j, i)] = score
        pairs = sorted((-s, j, i) for (j, i), s in self._pair_scores.items() if s > 0)
        for _, j, i in pairs:
            ra, rb = self._find(i), self._find(j)
            if ra != rb and self._joinable(ra, rb):
                self._join(ra, rb)
        for i in range(start, len(self._items)):
            root = self._find(i)
            if root not in self._ids:
                self._ids[root] = self._new_id(root)
        position = {k: n for n, k in enumerate(order, start)}
        return [self._ids[self._find(position[k])] for k in range(len(given))]

    def incidents(self) -> list[Incident]:
        """Every incident so far, first reported first (ties by id)."""
        out = [
            build_incident(self._ids[root], [self._items[i].report for i in members])
            for root, members in self._members.items()
        ]
        out.sort(key=lambda inc: (inc.first_reported or _MAX_DAY, inc.incident_id))
        return out


def assign_ids(
    reports: Iterable[IncidentReport], texts: Mapping[str, str] | None = None
) -> list[str]:
    """The incident id of each report (input order), grouping only these reports."""
    return Grouper().add(reports, texts)


def group_reports(
    reports: Iterable[IncidentReport], texts: Mapping[str, str] | None = None
) -> list[Incident]:
    """The incidents these reports tell of, first reported first."""
    g = Grouper()
    g.add(reports, texts)
    return g.incidents()

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
city. ``Grouper(stream=True)`` forgets, batch by batch, what a time-ordered stream can no
longer reach, so memory stays bounded on a long corpus (see :class:`Grouper`).

Ids are deterministic: a hash of the first report's article id and label. The
:class:`Grouper` keeps its incidents between calls: new reports join existing incidents (which
keep their ids) or start new ones; two existing incidents are never merged, so no id changes.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping

from explorer.incidents.consensus import build_incident
from explorer.incidents.model import Incident, IncidentReport
from explorer.incidents.pairs import (
    CELL_KM,
    EMPTY,
    FAR_KM,
    FOLLOW_UP_DAYS,
    GENERIC_MONTHS,
    MAX_DAY,
    MAX_KM,
    NAME_CAP,
    NARROW_DAYS,
    NO_TERMS,
    NO_VEC,
    WIDE_DAYS,
    WINDOW_DAYS,
    Item,
    cell_of,
    conflict,
    day_interval,
    frozen,
    gap,
    neighbours,
    score,
)
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
        self._items: list[Item] = []
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
    def _item(self, r: IncidentReport, text: str | None, order: int) -> Item:
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
        lo, hi = day_interval(r)
        point = None if r.place_precision in ("region", "country") else r.point
        place = r.place
        area = ("", "") if place is None else (place.country_code or "", place.admin1_code or "")
        if r.place_precision == "country":
            area = (area[0], "")
        return Item(
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
            people=frozen(kinds["person"]),
            addresses=frozen(kinds["address"]),
            streets=frozen(kinds["street"]),
            ages=frozen(kinds["age"]),
            other=frozen(other),
            terms=Counter(vocab.setdefault(t, t) for t in text_terms(r.title or "", lead)),
        )

    def _vectorise(self, items: list[Item]) -> None:
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
            it.terms = NO_TERMS  # counted: not needed any more

    def _forget(self, new: list[Item]) -> None:
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
                it.vec = NO_VEC
                it.people = it.addresses = it.streets = it.ages = it.other = EMPTY

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
            cell = cell_of(it.lat, it.lon)
            if it.lo is not None and it.hi is not None:
                key = (cell, it.hi - it.lo > NARROW_DAYS)
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
            for cell in neighbours(it.lat, it.lon):
                if it.lo is not None and it.hi is not None:
                    for wide, slack in ((False, NARROW_DAYS), (True, WIDE_DAYS)):
                        rows = self._cells.get((cell, wide), [])
                        a = bisect_left(rows, (it.lo - WINDOW_DAYS - slack, -1))
                        b = bisect_right(rows, (it.hi + WINDOW_DAYS, len(self._items)))
                        out.update(j for _, j in rows[a:b])
                out.update(self._undated.get(cell, ()))
        for name in it.people | it.addresses:
            holders = self._names.get(name, ())
            if len(holders) <= NAME_CAP:
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
        return not any(conflict(self._items[x], self._items[y]) for x in ma[:20] for y in mb[:20])

    def _join(self, ra: int, rb: int) -> None:
        if rb in self._ids or (ra not in self._ids and rb < ra):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        self._members[ra].sort()

    def _new_id(self, root: int) -> str:
        first = min(
            (self._items[i] for i in self._members[root]),
            key=lambda it: (it.report.published or it.report.start or MAX_DAY, it.order),
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
                given[k].start or given[k].published or MAX_DAY,
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
            name: self._spread(name) > GENERIC_MONTHS
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
                and (g := gap(it, self._items[j])) is not None
                and g <= WINDOW_DAYS
            )
        self._pair_scores = {}  # the accepted pairs of this batch
        for i in range(start, len(self._items)):
            for j in self._candidates(i):
                if j < i:  # each pair once (the candidate relation is symmetric)
                    value = score(self._items[i], self._items[j], self._generic)
                    if value > 0:
                        self._pair_scores[(j, i)] = value
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
        out.sort(key=lambda inc: (inc.first_reported or MAX_DAY, inc.incident_id))
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

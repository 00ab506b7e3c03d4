"""An incident's place, dates, status and counts from its reports' consensus.

* **Place**: the most precise place that most reports agree with: each report's place gets one
  vote from every report whose point is within 10 km of it; the most votes win, then the more
  precise, then the first reported.
* **Dates**: among the reports dated to the day, the day most of them give (ties: the earliest);
  else the narrowest interval reported (ties: the first reported).
* **Status**: "happened" when any report says it happened, else the first report's.
* **Counts**: the largest reported (later reports update the toll).
* **Label and category**: the most common among the reports (ties: the first reported).
* **Confidence**: the chance that not every report is wrong, ``1 - prod(1 - c)``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence

from explorer.incidents.model import PLACE_PRECISIONS, Incident, IncidentReport

__all__ = ["build_incident", "report_order"]

_AGREE_KM = 10.0


def report_order(r: IncidentReport) -> tuple[dt.date, dt.date, str]:
    """First reported first: by publication day, then the incident's day, then article id."""
    return (r.published or dt.date.max, r.start or dt.date.max, r.article_id)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _precision_rank(r: IncidentReport) -> int:
    p = r.place_precision
    return PLACE_PRECISIONS.index(p) if p in PLACE_PRECISIONS else len(PLACE_PRECISIONS)


def _place_report(reports: Sequence[IncidentReport]) -> IncidentReport | None:
    placed = [r for r in reports if r.point is not None]
    if not placed:
        return None

    def votes(r: IncidentReport) -> int:
        p = r.point
        assert p is not None
        return sum(1 for o in placed if o.point is not None and _km(p, o.point) <= _AGREE_KM)

    best = min(range(len(placed)), key=lambda k: (-votes(placed[k]), _precision_rank(placed[k]), k))
    return placed[best]


def _dates(
    reports: Sequence[IncidentReport],
) -> tuple[dt.date | None, dt.date | None, str]:
    days = Counter(r.start for r in reports if r.start is not None and r.date_precision == "day")
    if days:
        day = min(days, key=lambda d: (-days[d], d))
        return day, day, "day"
    dated = [r for r in reports if r.start is not None]
    if not dated:
        return None, None, "unknown"
    best = min(dated, key=lambda r: ((r.end or r.start) - r.start) if r.start else dt.timedelta())
    return best.start, best.end or best.start, best.date_precision


def _most_common(values: Sequence[str]) -> str:
    counts = Counter(values)
    return max(values, key=lambda v: counts[v])  # max keeps the first of equals


def build_incident(incident_id: str, reports: Sequence[IncidentReport]) -> Incident:
    """The incident ``incident_id`` told by ``reports`` (at least one)."""
    ordered = tuple(sorted(reports, key=report_order))
    place = _place_report(ordered)
    start, end, precision = _dates(ordered)
    killed = [r.killed for r in ordered if r.killed is not None]
    injured = [r.injured for r in ordered if r.injured is not None]
    status = "happened" if any(r.status == "happened" for r in ordered) else ordered[0].status
    doubt = 1.0
    for r in ordered:
        doubt *= 1.0 - min(1.0, max(0.0, r.confidence))
    return Incident(
        incident_id=incident_id,
        label=_most_common([r.label for r in ordered]),
        category=_most_common([r.category for r in ordered]),
        status=status,
        place=None if place is None else place.place,
        place_precision=None if place is None else place.place_precision,
        start=start,
        end=end,
        date_precision=precision,  # type: ignore[arg-type]
        killed=max(killed) if killed else None,
        injured=max(injured) if injured else None,
        confidence=round(1.0 - doubt, 4),
        reports=ordered,
    )

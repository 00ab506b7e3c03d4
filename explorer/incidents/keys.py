"""A simple, deterministic incident key: the ids ``explorer incidents --jsonl`` gives today.

:mod:`.group` (``Grouper``, ``assign_ids``) groups reports across articles by their specifics
and wording; this key is the fallback that needs nothing but the report.

Two reports share a key when they name the same kind of happening (category), on the same day,
at the same point rounded to 0.1° (about 10 km). The key depends on the report alone, so a
stream of documents can be answered one by one and the same report always gets the same key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from explorer.incidents.model import IncidentReport

__all__ = ["incident_ids", "incident_key"]


def incident_key(report: IncidentReport) -> str | None:
    """The report's key; ``None`` when it has neither a point nor a day (nothing to group)."""
    point = report.point
    day = report.start.isoformat() if report.start and report.start == report.end else None
    if point is None and day is None:
        return None
    where = "-" if point is None else f"{point[0]:.1f},{point[1]:.1f}"
    raw = f"{report.category}|{where}|{day or '-'}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def incident_ids(reports: Sequence[IncidentReport]) -> list[str | None]:
    """An incident id for each report, in order; reports with the same id tell of the same
    incident."""
    return [incident_key(r) for r in reports]

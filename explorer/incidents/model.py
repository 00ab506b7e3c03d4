"""Incident records: what happened, where and when, once per real-world happening.

An :class:`IncidentReport` is one article's account of one incident (an article reports one or
more; the main one first). An :class:`Incident` groups the reports of several articles that
tell of the same happening under one ``incident_id``, with the place, dates and counts they
agree on. Both are frozen, like every domain record (:mod:`explorer.model`), and expose
``__geo_interface__`` when they have a point.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from explorer.model import Place

__all__ = [
    "DATE_PRECISIONS",
    "PLACE_PRECISIONS",
    "STATUSES",
    "DatePrecision",
    "Incident",
    "IncidentReport",
    "PlacePrecision",
    "Status",
]

# how exactly the place is known (after UCDP's where_prec): a point (an address, a landmark),
# a town, a county or district, a first-level region (state, province), a country
PlacePrecision = Literal["point", "town", "county", "region", "country"]
PLACE_PRECISIONS: tuple[str, ...] = ("point", "town", "county", "region", "country")
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "unknown")
# it happened; it is planned or expected; it was announced (decided, ordered) but not done
Status = Literal["happened", "planned", "announced"]
STATUSES: tuple[str, ...] = ("happened", "planned", "announced")


@dataclass(frozen=True, slots=True)
class IncidentReport:
    """One article's account of one incident.

    ``label`` is a short name of what happened from its trigger ("shooting", "airstrike",
    "deployment", "talks", "flood"); ``category`` one of the event categories. ``place`` is
    where it happened (not where it was announced or reported), ``place_text``/``place_start``/
    ``place_end`` the mention that places it when one does (offsets into the article's text),
    ``place_evidence`` what decided it ("trigger: shooting in X", "dateline", "publisher's
    state", ...). ``start``/``end`` is the day or interval it happened (not the day of the
    report), ``date_text`` the expression that dates it, ``date_evidence`` what decided it.
    ``specifics`` are the names, numbers and units that tell this incident from another of the
    same kind in the same town and week (victims' names, ages, "3 killed").
    """

    article_id: str
    label: str
    category: str = "other"
    status: Status = "happened"
    place: Place | None = None
    place_text: str | None = None
    place_start: int | None = None
    place_end: int | None = None
    place_precision: PlacePrecision | None = None
    place_evidence: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    date_precision: DatePrecision = "unknown"
    date_text: str | None = None
    date_evidence: str = ""
    killed: int | None = None
    injured: int | None = None
    evidence: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    specifics: frozenset[str] = field(default_factory=frozenset)
    confidence: float = 0.0
    # the article's own details, kept for the views and for grouping
    published: dt.date | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None

    @property
    def point(self) -> tuple[float, float] | None:
        return None if self.place is None else self.place.point

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["place"] = None if self.place is None else self.place.to_dict()
        out["specifics"] = sorted(self.specifics)
        return out

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        geometry = (
            None
            if self.place is None
            else {"type": "Point", "coordinates": (self.place.longitude, self.place.latitude)}
        )
        return {"type": "Feature", "geometry": geometry, "properties": self.to_dict()}


@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world happening and every report of it (``reports``, first reported first).

    The place, dates, status and counts are the reports' consensus (the most precise place
    that the reports agree with; the day most reports give; the largest counts reported);
    ``sources`` the distinct outlets that report it.
    """

    incident_id: str
    label: str
    category: str
    status: Status
    place: Place | None
    place_precision: PlacePrecision | None
    start: dt.date | None
    end: dt.date | None
    date_precision: DatePrecision
    killed: int | None
    injured: int | None
    confidence: float
    reports: tuple[IncidentReport, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.article_id for r in self.reports))

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e for r in self.reports for e in r.event_ids))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source for r in self.reports if r.source))

    @property
    def first_reported(self) -> dt.date | None:
        days = [r.published for r in self.reports if r.published is not None]
        return min(days) if days else None

    @property
    def point(self) -> tuple[float, float] | None:
        return None if self.place is None else self.place.point

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        geometry = (
            None
            if self.place is None
            else {"type": "Point", "coordinates": (self.place.longitude, self.place.latitude)}
        )
        props = {
            "incident_id": self.incident_id,
            "label": self.label,
            "category": self.category,
            "status": self.status,
            "place": None if self.place is None else self.place.to_dict(),
            "place_precision": self.place_precision,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "date_precision": self.date_precision,
            "killed": self.killed,
            "injured": self.injured,
            "confidence": self.confidence,
            "reports": len(self.reports),
            "sources": list(self.sources),
            "article_ids": list(self.article_ids),
        }
        return {"type": "Feature", "geometry": geometry, "properties": props}

"""The user's corrections of incidents, applied after grouping: merge, split, move, re-date.

They are stored with the other corrections (:class:`explorer.events.Corrections`, its
``"incidents"`` list; see :mod:`explorer.events.corrections.incident_entries`) and name each
incident by an article whose report it holds, so they survive a re-ingest. An article that
reports several incidents is narrowed by the report's ``label``; without one, the incident of
its most confident report is meant.

They apply in a fixed order, whatever the order they were made in: splits first (the
article's report leaves its incident and starts one of its own), then merges (the incidents
holding the articles become one, under the id of the first reported of them), then moves and
re-dates (the incident's place or dates are replaced; the reports keep theirs). A correction
whose articles are not among the incidents is not applied:
:func:`stale_incident_corrections` says which, one line each.

On a list of :class:`Incident` the consensus of a split or merged incident is computed again
from its reports (:func:`~explorer.incidents.consensus.build_incident`); an
:class:`IncidentTable` keeps no reports, so there a merged row takes the first row's place and
dates with the lists, counts and confidence combined, and a split-off row keeps its former
incident's place and dates, with its own article and events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from typing import Any, Protocol, overload

import pandas as pd

from explorer.events.corrections.incident_entries import describe_incident
from explorer.incidents.consensus import build_incident
from explorer.incidents.model import DatePrecision, Incident, PlacePrecision
from explorer.incidents.table import IncidentTable
from explorer.model import Place

__all__ = ["apply_incident_corrections", "stale_incident_corrections"]

_ORDER = {"split": 0, "merge": 1, "move": 2, "redate": 2}


class HasIncidentCorrections(Protocol):
    def incident_corrections(self) -> list[tuple[dict[str, Any], Place | None]]: ...


def _ordered(corrections: HasIncidentCorrections) -> list[tuple[dict[str, Any], Place | None]]:
    return sorted(corrections.incident_corrections(), key=lambda ep: _ORDER[ep[0]["kind"]])


def _articles(entry: dict[str, Any]) -> list[str]:
    return list(entry["articles"]) if entry["kind"] == "merge" else [entry["article_id"]]


def _split_id(article_id: str, label: str) -> str:
    return hashlib.sha1(f"split\0{article_id}\0{label}".encode()).hexdigest()[:16]


def place_precision(place: Place) -> PlacePrecision:
    """How exactly a corrected place is known: a point given by hand, else by its feature."""
    from explorer.incidents.where import PRECISION_OF

    if place.key.startswith("user:"):
        return "point"
    return PRECISION_OF.get(place.feature, "region")  # type: ignore[return-value]


def date_precision(start: dt.date, end: dt.date) -> DatePrecision:
    days = (end - start).days + 1
    if days == 1:
        return "day"
    return "week" if days <= 7 else "month" if days <= 31 else "year" if days <= 366 else "unknown"


# --- a list of incidents ------------------------------------------------------------------
def _find(incidents: list[Incident], article_id: str, label: str | None) -> int | None:
    """The incident holding ``article_id``'s report (of ``label``; else its most confident)."""
    found = [
        (-r.confidence, i)
        for i, inc in enumerate(incidents)
        for r in inc.reports
        if r.article_id == article_id and label in (None, r.label)
    ]
    return min(found)[1] if found else None


def _apply_list(incidents: list[Incident], corrections: HasIncidentCorrections) -> list[Incident]:
    out = list(incidents)
    for entry, place in _ordered(corrections):
        label = entry.get("label")
        found = [_find(out, a, label) for a in _articles(entry)]
        if any(i is None for i in found):
            continue  # stale: reported by stale_incident_corrections
        at = sorted({i for i in found if i is not None})
        inc = out[at[0]]
        kind = entry["kind"]
        if kind == "split":
            aid = entry["article_id"]
            mine = [r for r in inc.reports if r.article_id == aid]
            rest = [r for r in inc.reports if r.article_id != aid]
            if rest:
                out[at[0]] = build_incident(inc.incident_id, rest)
                out.append(build_incident(_split_id(aid, mine[0].label), mine))
        elif kind == "merge" and len(at) > 1:
            reports = [r for i in at for r in out[i].reports]
            first = min(at, key=lambda i: (out[i].first_reported or dt.date.max, i))
            merged = build_incident(out[first].incident_id, reports)
            out = [merged if i == at[0] else x for i, x in enumerate(out) if i not in at[1:]]
        elif kind == "move" and place is not None:
            out[at[0]] = replace(inc, place=place, place_precision=place_precision(place))
        elif kind == "redate":
            first_day = dt.date.fromisoformat(entry["start_date"])
            last_day = dt.date.fromisoformat(entry["end_date"])
            precision = date_precision(first_day, last_day)
            out[at[0]] = replace(inc, start=first_day, end=last_day, date_precision=precision)
    out.sort(key=lambda x: (x.first_reported or dt.date.max, x.incident_id))
    return out


# --- a table of incidents -----------------------------------------------------------------
def _find_row(rows: list[dict[str, Any]], article_id: str, label: str | None) -> int | None:
    return next(
        (
            i
            for i, row in enumerate(rows)
            if article_id in row["article_ids"] and label in (None, row["label"])
        ),
        None,
    )


def _combined(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One row from several (the first keeps its place, dates and label)."""

    def union(name: str) -> list[str]:
        return list(dict.fromkeys(v for row in rows for v in row[name]))

    def most(name: str) -> Any:
        values = [row[name] for row in rows if row[name] is not None]
        return max(values) if values else None

    doubt = 1.0
    for row in rows:
        doubt *= 1.0 - min(1.0, max(0.0, row["confidence"] or 0.0))
    firsts = [row["first_reported"] for row in rows if row["first_reported"] is not None]
    return {
        **rows[0],
        **{name: union(name) for name in ("sources", "article_ids", "event_ids")},
        "killed": most("killed"),
        "injured": most("injured"),
        "confidence": round(1.0 - doubt, 4),
        "reports": sum(int(row["reports"] or 0) for row in rows),
        "first_reported": min(firsts) if firsts else None,
    }


def _apply_table(table: IncidentTable, corrections: HasIncidentCorrections) -> IncidentTable:
    rows = list(table.records())
    for entry, place in _ordered(corrections):
        label = entry.get("label")
        found = [_find_row(rows, a, label) for a in _articles(entry)]
        if any(i is None for i in found):
            continue
        at = sorted({i for i in found if i is not None})
        row = rows[at[0]]
        kind = entry["kind"]
        if kind == "split" and len(row["article_ids"]) > 1:
            aid = entry["article_id"]
            mine = [e for e in row["event_ids"] if e.startswith(f"{aid}:")]
            rows[at[0]] = {
                **row,
                "article_ids": [a for a in row["article_ids"] if a != aid],
                "event_ids": [e for e in row["event_ids"] if e not in mine],
                "reports": max(1, int(row["reports"] or 1) - 1),
            }
            new_id = _split_id(aid, row["label"])
            rows.append({**row, "incident_id": new_id, "article_ids": [aid], "event_ids": mine,
                         "reports": 1, "sources": [], "first_reported": None})  # fmt: skip
        elif kind == "merge" and len(at) > 1:
            first = min(at, key=lambda i: (rows[i]["first_reported"] or "9999", i))
            merged = _combined([rows[first], *(rows[i] for i in at if i != first)])
            rows = [merged if i == at[0] else r for i, r in enumerate(rows) if i not in at[1:]]
        elif kind == "move" and place is not None:
            rows[at[0]] = {**row, "place_name": place.name, "place_key": place.key,
                           "latitude": place.latitude, "longitude": place.longitude,
                           "country_code": place.country_code, "admin1": place.admin1,
                           "place_precision": place_precision(place)}  # fmt: skip
        elif kind == "redate":
            first_day = dt.date.fromisoformat(entry["start_date"])
            last_day = dt.date.fromisoformat(entry["end_date"])
            rows[at[0]] = {**row, "start": first_day, "end": last_day,
                           "date_precision": date_precision(first_day, last_day)}  # fmt: skip
    return IncidentTable(pd.DataFrame.from_records(rows, columns=list(table.df.columns)))


@overload
def apply_incident_corrections(
    incidents: list[Incident], corrections: HasIncidentCorrections | None
) -> list[Incident]: ...
@overload
def apply_incident_corrections(
    incidents: IncidentTable, corrections: HasIncidentCorrections | None
) -> IncidentTable: ...
def apply_incident_corrections(
    incidents: list[Incident] | IncidentTable, corrections: HasIncidentCorrections | None
) -> list[Incident] | IncidentTable:
    """``incidents`` (a list of :class:`Incident` or an :class:`IncidentTable`) with the
    incident corrections of ``corrections`` applied, in the order the module describes; the
    same type back. Those that do not fit are left out (:func:`stale_incident_corrections`)."""
    if corrections is None or not corrections.incident_corrections():
        return incidents
    if isinstance(incidents, IncidentTable):
        return _apply_table(incidents, corrections)
    return _apply_list(list(incidents), corrections)


def stale_incident_corrections(
    incidents: list[Incident] | IncidentTable, corrections: HasIncidentCorrections | None
) -> list[str]:
    """One line per incident correction that cannot be applied to ``incidents``: one of its
    articles (with its label, when it gives one) holds no report among them. A table keeps
    only its incidents' labels, so there only the articles are checked."""
    if corrections is None:
        return []
    labels = not isinstance(incidents, IncidentTable)  # a table keeps no reports' labels
    if isinstance(incidents, IncidentTable):
        present = {(a, "") for ids in incidents.df["article_ids"] for a in ids}
    else:
        present = {(r.article_id, r.label) for inc in incidents for r in inc.reports}
    articles = {a for a, _ in present}
    out = []
    for entry, _ in corrections.incident_corrections():
        label = entry.get("label")
        missing = [
            a
            for a in _articles(entry)
            if (a not in articles if label is None or not labels else (a, label) not in present)
        ]
        if missing:
            what = "article " if len(missing) == 1 else "articles "
            what += ", ".join(map(repr, missing)) + (f" ({label})" if label else "")
            out.append(
                f"the incident correction '{describe_incident(entry)}' no longer fits: {what} "
                "reports no incident among the inputs (edited, renamed or left out?): not applied"
            )
    return out

"""Checking the incident corrections of a corrections file (its ``"incidents"`` list).

An incident correction names incidents by the articles whose reports they hold, which survive
a re-ingest (incident ids may not)::

    {"kind": "merge", "articles": ["a1", "b7"]}          # their incidents are one
    {"kind": "split", "article_id": "c3"}                # c3's report is an incident of its own
    {"kind": "move", "article_id": "a1", "place": {...}} # it happened there
    {"kind": "redate", "article_id": "a1", "start_date": "2015-12-01", "end_date": "2015-12-02"}

An article that reports several incidents is narrowed by ``label`` (its report's label,
"shooting"); without one, its most confident report is meant. Applying them is
:mod:`explorer.incidents.corrections` (this layer knows no incidents).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from explorer.events.corrections.entries import place_from
from explorer.model import Place

__all__ = ["INCIDENT_KINDS", "IncidentKey", "IncidentLoaded", "check_incident", "describe_incident"]

INCIDENT_KINDS = ("merge", "split", "move", "redate")
# (kind, the articles joined by "\x1f" (sorted for a merge), the label or "")
IncidentKey = tuple[str, str, str]
IncidentLoaded = dict[IncidentKey, tuple[dict[str, Any], Place | None]]


def _article_id(value: Any, name: str) -> str:
    if not isinstance(value, (str, int)) or isinstance(value, bool) or str(value).strip() == "":
        raise ValueError(f"{name} must be an article's id, not {value!r}")
    return str(value)


def _day(value: Any, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{name} is not a YYYY-MM-DD date: {value!r}") from exc


def check_incident(item: Any) -> tuple[IncidentKey, dict[str, Any], Place | None]:
    """The key, the entry as it will be saved, and its place (for a move)."""
    if not isinstance(item, dict):
        raise ValueError("an entry must be an object")
    kind = item.get("kind")
    if kind not in INCIDENT_KINDS:
        raise ValueError(f"kind must be one of {', '.join(INCIDENT_KINDS)}, not {kind!r}")
    label = item.get("label")
    if label is not None and (not isinstance(label, str) or not label.strip()):
        raise ValueError(f"label must be a report's label such as 'shooting', not {label!r}")
    entry: dict[str, Any] = {"kind": kind}
    place: Place | None = None
    if kind == "merge":
        raw = item.get("articles")
        if not isinstance(raw, list):
            raise ValueError("a merge needs 'articles': a list of two or more article ids")
        articles = sorted({_article_id(a, "each of 'articles'") for a in raw})
        if len(articles) < 2:
            raise ValueError("a merge needs two or more different articles")
        entry["articles"] = articles
        joined = "\x1f".join(articles)
    else:
        if "article_id" not in item:
            raise ValueError("no 'article_id'")
        entry["article_id"] = joined = _article_id(item["article_id"], "article_id")
    if label is not None:
        entry["label"] = label.strip()
    if kind == "move":
        place = place_from(item.get("place"))
        if place is None:
            raise ValueError("a move needs 'place': an object with a name and a point")
        entry["place"] = place.to_dict()
    elif kind == "redate":
        if "start_date" not in item:
            raise ValueError("a re-date needs 'start_date'")
        first = _day(item["start_date"], "start_date")
        end = item.get("end_date")
        last = first if end in (None, "") else _day(end, "end_date")
        if last < first:
            raise ValueError(f"end_date {last} is before start_date {first}")
        entry.update(start_date=first.isoformat(), end_date=last.isoformat())
    if item.get("file") is not None:
        entry["file"] = str(item["file"])
    return (kind, joined, entry.get("label", "")), entry, place


def _holding(entry: dict[str, Any]) -> str:
    label = f" ({entry['label']})" if entry.get("label") else ""
    if entry["kind"] == "merge":
        return "the incidents of articles " + ", ".join(map(repr, entry["articles"])) + label
    return f"the incident of article {entry['article_id']!r}{label}"


def describe_incident(entry: dict[str, Any]) -> str:
    """``the incidents of articles 'a1', 'b7' are one`` and the like."""
    what = _holding(entry)
    kind = entry["kind"]
    if kind == "merge":
        return f"{what} are one"
    if kind == "split":
        label = f" ({entry['label']})" if entry.get("label") else ""
        return f"the report of article {entry['article_id']!r}{label} is an incident of its own"
    if kind == "move":
        p = Place(**entry["place"])
        return f"{what} happened at {p.label} ({p.latitude:g}, {p.longitude:g})"
    span = entry["start_date"]
    if entry["end_date"] != entry["start_date"]:
        span += f" to {entry['end_date']}"
    return f"{what} happened on {span}"


def load_incident_items(items: Any, where: str) -> IncidentLoaded:
    """The checked incident entries of a file (``where`` names it in errors)."""
    from explorer.errors import CorrectionError

    if items is None:
        return {}
    if not isinstance(items, list):
        raise CorrectionError(f"cannot read corrections file {where}: 'incidents' is not a list")
    out: IncidentLoaded = {}
    first: dict[IncidentKey, int] = {}
    for n, item in enumerate(items, 1):
        try:
            key, entry, place = check_incident(item)
        except RecursionError as exc:
            raise CorrectionError(
                f"cannot read corrections file {where}: incident entry {n}: nested too deeply"
            ) from exc
        except (ValueError, TypeError) as exc:
            raise CorrectionError(
                f"cannot read corrections file {where}: incident entry {n}: {exc}"
            ) from exc
        if key in first:
            raise CorrectionError(
                f"cannot read corrections file {where}: incident entry {n} repeats incident "
                f"entry {first[key]}"
            )
        first[key] = n
        out[key] = (entry, place)
    return out

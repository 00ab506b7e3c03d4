"""One-file briefings: title, period, figures, map, timeline, key events and sources.

The file is self-contained: the map (an altair map over country outlines) and the timeline are
drawn by Vega, whose code is inlined once (from vl-convert-python); no tile server, no CDN. It
opens from a USB stick with the network off. The page is ``templates/briefing.html`` rendered
with autoescape: every piece of article text is a value, escaped in HTML, and in the charts'
JSON written so that it cannot end its ``<script>`` (``<`` as ``\\u003c``).

With ``incidents`` (an :class:`~explorer.incidents.table.IncidentTable`), the key events are
incidents (:func:`key_incidents`): ranked by the distinct sources that report them, then by
killed and injured, each with every report (source, date, headline, evidence); the timeline
draws the incidents, and the figures count them. The same filters apply to both. The map is
then the incident map (:func:`explorer.views.incidents_map.incident_map`: one marker per
incident, sized by its reports, whose popup lists them), an offline page of its own: the
briefing holds it as a JSON string (script-safe) and, once laid out, makes it the ``srcdoc`` of
a sandboxed ``<iframe>`` (scripts only; its links open in a new window). Its texts stay page
data there, never template source.

A DuckDB-backed table (:class:`explorer.scale.ParquetEvents`, a million events) works too: the
figures, key events and sources are SQL, the map shows the 3,000 busiest places and the
timeline counts per day, week or month.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from explorer.events import salience
from explorer.events.filter import Criteria, filter_events
from explorer.events.salience import KeyEvent, Outlets
from explorer.events.table import EventTable
from explorer.files import atomic_write_text
from explorer.views.names import country_label, day_label, place_label
from explorer.views.overview import overview_map, places_map
from explorer.views.popup import date_label, safe_url
from explorer.views.templating import Markup, render, script_json
from explorer.views.timeline import build_timeline

if TYPE_CHECKING:
    from explorer.incidents.table import IncidentTable
    from explorer.scale.duck import ParquetEvents

__all__ = ["briefing_html", "key_incidents", "write_briefing"]


@lru_cache(maxsize=1)
def _vega_bundle() -> str:
    from explorer.views.bundle import javascript_bundle

    return javascript_bundle(None)  # None: the default snippet (cached on disk)


def _spec_json(chart: Any, all_rows: bool = False) -> Markup:
    # "<" as \\u003c: nothing in the data can close the <script> element
    if all_rows:  # the incidents' timeline draws each (altair stops at 5,000 rows)
        import altair as alt

        with alt.data_transformers.disable_max_rows():
            return script_json(json.dumps(chart.to_dict(), ensure_ascii=False))
    return script_json(json.dumps(chart.to_dict(), ensure_ascii=False))


def _period(table: Any, start: dt.date | None, end: dt.date | None) -> str:
    if isinstance(table, EventTable):
        df = table.df
        first = df["start_date"].min().date() if df["start_date"].notna().any() else None
        last = df["end_date"].max().date() if df["end_date"].notna().any() else None
    else:
        first, last = table.date_range()
    lo, hi = start or first, end or last
    if lo is None and hi is None:
        return "undated"
    return f"{day_label(lo) or '…'} – {day_label(hi) or '…'}"


def _countries(chosen: Any) -> list[str]:
    if isinstance(chosen, EventTable):
        return [str(c) for c in chosen.df["country_code"].dropna().unique()]
    return [c for c, _ in chosen.value_counts("country_code", limit=300)]


def _parts(
    chosen: Any,
    key_events: int,
    start: dt.date | None,
    end: dt.date | None,
    mentions: bool = True,
) -> tuple[dict[str, int], Any, Any, list[KeyEvent], Outlets]:
    """Figures, map, timeline, key events and outlets: pandas, or SQL for a DuckDB table.
    Without ``mentions`` (a briefing of incidents, which draws them) no map, timeline or key
    events of the mentions."""
    map_chart = timeline = None
    keys: list[KeyEvent] = []
    if mentions:
        timeline = build_timeline(chosen, lanes="country", width=820, brush=False)
    if isinstance(chosen, EventTable):
        df = chosen.df
        figures = {
            "events": len(df),
            "places": df["place_name"].nunique(),
            "countries": df["country_code"].nunique(),
        }
        if mentions:
            map_chart = overview_map(chosen, width=900, height=460)
            keys = salience.key_events(chosen, key_events, start, end)
        sources = salience.outlets(chosen)
    else:
        figures = chosen.figures()
        if mentions:
            map_chart = places_map(chosen.place_counts(limit=3000), width=900, height=460,
                                   countries=_countries(chosen))  # fmt: skip
            keys = chosen.key_events(key_events, start, end)
        sources = chosen.sources()
    figures["sources"] = sources.count  # the outlets listed under "Sources"
    return figures, map_chart, timeline, keys, sources


def _reports(key: KeyEvent) -> str:
    if key.articles <= 1:
        return ""
    outlets = f" from {key.outlets} outlets" if key.outlets > 1 else ""
    return f"reported in {key.articles} articles{outlets}"


def briefing_html(
    table: EventTable | ParquetEvents,
    *,
    title: str = "Briefing",
    start: dt.date | None = None,
    end: dt.date | None = None,
    countries: Collection[str] = (),
    categories: Collection[str] = (),
    key_events: int = 15,
    incidents: IncidentTable | None = None,
) -> str:
    """The briefing as one HTML string (the events of ``table`` within the given filters;
    with ``incidents``, key events are incidents, see the module notes)."""
    criteria = Criteria(start=start, end=end, countries=tuple(countries),
                        categories=tuple(categories),
                        include_undated=start is None and end is None)  # fmt: skip
    if isinstance(table, EventTable):
        chosen: Any = filter_events(table, criteria)
    else:
        chosen = table.filter(criteria)
    figures, map_chart, timeline, keys, sources = _parts(
        chosen, key_events, start, end, mentions=incidents is None
    )
    key_list: list[dict[str, Any]] = []
    incident_page: Markup | str = ""
    if incidents is not None:
        from explorer.incidents.filter import filter_incidents
        from explorer.views.incidents_map import incident_map

        mentions = chosen if isinstance(chosen, EventTable) else None
        kept = filter_incidents(incidents, criteria, mentions)
        figures = {"incidents": len(kept), **figures}
        timeline = build_timeline(kept, lanes="country", width=820, brush=False)
        key_list = key_incidents(kept, key_events, mentions)
        page = incident_map(kept, mentions, assets="offline").get_root().render()
        incident_page = script_json(json.dumps(page, ensure_ascii=False))
    events = [
        {"when": date_label(k.event), "where": _where(k.event),
         "sentence": str(k.event.get("sentence") or ""), "url": safe_url(k.event.get("url")),
         "source": str(k.event.get("source") or ""), "reports": _reports(k)}
        for k in keys
    ]  # fmt: skip
    return render(
        "briefing.html",
        title=title,
        period=_period(chosen, start, end),
        figures=list(figures.items()),
        events=events,
        incidents=key_list,
        sources=[{"name": name, "articles": n} for name, n in sources.listed],
        more_outlets=sources.more_outlets,
        more_articles=sources.more_articles,
        unnamed_articles=sources.unnamed_articles,
        generated=dt.date.today().isoformat(),
        bundle=Markup(_vega_bundle().replace("</script", "<\\/script")),
        map_spec=_spec_json(map_chart) if map_chart is not None else None,
        incident_map=incident_page,
        timeline_spec=_spec_json(timeline, all_rows=incidents is not None),
    )


def key_incidents(
    incidents: IncidentTable,
    n: int = 15,
    events: EventTable | None = None,
    *,
    reports_shown: int = 10,
) -> list[dict[str, Any]]:
    """The ``n`` key incidents, best first: the most distinct sources (independent reports),
    then the most killed and injured, then the most reports, then the earliest. Each is a dict
    for the template: ``label``, ``when``, ``where``, ``counts``, ``summary``, ``sources`` (all
    of them), ``reports`` (source, date, headline, evidence, URL; from ``events`` when given;
    at most ``reports_shown``, one of each source first) and ``more`` (the reports left out)."""
    from explorer.views.incidents_map import (
        ReportIndex,
        incident_date_label,
        incident_place_label,
        incident_reports,
    )

    df = incidents.df
    if n <= 0 or df.empty:
        return []
    ranked = df.assign(
        _sources=df["sources"].map(len),
        _harm=df["killed"].fillna(0) + df["injured"].fillna(0),
        _start=df["start"].fillna(pd.Timestamp.max),
    ).sort_values(
        ["_sources", "_harm", "reports", "_start", "incident_id"],
        ascending=[False, False, False, True, True],
    )
    from explorer.incidents.table import IncidentTable

    chosen = IncidentTable(ranked.head(n)[list(df.columns)])
    index = ReportIndex.build(events, chosen)
    out = []
    for r in chosen.records():
        counts = ", ".join(f"{r[k]:,} {k}" for k in ("killed", "injured") if r.get(k))
        outlets, reports = len(r["sources"]), int(r["reports"] or 0)
        out.append(
            {
                "label": str(r["label"] or "incident").capitalize(),
                "status": r["status"] if r["status"] not in (None, "happened") else "",
                "when": incident_date_label(r),
                "where": incident_place_label(r) or "unplaced",
                "counts": counts,
                "summary": f"{reports:,} report{'s' if reports != 1 else ''} from "
                f"{outlets:,} source{'s' if outlets != 1 else ''}",
                "sources": list(r["sources"]),
                **_some_reports(incident_reports(r, index), reports_shown),
            }
        )
    return out


def _some_reports(reports: list[dict[str, Any]], cap: int) -> dict[str, Any]:
    """At most ``cap`` reports, one of each source first (all sources are named above them),
    in their order, and how many are left out (``more``)."""
    if len(reports) <= cap:
        return {"reports": reports, "more": 0}
    chosen: list[int] = []
    seen: set[str] = set()
    for k, report in enumerate(reports):
        if len(chosen) < cap and (report.get("source") or "") not in seen:
            seen.add(report.get("source") or "")
            chosen.append(k)
    for k in range(len(reports)):
        if len(chosen) >= cap:
            break
        if k not in chosen:
            chosen.append(k)
    return {"reports": [reports[k] for k in sorted(chosen)], "more": len(reports) - len(chosen)}


def _where(row: dict[str, Any]) -> str:
    place = place_label(row) or "unplaced"
    country = country_label(row.get("country_code"))
    return f"{place}, {country}" if country and not country.startswith(place) else place


def write_briefing(table: EventTable | ParquetEvents, path: str | Path, **options: Any) -> Path:
    """Write :func:`briefing_html` to ``path`` (atomically)."""
    p = Path(path)
    atomic_write_text(p, briefing_html(table, **options))
    return p

"""``explorer.timeline(table)``: an altair chart of when events happened.

Point events (day precision) are drawn as points; events known only to the week, month or year
are drawn as ranges from start to end, not as false points. Lanes by country, place or category;
tooltips with the evidence; an interval brush (``name="brush"``) that the Explorer panel reads.
Above ``max_rows`` events the chart shows counts per day, week or month instead of one mark per
event, so it never hits altair's row limit; a DuckDB-backed table
(:class:`explorer.scale.ParquetEvents`) always does, from counts computed in DuckDB.
:func:`timeline_from_counts` draws such counts (a pure function: counts in, chart out).

Given an :class:`~explorer.incidents.table.IncidentTable`, ``build_timeline`` draws incidents
(:func:`incident_timeline`): one bar per incident over its interval (a point for a day), lanes
by country or category, the mark's size growing with its reports (one legend for it); above
``max_rows`` incidents, incidents per day, week or month, drawn as events' counts are.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from explorer.events.table import EventTable
from explorer.incidents.table import IncidentTable
from explorer.scale.aggregate import Aggregable, TimeCounts, frame_time_counts, time_counts
from explorer.views.names import country_label
from explorer.views.popup import script_safe

__all__ = ["BRUSH", "build_timeline", "incident_timeline", "timeline_from_counts"]


BRUSH = "brush"
_LANES = {"country": "country_code", "place": "place_name", "category": "category"}


def _frame(table: EventTable, lane_column: str) -> pd.DataFrame:
    df = table.df
    dated = df[df["start_date"].notna()]
    out = pd.DataFrame(
        {
            "start": dated["start_date"],
            "end": dated["end_date"].fillna(dated["start_date"]) + pd.Timedelta(days=1),
            "point": dated["granularity"].fillna("day").isin(["day", "time"])
            & (dated["end_date"].fillna(dated["start_date"]) == dated["start_date"]),
            "place": dated["place_name"].fillna(dated["place_text"]).fillna("unresolved"),
            "country_code": dated["country_code"].map(_country_lane),
            "place_name": dated["place_name"].fillna("unresolved"),
            "category": dated["categories"].map(lambda c: c[0] if c else "other"),
            "date": dated["date_value"].fillna("").astype(str),
            "sentence": script_safe(dated["sentence"].fillna("").astype(str).str.slice(0, 240)),
            "title": script_safe(dated["title"].fillna("")),
            "event_id": dated["event_id"].astype(str),
        }
    )
    out["lane"] = script_safe(out[lane_column])
    out["place"] = script_safe(out["place"])
    return out


def _country_lane(code: object) -> str:
    return country_label(code) or "no country"


def _category_color(data: pd.DataFrame) -> alt.Color:
    """The same colours as the map's legend."""
    from explorer.views.mapstyle import category_scale

    used, colours = category_scale(set(data["category"]))
    return alt.Color("category:N", title="Category", scale=alt.Scale(domain=used, range=colours))


def build_timeline(
    table: EventTable | Aggregable | IncidentTable,
    *,
    lanes: str = "country",
    max_rows: int = 5000,
    width: int = 700,
    brush: bool = True,
) -> alt.Chart | alt.LayerChart | alt.VConcatChart:
    """An altair chart of the table's dated events (see the module notes)."""
    if lanes not in _LANES:
        raise ValueError(f"lanes must be one of {', '.join(_LANES)}")
    if isinstance(table, IncidentTable):
        return incident_timeline(table, lanes=lanes, width=width, brush=brush, max_rows=max_rows)
    selection = alt.selection_interval(encodings=["x"], name=BRUSH)
    if not isinstance(table, EventTable):  # on disk: counts from DuckDB
        return timeline_from_counts(table.time_counts(), width=width, brush=brush)
    data = _frame(table, _LANES[lanes])
    if len(data) > max_rows:
        return timeline_from_counts(time_counts(table), width=width, brush=brush)
    top = data["lane"].value_counts().index[:25]
    data = data[data["lane"].isin(top)]
    height = max(120, 22 * data["lane"].nunique())
    base = alt.Chart(data).encode(
        y=alt.Y(
            "lane:N",
            title=lanes.capitalize(),
            sort=alt.EncodingSortField(field="event_id", op="count", order="descending"),
        ),
        color=_category_color(data),
        tooltip=[
            alt.Tooltip("title:N", title="Headline"),
            alt.Tooltip("date:N", title="Date"),
            alt.Tooltip("place:N", title="Place"),
            alt.Tooltip("sentence:N", title="Evidence"),
        ],
    )
    ranges = (
        base.transform_filter("!datum.point")
        .mark_bar(height=8, opacity=0.6)
        .encode(x=alt.X("start:T", title="Date"), x2="end:T")
    )
    points = (
        base.transform_filter("datum.point")
        .mark_circle(size=60, opacity=0.85)
        .encode(x=alt.X("start:T", title="Date"))
    )
    chart = alt.layer(ranges, points).properties(width=width, height=height)
    if brush:
        chart = chart.add_params(selection)
    return chart  # type: ignore[return-value]


_INCIDENT_LANES = {"country": "country", "category": "category", "place": "place"}


def incident_frame(incidents: IncidentTable) -> pd.DataFrame:
    """One row per dated incident: its interval (``end`` the day after its last), whether it
    is a point (one day), lane values, and tooltip texts (script-safe)."""
    df = incidents.df
    dated = df[df["start"].notna()]
    end = dated["end"].fillna(dated["start"])
    out = pd.DataFrame(
        {
            "start": dated["start"],
            "end": end + pd.Timedelta(days=1),
            "point": end == dated["start"],
            "country": dated["country_code"].map(_country_lane),
            "category": dated["category"].fillna("other"),
            "place": dated["place_name"].fillna("unplaced"),
            "label": dated["label"].fillna("incident"),
            "reports": dated["reports"].fillna(1).astype(int),
            "sources": dated["sources"].map(lambda s: ", ".join(s)),
            "incident_id": dated["incident_id"].astype(str),
        }
    )
    for column in ("country", "category", "place", "label", "sources"):
        out[column] = script_safe(out[column])
    return out


def _report_steps(reports: pd.Series) -> list[int]:
    """A few whole numbers of reports for the size legend, from 1 to the most."""
    top = int(reports.max()) if len(reports) else 1
    steps = {1, top}
    if top >= 4:
        steps.add(max(2, round(top / 2)))
    return sorted(steps)


def incident_timeline(
    incidents: IncidentTable,
    *,
    lanes: str = "country",
    width: int = 700,
    brush: bool = True,
    max_lanes: int = 25,
    max_rows: int = 5000,
) -> alt.LayerChart | alt.Chart | alt.VConcatChart:
    """Incidents over time: interval bars (points for a day), lanes by ``country``,
    ``category`` or ``place`` (the busiest ``max_lanes``), thicker with more reports. Above
    ``max_rows`` incidents: incidents per day, week or month and category, as for events."""
    if lanes not in _INCIDENT_LANES:
        raise ValueError(f"lanes must be one of {', '.join(_INCIDENT_LANES)}")
    if len(incidents) > max_rows:
        return timeline_from_counts(
            _incident_counts(incidents), width=width, brush=brush, noun="incidents"
        )
    data = incident_frame(incidents)
    data["lane"] = data[_INCIDENT_LANES[lanes]]
    top = data["lane"].value_counts().index[:max_lanes]
    data = data[data["lane"].isin(top)]
    height = max(120, 26 * data["lane"].nunique())
    base = alt.Chart(data).encode(
        y=alt.Y(
            "lane:N",
            title=lanes.capitalize(),
            sort=alt.EncodingSortField(field="incident_id", op="count", order="descending"),
        ),
        color=_category_color(data),
        tooltip=[
            alt.Tooltip("label:N", title="Incident"),
            alt.Tooltip("start:T", title="From"),
            alt.Tooltip("place:N", title="Place"),
            alt.Tooltip("reports:Q", title="Reports"),
            alt.Tooltip("sources:N", title="Sources"),
        ],
    )
    ranges = (
        base.transform_filter("!datum.point")
        .mark_bar(opacity=0.6)
        .encode(
            x=alt.X("start:T", title="Date"),
            x2="end:T",
            # one legend for the reports (the points'): the bars' would repeat it
            size=alt.Size("reports:Q", scale=alt.Scale(range=[4, 16]), legend=None),
        )
    )
    points = (
        base.transform_filter("datum.point")
        .mark_circle(opacity=0.8)
        .encode(
            x=alt.X("start:T", title="Date"),
            size=alt.Size(
                "reports:Q",
                scale=alt.Scale(range=[40, 400]),
                # whole numbers of reports only (one incident of one report showed 0.0-1.0)
                legend=alt.Legend(
                    title="Reports", values=_report_steps(data["reports"]), format="d"
                ),
            ),
        )
    )
    chart = alt.layer(ranges, points).resolve_scale(size="independent")
    chart = chart.properties(width=width, height=height)
    if brush:
        chart = chart.add_params(alt.selection_interval(encodings=["x"], name=BRUSH))
    return chart


def _incident_counts(incidents: IncidentTable) -> TimeCounts:
    """Incidents per day, week or month and category, counted as events are."""
    df = incidents.df
    frame = pd.DataFrame(
        {
            "start_date": df["start"],
            "end_date": df["end"],
            "categories": df["category"].map(lambda c: (c,) if isinstance(c, str) else ()),
        }
    )
    return frame_time_counts(frame)


def timeline_from_counts(
    counts: TimeCounts, *, width: int = 700, brush: bool = True, noun: str = "events"
) -> alt.Chart | alt.VConcatChart:
    """Stacked bars of events (or ``noun``) per day, week or month and category (the brush
    still works).

    Events known only to a longer period than the bar (a month or a year in weekly counts)
    are not put in their period's first bar, which would make a false surge: they are drawn
    apart, below, as bars spanning their whole period, and the titles say so."""
    frame = counts.frame()
    spans = counts.span_frame()
    dated = "" if spans.empty else f", dated to the {counts.unit} or closer"
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("bucket:T", title=f"Date ({noun} per {counts.unit}{dated})"),
            y=alt.Y("events:Q", title=noun.capitalize(), stack=True),
            color=_category_color(pd.concat([frame, spans])),
            tooltip=[
                alt.Tooltip("bucket:T", title=counts.unit.capitalize()),
                alt.Tooltip("category:N", title="Category"),
                alt.Tooltip("events:Q", title=noun.capitalize(), format=","),
            ],
        )
        .properties(width=width, height=220)
    )
    if brush:
        chart = chart.add_params(alt.selection_interval(encodings=["x"], name=BRUSH))
    if spans.empty:
        return chart
    x = alt.X("start:T", title=f"{noun.capitalize()} known only to a longer period than a "
              f"{counts.unit} (a month, a year, a range): one bar spans the period")  # fmt: skip
    longer = (
        alt.Chart(spans)
        .mark_bar(opacity=0.55)
        .encode(
            x=x,
            x2="end:T",
            y=alt.Y("events:Q", title=noun.capitalize(), stack=None),
            y2=alt.datum(0),
            color=_category_color(pd.concat([frame, spans])),
            tooltip=[
                alt.Tooltip("start:T", title="From"),
                alt.Tooltip("end:T", title="Ends before"),
                alt.Tooltip("category:N", title="Category"),
                alt.Tooltip("events:Q", title=noun.capitalize(), format=","),
            ],
        )
        .properties(width=width, height=90)
    )
    return alt.vconcat(chart, longer).resolve_scale(x="shared")

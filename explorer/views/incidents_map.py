"""``incident_map(incidents, events)``: a folium map of incidents, one marker per incident.

A marker's radius grows with the number of reports (articles) behind the incident; its colour
is the incident's category (the events map's colours and legend); clusters count incidents. Its
popup names the incident (label, status, category), its place with the precision it is known
to, its dates, its counts, then every report: source, date, headline and the evidence sentence,
taken from the events table when one is given (matched by the incident's event ids; each report
is one article). Without the events, the popup lists the articles and sources it has.

As on the events map (:mod:`explorer.views.map`), no text goes into a folium element: popups,
tooltips and the legend are page data (:mod:`explorer.views.pagedata`). The page is compact:
each text (a headline, a source, a date, an evidence sentence, a place) is stored once in the
page's texts, and each incident's popup is a list of indices into them
(:func:`incident_popup_data`, ``explorerData.incidents``), built in the browser when it opens
(``templates/incident_popup.js``, with ``textContent``: no text is ever read as HTML) with the
structure of ``templates/incident_popup.html``. A popup lists the first
:data:`MAP_POPUP_REPORTS` reports and counts the others ("… and 12 more reports"). For 20,000
synthetic incidents of 54,101 reports (``benchmarks/bench_views.py --incidents 20000``) the
page was 49.0 MB with every popup stored whole as HTML.

The rows and popups are built by plain functions (:func:`incident_rows`,
:func:`incident_popup_html`): the Explorer panel's live map asks for each popup when it is
opened and gets it from the template, made in Python.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import folium
from folium import plugins
from folium.map import Layer
from folium.template import Template

from explorer.events.table import EventTable, json_value
from explorer.incidents.table import IncidentTable
from explorer.views.mapstyle import (
    CLUSTER_CSS,
    COUNT_EVENTS,
    ZOOM_LIMITS,
    add_basemap,
    add_legend,
    category_color,
)
from explorer.views.names import country_label, day_label, period_label
from explorer.views.offline import make_offline
from explorer.views.pagedata import PageTexts, add_page_html, page_texts
from explorer.views.popup import safe_url
from explorer.views.templating import render

__all__ = [
    "MAP_POPUP_REPORTS",
    "POPUP_REPORTS",
    "ReportIndex",
    "incident_date_label",
    "incident_map",
    "incident_place_label",
    "incident_popup_data",
    "incident_popup_html",
    "incident_reports",
    "incident_rows",
    "incident_tooltip",
    "marker_radius",
]

POPUP_REPORTS = 30  # reports listed in one popup; the rest are counted
MAP_POPUP_REPORTS = 20  # the same on a map page, where every popup is stored in the page

# an incident's popup data: these indices into the page's texts, then REPORT_FIELDS for each
# listed report (the layout templates/incident_popup.js reads)
POPUP_FIELDS = ("label", "status", "category", "place", "precision", "date", "counts",
                "summary", "reports", "more")  # fmt: skip
REPORT_FIELDS = ("source", "url", "date", "title", "evidence", "article")


@cache
def incident_js() -> str:
    """The page's script: markers, popups and tooltips from the page data."""
    source = resources.files("explorer.views").joinpath("templates/incident_popup.js")
    return source.read_text(encoding="utf-8")


_CALLBACK = "function (row) { return explorerIncidentMarker(row); }"


def marker_radius(reports: int) -> float:
    """6 px for one report, 3 px more each time the reports double, at most 20 px."""
    return round(min(20.0, 6.0 + 3.0 * math.log2(max(1, reports))), 1)


def _text(value: Any) -> str:
    value = json_value(value)
    return "" if value is None else str(value)


@dataclass
class ReportIndex:
    """What the popups need of the events table: each event's article and sentence, and each
    article's headline, source, URL and publication date (only for the incidents' ids)."""

    sentences: dict[str, tuple[str, str]] = field(default_factory=dict)  # event -> article, text
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def build(cls, events: EventTable | None, incidents: IncidentTable) -> ReportIndex:
        out = cls()
        if events is None or not len(events) or not len(incidents):
            return out
        df = events.df
        ids = {e for ids in incidents.df["event_ids"] for e in ids}
        articles = {a for ids in incidents.df["article_ids"] for a in ids}
        mine = df[df["event_id"].isin(ids)]
        for event_id, article_id, sentence in zip(
            mine["event_id"], mine["article_id"], mine["sentence"], strict=True
        ):
            out.sentences[str(event_id)] = (_text(article_id), _text(sentence))
        heads = df[df["article_id"].isin(articles)].drop_duplicates("article_id")
        for r in heads[["article_id", "title", "source", "url", "published"]].itertuples(
            index=False
        ):
            out.articles[str(r.article_id)] = {
                "title": _text(r.title),
                "source": _text(r.source),
                "url": safe_url(json_value(r.url)),
                "date": day_label(json_value(r.published)),
                "day": _text(r.published)[:10],
            }
        return out


def incident_reports(row: dict[str, Any], index: ReportIndex) -> list[dict[str, Any]]:
    """The reports of one incident (a row of :meth:`IncidentTable.records`), one per article,
    first reported first: ``article_id``, ``source``, ``date``, ``title``, ``evidence``
    (the first sentence of the incident's mentions in that article), ``url``."""
    evidence: dict[str, str] = {}
    for event_id in row.get("event_ids") or ():
        article_id, sentence = index.sentences.get(event_id, ("", ""))
        if article_id and sentence and article_id not in evidence:
            evidence[article_id] = sentence
    sources = list(row.get("sources") or ())
    articles = list(row.get("article_ids") or ())
    reports = []
    for article_id in articles:
        meta = index.articles.get(article_id, {})
        source = meta.get("source") or (sources[0] if len(sources) == 1 == len(articles) else "")
        reports.append(
            {
                "article_id": article_id,
                "source": source,
                "date": meta.get("date", ""),
                "day": meta.get("day", ""),
                "title": meta.get("title", ""),
                "evidence": evidence.get(article_id, ""),
                "url": meta.get("url"),
            }
        )
    reports.sort(key=lambda r: (r["day"] == "", r["day"]))  # stable: undated last
    return reports


def incident_date_label(row: dict[str, Any]) -> str:
    """ "1 Dec 2015", "week: 23 Nov 2015 – 29 Nov 2015", "undated"."""
    start, end = row.get("start"), row.get("end")
    if start is None:
        return "undated"
    label = period_label(start, end or start)
    precision = row.get("date_precision") or "day"
    if precision not in ("day", "unknown") and end and end != start:
        label = f"{precision}: {label}"
    return label


def incident_place_label(row: dict[str, Any]) -> str:
    """ "Mosul, Iraq (IQ)"; the country alone when that is all that is known."""
    name = _text(row.get("place_name"))
    country = country_label(row.get("country_code"))
    if name and country and not country.startswith(name):
        return f"{name}, {country}"
    return name or country


def _counts(row: dict[str, Any]) -> str:
    parts = [f"{row[k]:,} {k}" for k in ("killed", "injured") if row.get(k)]
    return ", ".join(parts)


def _reports_label(n: int) -> str:
    return "1 report" if n == 1 else f"{n:,} reports"


def _popup_info(row: dict[str, Any], reports: list[dict[str, Any]]) -> dict[str, str]:
    """The texts of an incident's popup, above its reports."""
    n = int(row.get("reports") or len(reports))
    outlets = len(row.get("sources") or ())
    summary = _reports_label(n)
    if outlets:
        summary += f" from {outlets:,} source{'s' if outlets != 1 else ''}"
    return {
        "label": (_text(row.get("label")) or "incident").capitalize(),
        "status": _text(row.get("status")) or "happened",
        "category": _text(row.get("category")),
        "place": incident_place_label(row),
        "precision": _text(row.get("place_precision")),
        "date": incident_date_label(row),
        "counts": _counts(row),
        "summary": summary,
        "reports": _reports_label(n),
    }


def incident_popup_html(
    row: dict[str, Any], reports: list[dict[str, Any]], limit: int = POPUP_REPORTS
) -> str:
    """The incident's popup (``templates/incident_popup.html``, escaped)."""
    shown = reports[:limit]
    return render("incident_popup.html", i=_popup_info(row, reports), reports=shown,
                  more=len(reports) - len(shown))  # fmt: skip


def incident_popup_data(
    row: dict[str, Any],
    reports: list[dict[str, Any]],
    texts: PageTexts,
    limit: int = MAP_POPUP_REPORTS,
) -> list[int]:
    """The incident's popup as indices into ``texts`` (-1: nothing; see :data:`POPUP_FIELDS`
    and :data:`REPORT_FIELDS`): what ``templates/incident_popup.js`` builds the popup and the
    tooltip from. Texts shared by many popups (sources, dates, places, headlines) are stored
    once."""
    i, shown = _popup_info(row, reports), reports[:limit]
    out = [texts.ref(i["label"]), texts.opt(i["status"] if i["status"] != "happened" else ""),
           texts.opt(i["category"]), texts.ref(i["place"] or "unplaced"),
           texts.opt(i["precision"]), texts.ref(i["date"]), texts.opt(i["counts"]),
           texts.ref(i["summary"]), texts.ref(i["reports"]), len(reports) - len(shown)]  # fmt: skip
    for r in shown:
        bare = not r["title"] and not r["evidence"]
        out += [texts.opt(r["source"]), texts.opt(r["url"] or ""), texts.opt(r["date"]),
                texts.opt(r["title"]), texts.opt(r["evidence"]),
                texts.opt(r["article_id"]) if bare else -1]  # fmt: skip
    return out


def incident_tooltip(row: dict[str, Any]) -> str:
    n = int(row.get("reports") or 0)
    label = _text(row.get("label")) or "incident"
    where = incident_place_label(row) or "unplaced"
    return html.escape(f"{label} · {where} · {incident_date_label(row)} · {_reports_label(n)}")


def incident_rows(
    incidents: IncidentTable,
    texts: PageTexts,
    events: EventTable | None = None,
    *,
    popups: bool = True,
    limit: int = MAP_POPUP_REPORTS,
) -> tuple[list[list[Any]], list[str], list[dict[str, Any]]]:
    """The markers of the incidents that have a point, as rows ``[lat, lon, popup, colour, 1,
    tooltip, radius]``, the categories used (legend order of appearance), and the rows'
    records.

    With ``popups`` (a map page), each incident's popup data (:func:`incident_popup_data`) is
    the page data ``incidents`` of ``texts``, ``popup`` its index there and ``tooltip`` -1
    (made from it). Without (the panel's live map), ``popup`` is -2 (asked for when opened)
    and ``tooltip`` the index of the tooltip's HTML in ``texts``."""
    df = incidents.df
    placed = IncidentTable(df[df["latitude"].notna() & df["longitude"].notna()])
    index = ReportIndex.build(events, placed) if popups else ReportIndex()
    rows: list[list[Any]] = []
    used: list[str] = []
    records: list[dict[str, Any]] = []
    data: list[list[int]] = []
    for r in placed.records():
        category = r.get("category") or "other"
        if category not in used:
            used.append(category)
        if popups:
            popup, tooltip = len(data), -1
            data.append(incident_popup_data(r, incident_reports(r, index), texts, limit))
        else:
            popup, tooltip = -2, texts.ref(incident_tooltip(r))
        rows.append([r["latitude"], r["longitude"], popup, category_color(category), 1,
                     tooltip, marker_radius(r["reports"] or 1)])  # fmt: skip
        records.append(r)
    if popups:
        texts.put("incidents", data)
    return rows, used, records


# how far in to zoom for the finest place the incidents have: a country is seen whole
_ZOOM_FOR = {"country": 5, "region": 7}


def _closest_zoom(incidents: IncidentTable) -> int:
    column = incidents.df.get("place_precision")
    if column is None:
        return 9
    found = {str(p) for p in column.dropna()}
    if found and found <= set(_ZOOM_FOR):
        return max(_ZOOM_FOR[p] for p in found)
    return 9


def incident_map(
    incidents: IncidentTable,
    events: EventTable | None = None,
    *,
    basemap: str | None = "none",
    cluster: bool = True,
    assets: str | None = None,
    popup_reports: int = MAP_POPUP_REPORTS,
) -> folium.Map:
    """A folium map of the incidents that have a point (see the module notes); a popup lists
    at most ``popup_reports`` reports."""
    fmap = folium.Map(
        location=(30, 20), zoom_start=2, tiles=None, control_scale=True, **ZOOM_LIMITS
    )
    texts = page_texts(fmap)
    add_basemap(fmap, basemap)
    rows, used, _ = incident_rows(incidents, texts, events, limit=popup_reports)
    if rows:
        lats, lons = [r[0] for r in rows], [r[1] for r in rows]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]],
                        max_zoom=_closest_zoom(incidents))  # fmt: skip
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        folium.Element(f"<style>{CLUSTER_CSS}</style>"), name="explorer_incident_css"
    )
    add_page_html(fmap, f"<script>{incident_js()}</script>")  # after rendering: no template
    name = f"Incidents ({len(rows):,})"
    if cluster:
        plugins.FastMarkerCluster(
            rows, callback=_CALLBACK, icon_create_function=COUNT_EVENTS, name=name
        ).add_to(fmap)
    else:
        _IncidentLayer(rows, name=name).add_to(fmap)
    if used:
        add_legend(fmap, used)
    folium.LayerControl(collapsed=True).add_to(fmap)
    return make_offline(fmap, assets)


class _IncidentLayer(Layer):
    """Unclustered incident markers, in one feature group."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var rows = {{ this.rows|tojson }}, group = L.featureGroup();
            for (var i = 0; i < rows.length; i++) { explorerIncidentMarker(rows[i]).addTo(group); }
            return group;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list[Any]], *, name: str) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "IncidentLayer"
        self.rows = rows

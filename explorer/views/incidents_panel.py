"""The Explorer panel's incidents: a switch "Incidents | Mentions", and the incident views.

``Explorer(table, incidents=...)`` (:mod:`explorer.views.panel`) shows incidents by default:
the same filters (dates, countries, places, sources, categories, confidence, text) select
incidents (:func:`explorer.incidents.filter.filter_incidents`; the text also searches the
sentences of the mentions an incident groups), the map draws one marker per incident sized by
its reports (:class:`IncidentMap`, whose popups list the reports), the timeline draws the
incidents' intervals, and the table lists them. "Mentions" switches back to the events, which
stay the evidence of each incident's popup.
"""

from __future__ import annotations

from typing import Any

import folium
import ipywidgets as widgets

from explorer.events.filter import Criteria
from explorer.events.table import EventTable
from explorer.incidents.filter import filter_incidents
from explorer.incidents.table import IncidentTable
from explorer.views.incidents_map import (
    ReportIndex,
    incident_date_label,
    incident_map,
    incident_popup_html,
    incident_reports,
    incident_rows,
)
from explorer.views.mapstyle import category_color
from explorer.views.mapwidget import EventMap, MapData
from explorer.views.names import country_label
from explorer.views.pagedata import PageTexts
from explorer.views.templating import macro, render

__all__ = ["INCIDENTS", "MENTIONS", "IncidentMap", "IncidentsView"]

INCIDENTS, MENTIONS = "Incidents", "Mentions"
COLUMNS = ("Date", "Incident", "Place", "Country", "Category", "Reports", "Sources")
SORTS = {
    "date": ("start", True),
    "place": ("place_name", True),
    "country": ("country_code", True),
    "confidence": ("confidence", False),
}


class IncidentMap(EventMap):
    """The live map (:class:`~explorer.views.mapwidget.EventMap`) that also draws incidents:
    :meth:`show_incidents` sends their markers; a popup is made when it is opened."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._incidents: list[dict[str, Any]] | None = None
        self._index = ReportIndex()

    def show(self, table: Any, *, detail: int = 20_000, **options: Any) -> MapData:
        self._incidents = None
        return super().show(table, detail=detail, **options)

    def show_incidents(self, incidents: IncidentTable, events: EventTable | None) -> MapData:
        """Draw ``incidents``, one marker each; ``events`` give their popups' reports."""
        texts = PageTexts()
        rows, used, records = incident_rows(incidents, texts, popups=False)
        lats, lons = [r[0] for r in rows], [r[1] for r in rows]
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]] if rows else None
        items = [(c, category_color(c)) for c in used]
        legend = render("legend.html", title="Category", items=items) if items else ""
        shown = MapData(
            {"rows": rows, "moves": [], "name": f"Incidents ({len(rows):,})",
             "legend": legend, "note": "", "grid": None, "bounds": bounds,
             "texts": [texts[i] for i in range(len(texts))]},
            sources=[[i] for i in range(len(rows))],
        )  # fmt: skip
        self._version += 1
        shown.data["version"] = self._version
        self._shown, self._incidents = shown, records
        self._index = ReportIndex.build(events, IncidentTable.from_records(records))
        self.data = shown.data
        return shown

    def popup(self, marker: Any, version: Any = None) -> str | None:
        if self._incidents is None:
            return super().popup(marker, version)
        if version is not None and version != self._version:
            return None
        if not isinstance(marker, int) or not 0 <= marker < len(self._incidents):
            return None
        row = self._incidents[marker]
        return incident_popup_html(row, incident_reports(row, self._index))


class IncidentsView:
    """The incidents of a panel: the switch, the filtered incidents, their table and count."""

    def __init__(self, incidents: IncidentTable, events: Any) -> None:
        self.incidents = incidents
        self.events = events if isinstance(events, EventTable) else None  # the evidence
        self.filtered = incidents
        self.mode = widgets.ToggleButtons(options=[INCIDENTS, MENTIONS], value=INCIDENTS)

    @property
    def active(self) -> bool:
        return bool(self.mode.value == INCIDENTS)

    def add_options(self, panel: Any) -> None:
        """Add to the panel's lists the countries, places, sources and categories that only
        incidents have ("Mosul (2 incidents)"), so that every filter can select them."""
        for name, column in (("countries", "country_code"), ("places", "place_name"),
                             ("sources", "sources"), ("categories", "category")):  # fmt: skip
            select = getattr(panel, name)
            have = {str(v) for _, v in select.options}
            values = self.incidents.df[column].explode().dropna()
            extra = [(f"{v} ({n:,} incident{'s' if n != 1 else ''})", str(v))
                     for v, n in values.value_counts().items() if str(v) not in have]  # fmt: skip
            if extra:
                select.options = [*select.options, *extra]

    @property
    def shown(self) -> IncidentTable | None:
        """The filtered incidents when the switch shows incidents, else None."""
        return self.filtered if self.active else None

    def filter(self, criteria: Criteria) -> IncidentTable:
        self.filtered = filter_incidents(self.incidents, criteria, self.events)
        return self.filtered

    def update(
        self, criteria: Criteria, count: Any, table: Any, sort: str, mentions: int, rows: int = 200
    ) -> None:
        """Filter; when incidents are shown, put their count and table into the panel's
        ``count`` and ``table`` widgets (``mentions``: the events the filters keep)."""
        self.filter(criteria)
        if self.active:
            count.value = self.count_html(mentions)
            table.value = self.table_html(sort, rows)

    def timeline_table(self, criteria: Criteria) -> IncidentTable:
        """The incidents the timeline shows (every filter but the dates: its brush sets them)."""
        return filter_incidents(self.incidents, criteria, self.events)

    def show(self, view: Any) -> bool:
        """Draw the filtered incidents on the panel's live map when the switch says so."""
        if not self.active or not isinstance(view, IncidentMap):
            return False
        view.show_incidents(self.filtered, self.events)
        return True

    def map(self, basemap: str, assets: str | None) -> folium.Map | None:
        """The exported map of the filtered incidents (None when mentions are shown)."""
        if not self.active:
            return None
        return incident_map(self.filtered, self.events, basemap=basemap, assets=assets)

    def count_html(self, mentions: int | None = None) -> str:
        return macro("incidents_panel.html", "count", len(self.filtered), len(self.incidents),
                     mentions)  # fmt: skip

    def table_html(self, sort: str, limit: int) -> str:
        column, ascending = SORTS.get(sort, SORTS["date"])
        df = self.filtered.df.sort_values(column, ascending=ascending, na_position="last")
        rows = []
        for r in IncidentTable(df.head(limit)).records():
            rows.append(
                [
                    incident_date_label(r),
                    str(r["label"] or ""),
                    str(r["place_name"] or ""),
                    country_label(r["country_code"]),
                    str(r["category"] or ""),
                    f"{r['reports'] or 0:,}",
                    ", ".join(r["sources"]),
                ]
            )
        more = len(df) - min(len(df), limit)
        return macro("panel.html", "table", list(COLUMNS), rows, more)

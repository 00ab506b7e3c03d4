"""``explorer.Explorer(table)``: a linked filter panel for JupyterLab (ipywidgets).

A thin wrapper over the pure :func:`explorer.events.filter_events`: the widgets only build a
:class:`~explorer.events.Criteria`; the views (folium map, altair timeline, table) are rebuilt
from the filtered table. The count and the table follow at once; the map and the timeline
after a short pause (debounced). The map is a small widget (:mod:`.mapwidget`) that loads
Leaflet once and on each redraw receives only the markers to draw (and their tooltips; a popup
when it is opened); above ``map_detail`` events (20,000) it draws aggregates (grid counts and a
sample of markers); the count line says so, and "Export map" still writes every event as the
full offline folium page. The timeline follows every filter but its own dates: it is rebuilt
when a filter other than the dates changes, and its brush narrows the date range.

With ``incidents=`` (an :class:`~explorer.incidents.table.IncidentTable`), a switch
"Incidents | Mentions" (:mod:`.incidents_panel`) shows incidents by default: the same filters
select them, the map draws one marker per incident, the timeline and the table list them.

With ``corrections=FILE``, a "Corrections" area (:mod:`.corrections_panel`) adds, fixes or
removes a place of a chosen article in that file (applied on the next ingest).

Given a DuckDB-backed table (:class:`explorer.scale.ParquetEvents`, e.g. a million events), the
same widgets run as SQL: the options and the count come from DuckDB, the table shows the first
rows in the chosen order, the map and the timeline are drawn from aggregates.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from explorer.errors import ExplorerError
from explorer.events.filter import Criteria, filter_events
from explorer.events.table import EventTable
from explorer.messages import in_a_kernel
from explorer.views.incidents_panel import IncidentMap, IncidentsView
from explorer.views.map import build_map
from explorer.views.mapwidget import EventMap
from explorer.views.names import country_label, day_label, period_label, place_label
from explorer.views.offline import enable_offline_charts, resolve_assets_mode
from explorer.views.panel_options import day_options, list_options, recategorised
from explorer.views.save import save_map
from explorer.views.templating import macro
from explorer.views.timeline import BRUSH, build_timeline

if TYPE_CHECKING:
    from explorer.events.corrections import Corrections
    from explorer.incidents.table import IncidentTable
    from explorer.scale.duck import ParquetEvents
    from explorer.views.corrections_panel import CorrectionsPanel

__all__ = ["MAP_DETAIL", "Explorer"]

MAP_DETAIL = 20_000  # events the live map draws one by one; above, aggregates

_TABLE_COLUMNS = {
    "start_date": "Date",
    "place_name": "Place",
    "country_code": "Country",
    "categories": "Categories",
    "sentence": "Evidence",
    "source": "Source",
}
_SORTS = {
    "date": ("start_date", True),
    "place": ("place_name", True),
    "country": ("country_code", True),
    "confidence": ("place_confidence", False),
}


class Explorer:
    """Filters, a map, a timeline and a table of an events table, linked."""

    def __init__(
        self,
        table: EventTable | ParquetEvents,
        *,
        basemap: str = "none",
        assets: str | None = None,
        rows: int = 200,
        debounce: float = 0.4,
        out_dir: str | Path = "out",
        map_detail: int = MAP_DETAIL,
        corrections: Corrections | str | Path | None = None,
        lexicon: Mapping[str, tuple[str, ...]] | str | Path | None = None,
        incidents: IncidentTable | None = None,
    ) -> None:
        if lexicon is not None:
            table = recategorised(table, lexicon)
        self.table = table
        self.basemap, self.assets, self.rows, self.debounce = basemap, assets, rows, debounce
        self.map_detail = map_detail
        self.out_dir = Path(out_dir)
        self._days = day_options(table)
        self.dates = widgets.SelectionRangeSlider(
            options=self._days,
            index=(0, len(self._days) - 1),
            description="Dates",
            continuous_update=False,
            readout=False,  # its readout is cut short: the period is written beside it
            layout=widgets.Layout(width="75%"),
        )
        self.period = widgets.HTML()
        self.dates.observe(lambda _change: self._show_period(), names="value")
        self._show_period()
        self.countries = widgets.SelectMultiple(options=list_options(table, "country_code"), rows=6)
        self.places = widgets.SelectMultiple(options=list_options(table, "place_name"), rows=6)
        self.sources = widgets.SelectMultiple(options=list_options(table, "source"), rows=6)
        self.categories = widgets.SelectMultiple(options=list_options(table, "categories"), rows=6)
        self.text = widgets.Text(placeholder="search the evidence", continuous_update=False)
        self.confidence = widgets.FloatSlider(0.0, min=0.0, max=1.0, step=0.05,
                                              description="Confidence")  # fmt: skip
        self.unresolved = widgets.Checkbox(False, description="unresolved places only")
        self.sort = widgets.Dropdown(options=list(_SORTS), value="date", description="Sort by")
        self.count = widgets.HTML()
        self.count.add_class("explorer-count")
        self.status = widgets.HTML()
        # a user's own categories (a JSON or YAML file: category -> words), applied on click
        self.lexicon_file = widgets.Text(
            placeholder="your categories: lexicon.yaml", layout=widgets.Layout(width="40%")
        )
        self.apply_lexicon = widgets.Button(
            description="Apply categories", layout=widgets.Layout(width="auto")
        )
        self.apply_lexicon.on_click(lambda _b: self.use_lexicon(self.lexicon_file.value))
        self.incidents = None if incidents is None else IncidentsView(incidents, table)
        self.map_view = (EventMap if incidents is None else IncidentMap)(basemap=basemap)
        self.map_view.layout.width = "100%"
        self.map_view.add_class("explorer-map")
        self.table_view = widgets.HTML(layout=widgets.Layout(width="100%"))
        if in_a_kernel() and resolve_assets_mode(assets) == "offline":
            # the timeline widget draws with no CDN: altair's own switch, made here because
            # a panel was asked for (about 2 s, once per kernel)
            enable_offline_charts()
        self.timeline = alt.JupyterChart(build_timeline(table if incidents is None else incidents))
        self.timeline.add_class("explorer-timeline")
        # the filters (not the dates) the timeline shows, and whether it shows incidents
        self._timeline_shown = (Criteria(), incidents is not None)
        self.export_map = widgets.Button(
            description="Export map (HTML)", icon="map", layout=widgets.Layout(width="auto")
        )
        self.export_csv = widgets.Button(
            description="Export events (CSV)", icon="table", layout=widgets.Layout(width="auto")
        )
        self.export_brief = widgets.Button(
            description="Briefing (HTML)", icon="file", layout=widgets.Layout(width="auto")
        )
        self._timer: asyncio.TimerHandle | None = None
        self.filtered: EventTable | ParquetEvents = table
        for w in (self.dates, self.countries, self.places, self.sources, self.categories,
                  self.text, self.confidence, self.unresolved, self.sort):  # fmt: skip
            w.observe(lambda _change: self.refresh(), names="value")
        if self.incidents is not None:
            self.incidents.add_options(self)
            self.incidents.mode.observe(lambda _change: self.refresh(), names="value")
        self._observe_brush()
        self.export_map.on_click(lambda _b: self.save_map())
        self.export_csv.on_click(lambda _b: self.save_csv())
        self.export_brief.on_click(lambda _b: self.save_briefing())
        self.corrections: CorrectionsPanel | None = None  # add/fix/remove an article's place
        if corrections is not None:
            from explorer.views.corrections_panel import CorrectionsPanel

            self.corrections = CorrectionsPanel(table, corrections)
        self.refresh()
        self.render_views()

    def _show_period(self) -> None:
        start, end = self.dates.value
        self.period.value = macro("panel.html", "label", period_label(start, end))

    # --- filtering ------------------------------------------------------------------------
    def criteria(self) -> Criteria:
        start, end = self.dates.value
        full = (start, end) == (self._days[0][1], self._days[-1][1])
        return Criteria(
            start=None if full else start,
            end=None if full else end,
            countries=tuple(self.countries.value),
            places=tuple(self.places.value),
            sources=tuple(self.sources.value),
            categories=tuple(self.categories.value),
            text=self.text.value,
            min_confidence=float(self.confidence.value),
            unresolved_only=bool(self.unresolved.value),
        )

    def refresh(self) -> EventTable | ParquetEvents:
        """Filter, then update the count and the table now and the map after a pause."""
        criteria = self.criteria()
        if isinstance(self.table, EventTable):
            self.filtered = filter_events(self.table, criteria)
        else:  # SQL in DuckDB
            self.filtered = self.table.filter(criteria)
        n, total = len(self.filtered), len(self.table)
        self.count.value = macro("panel.html", "count", n, total, self.map_detail)
        self.table_view.value = self.table_html()
        if self.incidents is not None:  # the switch's incidents: their count and table
            self.incidents.update(
                criteria, self.count, self.table_view, self.sort.value, n, self.rows
            )
        self._schedule_map()
        return self.filtered

    def _observe_brush(self) -> None:
        # a new chart gets new selections: observe them again after each rebuild
        self.timeline.selections.observe(self._on_brush, names=[BRUSH])

    def _on_brush(self, change: Any) -> None:
        value = getattr(change["new"], "value", None) or {}
        interval = next(iter(value.values()), None) if isinstance(value, dict) else None
        if not interval or len(interval) != 2:
            return
        lo, hi = (pd.Timestamp(v, unit="ms").date() for v in interval)
        days = [d for _, d in self._days]
        start = max((d for d in days if d <= lo), default=days[0])
        end = min((d for d in days if d >= hi), default=days[-1])
        self.dates.value = (start, end)

    # --- views ----------------------------------------------------------------------------
    def table_html(self) -> str:
        column, ascending = _SORTS[self.sort.value]
        if isinstance(self.filtered, EventTable):
            df = self.filtered.df.sort_values(column, ascending=ascending, na_position="last")
            total = len(df)
        else:  # only the first rows, and only the columns shown, leave DuckDB
            shown = [*_TABLE_COLUMNS, column]
            df = self.filtered.head(self.rows, order_by=column, ascending=ascending,
                                    columns=shown).df  # fmt: skip
            total = len(self.filtered)
        rows = []
        for _, r in df.head(self.rows).iterrows():
            cells = []
            for name in _TABLE_COLUMNS:
                value = r[name]
                if name == "categories":
                    text = ", ".join(value)
                elif name == "start_date":
                    text = "" if pd.isna(value) else day_label(value)
                elif name == "country_code":
                    text = country_label(value)
                elif name == "place_name":
                    text = place_label(r.to_dict())
                else:
                    text = "" if pd.isna(value) else str(value)
                cells.append(text)
            rows.append(cells)
        more = total - min(total, self.rows)
        return macro("panel.html", "table", list(_TABLE_COLUMNS.values()), rows, more)

    def map_html(self) -> str:
        """The current view as the offline folium page in an ``<iframe srcdoc>`` (a static
        copy; the live map is :attr:`map_view`)."""
        fmap = build_map(
            self.filtered,
            basemap=self.basemap,
            assets=self.assets,
            aggregate_threshold=self.map_detail,
        )
        return macro("panel.html", "frame", fmap.get_root().render())

    def render_map(self) -> None:
        """Send the filtered events (or aggregates) to the map."""
        if self.incidents is None or not self.incidents.show(self.map_view):
            self.map_view.show(self.filtered, detail=self.map_detail)

    def timeline_criteria(self) -> Criteria:
        """The filters the timeline follows: all but the dates (its brush sets them)."""
        return dataclasses.replace(self.criteria(), start=None, end=None)

    def render_timeline(self) -> bool:
        """Rebuild the timeline if a filter other than the dates changed (True if it was)."""
        criteria = self.timeline_criteria()
        shown = (criteria, self.incidents is not None and self.incidents.active)
        if shown == self._timeline_shown:
            return False
        self._timeline_shown = shown
        if self.incidents is not None and self.incidents.active:
            table: Any = self.incidents.timeline_table(criteria)
        elif criteria == self.criteria():  # no date filter: the table shown already
            table = self.filtered
        elif isinstance(self.table, EventTable):
            table = filter_events(self.table, criteria)
        else:
            table = self.table.filter(criteria)
        self.timeline.chart = build_timeline(table)
        self._observe_brush()
        return True

    def render_views(self) -> None:
        """Redraw the map and, when its filters changed, the timeline."""
        self._timer = None
        self.render_timeline()
        self.render_map()

    def _schedule_map(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (plain Python): call render_views() when needed
        if self._timer is not None:
            self._timer.cancel()
        self._timer = loop.call_later(self.debounce, self.render_views)

    def use_lexicon(self, lexicon: Mapping[str, tuple[str, ...]] | str | Path) -> None:
        """Find every event's categories again with a user's lexicon (added to the built-in
        one); the filters, map, timeline and table follow. A bad file is one line in the
        status, and nothing changes."""
        try:
            self.table = recategorised(self.table, lexicon)
        except ExplorerError as exc:
            self.status.value = macro("panel.html", "note", str(exc), True)
            return
        self.categories.options = list_options(self.table, "categories")
        self.status.value = macro("panel.html", "note", "categories found again", False)
        self.refresh()

    # --- exports --------------------------------------------------------------------------
    def save_map(self, path: str | Path | None = None) -> Path:
        target = Path(path) if path else self.out_dir / "explorer-map.html"
        fmap = None if self.incidents is None else self.incidents.map(self.basemap, self.assets)
        if fmap is None:
            fmap = build_map(self.filtered, basemap=self.basemap, assets=self.assets)
        save_map(fmap, target)
        self.status.value = macro("panel.html", "saved", "map", str(target))
        return target

    def save_csv(self, path: str | Path | None = None) -> Path:
        target = Path(path) if path else self.out_dir / "explorer-events.csv"
        self.filtered.write(target)
        self.status.value = macro("panel.html", "saved", "events", str(target))
        return target

    def save_briefing(self, path: str | Path | None = None, title: str = "Briefing") -> Path:
        """The current view as a one-file briefing (opens offline)."""
        from explorer.export import write_briefing

        target = Path(path) if path else self.out_dir / "explorer-briefing.html"
        incidents = None if self.incidents is None else self.incidents.shown
        write_briefing(self.filtered, target, title=title, incidents=incidents)
        self.status.value = macro("panel.html", "saved", "briefing", str(target))
        return target

    # --- layout ---------------------------------------------------------------------------
    def _labelled(self, label: str, widget: widgets.Widget) -> widgets.VBox:
        return widgets.VBox([widgets.HTML(macro("panel.html", "label", label)), widget])

    @property
    def widget(self) -> widgets.VBox:
        filters = widgets.HBox(
            [
                self._labelled("Countries", self.countries),
                self._labelled("Places", self.places),
                self._labelled("Sources", self.sources),
                self._labelled("Categories", self.categories),
            ]
        )
        controls = widgets.HBox([self.text, self.confidence, self.unresolved, self.sort])
        buttons = widgets.HBox([self.export_map, self.export_csv, self.export_brief, self.status])
        lexicon = widgets.HBox([self.lexicon_file, self.apply_lexicon])
        return widgets.VBox(
            [
                *([self.incidents.mode] if self.incidents is not None else []),
                self.dates,
                filters,
                controls,
                self.count,
                self.map_view,
                self.timeline,
                self.table_view,
                buttons,
                lexicon,
                *([self.corrections.widget] if self.corrections is not None else []),
            ]
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

"""The Explorer panel's "Corrections" area: add, fix or remove a place of an article.

The user picks an article (from the events table), types the place as written in the article,
optionally a piece of its sentence, and the place (a gazetteer name such as "Karachi,
Pakistan", or "latitude, longitude"); "Add / fix place" or "Not a place" saves the correction
at once (:class:`~explorer.events.Corrections`, locked and merged with other writers). A
second row corrects the incident holding the article's report: merge it with another
article's incident, split the article's report off, move it (a place name or "lat, lon") or
re-date it ("2015-12-01" or "2015-12-01..2015-12-03"); see docs/incidents.md. They apply on
the next ingest with that corrections file. Errors show as one line in the area.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from explorer.errors import ExplorerError
from explorer.events.corrections import Corrections
from explorer.events.corrections.check import describe_entry
from explorer.events.corrections.incident_entries import describe_incident
from explorer.events.table import EventTable
from explorer.views.templating import macro

__all__ = ["CorrectionsPanel"]


def _articles(table: Any, limit: int = 2000) -> list[tuple[str, str]]:
    if isinstance(table, EventTable):
        df = table.df.drop_duplicates("article_id").head(limit)
        return [
            (f"{title} ({aid})" if isinstance(title, str) and title else str(aid), str(aid))
            for aid, title in zip(df["article_id"], df["title"], strict=True)
        ]
    return [(str(aid), str(aid)) for aid, _ in table.value_counts("article_id", limit)]


def _place(value: str) -> str | tuple[float, float]:
    parts = value.replace(";", ",").split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1])
        except ValueError:
            pass
    return value


class CorrectionsPanel:
    """Widgets that add, fix or remove a place of the chosen article in a corrections file."""

    def __init__(self, table: Any, corrections: Corrections | str | Path) -> None:
        self.corrections = (
            corrections if isinstance(corrections, Corrections) else Corrections(corrections)
        )
        self.article = widgets.Dropdown(options=_articles(table), description="Article")
        self.text = widgets.Text(placeholder="the place as written, e.g. Karachi")
        self.sentence = widgets.Text(placeholder="optional: a piece of its sentence")
        self.place = widgets.Text(placeholder='"Karachi, Pakistan" or 24.86, 67.01')
        self.add = widgets.Button(
            description="Add / fix place", icon="map-marker", layout=widgets.Layout(width="auto")
        )
        self.remove = widgets.Button(
            description="Not a place", icon="times", layout=widgets.Layout(width="auto")
        )
        self.incident_value = widgets.Text(
            placeholder="another article id, a place or lat, lon, or a date (..date)"
        )
        self.merge = widgets.Button(
            description="Merge incident with", layout=widgets.Layout(width="auto")
        )
        self.split = widgets.Button(
            description="Split report off", layout=widgets.Layout(width="auto")
        )
        self.move = widgets.Button(
            description="Move incident to", layout=widgets.Layout(width="auto")
        )
        self.redate = widgets.Button(
            description="Re-date incident", layout=widgets.Layout(width="auto")
        )
        self.status = widgets.HTML()
        self.listing = widgets.HTML()
        self.add.on_click(lambda _b: self.add_place())
        self.remove.on_click(lambda _b: self.remove_place())
        self.merge.on_click(lambda _b: self.merge_incident())
        self.split.on_click(lambda _b: self.split_incident())
        self.move.on_click(lambda _b: self.move_incident())
        self.redate.on_click(lambda _b: self.redate_incident())
        self.article.observe(lambda _change: self.show(), names="value")
        self.show()

    def _say(self, text: str, error: bool = False) -> None:
        self.status.value = macro("panel.html", "note", text, error)

    def _run(self, remove: bool) -> dict[str, Any] | None:
        article, text = self.article.value, self.text.value.strip()
        if not article or not text:
            self._say("choose an article and type the place as written in it", error=True)
            return None
        sentence = self.sentence.value.strip() or None
        try:
            if remove:
                entry = self.corrections.remove_place(article, text, sentence=sentence)
            else:
                if not self.place.value.strip():
                    self._say(f"say which place {text!r} is (a name or coordinates)", True)
                    return None
                place = _place(self.place.value.strip())
                entry = self.corrections.add_place(article, text, place, sentence=sentence)
        except ExplorerError as exc:
            self._say(str(exc), error=True)
            return None
        where = self.corrections.path or "corrections"
        self._say(f"saved in {where}: {describe_entry(entry)} (applied on the next ingest)")
        self.show()
        return entry

    def add_place(self) -> dict[str, Any] | None:
        """Save "the text is this place" for the chosen article; the entry, or None."""
        return self._run(remove=False)

    def remove_place(self) -> dict[str, Any] | None:
        """Save "the text is not a place" for the chosen article; the entry, or None."""
        return self._run(remove=True)

    def _incident(self, kind: str) -> dict[str, Any] | None:
        article, value = str(self.article.value or ""), self.incident_value.value.strip()
        if not article or (kind != "split" and not value):
            need = {"merge": "the other article's id", "move": "the place", "redate": "the date"}
            self._say(f"choose an article and type {need.get(kind, '')}".strip(), error=True)
            return None
        c = self.corrections
        try:
            if kind == "merge":
                entry = c.merge_incidents(article, value)
            elif kind == "split":
                entry = c.split_incident(article)
            elif kind == "move":
                entry = c.move_incident(article, _place(value))
            else:
                first, _, last = value.partition("..")
                try:
                    days = [dt.date.fromisoformat(d.strip()) for d in (first, last or first)]
                except ValueError:
                    self._say(f"not a date (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD): {value}", True)
                    return None
                entry = c.redate_incident(article, days[0], days[1])
        except ExplorerError as exc:
            self._say(str(exc), error=True)
            return None
        where = c.path or "corrections"
        self._say(f"saved in {where}: {describe_incident(entry)} (applied on the next ingest)")
        self.show()
        return entry

    def merge_incident(self) -> dict[str, Any] | None:
        """Save "the chosen article's incident and the typed article's are one"."""
        return self._incident("merge")

    def split_incident(self) -> dict[str, Any] | None:
        """Save "the chosen article's report is an incident of its own"."""
        return self._incident("split")

    def move_incident(self) -> dict[str, Any] | None:
        """Save "the chosen article's incident happened at the typed place"."""
        return self._incident("move")

    def redate_incident(self) -> dict[str, Any] | None:
        """Save "the chosen article's incident happened on the typed date (..date)"."""
        return self._incident("redate")

    def show(self) -> None:
        """List the chosen article's corrections, its incident corrections last."""
        article = str(self.article.value or "")
        rows = [describe_entry(e) for e in self.corrections.for_article(article)]
        rows += [
            describe_incident(e)
            for e in self.corrections.incident_entries()
            if article in (e.get("article_id"), *e.get("articles", ()))
        ]
        self.listing.value = macro("panel.html", "listing", rows)

    @property
    def widget(self) -> widgets.VBox:
        return widgets.VBox(
            [
                widgets.HTML("<b>Corrections</b>"),
                self.article,
                widgets.HBox([self.text, self.sentence, self.place]),
                widgets.HBox([self.add, self.remove]),
                widgets.HBox([self.incident_value, self.merge, self.split, self.move, self.redate]),
                self.status,
                self.listing,
            ]
        )

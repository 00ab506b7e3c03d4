"""The Explorer panel's "Corrections" area: add, fix or remove a place of an article.

The user picks an article (from the events table), types the place as written in the article,
optionally a piece of its sentence, and the place (a gazetteer name such as "Karachi,
Pakistan", or "latitude, longitude"); "Add / fix place" or "Not a place" saves the correction
at once (:class:`~explorer.events.Corrections`, locked and merged with other writers). It
applies on the next ingest with that corrections file. Errors show as one line in the area.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from explorer.errors import ExplorerError
from explorer.events.corrections import Corrections
from explorer.events.corrections.check import describe_entry
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
        self.add = widgets.Button(description="Add / fix place", icon="map-marker")
        self.remove = widgets.Button(description="Not a place", icon="times")
        self.status = widgets.HTML()
        self.listing = widgets.HTML()
        self.add.on_click(lambda _b: self.add_place())
        self.remove.on_click(lambda _b: self.remove_place())
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

    def show(self) -> None:
        """List the chosen article's corrections."""
        rows = self.corrections.for_article(str(self.article.value or ""))
        self.listing.value = macro("panel.html", "listing", [describe_entry(e) for e in rows])

    @property
    def widget(self) -> widgets.VBox:
        return widgets.VBox(
            [
                widgets.HTML("<b>Corrections</b>"),
                self.article,
                widgets.HBox([self.text, self.sentence, self.place]),
                widgets.HBox([self.add, self.remove]),
                self.status,
                self.listing,
            ]
        )

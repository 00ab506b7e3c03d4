"""User corrections: override the place or the date of a mention, on every re-run.

Corrections live in a JSON file (default ``corrections.json`` next to the output)::

    {"version": 1, "corrections": [
      {"article_id": "a1", "start": 120, "kind": "place", "text": "Carter",
       "place": null},                                   # not a place
      {"article_id": "a1", "start": 300, "kind": "place", "text": "Fort Bragg",
       "place": {"key": "gn:5350160", "name": "Fort Bragg", ...}},
      {"article_id": "a1", "start": 88, "kind": "date", "text": "on Tuesday",
       "value": "2015-12-01", "start_date": "2015-12-01", "end_date": "2015-12-01"}
    ]}

A mention is identified by its article and start offset (and its text, checked when given).
The file is written atomically: a temporary file in the same folder, flushed and synced, then
renamed over the old one, so a crash mid-write leaves the previous file whole.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from explorer.errors import CorrectionError
from explorer.files import atomic_write_text
from explorer.model import Place, PlaceMention, TimeMention

__all__ = ["Corrections", "atomic_write_text"]


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise CorrectionError(f"not a YYYY-MM-DD date: {value!r}") from exc


class Corrections:
    """A set of corrections, keyed by (article id, kind, start offset)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = None if path is None else Path(path)
        self._items: dict[tuple[str, str, int], dict[str, Any]] = {}
        if self.path is not None and self.path.exists():
            self._read(self.path)

    def _read(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            items = data["corrections"] if isinstance(data, dict) else data
            for item in items:
                key = (str(item["article_id"]), str(item["kind"]), int(item["start"]))
                if key[1] not in ("place", "date"):
                    raise ValueError(f"kind must be 'place' or 'date', not {key[1]!r}")
                self._items[key] = dict(item)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CorrectionError(f"cannot read corrections file {path}: {exc}") from exc

    def __len__(self) -> int:
        return len(self._items)

    def for_article(self, article_id: str) -> list[dict[str, Any]]:
        return [v for k, v in sorted(self._items.items()) if k[0] == article_id]

    def fingerprint(self, article_id: str) -> str:
        """Changes whenever this article's corrections change (for incremental re-runs)."""
        return json.dumps(self.for_article(article_id), sort_keys=True, default=str)

    # --- editing ------------------------------------------------------------------------------
    def set_place(
        self,
        article_id: str,
        start: int,
        place: Place | str | None,
        *,
        text: str | None = None,
        save: bool = True,
    ) -> None:
        """Override the place of the mention starting at ``start``; ``None``: not a place.
        A string is geocoded offline now, and the result stored."""
        if isinstance(place, str):
            from explorer.geocoding import geocode

            found = geocode(place)
            if found is None:
                raise CorrectionError(f"no place found for {place!r}")
            place = found
        item = {
            "article_id": article_id,
            "kind": "place",
            "start": int(start),
            "text": text,
            "place": None if place is None else place.to_dict(),
        }
        self._items[(article_id, "place", int(start))] = item
        if save:
            self.save()

    def set_date(
        self,
        article_id: str,
        start: int,
        start_date: dt.date,
        end_date: dt.date | None = None,
        *,
        value: str | None = None,
        text: str | None = None,
        save: bool = True,
    ) -> None:
        """Override the date of the temporal expression starting at ``start``."""
        end_date = end_date or start_date
        item = {
            "article_id": article_id,
            "kind": "date",
            "start": int(start),
            "text": text,
            "value": value or start_date.isoformat(),
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat(),
        }
        self._items[(article_id, "date", int(start))] = item
        if save:
            self.save()

    def save(self, path: Path | str | None = None) -> Path:
        target = Path(path) if path is not None else self.path
        if target is None:
            raise CorrectionError("no corrections file given")
        payload = {"version": 1, "corrections": [v for _, v in sorted(self._items.items())]}
        try:
            atomic_write_text(target, json.dumps(payload, ensure_ascii=False, indent=1))
        except OSError as exc:
            raise CorrectionError(f"cannot write corrections file {target}: {exc}") from exc
        return target

    # --- applying -----------------------------------------------------------------------------
    def apply_places(self, article_id: str, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
        out = []
        for m in mentions:
            item = self._items.get((article_id, "place", m.start))
            if item is None or (item.get("text") not in (None, m.text)):
                out.append(m)
                continue
            if item["place"] is None:
                continue  # the user says this is not a place
            place = Place(**item["place"])
            out.append(replace(m, place=place, score=1.0, reason="corrected by the user"))
        return out

    def apply_dates(self, article_id: str, times: Sequence[TimeMention]) -> list[TimeMention]:
        out = []
        for t in times:
            item = self._items.get((article_id, "date", t.start))
            if item is None or (item.get("text") not in (None, t.text)):
                out.append(t)
                continue
            out.append(
                replace(
                    t,
                    type="DATE",
                    value=str(item["value"]),
                    start_date=_date(item["start_date"]),
                    end_date=_date(item["end_date"]),
                    anchored=True,
                    rule="corrected by the user",
                )
            )
        return out

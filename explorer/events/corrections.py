"""User corrections: override the place or the date of a mention, on every re-run.

Corrections live in a JSON file (default ``corrections.json`` next to the output)::

    {"version": 1, "corrections": [
      {"article_id": "a1", "start": 120, "kind": "place", "text": "Carter",
       "place": null},                                   # not a place
      {"article_id": "a1", "start": 300, "kind": "place", "text": "Fort Bragg",
       "place": {"key": "gn:5350160", "name": "Fort Bragg", ...}},
      {"article_id": "a1", "start": 350, "kind": "place", "text": "Irbil",
       "place": {"name": "Erbil", "latitude": 36.19, "longitude": 44.0}},  # written by hand
      {"article_id": "a1", "start": 88, "kind": "date", "text": "on Tuesday",
       "value": "2015-12-01", "start_date": "2015-12-01", "end_date": "2015-12-01"}
    ]}

A mention is identified by its article and start offset (and its text, checked when given).
A hand-written place needs only a name and coordinates: its key becomes ``user:<name>``, its
feature ``populated_place``, and its country that of the nearest town (:mod:`.nearest`).

The file is checked when it is read: an entry that cannot be used is a :class:`CorrectionError`
naming the file, the entry (from 1) and what is wrong, before any article is processed.
:meth:`Corrections.unmatched` lists the corrections that no longer fit their article (it was
edited), so that they can be reported rather than silently not applied.

The file is written atomically: a temporary file in the same folder, flushed and synced, then
renamed over the old one, so a crash mid-write leaves the previous file whole.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from explorer.errors import CorrectionError
from explorer.files import atomic_write_text
from explorer.model import Article, Place, PlaceMention, TimeMention

__all__ = ["Corrections", "atomic_write_text"]

Key = tuple[str, str, int]
_PLACE_FIELDS = {f.name for f in fields(Place)}
_ALIASES = {"lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude"}


def _date(value: Any, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{name} is not a YYYY-MM-DD date: {value!r}") from exc


def _number(value: Any, name: str, limit: float) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{name} is not a number: {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} is not a number: {value!r}") from exc
    if math.isnan(number) or not -limit <= number <= limit:
        raise ValueError(f"{name} {value!r} is outside -{limit:g}..{limit:g}")
    return number


def _place(raw: Any) -> Place | None:
    """A Place from a correction's ``place`` value: ``null``, a full place, or name + point."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("place must be null (not a place) or an object with a name and a point")
    data = {_ALIASES.get(str(k), str(k)): v for k, v in raw.items()}
    unknown = sorted(set(data) - _PLACE_FIELDS)
    if unknown:
        optional = ", ".join(sorted(_PLACE_FIELDS - {"name", "latitude", "longitude"}))
        raise ValueError(
            f"unknown place field(s) {', '.join(map(repr, unknown))}; a place has name, "
            f"latitude, longitude and optionally {optional}"
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("place needs a name")
    for coordinate in ("latitude", "longitude"):
        if coordinate not in data:
            raise ValueError(f"place {name!r} needs a {coordinate}")
    lat = _number(data["latitude"], "latitude", 90)
    lon = _number(data["longitude"], "longitude", 180)
    for whole in ("population", "geonames_id"):
        if data.get(whole) is not None and (
            isinstance(data[whole], bool) or not isinstance(data[whole], int)
        ):
            raise ValueError(f"{whole} must be a whole number, not {data[whole]!r}")
    for text in ("key", "feature", "country_code", "admin1_code", "admin1", "admin2"):
        if data.get(text) is not None and not isinstance(data[text], str):
            raise ValueError(f"{text} must be text, not {data[text]!r}")
    data.update(name=name.strip(), latitude=lat, longitude=lon)
    data.setdefault("key", f"user:{data['name']}")
    data.setdefault("feature", "populated_place")
    data["population"] = data.get("population") or 0
    if not data.get("country_code"):
        from explorer.events.nearest import nearest_places

        (town,) = nearest_places([(lat, lon)])
        if town is not None:
            data["country_code"] = town.country_code
            data.setdefault("admin1", town.admin1)
    return Place(**data)


def _checked(item: Any) -> tuple[Key, dict[str, Any], Place | None]:
    """The key, the entry as it will be saved, and its place (for a place correction)."""
    if not isinstance(item, dict):
        raise ValueError("an entry must be an object")
    for required in ("article_id", "kind", "start"):
        if required not in item:
            raise ValueError(f"no {required!r}")
    kind = item["kind"]
    if kind not in ("place", "date"):
        raise ValueError(f"kind must be 'place' or 'date', not {kind!r}")
    start = item["start"]
    if isinstance(start, bool) or not isinstance(start, int) or start < 0:
        raise ValueError(f"start must be a character offset (a whole number >= 0), not {start!r}")
    text = item.get("text")
    if text is not None and not isinstance(text, str):
        raise ValueError(f"text must be a string or null, not {text!r}")
    key: Key = (str(item["article_id"]), kind, start)
    entry = {**item, "article_id": key[0]}
    place: Place | None = None
    if kind == "place":
        if "place" not in item:
            raise ValueError("a place correction needs 'place' (null: not a place)")
        place = _place(item["place"])
        entry["place"] = None if place is None else place.to_dict()
    else:
        if "start_date" not in item:
            raise ValueError("a date correction needs 'start_date'")
        first = _date(item["start_date"], "start_date")
        end = item.get("end_date")
        last = first if end in (None, "") else _date(end, "end_date")
        if last < first:
            raise ValueError(f"end_date {last} is before start_date {first}")
        value = item.get("value")
        entry.update(
            start_date=first.isoformat(),
            end_date=last.isoformat(),
            value=first.isoformat() if value in (None, "") else str(value),
        )
    return key, entry, place


class Corrections:
    """A set of corrections, keyed by (article id, kind, start offset).

    ``Corrections(path)`` reads ``path`` when it exists and starts empty otherwise (the first
    :meth:`save` creates it); :meth:`read` insists that the file exists (the command line)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = None if path is None else Path(path)
        self._items: dict[Key, dict[str, Any]] = {}
        self._places: dict[Key, Place | None] = {}
        if self.path is not None and self.path.exists():
            self._read(self.path)

    @classmethod
    def read(cls, path: Path | str) -> Corrections:
        """The corrections in an existing file; :class:`CorrectionError` when it is missing or
        any entry is unusable."""
        p = Path(path)
        if not p.is_file():
            raise CorrectionError(f"corrections file not found: {p}")
        return cls(p)

    def _read(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CorrectionError(f"cannot read corrections file {path}: {exc}") from exc
        items = data.get("corrections") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise CorrectionError(
                f'cannot read corrections file {path}: expected {{"corrections": [...]}}'
            )
        first_entry: dict[Key, int] = {}
        for n, item in enumerate(items, 1):
            label = ""
            if isinstance(item, dict) and "article_id" in item:
                label = f" (article {item['article_id']!r}, start {item.get('start')!r})"
            try:
                key, entry, place = _checked(item)
            except (ValueError, TypeError) as exc:
                raise CorrectionError(
                    f"cannot read corrections file {path}: entry {n}{label}: {exc}"
                ) from exc
            if key in first_entry:
                raise CorrectionError(
                    f"cannot read corrections file {path}: entry {n}{label} corrects the same "
                    f"mention as entry {first_entry[key]}"
                )
            first_entry[key] = n
            self._items[key] = entry
            self._places[key] = place

    def __len__(self) -> int:
        return len(self._items)

    def for_article(self, article_id: str) -> list[dict[str, Any]]:
        return [v for k, v in sorted(self._items.items()) if k[0] == article_id]

    def article_ids(self) -> set[str]:
        """The articles that have corrections."""
        return {k[0] for k in self._items}

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
        key = (article_id, "place", int(start))
        self._items[key] = {
            "article_id": article_id,
            "kind": "place",
            "start": int(start),
            "text": text,
            "place": None if place is None else place.to_dict(),
        }
        self._places[key] = place
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
        if end_date < start_date:
            raise CorrectionError(f"end_date {end_date} is before start_date {start_date}")
        self._items[(article_id, "date", int(start))] = {
            "article_id": article_id,
            "kind": "date",
            "start": int(start),
            "text": text,
            "value": value or start_date.isoformat(),
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat(),
        }
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
    def _matches(self, item: dict[str, Any], text: str) -> bool:
        return item.get("text") in (None, text)

    def apply_places(self, article_id: str, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
        out = []
        for m in mentions:
            key = (article_id, "place", m.start)
            item = self._items.get(key)
            if item is None or not self._matches(item, m.text):
                out.append(m)
                continue
            place = self._places.get(key)
            if place is None:
                continue  # the user says this is not a place
            out.append(replace(m, place=place, score=1.0, reason="corrected by the user"))
        return out

    def apply_dates(self, article_id: str, times: Sequence[TimeMention]) -> list[TimeMention]:
        out = []
        for t in times:
            item = self._items.get((article_id, "date", t.start))
            if item is None or not self._matches(item, t.text):
                out.append(t)
                continue
            out.append(
                replace(
                    t,
                    type="DATE",
                    value=str(item["value"]),
                    start_date=dt.date.fromisoformat(item["start_date"]),
                    end_date=dt.date.fromisoformat(item["end_date"]),
                    anchored=True,
                    rule="corrected by the user",
                )
            )
        return out

    def unmatched(
        self,
        article: Article,
        places: Sequence[PlaceMention],
        dates: Sequence[TimeMention],
    ) -> list[str]:
        """What is wrong with each of ``article``'s corrections that fits none of its mentions
        (found before corrections are applied): they are not applied, and should be reported."""
        found = {("place", m.start): m.text for m in places}
        found.update({("date", t.start): t.text for t in dates})
        out = []
        for (article_id, kind, start), item in sorted(self._items.items()):
            if article_id != article.id:
                continue
            text = item.get("text")
            seen = found.get((kind, start))
            if seen is not None and text in (None, seen):
                continue
            wanted = repr(text) if text is not None else "the mention"
            there = article.text[start : start + len(text or "")] if text else ""
            why = (
                f"the text there is now {there!r}"
                if there and there != text
                else f"no {kind} is found there"
            )
            out.append(
                f"the {kind} correction of {wanted} at offset {start} no longer matches the "
                f"article ({why}); not applied"
            )
        return out

"""Checking one entry of a corrections file: what it may hold, and its key.

An entry names its article (``article_id``), its ``kind`` (``place`` or ``date``) and where in
the article it applies: a character offset (``start``), or the ``text`` it corrects, narrowed
by a ``sentence`` (a piece of the article that contains it) and/or its ``occurrence`` (1 for
the first). A date entry may name only a ``sentence``: that sentence's events are re-dated.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.errors import CorrectionError
from explorer.model import Place

if TYPE_CHECKING:
    from explorer.events.corrections.incident_entries import IncidentLoaded

__all__ = [
    "Key",
    "Loaded",
    "checked",
    "entry_key",
    "load_all",
    "load_file",
    "place_from",
    "resolve_place",
]

# (article id, kind, start offset or -1, the text anchor: "" for an offset)
Key = tuple[str, str, int, str]
Loaded = dict[Key, tuple[dict[str, Any], Place | None]]
_SCALARS = (str, int, float, bool, type(None))
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


def place_from(raw: Any) -> Place | None:
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


def entry_key(entry: dict[str, Any]) -> Key:
    """Two entries with the same key correct the same thing (the later one wins an edit)."""
    start = entry.get("start")
    if isinstance(start, int):
        return (entry["article_id"], entry["kind"], start, "")
    anchor = [entry.get("text"), entry.get("sentence"), entry.get("occurrence")]
    return (entry["article_id"], entry["kind"], -1, json.dumps(anchor, ensure_ascii=False))


def _anchor(item: dict[str, Any], kind: str) -> None:
    start = item.get("start")
    if start is not None and (isinstance(start, bool) or not isinstance(start, int) or start < 0):
        raise ValueError(f"start must be a character offset (a whole number >= 0), not {start!r}")
    text = item.get("text")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        raise ValueError(f"text must be a non-empty string or null, not {text!r}")
    sentence = item.get("sentence")
    if sentence is not None and (not isinstance(sentence, str) or not sentence.strip()):
        raise ValueError(f"sentence must be a non-empty string, not {sentence!r}")
    occurrence = item.get("occurrence")
    if occurrence is not None and (
        isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1
    ):
        raise ValueError(
            f"occurrence must be a whole number >= 1 (1: the first), not {occurrence!r}"
        )
    if start is None:
        if text is None and (kind == "place" or sentence is None):
            needs = "'text'" if kind == "place" else "'text' or 'sentence'"
            raise ValueError(f"no 'start' (a character offset) and no {needs} to find it by")
        if occurrence is not None and text is None:
            raise ValueError("'occurrence' counts the occurrences of 'text', which is not given")


def checked(item: Any) -> tuple[Key, dict[str, Any], Place | None]:
    """The key, the entry as it will be saved, and its place (for a place correction)."""
    if not isinstance(item, dict):
        raise ValueError("an entry must be an object")
    for required in ("article_id", "kind"):
        if required not in item:
            raise ValueError(f"no {required!r}")
    kind = item["kind"]
    if kind not in ("place", "date"):
        raise ValueError(f"kind must be 'place' or 'date', not {kind!r}")
    if isinstance(item["article_id"], (dict, list)) or item["article_id"] in (None, ""):
        raise ValueError(f"article_id must be an article's id, not {item['article_id']!r}")
    _anchor(item, kind)
    entry = {**item, "article_id": str(item["article_id"])}
    place: Place | None = None
    if kind == "place":
        if "place" not in item:
            raise ValueError("a place correction needs 'place' (null: not a place)")
        place = place_from(item["place"])
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
        if isinstance(value, (dict, list)):
            raise ValueError(f"value must be a TIMEX3 value such as '2015-12', not {value!r}")
        entry.update(
            start_date=first.isoformat(),
            end_date=last.isoformat(),
            value=first.isoformat() if value in (None, "") else str(value),
        )
    return entry_key(entry), entry, place


def load_file(path: Path) -> Loaded:
    """Every entry of the file at ``path``, checked; :class:`CorrectionError` naming the file
    and the entry otherwise."""
    return load_all(path)[0]


def load_all(path: Path) -> tuple[Loaded, IncidentLoaded]:
    """The place and date entries and the incident entries of the file at ``path``, checked
    (:func:`load_file`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except RecursionError as exc:
        raise CorrectionError(f"cannot read corrections file {path}: nested too deeply") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CorrectionError(f"cannot read corrections file {path}: {exc}") from exc
    items = data.get("corrections") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise CorrectionError(
            f'cannot read corrections file {path}: expected {{"corrections": [...]}}'
        )
    out: Loaded = {}
    first_entry: dict[Key, int] = {}
    for n, item in enumerate(items, 1):
        label = ""
        if (
            isinstance(item, dict)
            and "article_id" in item
            and isinstance(item["article_id"], _SCALARS)
        ):
            where = f"start {item.get('start')!r}"
            if item.get("start") is None and isinstance(item.get("text"), str):
                where = f"text {item['text']!r}"
            label = f" (article {item['article_id']!r}, {where})"
        try:
            if isinstance(item, dict):
                nested = [
                    k for k, v in item.items() if k != "place" and not isinstance(v, _SCALARS)
                ]
                if nested:
                    raise ValueError(f"{nested[0]!r} must be text or a number")
            key, entry, place = checked(item)
        except RecursionError as exc:
            raise CorrectionError(
                f"cannot read corrections file {path}: entry {n}{label}: nested too deeply"
            ) from exc
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
        out[key] = (entry, place)
    from explorer.events.corrections.incident_entries import load_incident_items

    incidents = data.get("incidents") if isinstance(data, dict) else None
    return out, load_incident_items(incidents, str(path))


def resolve_place(
    place: Place | str | tuple[float, float] | None, name: str | None
) -> Place | None:
    """A correction's place: a name geocoded offline now, ``(latitude, longitude)`` named
    ``name``, or a :class:`Place` as it is; :class:`CorrectionError` when it cannot be used."""
    if isinstance(place, str):
        from explorer.geocoding import geocode

        found = geocode(place)
        if found is None:
            raise CorrectionError(
                f"no place found for {place!r} in the offline gazetteer: give another name "
                '("Karachi, Pakistan") or its coordinates'
            )
        return found
    if isinstance(place, tuple):
        lat, lon = place
        try:
            return place_from({"name": name or "place", "latitude": lat, "longitude": lon})
        except ValueError as exc:
            raise CorrectionError(f"cannot use the point {place}: {exc}") from exc
    return place

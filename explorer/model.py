"""Domain records: frozen, typed dataclasses at the bottom of the package.

Everything with coordinates exposes ``__geo_interface__`` (a GeoJSON geometry or feature), so
shapely, geopandas and folium accept it directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "FEATURE_KINDS",
    "Article",
    "Event",
    "FeatureKind",
    "Place",
    "PlaceMention",
    "TimeMention",
    "TimexType",
]

FeatureKind = Literal["continent", "region", "country", "admin1", "admin2", "populated_place"]
FEATURE_KINDS: tuple[str, ...] = (
    "continent",
    "region",
    "country",
    "admin1",
    "admin2",
    "populated_place",
)

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: one place with representative coordinates.

    ``key`` is unique within the gazetteer (``"gn:<geonames id>"`` for GeoNames entries, e.g.
    ``"gn:95446"`` for Erbil; ``"region:middle-east"`` for curated regions).
    """

    key: str
    name: str
    feature: str
    latitude: float
    longitude: float
    country_code: str | None = None
    admin1_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    geonames_id: int | None = None

    @property
    def point(self) -> tuple[float, float]:
        """``(latitude, longitude)``."""
        return (self.latitude, self.longitude)

    @property
    def label(self) -> str:
        """A human label such as ``"Fort Bragg, North Carolina, US"``."""
        parts = [self.name]
        if self.feature in ("populated_place", "admin2") and self.admin1:
            parts.append(self.admin1)
        if self.feature != "country" and self.country_code:
            parts.append(self.country_code)
        return ", ".join(parts)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": (self.longitude, self.latitude)},
            "properties": self.to_dict(),
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: where (character offsets), what it resolved to, and why.

    ``place`` is ``None`` when the mention was found but could not be resolved; such mentions are
    still reported so that nothing is lost. ``within`` is then the region the text puts it in,
    when it tells ("Zarkhel, Pakistan": the country), else ``None``.
    """

    text: str
    start: int
    end: int
    place: Place | None = None
    score: float = 0.0
    reason: str = ""
    demonym: bool = False
    within: Place | None = None

    @property
    def resolved(self) -> bool:
        return self.place is not None

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        geometry = (
            None
            if self.place is None
            else {"type": "Point", "coordinates": (self.place.longitude, self.place.latitude)}
        )
        return {
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "text": self.text,
                "start": self.start,
                "end": self.end,
                "score": self.score,
                "reason": self.reason,
                "demonym": self.demonym,
                "name": None if self.place is None else self.place.name,
            },
        }


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A temporal expression with its TIMEX3 type and value.

    For DATE and TIME, ``start_date``/``end_date`` give the interval at the expression's own
    granularity ("last week" is a whole week); both are ``None`` when the value is not anchored
    (no publication date, e.g. ``XXXX-WXX``) or for DURATION and SET.
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    granularity: str | None = None
    anchored: bool = False
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
            "start_date": None if self.start_date is None else self.start_date.isoformat(),
            "end_date": None if self.end_date is None else self.end_date.isoformat(),
            "granularity": self.granularity,
            "anchored": self.anchored,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """One news article (or any text) with its metadata.

    ``published_inferred`` is True when the publication date was not given by the source but
    inferred (and should be shown as such). ``paragraph_lines`` is True when every line of
    ``text`` is a paragraph (text extracted from web pages and feeds, or a table cell without
    blank lines); else paragraphs are separated by blank lines and a single line break is only
    a wrapped line (plain text, Markdown).
    """

    id: str
    title: str
    text: str
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    published_inferred: bool = False
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    paragraph_lines: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened somewhere at some time, with the evidence behind it.

    ``mention`` is the place as found in the text (its ``place`` is ``None`` when unresolved);
    ``time`` is the temporal expression the date comes from, if any. ``date_source`` says where
    the interval comes from: ``"sentence"`` (the sentence's own date), ``"nearby"`` (a date in a
    preceding sentence of the same paragraph), ``"published"`` (the publication date, as a
    fallback), ``"given"`` (an events file) or ``"none"``.
    """

    event_id: str
    article_id: str
    sentence: str
    sentence_start: int
    mention: PlaceMention | None
    time: TimeMention | None
    start_date: dt.date | None
    end_date: dt.date | None
    date_source: str
    date_confidence: float = 0.0
    categories: tuple[str, ...] = ()
    origin_event_id: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None

    @property
    def place(self) -> Place | None:
        return None if self.mention is None else self.mention.place

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        place = self.place
        geometry = (
            None
            if place is None
            else {"type": "Point", "coordinates": (place.longitude, place.latitude)}
        )
        return {
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "event_id": self.event_id,
                "article_id": self.article_id,
                "sentence": self.sentence,
                "place_text": None if self.mention is None else self.mention.text,
                "date_value": None if self.time is None else self.time.value,
                "start_date": None if self.start_date is None else self.start_date.isoformat(),
                "end_date": None if self.end_date is None else self.end_date.isoformat(),
            },
        }

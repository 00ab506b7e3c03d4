"""The events table's schema: one row per (sentence, place) event.

| column | type | meaning |
|---|---|---|
| event_id | str | stable id: article id + sentence + place offsets |
| article_id, title, source, url | str | the article the event comes from |
| published | date | the article's publication date |
| sentence | str | the evidence sentence (for loaded event tables: the description) |
| sentence_start | int | offset of the sentence in the article text |
| place_text | str | the place as written ("Irbil", "Iraqi") |
| place_start, place_end | int | offsets of the mention in the article text |
| place_name, place_key, feature | str | the resolved place |
| country_code, admin1 | str | its country and region (unresolved: those the text gives, if any) |
| latitude, longitude | float | its point; empty when unresolved |
| geonames_id | int | GeoNames id where one exists |
| place_confidence | float | 0-1 |
| place_reason | str | why this place was chosen |
| demonym | bool | the mention is an adjective or demonym ("Iraqi") |
| date_text | str | the temporal expression as written |
| date_value | str | its TIMEX3 value (2015-12-01, 2015-W48, ...) |
| date_type | str | DATE, TIME, DURATION, SET |
| start_date, end_date | date | the interval at the expression's granularity |
| granularity | str | day, week, month, quarter, year, ... |
| date_source | str | sentence, nearby, published, given (events file), none |
| date_confidence | float | 0-1 |
| categories | list[str] | from the keyword lexicon (military, diplomatic, ...) |
| origin_event_id | str | for a movement's destination: the event of its origin |
"""

from __future__ import annotations

from typing import Literal

__all__ = ["COLUMNS", "DATE_SOURCES", "ColumnKind"]

ColumnKind = Literal["str", "int", "float", "date", "bool", "list"]

COLUMNS: dict[str, ColumnKind] = {
    "event_id": "str",
    "article_id": "str",
    "title": "str",
    "source": "str",
    "url": "str",
    "published": "date",
    "sentence": "str",
    "sentence_start": "int",
    "place_text": "str",
    "place_start": "int",
    "place_end": "int",
    "place_name": "str",
    "place_key": "str",
    "feature": "str",
    "country_code": "str",
    "admin1": "str",
    "latitude": "float",
    "longitude": "float",
    "geonames_id": "int",
    "place_confidence": "float",
    "place_reason": "str",
    "demonym": "bool",
    "date_text": "str",
    "date_value": "str",
    "date_type": "str",
    "start_date": "date",
    "end_date": "date",
    "granularity": "str",
    "date_source": "str",
    "date_confidence": "float",
    "categories": "list",
    "origin_event_id": "str",
}

DATE_SOURCES = ("sentence", "nearby", "published", "given", "none")

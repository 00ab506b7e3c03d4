"""Criteria forgive the usual slips (a string for a list, any case) and refuse nonsense."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from explorer.errors import ConfigurationError
from explorer.events import Criteria, EventTable, filter_events


def table() -> EventTable:
    return EventTable(
        pd.DataFrame(
            [
                {
                    "event_id": "a",
                    "country_code": "IQ",
                    "categories": ["military"],
                    "place_name": "Mosul",
                    "start_date": "2016-10-17",
                    "end_date": "2016-10-17",
                },
                {
                    "event_id": "b",
                    "country_code": "SY",
                    "categories": ["diplomatic"],
                    "place_name": "Raqqa",
                    "start_date": "2017-06-06",
                    "end_date": "2017-06-06",
                },
            ]
        )
    )


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (Criteria(countries="IQ"), ["a"]),
        (Criteria(countries=["iq"]), ["a"]),
        (Criteria(countries=[" sy "]), ["b"]),
        (Criteria(categories="Military"), ["a"]),
        (Criteria(categories=["DIPLOMATIC", "military"]), ["a", "b"]),
        (Criteria(places="Raqqa"), ["b"]),
        (Criteria(start="2017-01-01"), ["b"]),  # type: ignore[arg-type]
        (Criteria(countries=["", "IQ"]), ["a"]),
    ],
)
def test_forgiving_criteria(criteria: Criteria, expected: list[str]) -> None:
    assert list(filter_events(table(), criteria).df["event_id"]) == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": dt.date(2017, 1, 1), "end": dt.date(2016, 1, 1)}, "ends"),
        ({"start": "1 January 2017"}, "YYYY-MM-DD"),
        ({"min_confidence": 3}, "between 0 and 1"),
    ],
)
def test_nonsense_criteria_are_clear_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Criteria(**kwargs)


@pytest.mark.parametrize(
    "start", [dt.date(2016, 1, 2), dt.datetime(2016, 1, 2, 15, 30), "2016-01-02"]
)
def test_criteria_keep_dates_as_dates_and_lists_as_tuples(start: object) -> None:
    c = Criteria(start=start, countries="iq")  # type: ignore[arg-type]
    assert c.start == dt.date(2016, 1, 2) and type(c.start) is dt.date
    assert c.countries == ("IQ",)


def test_criteria_refuse_what_is_not_a_date() -> None:
    with pytest.raises(ConfigurationError, match="start must be a date"):
        Criteria(start=20160102)  # type: ignore[arg-type]

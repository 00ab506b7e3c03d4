"""A date rule that raises is logged (never silently dropped), and the text goes on."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest

from explorer.dates import find_dates, patterns


@pytest.mark.parametrize(
    ("error", "level"),
    [(KeyError("spring"), logging.WARNING), (ValueError("day out of range"), logging.DEBUG)],
)
def test_raising_rule_is_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, error: Exception, level: int
) -> None:
    rule = next(r for r in patterns.RULES if r.name == "relative unit")

    def broken(m: re.Match[str], text: str, pub: dt.date | None) -> None:
        raise error

    monkeypatch.setattr(rule, "handle", broken)
    with caplog.at_level(logging.DEBUG, logger="explorer.dates"):
        found = find_dates("It rained last month, on March 3.", published=dt.date(2016, 5, 1))
    assert [r.levelno for r in caplog.records if "relative unit" in r.getMessage()] == [level]
    assert [t.text for t in found] == ["March 3"]  # the other rules still ran


@pytest.mark.parametrize(
    ("published", "value"), [(dt.date(2016, 9, 1), "2016-SP"), (dt.date(2016, 2, 1), "2015-SP")]
)
def test_past_season_is_the_latest(published: dt.date, value: str) -> None:
    (t,) = find_dates("Over the past spring it rained.", published=published)
    assert (t.text, t.type, t.value) == ("the past spring", "DATE", value)

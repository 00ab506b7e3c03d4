"""The temporal tagger on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.dates import find_dates
from explorer.errors import ExplorerError

D = dt.date
PUB = D(2015, 12, 2)  # a Wednesday


def one(text: str, published: dt.date | None = PUB) -> tuple[str, str, str]:
    found = find_dates(text, published=published)
    assert len(found) == 1, found
    t = found[0]
    return t.text, t.type, t.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute dates
        ("It happened on December 1, 2015 in the city.", ("December 1, 2015", "DATE", "2015-12-01")),
        ("It happened on Dec. 1, 2015.", ("Dec. 1, 2015", "DATE", "2015-12-01")),
        ("It happened on 1 December 2015.", ("1 December 2015", "DATE", "2015-12-01")),
        ("The file is dated 2015-11-30.", ("2015-11-30", "DATE", "2015-11-30")),
        ("The form says 11/30/2015.", ("11/30/2015", "DATE", "2015-11-30")),
        ("Talks resumed in March 2014.", ("March 2014", "DATE", "2014-03")),
        ("The law passed in 1998.", ("1998", "DATE", "1998")),
        # weekdays by tense; the publication weekday is that day
        ("The announcement was given on Tuesday.", ("Tuesday", "DATE", "2015-12-01")),
        ("Officials said Monday the talks failed.", ("Monday", "DATE", "2015-11-30")),
        ("The ministers will meet Thursday.", ("Thursday", "DATE", "2015-12-03")),
        ("The ministers will meet Monday.", ("Monday", "DATE", "2015-12-07")),
        ("He spoke Wednesday.", ("Wednesday", "DATE", "2015-12-02")),
        ("Kerry said last Wednesday that it was over.", ("last Wednesday", "DATE", "2015-11-25")),
        ("They return next Friday.", ("next Friday", "DATE", "2015-12-04")),
        # deictic and relative
        ("The attack came yesterday.", ("yesterday", "DATE", "2015-12-01")),
        ("The vote is today.", ("today", "DATE", "2015-12-02")),
        ("It was approved last week by the White House.", ("last week", "DATE", "2015-W48")),
        ("Sales rose this month.", ("this month", "DATE", "2015-12")),
        ("Prices fell last month.", ("last month", "DATE", "2015-11")),
        ("Elections are due next year.", ("next year", "DATE", "2016")),
        ("It was agreed earlier this month.", ("earlier this month", "DATE", "2015-12")),
        ("Fighting began two years ago.", ("two years ago", "DATE", "2013")),
        # months without a year: nearest, or the next one when the clause speaks of the future
        ("In March the city was taken.", ("March", "DATE", "2015-03")),
        ("The summit will be held in March.", ("March", "DATE", "2016-03")),
        ("The talks resumed in November.", ("November", "DATE", "2015-11")),
        # seasons, quarters, decades
        ("The offensive began last summer.", ("last summer", "DATE", "2014-SU")),
        ("Profits rose in the third quarter.", ("the third quarter", "DATE", "2015-Q3")),
        ("Violence peaked in the 1990s.", ("the 1990s", "DATE", "199")),
        # durations are not dates
        ("For months, the group gathered intelligence.", ("months", "DURATION", "PXM")),
        ("The siege lasted three years.", ("three years", "DURATION", "P3Y")),
        ("It took the past six weeks.", ("the past six weeks", "DURATION", "P6W")),
        ("A five-year plan was signed.", ("five-year", "DURATION", "P5Y")),
        # references and sets
        ("The city is now under control.", ("now", "DATE", "PRESENT_REF")),
        ("Forces currently hold the bridge.", ("currently", "DATE", "PRESENT_REF")),
        ("Patrols run every week.", ("every week", "SET", "P1W")),
        ("Profit fell in each of the past three years.",
         ("each of the past three years", "SET", "P1Y")),
        ("Talks are held each Monday.", ("each Monday", "SET", "XXXX-WXX-1")),
        # times
        ("The blast came at 10 a.m. local time.", ("10 a.m.", "TIME", "2015-12-02T10:00")),
        # halves of a unit in the next smaller one
        ("The camp stood for 3 1/2 years.", ("3 1/2 years", "DURATION", "P3Y6M")),
        ("The hearing took an hour and a half.", ("an hour and a half", "DURATION", "PT1H30M")),
        ("The strike lasted three and a half days.", ("three and a half days", "DURATION", "P3DT12H")),
        ("Prices rose over the previous twenty-seven consecutive months.",
         ("the previous twenty-seven consecutive months", "DURATION", "P27M")),
        # decades relative to the publication date
        ("Crime fell over the past decade.", ("the past decade", "DURATION", "P10Y")),
        ("Wages lagged in the last decade.", ("the last decade", "DATE", "200")),
        # a fiscal year before a noun is still a year; "current" is the present
        ("It expects sales above fiscal 2014 sales.", ("fiscal 2014", "DATE", "2014")),
        ("The current talks are stalled.", ("current", "DATE", "PRESENT_REF")),
        # deadlines and payments look ahead
        ("The special dividend is payable Feb. 15.", ("Feb. 15", "DATE", "2016-02-15")),
        ("The new rules take effect, effective Feb. 1.", ("Feb. 1", "DATE", "2016-02-01")),
    ],
)  # fmt: skip
def test_expressions(text: str, expected: tuple[str, str, str]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials may march to the square.",
        "They may return; we march on.",
        "We sat in the sun for a second.",
        "The second convoy arrived with 2000 troops and 1500 civilians.",
        "He scored 2015 points and 150 rebounds.",
        "Sun and rain alternated.",
        "The quarterly report was late.",
        "Three-quarters of the votes were counted.",
        "He paid $5 a year.",
        "The poster showed a scene from High Noon.",
        "He said so on 60 Minutes and on 48 Hours.",
        "The current account deficit widened.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert find_dates(text, published=PUB) == []


def test_a_clock_time_takes_the_day_of_its_sentence() -> None:
    found = find_dates("The ferry docked around 9:20 a.m. (0620 GMT) Friday.", published=PUB)
    assert [(t.text, t.value) for t in found] == [
        ("9:20 a.m.", "2015-11-27T09:20"),
        ("Friday", "2015-11-27"),
    ]
    (alone,) = find_dates("The blast came at 10 a.m.", published=PUB)
    assert alone.value == "2015-12-02T10:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He fled in June 2009 and returned later that year.", ("later that year", "2009")),
        ("The strike began on May 3, 2010. That day, the port closed.", ("That day", "2010-05-03")),
        ("She was arrested on Oct. 4, 2012, and freed the next morning.",
         ("the next morning", "2012-10-05")),
        ("He became a colonel in 1995 and a general the following year.",
         ("the following year", "1996")),
        ("Sales fell in March 2011. The following month, the firm was sold.",
         ("The following month", "2011-04")),
    ],
)  # fmt: skip
def test_anaphora_take_the_latest_date_before_them(text: str, expected: tuple[str, str]) -> None:
    found = find_dates(text, published=PUB)
    assert (found[-1].text, found[-1].value) == expected


def test_anaphora_without_a_reference_are_left_out() -> None:
    assert find_dates("They met that day and again the following year.", published=PUB) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks lasted nearly two years.", ("nearly two years", "P2Y")),
        ("It began almost three years ago.", ("almost three years ago", "2012")),
        ("The hearing ran for more than four hours.", ("more than four hours", "PT4H")),
        ("Applicants wait at least 45 days.", ("at least 45 days", "P45D")),
        ("The rains came in late November.", ("late November", "2015-11")),
        ("The plant opened in mid-2011.", ("mid-2011", "2011")),
        ("Mail goes out at the end of this week.", ("the end of this week", "2015-W49")),
        # a preposition is no modifier
        ("Crime fell over the past decade.", ("the past decade", "P10Y")),
    ],
)
def test_spans_keep_their_modifiers(text: str, expected: tuple[str, str]) -> None:
    (t,) = find_dates(text, published=PUB)
    assert (t.text, t.value) == expected


def test_intervals_keep_their_granularity() -> None:
    (week,) = find_dates("It was approved last week.", published=PUB)
    assert (week.start_date, week.end_date, week.granularity) == (
        D(2015, 11, 23),
        D(2015, 11, 29),
        "week",
    )
    (month,) = find_dates("It rained last month.", published=PUB)
    assert (month.start_date, month.end_date, month.granularity) == (
        D(2015, 11, 1),
        D(2015, 11, 30),
        "month",
    )
    (year,) = find_dates("It happened in 2014.", published=PUB)
    assert (year.start_date, year.end_date) == (D(2014, 1, 1), D(2014, 12, 31))
    (duration,) = find_dates("It lasted three years.", published=PUB)
    assert (duration.start_date, duration.end_date, duration.anchored) == (None, None, False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It was approved last week.", "XXXX-WXX"),
        ("The announcement came on Tuesday.", "XXXX-XX-XX"),
        ("In March the city fell.", "XXXX-03"),
        ("The talks ended yesterday.", "XXXX-XX-XX"),
        ("Prices rose this year.", "XXXX"),
    ],
)
def test_without_a_publication_date_nothing_is_guessed(text: str, value: str) -> None:
    (t,) = find_dates(text, published=None)
    assert t.value == value
    assert (t.start_date, t.end_date, t.anchored) == (None, None, False)


def test_absolute_dates_are_anchored_even_without_a_publication_date() -> None:
    (t,) = find_dates("Signed on December 1, 2015.", published=None)
    assert (t.value, t.anchored, t.start_date) == ("2015-12-01", True, D(2015, 12, 1))


SEED = (
    "The announcement was given by U.S. Defense Secretary Ash Carter on Tuesday, NBC News "
    "reported. Officials say that the forces who will be sent on a raid mission are those from "
    "Fort Bragg, North Carolina. For months, the group has been gathering intelligence on ISIS "
    "operatives and used drones to launch attacks. The plans have already been approved last "
    "week by the White House, according to CNN. Both U.S. and Iraqi governments will be closely "
    "monitoring the mission, U.S. Secretary of State John Kerry said last Wednesday, according "
    "to Reuters. Carter did not provide a time frame; about 100 to 150 units will stay."
)


def test_seed_article_sentences() -> None:
    found = find_dates(SEED, published=D(2015, 12, 2))
    got = [(t.text, t.type, t.value) for t in found]
    assert got == [
        ("Tuesday", "DATE", "2015-12-01"),
        ("months", "DURATION", "PXM"),
        ("last week", "DATE", "2015-W48"),
        ("last Wednesday", "DATE", "2015-11-25"),
    ]
    assert all(t.rule for t in found)


def test_offsets_point_into_the_text() -> None:
    for t in find_dates(SEED, published=PUB):
        assert SEED[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("published", "value"),
    [("2015-12-02", "2015-11-25"), (dt.datetime(2015, 12, 2, 18, 30), "2015-11-25")],
)
def test_published_may_be_an_iso_string_or_a_datetime(published: object, value: str) -> None:
    (found,) = find_dates("He spoke last Wednesday.", published=published)  # type: ignore[arg-type]
    assert found.value == value


@pytest.mark.parametrize("published", ["2 December 2015", 20151202])
def test_a_published_date_that_is_no_date_is_a_clear_error(published: object) -> None:
    with pytest.raises(ExplorerError, match="published"):
        find_dates("He spoke last Wednesday.", published=published)  # type: ignore[arg-type]

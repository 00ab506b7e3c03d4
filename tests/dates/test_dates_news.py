"""News usage the rule layer covers beyond plain dates: holidays, spelled-out years, reports
about quarters, durations next to "after"/"later", tense, parts of the day. Own sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.dates import find_dates

D = dt.date
PUB = D(2015, 12, 2)  # a Wednesday


def found(text: str, published: dt.date | None = PUB) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_dates(text, published=published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # holidays: the nearest occurrence, or by tense / last / next
        ("Families met on Thanksgiving Day.", [("Thanksgiving Day", "DATE", "2015-11-26")]),
        ("Shops will close on Christmas Day.", [("Christmas Day", "DATE", "2015-12-25")]),
        ("Sales were weak last Christmas.", [("last Christmas", "DATE", "2014-12-25")]),
        ("Pilgrims will come for Easter week.", [("Easter week", "DATE", "2016-W12")]),
        ("Pilgrims arrived for Easter week.", [("Easter week", "DATE", "2015-W14")]),
        # spelled-out years, decades and centuries
        ("He left in nineteen ninety-six.", [("nineteen ninety-six", "DATE", "1996")]),
        ("A plan for the year two thousand.", [("the year two thousand", "DATE", "2000")]),
        ("It began in January nineteen ninety-seven.", [("January nineteen ninety-seven", "DATE", "1997-01")]),
        ("Crime fell through the nineties.", [("the nineties", "DATE", "199")]),
        ("The worst war of the 20th century.", [("the 20th century", "DATE", "19")]),
        ("A temple from the 11th century stands here.", [("the 11th century", "DATE", "10")]),
        # reports about quarters and fiscal years
        ("Profit rose in the 2014 third quarter.", [("the 2014 third quarter", "DATE", "2014-Q3")]),
        ("Sales beat this year's second quarter.", [("this year's second quarter", "DATE", "2015-Q2")]),
        ("Net fell 5% in the year ended June 30.", [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "2015-06-30")]),
        ("For the full year, sales were flat.", [("the full year", "DATE", "2015")]),
        ("The deal should close by year-end.", [("year-end", "DATE", "2015")]),
        # a weekday with its date: the date decides
        ("The vote is on Monday, Dec. 14.", [("Monday, Dec. 14", "DATE", "2015-12-14")]),
        # a clock time before "weekday, date" leaves the weekday to its date
        ("Guards were called at 2:30 a.m. Sunday, Nov. 22 to a fight.", [("2:30 a.m.", "TIME", "2015-11-22T02:30"), ("Sunday, Nov. 22", "DATE", "2015-11-22")]),
        ("The week of Dec. 14 will be busy.", [("The week of Dec. 14", "DATE", "2015-W51")]),
        # amounts of time next to "after", "later", "before" are durations
        ("Police came two days after the blast.", [("two days", "DURATION", "P2D")]),
        ("Three weeks later, the talks resumed.", [("Three weeks", "DURATION", "P3W")]),
        ("Sales were higher than a year earlier.", [("a year earlier", "DATE", "2014")]),
        # parts of the day and clock times with a zone and a day
        ("Rebels attacked the town last night.", [("last night", "TIME", "2015-12-01TNI")]),
        ("The minister spoke this morning.", [("this morning", "TIME", "2015-12-02TMO")]),
        ("Voting will end at 8 p.m. EST Thursday.", [("8 p.m. EST Thursday", "TIME", "2015-12-03T20:00")]),
        ("Crowds gathered at midday.", [("midday", "TIME", "2015-12-02T12:00")]),
        # vague references and stretches
        ("Prices may rise in the near future.", [("the near future", "DATE", "FUTURE_REF")]),
        ("Exports grew in recent years.", [("recent years", "DURATION", "PXY")]),
        ("Rallies are held daily in the square.", [("daily", "SET", "P1D")]),
        ("The firm pays a quarterly dividend.", []),
    ],
)  # fmt: skip
def test_news_expressions(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the clause's tense picks the month's year: past, future, passive future
        ("The company was founded in March.", "2015-03"),
        ("The summit will be held in March.", "2016-03"),
        ("Elections are scheduled for June.", "2016-06"),
        ("Inflation rose in November.", "2015-11"),
        # a future clause keeps a date only days past
        ("The report, due to be revised, covers Nov. 25.", "2015-11-25"),
    ],
)
def test_month_year_by_tense(text: str, value: str) -> None:
    values = [t.value for t in find_dates(text, published=PUB)]
    assert values == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Protesters are planning a march on Saturday.", "2015-12-05"),
        ("Protesters planned a march on Saturday.", "2015-12-05"),
        ("The team planned to fly home on Friday.", "2015-12-04"),
        # otherwise "planned" says when the plan was made, not when it happens: no tense cue
        ("On Friday, he cut short the hastily planned visit.", "2015-11-27"),
        ("A vigil planned for Saturday was called off.", "2015-11-28"),
        # a possessive weekday names what was reported, unless something points ahead
        ("Critics vowed they would fight Monday's ruling.", "2015-11-30"),
        ("Voters are restless ahead of Sunday's election.", "2015-12-06"),
        # initials and abbreviations do not end the sentence that holds the tense cue
        ("Ms. Ruiz will succeed John P. Smith on Jan. 4 as chair.", "2016-01-04"),
        # "since" looks back
        ("Searches have gone on since the Oct. 23 attack.", "2015-10-23"),
        ("The group could arrive as early as Friday.", "2015-12-04"),
        ("United Airlines said Monday it would cut flights.", "2015-11-30"),
        ("The court ruled Tuesday.", "2015-12-01"),
    ],
)
def test_weekday_tense_cues(text: str, value: str) -> None:
    values = [
        t.value for t in find_dates(text, published=PUB) if t.rule.startswith(("weekday", "month"))
    ]
    assert values == [value]


def test_unanchored_named_days_without_a_publication_date() -> None:
    assert found("Families met on Thanksgiving Day.", None) == [
        ("Thanksgiving Day", "DATE", "XXXX-XX-XX")
    ]
    assert found("Rebels attacked the town last night.", None) == [
        ("last night", "TIME", "XXXX-XX-XXTNI")
    ]
    (t,) = find_dates("Sales beat this year's second quarter.", published=None)
    assert (t.value, t.anchored, t.start_date) == ("XXXX-Q2", False, None)

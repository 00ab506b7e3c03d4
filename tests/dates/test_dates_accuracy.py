"""Error classes of the accuracy round (issue 17), on sentences written for these tests: the
forward sense of a month or weekday, and written forms the rules used to miss."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.dates import dates_json, find_dates

PUB = dt.date(2016, 3, 16)  # a Wednesday


def found(text: str, published: dt.date | None = PUB) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_dates(text, published=published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb of expectation looks ahead: the next such month
        ("Analysts expect growth to slow in August.", ("August", "DATE", "2016-08")),
        ("Economists forecast a recovery in October.", ("October", "DATE", "2016-10")),
        ("Elections are due in February.", ("February", "DATE", "2017-02")),
        ("The central bank predicts that inflation peaks in July.", ("July", "DATE", "2016-07")),
        ("The new line is likely to open in September.", ("September", "DATE", "2016-09")),
        ("The ferry should resume service in June.", ("June", "DATE", "2016-06")),
        # and the same for a weekday
        ("The mayor expects the water back on Friday.", ("Friday", "DATE", "2016-03-18")),
        # the past stays past
        ("The plant closed in August.", ("August", "DATE", "2015-08")),
        ("The minister said on Friday that prices rose.", ("Friday", "DATE", "2016-03-11")),
        ("The rebels might have crossed the river on Monday.", ("Monday", "DATE", "2016-03-14")),
        ("The inspectors could not be reached on Tuesday.", ("Tuesday", "DATE", "2016-03-15")),
        # a postponed or extended date lies ahead; the act of postponing is past
        ("The vote was postponed until Tuesday.", ("Tuesday", "DATE", "2016-03-22")),
        ("The judge adjourned the hearing until Monday.", ("Monday", "DATE", "2016-03-21")),
        ("The ministry extended the deadline to May.", ("May", "DATE", "2016-05")),
        ("The concert was postponed on Monday.", ("Monday", "DATE", "2016-03-14")),
        ("The band played an extended set on Saturday.", ("Saturday", "DATE", "2016-03-12")),
        # a present-tense schedule looks ahead
        ("The new law takes effect on January 1.", ("January 1", "DATE", "2017-01-01")),
        ("The exhibition opens in May.", ("May", "DATE", "2016-05")),
        ("The torch arrives in mid-July.", ("mid-July", "DATE", "2016-07")),
        ("The law took effect on January 1.", ("January 1", "DATE", "2016-01-01")),
        # a limit (until, till, through, by) lies ahead, unless the clause is past or the date
        # passed only days ago
        ("The ferry will run until Tuesday.", ("Tuesday", "DATE", "2016-03-22")),
        ("Tickets are on sale till Sunday.", ("Sunday", "DATE", "2016-03-20")),
        ("By Friday, the river had burst its banks.", ("Friday", "DATE", "2016-03-11")),
        ("The firm must repay the loan by February.", ("February", "DATE", "2017-02")),
        ("The lender agreed to extend the credit line through July.", ("July", "DATE", "2016-07")),
        ("The museum stays shut until mid-June.", ("mid-June", "DATE", "2016-06")),
        ("Parliament had to approve the budget by March 4.", ("March 4", "DATE", "2016-03-04")),
        ("The camp stayed open until January.", ("January", "DATE", "2016-01")),
    ],
)
def test_forward_sense(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # compounds in -long
        ("A decades-long feud between the clans ended.", [("decades-long", "DURATION", "PXY")]),
        ("The day-long strike closed the port.", [("day-long", "DURATION", "P1D")]),
        ("It ended a two-year-long drought.", [("two-year-long", "DURATION", "P2Y")]),
        ("Rescuers began an hours-long search.", [("hours-long", "DURATION", "PTXH")]),
        # ages are not annotated
        ("The 12-year-old boy was found.", []),
        # a season and its year without "the"
        ("The lake froze in winter 2013.", [("winter 2013", "DATE", "2013-WI")]),
        ("The works began in spring of 2009.", [("spring of 2009", "DATE", "2009-SP")]),
        # fiscal and quarter codes
        ("Sales in FY2015 fell.", [("FY2015", "DATE", "2015")]),
        ("The budget for FY17 is smaller.", [("FY17", "DATE", "2017")]),
        ("Revenue in fiscal year 2014 doubled.", [("fiscal year 2014", "DATE", "2014")]),
        ("Revenue in Q1 2016 rose.", [("Q1 2016", "DATE", "2016-Q1")]),
        ("Margins narrowed in 3Q 2015.", [("3Q 2015", "DATE", "2015-Q3")]),
        ("Orders picked up in H2 2015.", [("H2 2015", "DATE", "2015-H2")]),
        # 24-hour clock times, when a preposition or a time zone says so
        ("The quake struck at 03:42 local time.", [("03:42", "TIME", "2016-03-16T03:42")]),
        ("Polls close at 22:00.", [("22:00", "TIME", "2016-03-16T22:00")]),
        ("The launch is set for 14:30 GMT.", [("14:30", "TIME", "2016-03-16T14:30")]),
        ("The plane landed at 9.30am.", [("9.30am", "TIME", "2016-03-16T09:30")]),
        ("The home side won the tie 2:01 on aggregate goals.", []),
        ("The ratio was 10:15 in the sample.", []),
        # a part of the current unit
        (
            "The talks will resume at the end of the month.",
            [("the end of the month", "DATE", "2016-03")],
        ),
        ("Prices rose at the start of the week.", [("the start of the week", "DATE", "2016-W11")]),
        # a month, a season or a part of a weekday every year or week
        ("Pilgrims gather here each July.", [("each July", "SET", "XXXX-07")]),
        ("The market opens every spring.", [("every spring", "SET", "XXXX-SP")]),
        ("The show airs on Tuesday nights.", [("Tuesday nights", "SET", "XXXX-WXX-2TNI")]),
        ("The club meets Sunday mornings.", [("Sunday mornings", "SET", "XXXX-WXX-7TMO")]),
        # day-first dates, a weekday before a day-first date, "the 13th"
        ("The vote was held on 15/03/2016.", [("15/03/2016", "DATE", "2016-03-15")]),
        ("The vote was held on 14.03.2016.", [("14.03.2016", "DATE", "2016-03-14")]),
        ("The form says 03/04/2016.", [("03/04/2016", "DATE", "2016-03-04")]),
        ("The summit ended on Sunday, 13 March.", [("Sunday, 13 March", "DATE", "2016-03-13")]),
        (
            "It opened on Tuesday 1 March 2016.",
            [("Tuesday 1 March 2016", "DATE", "2016-03-01")],
        ),
        ("The first round took place on the 13th.", [("13th", "DATE", "2016-03-13")]),
        ("Voting ended on the 20th.", [("20th", "DATE", "2016-02-20")]),
        ("The runoff will be held on the 27th.", [("27th", "DATE", "2016-03-27")]),
        ("He finished on the 13th hole.", []),
        ("Marchers gathered on the 4th of the month.", []),
        # a stretch of unknown length
        ("The road will stay closed for a while.", [("a while", "DURATION", "PXX")]),
        ("After a long while, the crowd left.", [("a long while", "DURATION", "PXX")]),
        ("He waited while the guards talked.", []),
    ],
)
def test_written_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Sales in FY2015 fell.", "Revenue in Q1 2016 rose.", "The quake struck at 03:42 local time."],
)
def test_new_forms_agree_with_json(text: str) -> None:
    assert [(d["text"], d["type"], d["value"]) for d in dates_json(text, published=PUB)] == found(
        text
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The lake froze in winter 2013.", "2013-WI"),
        ("Revenue in Q1 2016 rose.", "2016-Q1"),
        ("The talks will resume at the end of the month.", "XXXX-XX"),
        ("Polls close at 22:00.", "XXXX-XX-XXT22:00"),
    ],
)
def test_without_publication_date(text: str, value: str) -> None:
    assert [v for _, _, v in found(text, published=None)] == [value]

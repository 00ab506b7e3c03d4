"""The day of an incident: the date that names the incident ("the March 7 shooting") over the
report's days, a date written with its year in a follow-up, and the days that are not the
happening's (a byline's date, an embedded post's date, a death days later, a search going on).
Sentences are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.incidents import extract_incidents
from explorer.incidents.extract import _INJURED, _KILLED, _count
from explorer.incidents.triggers import find_triggers
from explorer.model import Article


def _day(text: str, published: dt.date, title: str = "") -> dt.date | None:
    article = Article(id="a1", title=title, text=text, published=published)
    return extract_incidents(article)[0].start


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # a date right before the incident's word names it
        (
            "Detectives arrested a man on Thursday in connection with the March 7 shooting "
            "on Elm Street, officers said.",
            dt.date(2017, 3, 20),
            dt.date(2017, 3, 7),
        ),
        (
            "Officers were looking Tuesday for two men after a shooting last Saturday that "
            "wounded a woman at a park.",
            dt.date(2016, 5, 17),
            dt.date(2016, 5, 14),
        ),
        (
            "A man was charged Monday in the Sept. 15, 2015 shooting of a cab driver.",
            dt.date(2016, 1, 12),
            dt.date(2015, 9, 15),
        ),
    ],
)
def test_a_date_that_names_the_incident_dates_it(
    text: str, published: dt.date, day: dt.date
) -> None:
    assert _day(text, published) == day


def test_a_later_death_does_not_date_the_shooting() -> None:
    text = (
        "A teenager shot in the chest around 9 p.m. Thursday at a gas station died from his "
        "wounds on Sunday morning, the coroner said."
    )
    assert _day(text, dt.date(2016, 6, 6)) == dt.date(2016, 6, 2)


def test_the_day_a_search_goes_on_is_not_the_happening() -> None:
    text = (
        "Deputies were searching Monday for the gunman who fired into a crowded bar early "
        "Sunday, wounding three people."
    )
    assert _day(text, dt.date(2016, 6, 27)) == dt.date(2016, 6, 26)


def test_byline_date_is_the_report_not_the_shooting() -> None:
    text = (
        "By Staff Reports // March 3, 2016\n\n"
        "A woman was wounded in a shooting at her home Wednesday night, deputies said."
    )
    assert _day(text, dt.date(2016, 3, 3)) == dt.date(2016, 3, 2)


def test_embedded_post_date_is_not_the_shooting() -> None:
    text = (
        "Two men were shot Saturday night outside a club downtown.\n\n"
        "Scene is still active tonight — Pat Reporter (@patreports) June 26, 2016"
    )
    assert _day(text, dt.date(2016, 6, 26)) == dt.date(2016, 6, 25)


def test_a_follow_up_dates_its_incident_by_the_year_it_writes() -> None:
    text = (
        "A jury on Friday found a man guilty of murder. Prosecutors said he opened fire in "
        "a parking lot on June 29, 2014, killing one man."
    )
    assert _day(text, dt.date(2016, 1, 15)) == dt.date(2014, 6, 29)


def test_a_day_relative_to_the_story_is_not_relative_to_the_report() -> None:
    text = "A man was shot on Main Street. The following day police arrested a suspect."
    assert _day(text, dt.date(2016, 2, 10)) == dt.date(2016, 2, 10)  # the publication date


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Gunman leaves 4 dead and 3 hurt", 4, 3),
        ("A shooting that killed two teenagers and injured four other people", 2, 4),
        ("Officers found Garcia dead and another man wounded.", None, None),
        ("Three people were killed and a woman was wounded", 3, 1),
    ],
)
def test_counts(sentence: str, killed: int | None, injured: int | None) -> None:
    assert _count(_KILLED, sentence) == killed
    assert _count(_INJURED, sentence) == injured


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Two Men SHOT in a Drive-By", ["SHOT", "Drive-By"]),
        ("Police said gunmen opened   fire on a bus", ["gunmen", "opened   fire"]),
        ("He faces attempted murder charges after the shooting", ["shooting"]),
        ("İstanbul blast", ["blast"]),  # a letter whose lower case is longer
    ],
)
def test_trigger_words_in_any_case(text: str, words: list[str]) -> None:
    found = find_triggers(text)
    assert [t.text for t in found] == words
    assert all(text[t.start : t.end] == t.text for t in found)

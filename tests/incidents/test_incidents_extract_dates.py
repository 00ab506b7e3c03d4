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
from explorer.incidents.when import _AFTERMATH, _REPORTING, incident_date
from explorer.model import Article, TimeMention


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


@pytest.mark.parametrize(
    ("words", "aftermath"),
    [
        ("forced their way into a home on Maple Court around 9 p.m.", False),
        ("COURT STREET", False),
        ("he appeared in court on Monday", True),
        ("at a hearing in Superior Court", True),
        ("before the Bibb County Magistrate Court", True),
    ],
)
def test_court_is_a_hearing_but_a_street_named_court_is_not(words: str, aftermath: bool) -> None:
    assert (_AFTERMATH.search(words) is not None) is aftermath
    assert (_REPORTING.search(words) is not None) is aftermath


def test_a_comma_and_police_said_after_the_day_is_not_the_days_verb() -> None:
    text = (
        "A cyclist was wounded in a shooting near the river, police said Wednesday.\n\n"
        "The shooting happened on Front Street at 10:40 p.m. Tuesday, police said."
    )
    assert _day(text, dt.date(2016, 4, 13)) == dt.date(2016, 4, 12)


def _on(text: str, words: str, day: dt.date) -> TimeMention:
    start = text.index(words)
    return TimeMention(
        words, start, start + len(words), "DATE", day.isoformat(), day, day, "day", True
    )


def test_of_two_close_days_of_the_incident_the_earlier_dates_it() -> None:
    text = "Witnesses said a man fired at friends near a park on Tuesday night. One was shot in the back on Wednesday."
    tuesday = _on(text, "Tuesday night", dt.date(2016, 4, 12))
    wednesday = _on(text, "Wednesday", dt.date(2016, 4, 13))
    sentences = [(0, 67), (68, len(text))]
    triggers = {0: [text.index("fired")], 1: [text.index("shot")]}
    shot = frozenset(triggers[1])  # the incident's own word: Wednesday scores a little higher
    when = incident_date(
        text,
        [tuesday, wednesday],
        sentences,
        triggers,
        published=dt.date(2016, 4, 15),
        strong=shot,
    )
    assert when.start == dt.date(2016, 4, 12)
    assert when.text == "Tuesday night"


def test_a_named_day_beats_the_publication_date_even_in_a_statement() -> None:
    # the only day given is the day the police spoke: still nearer than the report's date
    text = "Police said on Saturday that a man had been found with gunshot wounds in a car."
    assert _day(text, dt.date(2016, 4, 11)) == dt.date(2016, 4, 9)


def test_a_day_told_with_its_hour_is_not_traded_for_a_bare_earlier_day() -> None:
    text = "Two men were shot at 2:30 a.m. Sunday. Police had been called there on Friday."
    sunday = _on(text, "2:30 a.m. Sunday", dt.date(2016, 4, 10))
    friday = _on(text, "Friday", dt.date(2016, 4, 8))
    sentences = [(0, 38), (39, len(text))]
    triggers = {0: [text.index("shot")], 1: [text.index("called")]}
    when = incident_date(
        text, [sunday, friday], sentences, triggers, published=dt.date(2016, 4, 11)
    )
    assert when.start == dt.date(2016, 4, 10)

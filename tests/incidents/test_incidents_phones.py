"""Telephone numbers as evidence of a local article's state (numbers made up for the tests;
area codes are public)."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.incidents import extract_incidents
from explorer.model import Article
from explorer.places.phones import phone_states


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Call detectives at (412) 323-7800.", ["US.PA"]),
        ("Tips: 918-596-9222 or 918.555.0199", ["US.OK"]),
        ("Call 202-727-9099 or 907-555-1234.", ["US.DC", "US.AK"]),
        ("Crime Stoppers: 1-800-222-8477", []),  # toll-free says nothing
        ("London police at 519-661-5670", []),  # Ontario: not a US state
        ("The vote was 412 to 323.", []),
        ("Order no. 4123237800 shipped.", []),  # ten digits in a row are no phone number
    ],
)
def test_phone_states(text: str, states: list[str]) -> None:
    assert phone_states(text) == states


def test_the_area_code_decides_which_town_of_a_name() -> None:
    # "Jackson" alone: Mississippi's is the largest; the police's number is in Tennessee
    text = (
        "A man was shot outside a gas station in Jackson on Friday night, police said.\n\n"
        "Anyone with information is asked to call investigators at 731-425-8400."
    )
    article = Article(id="a", title="", text=text, published=dt.date(2016, 5, 2))
    main = extract_incidents(article)[0]
    assert main.place is not None
    assert (main.place.name, main.place.admin1) == ("Jackson", "Tennessee")


def test_a_place_in_no_state_of_the_numbers_gives_way_to_their_town() -> None:
    # "Zaire" is a nickname here; the tip line's area code is Pittsburgh's
    text = (
        "A teenager known as Zaire was shot on a porch on Tuesday night, police said.\n\n"
        "Detectives asked anyone with information to call 412-323-7800."
    )
    main = extract_incidents(Article(id="a", title="", text=text, published=dt.date(2016, 5, 4)))[0]
    assert main.place is not None
    assert (main.place.name, main.place.admin1) == ("Pittsburgh", "Pennsylvania")
    assert "telephone area code" in main.place_evidence


def test_the_dateline_is_not_overruled_by_a_number_of_another_state() -> None:
    text = (
        "SAN DIEGO (AP) — A man was shot at a trolley stop on Monday, police said.\n\n"
        "The suspect's family in Chicago can be reached at 312-555-0142."
    )
    main = extract_incidents(Article(id="a", title="", text=text, published=dt.date(2016, 5, 4)))[0]
    assert main.place is not None and main.place.name == "San Diego"

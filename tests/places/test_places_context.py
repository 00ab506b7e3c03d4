"""Guards that read a mention's surroundings, on sentences written for these tests."""

from __future__ import annotations

import pytest

from explorer.places import geoparse


def surfaces(text: str) -> list[str]:
    return [m.text for m in geoparse(text)]


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("The crash closed Dallas Road and Wichita Street for hours.", ["Dallas", "Wichita"]),
        ("She told the Denver Post and the Boston Daily that the plan failed.", ["Denver"]),
        ("Pupils at Lincoln Elementary visited Ohio University last week.", ["Lincoln", "Ohio"]),
        ("A keeper at the Toledo Zoo flew Alaska Airlines to Seattle.", ["Toledo", "Alaska"]),
        ("The shop on Church Street in Dover reopened.", ["Church Street"]),
    ],
)
def test_a_place_that_names_a_street_paper_school_or_company_is_not_reported(
    text: str, not_places: list[str]
) -> None:
    found = surfaces(text)
    for word in not_places:
        assert word not in found


def test_a_street_named_after_a_town_still_hints_at_the_region() -> None:
    # "Corsicana Highway" is not reported, but the article is about Texas all the same
    found = {m.text: m for m in geoparse("Crews paved Corsicana Road near Athens on Monday.")}
    assert "Corsicana" not in found
    assert found["Athens"].place is not None


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("That is OK with the council, he said.", "OK", False),
        ("Troops carried AK-47 rifles.", "AK", False),
        ("LOUISVILLE, KY -- The plant will close.", "KY", True),
        ("Send it to Austin, TX 78701 by Friday.", "TX", True),
        ("The US and the UK signed the accord.", "US", True),
    ],
)
def test_two_letter_state_codes_count_in_addresses(text: str, code: str, expected: bool) -> None:
    assert (code in surfaces(text)) is expected


def test_time_zones_are_not_places() -> None:
    assert "EST" not in surfaces("The call came at 1:58 p.m. EST from a nurse in Boston.")


def test_a_small_place_known_only_by_another_name_needs_support() -> None:
    # "Bronco" is a GeoNames alternate name of a Texas village: nothing here backs it
    assert "Bronco" not in surfaces("Members of the riding club met Bronco fans on Sunday.")
    # large places keep their old and foreign names
    found = {m.text: m.place for m in geoparse("They met in Calcutta and then in Bombay.")}
    assert found["Calcutta"] is not None and found["Calcutta"].name == "Kolkata"
    assert found["Bombay"] is not None and found["Bombay"].name == "Mumbai"

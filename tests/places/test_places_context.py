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
    assert "EST" not in surfaces("The call came at 3:12 p.m. EST from a nurse in Boston.")


def test_a_small_place_known_only_by_another_name_needs_support() -> None:
    # "Bronco" is a GeoNames alternate name of a Texas village: nothing here backs it
    assert "Bronco" not in surfaces("Members of the riding club met Bronco fans on Sunday.")
    # large places keep their old and foreign names
    found = {m.text: m.place for m in geoparse("They met in Calcutta and then in Bombay.")}
    assert found["Calcutta"] is not None and found["Calcutta"].name == "Kolkata"
    assert found["Bombay"] is not None and found["Bombay"].name == "Mumbai"


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        ("Council backs new budget. MANSFIELD, Ohio — The council voted on Monday.", "MANSFIELD", "Ohio"),
        ("Town hall closes. TORRINGTON — Officials in Connecticut said the building is old.", "TORRINGTON", "Connecticut"),
        ("WASHINGTON Lawmakers voted on the budget on Tuesday.", "WASHINGTON", "District of Columbia"),
        ("Farm prices fall. ATLANTA - Growers across Georgia met on Friday.", "ATLANTA", "Georgia"),
    ],
)  # fmt: skip
def test_datelines_name_the_city_the_story_was_filed_from(
    text: str, surface: str, admin1: str
) -> None:
    found = {m.text: m.place for m in geoparse(text)}
    place = found[surface]
    assert place is not None
    assert place.feature == "populated_place"
    assert place.admin1 == admin1


def test_capitals_in_a_headline_without_a_dash_are_no_dateline() -> None:
    assert "NICE" not in surfaces("NICE to see the new park open. The town council met.")


def test_regions_listed_together_back_each_other() -> None:
    found = {
        m.text: m.place
        for m in geoparse(
            "Wheat farmers in Alberta follow the harvest in Victoria, Tasmania and "
            "Queensland, which export to Asia."
        )
    }
    assert found["Queensland"] is not None and found["Queensland"].country_code == "AU"
    found = {m.text: m.place for m in geoparse("Cases were found in Washington, Oregon and Idaho.")}
    assert found["Washington"] is not None and found["Washington"].feature == "admin1"


def test_a_given_name_of_someone_named_in_full_is_that_person() -> None:
    text = (
        "Georgia Whitfield, 11, tunes her violin before each recital. Georgia started playing "
        "at five. Thanks to Georgia's teacher, she practises daily."
    )
    assert "Georgia" not in surfaces(text)
    # ... unless the article also uses the name as a place
    found = surfaces("Georgia Whitfield moved to Atlanta, Georgia last year. Georgia is warm.")
    assert "Georgia" in found


def test_surnames_and_clubs_named_after_towns() -> None:
    # two town names in a row are a person's name
    assert surfaces("Mexico's minister Leon Morelia urged calm.") == ["Mexico"]
    assert "Madrid" not in surfaces("Ronaldo scored twice for Real Madrid on Sunday.")


def test_frequent_words_that_are_city_names_are_places() -> None:
    # "Boston" and "Atlanta" are among the most frequent English words because they are cities
    assert "Boston" in surfaces("Boston officials met on Monday.")
    assert "ATLANTA" in surfaces("Budget passes. ATLANTA - Lawmakers agreed on Friday.")
    # ... while "Reading" and "Nice" stay words at the start of a sentence
    assert "Reading" not in surfaces("Reading is fun, the librarian said.")


def test_an_everyday_word_is_no_country_by_a_foreign_alias() -> None:
    # "Island" is Iceland's name in Icelandic
    found = surfaces("Vandals hit cars in Osney Island. Island residents were shocked.")
    assert "Island" not in found


def test_viruses_and_fevers_named_after_places() -> None:
    assert surfaces("Pigs tested positive for the Reston ebolavirus in the north.") == []
    assert "Marburg" not in surfaces("Marburg hemorrhagic fever spread in Uige, Angola.")


def test_a_leading_the() -> None:
    assert surfaces("The Philippines reported new cases.") == ["Philippines"]
    assert surfaces("Talks were held in The Hague on Monday.") == ["The Hague"]
    assert surfaces("The City Council voted on Monday.") == []


def test_a_party_and_state_tag_keeps_the_abbreviation_whole() -> None:
    assert surfaces("Rep. Ann Clyde, D-S.C., voted no.") == ["S.C."]


def test_a_valley_lake_or_province_named_after_a_place() -> None:
    text = "Boats on Lake Erie; farms in the Salinas Valley, California."
    found = {m.text: m.place for m in geoparse(text)}
    assert found["Lake Erie"] is not None and found["Lake Erie"].name == "Erie"
    assert found["Salinas Valley"] is not None and found["Salinas Valley"].admin1 == "California"

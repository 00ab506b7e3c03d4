"""A city named like its province or state is the city in news, unless the text calls the name
a region; sentences written for these tests."""

from __future__ import annotations

import pytest

from explorer.places import geoparse


def features(text: str) -> dict[str, str | None]:
    return {m.text: None if m.place is None else m.place.feature for m in geoparse(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two cities listed together are no list of regions
        (
            "Soldiers guarded the banks in Kandahar and Herat after the attack.",
            {"Kandahar": "populated_place", "Herat": "populated_place"},
        ),
        (
            "Heavy storms closed schools in Kano and Lagos on Friday.",
            {"Kano": "populated_place", "Lagos": "populated_place"},
        ),
        # GeoNames spells the city Basrah and the governorate Basra: still the city
        (
            "A car bomb went off near a bus station in Basra and Kirkuk.",
            {"Basra": "populated_place", "Kirkuk": "populated_place"},
        ),
        # the text calls them regions
        ("Drought hit farms in Kandahar province this spring.", {"Kandahar": "admin1"}),
        ("Aid reached the province of Herat by truck.", {"Herat": "admin1"}),
        (
            "Clinics opened in Helmand and Kandahar provinces last week.",
            {"Helmand": "admin1", "Kandahar": "admin1"},
        ),
        ("Officials of Kano State met the traders.", {"Kano": "admin1"}),
        # a real list of regions stays one
        (
            "Voters in Ohio, Iowa and Utah went to the polls.",
            {"Ohio": "admin1", "Iowa": "admin1", "Utah": "admin1"},
        ),
    ],
)
def test_city_unless_the_text_says_region(text: str, expected: dict[str, str]) -> None:
    found = features(text)
    for name, feature in expected.items():
        assert found.get(name) == feature, (name, found)


def test_a_region_word_does_not_drop_other_places_of_the_name() -> None:
    # "region" after a valley in California: the Californian city, not a namesake elsewhere
    found = {
        m.text: m.place
        for m in geoparse("Lettuce was traced to the Salinas Valley region of California.")
    }
    place = found["Salinas Valley"]
    assert place is not None and place.admin1 == "California"

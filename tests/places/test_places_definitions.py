"""Defining clauses ("X is a town in Y County, Z"; "X, a village in Y") settle their subject for
the whole article; sentences written for these tests."""

from __future__ import annotations

import pytest

from explorer.places import geoparse


def senses(text: str, name: str) -> list[tuple[str, str | None, str | None, str]]:
    """(place name, admin1, country code, reason) of every mention written ``name``."""
    return [
        (m.place.name, m.place.admin1, m.place.country_code, m.reason)
        for m in geoparse(text)
        if m.text == name and m.place is not None
    ]


@pytest.mark.parametrize(
    ("text", "name", "admin1", "country"),
    [
        # a lead sentence names the county and state: not the biggest place of the name
        (
            "Georgetown is a small city in Scott County, Kentucky, United States. "
            "Georgetown grew around a spring.",
            "Georgetown",
            "Kentucky",
            "US",
        ),
        # an aside between the name and the verb
        (
            "Lancaster (once called Hickory Town) is a city in Fairfield County, Ohio. "
            "Lancaster has a glass works.",
            "Lancaster",
            "Ohio",
            "US",
        ),
        # "the U.S. state of"
        (
            "Clark County is a county in the U.S. state of Indiana. Clark County holds a "
            "state forest.",
            "Clark County",
            "Indiana",
            "US",
        ),
        # an apposition in running news text
        (
            "Heavy rain flooded Richmond, a town in the state of New South Wales, on Monday.",
            "Richmond",
            "New South Wales",
            "AU",
        ),
        # a country named in the clause
        (
            "Alexandria is the second city of Egypt. Alexandria has a famous library.",
            "Alexandria",
            None,
            "EG",
        ),
    ],
)
def test_defining_clause_settles_every_mention(
    text: str, name: str, admin1: str | None, country: str
) -> None:
    found = senses(text, name)
    assert len(found) == 2 if text.count(name) == 2 else found
    for _place, a1, cc, _why in found:
        assert cc == country
        if admin1 is not None:
            assert a1 == admin1


def test_the_subject_beats_a_later_namesake_with_its_own_qualifier() -> None:
    text = (
        "Auburn is a city in Pierce County, Washington. Its founders came from Auburn, "
        "New York. Auburn has a large airport nearby."
    )
    found = senses(text, "Auburn")
    assert [a1 for _, a1, _, _ in found] == ["Washington", "New York", "Washington"]


def test_a_place_the_gazetteer_lacks_is_placed_at_the_region_the_clause_names() -> None:
    # no "Quuxville" anywhere: the name is no place, nothing to place
    assert senses("Quuxville is a hamlet in Marion County, Kansas.", "Quuxville") == []
    # "Durham" has namesakes elsewhere but none in Kansas (the hamlet is too small)
    found = senses("Durham is a city in Marion County, Kansas, United States.", "Durham")
    assert found
    place, admin1, cc, why = found[0]
    assert (place, admin1, cc) == ("Marion County", "Kansas", "US")
    assert why.startswith("not in the gazetteer there")


@pytest.mark.parametrize(
    "text",
    [
        # the places of the clause are not where the subject is
        "Spain was the first country to report a case from someone who had not visited Mexico.",
        # no locative word leads to the place
        "Paris is a name that settlers from France gave to many towns.",
    ],
)
def test_no_definition_without_a_locative_clause(text: str) -> None:
    mentions = geoparse(text)
    assert all(not m.reason.startswith(("defined", "not in the gazetteer there")) for m in mentions)

"""Resolution with document context and the newer guards, on sentences written for these tests."""

from __future__ import annotations

import pytest

from explorer.gazetteer import default_gazetteer
from explorer.places import geoparse
from explorer.places.guards import person_keys
from explorer.places.resolve import rank


def resolved(text: str) -> dict[str, tuple[str | None, str | None, str]]:
    """surface -> (admin1, country code, reason) of the last mention with that surface."""
    return {
        m.text: (
            None if m.place is None else m.place.admin1,
            None if m.place is None else m.place.country_code,
            m.reason,
        )
        for m in geoparse(text)
    }


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # a town and the county or parish it lies in back each other
        (
            "Firefighters from Alexandria and Pineville worked through the night across "
            "Rapides Parish.",
            "Alexandria",
            "Louisiana",
        ),
        (
            "Deputies searched a farm near Rogersville after a call from Greene County. "
            "The Webster County sheriff helped.",
            "Rogersville",
            "Missouri",
        ),
        # towns of one province settle an ambiguous city name
        (
            "The mayor of London spoke in Sarnia and Windsor about trade in Ontario.",
            "London",
            "Ontario",
        ),
    ],
)
def test_coherence_with_the_other_places_of_the_article(text: str, name: str, admin1: str) -> None:
    got = resolved(text)[name]
    assert got[0] == admin1
    assert got[2].startswith(("in ", "near "))


def test_without_context_the_capital_or_largest_place_wins() -> None:
    assert resolved("He grew up in London.")["London"][1] == "GB"
    assert resolved("He grew up in Alexandria.")["Alexandria"][1] == "EG"


def test_national_capital_bonus_only_when_the_article_is_not_elsewhere() -> None:
    # a Greek capital when the article is about Greece, a Tennessee town when it says so
    assert resolved("He grew up in Athens and studied in Greece.")["Athens"][1] == "GR"
    got = resolved("Students in Athens, Tenn., won a prize. Athens is proud.")
    assert got["Athens"][:2] == ("Tennessee", "US")


def test_a_country_named_in_the_article_backs_its_places() -> None:
    got = resolved("Canada sent aid. In Canada, the city of London sent a fire crew.")
    assert got["London"][1] == "CA"


def test_new_york_alone_is_the_state_and_new_york_city_the_city() -> None:
    mentions = geoparse("The governor of New York visited New York City on Monday.")
    assert [(m.text, m.place.feature) for m in mentions] == [  # type: ignore[union-attr]
        ("New York", "admin1"),
        ("New York City", "populated_place"),
    ]


def test_a_country_is_not_its_own_namesake_state() -> None:
    (m,) = geoparse("Exports from Mexico rose.")
    assert m.place is not None and m.place.feature == "country"


def test_a_list_of_countries_is_not_a_qualifier() -> None:
    mentions = geoparse("Talks between Russia, China and the U.S. stalled.")
    assert [m.place.country_code for m in mentions] == ["RU", "CN", "US"]  # type: ignore[union-attr]
    assert not any(m.reason.startswith("qualified") for m in mentions)


def test_a_name_inside_a_longer_name_is_no_independent_evidence() -> None:
    mentions = geoparse("Dublin schools opened. Dublin City Council met.")
    dublin = next(m for m in mentions if m.text == "Dublin")
    assert "Dublin City" not in dublin.reason


@pytest.mark.parametrize(
    "text",
    [
        "Holroyd, 74, was a fixture in local politics. Friends said Holroyd loved her town.",
        "The Bush administration disagreed.",
        "Colleagues praised Webster. Webster's daughter thanked them.",
    ],
)
def test_one_word_names_used_for_people(text: str) -> None:
    assert geoparse(text) == []


def test_person_evidence_strength() -> None:
    text = "Ottawa said no. Holroyd, 74, left."
    spans = [("ottawa", 0, 6), ("holroyd", text.index("Holroyd"), text.index("Holroyd") + 7)]
    assert person_keys(text, spans) == {"ottawa": False, "holroyd": True}


def test_a_big_city_used_for_its_government_stays_a_place() -> None:
    text = "Ottawa said it would pay more. Ottawa's offer was welcomed in Toronto."
    assert [m.text for m in geoparse(text)] == ["Ottawa", "Toronto"]


@pytest.mark.parametrize(
    "text",
    [
        "The fund paid US$5 million.",
        "They flew Air Canada.",
        "Agence France-Presse reported the deal.",
    ],
)
def test_currencies_and_organisations_named_after_places(text: str) -> None:
    assert geoparse(text) == []


def test_demonyms_count_as_evidence() -> None:
    got = resolved("Georgian troops moved. Georgia said the border was calm.")
    assert got["Georgia"][1] == "GE"


def test_rank_prefers_own_names_over_alternate_names() -> None:
    ranked = rank(default_gazetteer().lookup("New York"))
    assert ranked[0].place.feature == "admin1"
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_repeated_calls_agree() -> None:
    text = "Flooding hit Paris, Texas, and Henry County, Tennessee."
    assert geoparse(text) == geoparse(text)


def test_an_ocean_outweighs_a_small_town_of_its_name() -> None:
    found = {
        m.text: m.place for m in geoparse("Storms over the Pacific delayed ships bound for Ohio.")
    }
    assert found["Pacific"] is not None and found["Pacific"].feature == "region"


def test_a_capital_named_like_a_state_is_the_capital() -> None:
    found = {
        m.text: m.place
        for m in geoparse("Lawmakers in Washington argued about farm aid while Iowa waited.")
    }
    assert found["Washington"] is not None
    assert found["Washington"].admin1 == "District of Columbia"
    # listed with other states it is the state
    found = {m.text: m.place for m in geoparse("Cases were found in Washington, Oregon and Idaho.")}
    assert found["Washington"] is not None and found["Washington"].feature == "admin1"


def test_an_ambiguous_county_finds_the_town_that_lies_in_it() -> None:
    # of the many Henry Counties, the one Paris, Tennessee lies in (any sense of a town's
    # name counts for the regions it lies in in the first round)
    text = (
        "The Henry County commission met in Paris on Tuesday. Henry County will pave two "
        "roads, and Paris will pay for the lights."
    )
    found = {m.text: m.place for m in geoparse(text)}
    assert found["Henry County"] is not None and found["Henry County"].admin1 == "Tennessee"


def test_neighbouring_states_named_together_stay_apart() -> None:
    found = {m.text: m.place for m in geoparse("Floods cut roads across Chiapas and Oaxaca.")}
    assert found["Chiapas"] is not None and found["Chiapas"].admin1 == "Chiapas"
    assert found["Oaxaca"] is not None and found["Oaxaca"].admin1 == "Oaxaca"

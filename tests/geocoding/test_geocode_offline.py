from __future__ import annotations

import pytest
from geopy.extra.rate_limiter import RateLimiter as GeopyRateLimiter
from geopy.location import Location

import explorer
from explorer.errors import ExplorerError, InvalidQuery
from explorer.geocoding import OfflineGeocoder, candidates, geocode, ranked_candidates


@pytest.mark.parametrize(
    ("query", "name", "country", "admin1"),
    [
        ("Irbil", "Erbil", "IQ", None),
        ("Fort Bragg, North Carolina", "Fort Bragg", "US", "North Carolina"),
        ("Fort Bragg, NC", "Fort Bragg", "US", "North Carolina"),
        ("Fort Bragg, N.C.", "Fort Bragg", "US", "North Carolina"),
        ("Fort Bragg, California", "Fort Bragg", "US", "California"),
        ("Fort Bragg, Calif.", "Fort Bragg", "US", "California"),
        ("Fort Bragg, CA, USA", "Fort Bragg", "US", "California"),
        ("Fort Bragg", "Fort Bragg", "US", "North Carolina"),  # the larger of the two
        ("Springfield, Illinois", "Springfield", "US", "Illinois"),
        ("Springfield, Massachusetts", "Springfield", "US", "Massachusetts"),
        ("Paris, Texas", "Paris", "US", "Texas"),
        ("Paris", "Paris", "FR", None),
        ("Washington, D.C.", "Washington", "US", "District of Columbia"),
        ("Raqqa", "Ar Raqqah", "SY", None),  # the city, not the governorate
        ("Baghdad", "Baghdad", "IQ", None),
        ("Sao Paulo", "São Paulo", "BR", None),
        ("São Paulo", "São Paulo", "BR", None),
        ("Iraq", "Iraq", "IQ", None),
        ("North Carolina", "North Carolina", "US", "North Carolina"),
    ],
)
def test_geocode(query: str, name: str, country: str, admin1: str | None) -> None:
    place = geocode(query)
    assert place is not None
    assert place.name == name
    assert place.country_code == country
    if admin1 is not None:
        assert place.admin1 == admin1


def test_top_level_api_is_the_same() -> None:
    assert explorer.geocode("Irbil") == geocode("Irbil")
    assert explorer.candidates("Fort Bragg") == candidates("Fort Bragg")


def test_candidates_are_ranked_and_filtered() -> None:
    both = candidates("Fort Bragg")
    assert [p.admin1 for p in both[:2]] == ["North Carolina", "California"]
    assert [p.admin1 for p in candidates("Fort Bragg", admin1="California")] == ["California"]
    assert [p.admin1 for p in candidates("Fort Bragg", country="US", admin1="NC")] == [
        "North Carolina"
    ]
    assert candidates("Fort Bragg", country="France") == []
    scores = [r.score for r in ranked_candidates("Springfield")]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) > 5


@pytest.mark.parametrize(
    ("query", "feature"),
    [
        ("Georgia", "country"),
        ("Texas", "admin1"),
        ("Europe", "continent"),
        ("Middle East", "region"),
    ],
)
def test_feature_kind_outranks_same_named_villages(query: str, feature: str) -> None:
    place = geocode(query)
    assert place is not None and place.feature == feature


def test_qualifier_that_fits_nothing_gives_no_result() -> None:
    assert geocode("Fort Bragg, Iraq") is None


def test_commas_inside_a_name() -> None:
    place = geocode("Bonaire, Saint Eustatius and Saba")
    assert place is not None and place.feature == "country"


@pytest.mark.parametrize("query", ["", "   ", "x" * 1000, "12345", "!!!"])
def test_bad_queries_raise_a_clear_error(query: str) -> None:
    with pytest.raises(InvalidQuery) as info:
        geocode(query)
    assert isinstance(info.value, ExplorerError)
    assert str(info.value)


@pytest.mark.parametrize("query", ["Qwxzvbnm", "Nowhere-at-all-ville", "zzzz, yyyy"])
def test_unknown_places_give_nothing(query: str) -> None:
    assert geocode(query) is None
    assert candidates(query) == []


def test_non_string_query() -> None:
    with pytest.raises(InvalidQuery):
        geocode(None)  # type: ignore[arg-type]


class TestGeopyInterface:
    def test_geocode_returns_a_location_with_raw(self) -> None:
        location = OfflineGeocoder().geocode("Irbil")
        assert isinstance(location, Location)
        assert location.latitude == pytest.approx(36.19, abs=0.05)
        assert location.longitude == pytest.approx(44.01, abs=0.05)
        assert location.raw["country_code"] == "IQ"
        assert location.raw["geonames_id"] == 95446
        assert "Erbil" in location.address

    def test_exactly_one_false_gives_a_ranked_list(self) -> None:
        found = OfflineGeocoder().geocode("Fort Bragg", exactly_one=False)
        assert isinstance(found, list)
        assert [loc.raw["admin1"] for loc in found[:2]] == ["North Carolina", "California"]

    def test_country_codes_filter(self) -> None:
        location = OfflineGeocoder().geocode("Paris", country_codes=["us"])
        assert isinstance(location, Location) and location.raw["country_code"] == "US"

    def test_nothing_found_is_none(self) -> None:
        assert OfflineGeocoder().geocode("Qwxzvbnm") is None

    def test_works_under_geopys_rate_limiter(self) -> None:
        limited = GeopyRateLimiter(OfflineGeocoder().geocode, min_delay_seconds=0)
        results = [limited(q) for q in ["Mosul", "Raqqa", "Irbil"]]
        assert [r.raw["country_code"] for r in results] == ["IQ", "SY", "IQ"]


# Bare names: the geocoder gives what the geoparser reads in a text that says nothing else.
AGREED = [
    ("New York", "admin1", "US"),  # GeoNames' city is "New York City"
    ("New York City", "populated_place", "US"),
    ("Santiago", "populated_place", "CL"),  # Chile's capital, not Santiago de los Caballeros
    ("Washington", "populated_place", "US"),  # the capital, not the state
    ("Bahia", "admin1", "BR"),  # the state, not Salvador (whose alternate name it is)
    ("Oklahoma", "admin1", "US"),
    ("Luxembourg", "country", "LU"),  # the country, not its namesake capital
    ("Athens", "populated_place", "GR"),
    ("Pacific", "region", None),  # the ocean, not Pacific, Missouri
]


@pytest.mark.parametrize(("query", "feature", "country"), AGREED)
def test_bare_names(query: str, feature: str, country: str | None) -> None:
    place = geocode(query)
    assert place is not None and (place.feature, place.country_code) == (feature, country)


@pytest.mark.parametrize(
    "query",
    ["New York", "Santiago", "Washington", "Bahia", "Luxembourg", "Athens", "Cambridge",
     "Oaxaca", "Kirkuk", "Sao Paulo", "Lima", "Springfield", "Paris", "Irbil", "Mexico"],
)  # fmt: skip
def test_the_geocoder_and_the_geoparser_agree_on_a_name_alone(query: str) -> None:
    from explorer.places import geoparse

    (mention,) = geoparse(f"{query}.")
    assert mention.place == geocode(query)


def test_an_alternate_name_earns_no_namesake_bonus() -> None:
    ranked = ranked_candidates("Santiago")
    caballeros = next(r for r in ranked if r.place.name == "Santiago de los Caballeros")
    chile = next(r for r in ranked if r.place.country_code == "CL")
    assert not caballeros.namesake and chile.score > caballeros.score
    assert ranked[0].place == chile.place


def test_new_york_city_by_its_own_name_or_qualified() -> None:
    assert geocode("New York City") == explorer.geocode("New York City")
    city = geocode("New York City")
    assert city is not None and city.population > 8_000_000
    state = geocode("New York")
    assert state is not None and state.feature == "admin1"
    assert candidates("New York")[1] == city  # the city is the runner-up

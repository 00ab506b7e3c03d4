"""First-level regions keep their own names: a neighbour's name is never one of their aliases."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from explorer.gazetteer import Gazetteer, name_key
from explorer.gazetteer.admin import admin1_names
from explorer.gazetteer.kinds import NameKind
from explorer.geocoding import candidates, geocode


def test_no_region_is_aliased_by_another_regions_name(gazetteer: Gazetteer) -> None:
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    crossed = con.execute(
        "SELECT p.key, n.key, q.key FROM names n JOIN places p ON p.id = n.place"
        " JOIN names m ON m.key = n.key AND m.kind = ? JOIN places q ON q.id = m.place"
        " WHERE p.feature = 'admin1' AND q.feature = 'admin1' AND p.id <> q.id"
        " AND p.country_code = q.country_code AND n.kind <> ?",
        (NameKind.PRIMARY, NameKind.PRIMARY),
    ).fetchall()
    con.close()
    assert crossed == []


MEXICAN_STATES = [
    "Aguascalientes", "Baja California", "Baja California Sur", "Campeche", "Chiapas",
    "Chihuahua", "Coahuila", "Colima", "Durango", "Guanajuato", "Guerrero", "Hidalgo",
    "Jalisco", "Mexico City", "Michoacán", "Morelos", "Nayarit", "Nuevo León", "Oaxaca",
    "Puebla", "Querétaro", "Quintana Roo", "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco",
    "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas",
]  # fmt: skip


@pytest.mark.parametrize("state", MEXICAN_STATES)
def test_every_mexican_state_name_finds_its_own_state(state: str) -> None:
    regions = [p for p in candidates(state, country="MX") if p.feature == "admin1"]
    assert regions, state
    own = regions[0]
    assert name_key(own.name) == name_key(state)
    best = geocode(state)
    assert best is not None and best.country_code == "MX"
    assert best.admin1_code == own.admin1_code  # the state, or its namesake city in it


@pytest.mark.parametrize(
    ("query", "country", "region"),
    [
        ("Oaxaca", "MX", "Oaxaca"),
        ("Morelos", "MX", "Morelos"),
        ("Veracruz", "MX", "Veracruz"),
        ("Arunachal Pradesh", "IN", "Arunachal Pradesh"),
        ("Alagoas", "BR", "Alagoas"),
        ("Gifu", "JP", "Gifu"),
        ("Thuringia", "DE", "Thuringia"),
        ("Bavaria", "DE", "Bavaria"),
        ("Wallonia", "BE", "Wallonia"),
        ("Flanders", "BE", "Flanders"),
    ],
)
def test_a_region_name_resolves_inside_that_region(query: str, country: str, region: str) -> None:
    place = geocode(query)
    assert place is not None
    assert (place.country_code, place.admin1) == (country, region)


def test_a_former_region_merged_into_a_new_one_is_an_alias_of_it() -> None:
    # Lorraine became part of Grand Est; Sogn og Fjordane part of Vestland
    lorraine = [p for p in candidates("Lorraine", country="FR") if p.feature == "admin1"]
    assert lorraine and lorraine[0].admin1_code == "44"
    sogn = [p for p in candidates("Sogn og Fjordane", country="NO") if p.feature == "admin1"]
    assert sogn and sogn[0].admin1_code == "46"


def test_votes_name_each_region_after_the_name_at_home_there() -> None:
    votes = {
        # one border town of the west region votes for its neighbour
        ("XX", "01"): Counter({"Westland": 40, "Eastland": 1}),
        ("XX", "02"): Counter({"Eastland": 30}),
        # a region merged from two former ones; a tie broken by the bigger town
        ("XX", "03"): Counter({"Northmark": 12, "Southmark": 9}),
        ("XX", "04"): Counter({"Hill": 1, "Dale": 1}),
    }
    people = {
        ("XX", "04"): Counter({"Hill": 900, "Dale": 7000}),
    }
    names = admin1_names(votes, people)
    assert names[("XX", "01")] == ("Westland", ["Westland"])  # Eastland is not an alias
    assert names[("XX", "02")] == ("Eastland", ["Eastland"])
    assert names[("XX", "03")] == ("Northmark", ["Northmark", "Southmark"])
    assert names[("XX", "04")][0] == "Dale"


def test_a_name_more_at_home_in_another_region_does_not_name_this_one() -> None:
    votes = {
        # a newer region split off the old one: two of its three towns still give the old name
        ("XX", "10"): Counter({"Riverside": 2, "Lakeside": 1}),
        ("XX", "11"): Counter({"Riverside": 25}),
    }
    names = admin1_names(votes, {})
    assert names[("XX", "10")][0] == "Lakeside"
    assert names[("XX", "11")][0] == "Riverside"


@pytest.mark.parametrize(
    ("query", "country", "admin1"),
    [
        ("Guizhou", "CN", "Guizhou Sheng"),
        ("Zhejiang", "CN", "Zhejiang Sheng"),
        ("Xinjiang", "CN", "Xinjiang Uygur Zizhiqu"),
        ("Guangxi", "CN", "Guangxi Zhuangzu Zizhiqu"),
        ("Tibet", "CN", "Tibet Autonomous Region"),
    ],
)
def test_chinese_provinces_by_their_short_names(query: str, country: str, admin1: str) -> None:
    regions = [p for p in candidates(query, country=country) if p.feature == "admin1"]
    assert [p.name for p in regions[:1]] == [admin1]


def test_the_first_mexican_candidate_of_a_state_name_lies_in_that_state() -> None:
    for state in ("Veracruz", "Oaxaca", "Hidalgo", "Guerrero", "Morelos"):
        first = candidates(state, country="MX")[0]
        assert first.admin1 == state, (state, first)

"""Second-level regions: populations that are their own, and no region that is just its town."""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.gazetteer.admin import admin2_population, region_keys
from explorer.gazetteer.kinds import NameKind
from explorer.gazetteer.normalize import name_key
from explorer.geocoding import candidates, geocode


@dataclass
class Town:
    name: str
    population: int
    alternates: tuple[str, ...] = ()
    names: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.names = {name_key(self.name): NameKind.PRIMARY}
        for alt in self.alternates:
            self.names.setdefault(name_key(alt), NameKind.ALTERNATE)


def test_a_big_city_put_in_a_neighbouring_region_is_not_counted_there() -> None:
    towns = [Town("Harbourton", 1_900_000), Town("Elmvale", 9_000), Town("Reedby", 3_000)]
    neighbours = region_keys("City of Harbourton") | region_keys("Elmvale Shire")
    assert admin2_population("Lakeview", towns, neighbours) == 12_000
    # without a neighbouring region of the city's name the city counts ("Kings County")
    assert admin2_population("Lakeview", towns, region_keys("Elmvale Shire")) == 1_912_000


def test_a_region_that_is_only_its_town_is_not_listed() -> None:
    assert admin2_population("Pinewood", [Town("Pinewood", 48_000)]) is None
    assert admin2_population("Pinewood", [Town("Pinewood", 48_000), Town("Oakley", 900)]) is None
    # a county seat among other towns leaves a region of its own
    towns = [Town("Pinewood", 48_000), Town("Oakley", 30_000), Town("Ashby", 20_000)]
    assert admin2_population("Pinewood", towns) == 98_000
    # a town known by the region's name only as an alternate name is not the region
    assert admin2_population("Kingsford County", [Town("Bramble", 90, ("Kingsford County",))]) == 90


def test_region_keys_strip_city_and_town_designators_only() -> None:
    assert "perth" in region_keys("City of Perth")
    assert "hamilton" in region_keys("Hamilton City")
    assert "houston" not in region_keys("Houston County")


def test_cambridge_is_the_english_city_not_a_suburb_of_perth() -> None:
    place = geocode("Cambridge")
    assert place is not None and (place.country_code, place.admin1) == ("GB", "England")
    suburb = [p for p in candidates("Cambridge", country="AU") if p.feature == "admin2"]
    assert suburb and suburb[0].population < 100_000


def test_a_municipality_that_is_its_town_is_listed_once_as_the_town() -> None:
    for query in ("Campinas", "Aurora, Ceara", "Santiago, Rio Grande do Sul"):
        found = candidates(query)
        assert found and "admin2" not in {p.feature for p in found}, query


def test_a_town_named_like_its_municipality_does_not_outrank_a_bigger_namesake() -> None:
    # Aurora, Ceará (24,000 people, its own municipality) is not lifted over Aurora, Colorado
    place = geocode("Aurora")
    assert place is not None and (place.country_code, place.admin1) == ("US", "Colorado")

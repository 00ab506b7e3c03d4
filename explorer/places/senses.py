"""The senses of a name: its gazetteer candidates with a context-free prior (population,
feature kind, how the name belongs to the place), and what the article says about the name."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

from explorer.gazetteer import Match
from explorer.gazetteer.kinds import NameKind
from explorer.model import Place

__all__ = ["Area", "Name", "Ranked", "inside", "rank"]

FEATURE_BONUS: dict[str, float] = {
    "continent": 3.0,
    "country": 3.0,
    "region": 2.0,
    "admin1": 1.5,
    "admin2": 0.3,
    "populated_place": 0.0,
}
KIND_PENALTY: dict[int, float] = {
    NameKind.PRIMARY: 0.0,
    NameKind.ALIAS: 0.0,
    NameKind.CODE: -0.5,
    NameKind.ALTERNATE: -1.5,
}
NAMESAKE_BONUS = 2.5
MAX_CANDIDATES = 40

Area = tuple[str, str | None]


class Ranked(NamedTuple):
    """A candidate sense of a name and its prior."""

    place: Place
    score: float
    kind: int  # how the name belongs to the place (NameKind)
    namesake: bool = False  # a city named like the region it lies in


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
    out = []
    for m in best.values():
        p = m.place
        s = _prior(p, m.kind)
        if (
            p.feature == "populated_place"
            and m.kind <= NameKind.ALIAS
            and (
                (p.country_code, p.admin1_code) in admin1_here
                or (p.country_code, p.admin1_code, p.admin2) in admin2_here
            )
        ):
            out.append(Ranked(p, round(s + NAMESAKE_BONUS, 4), m.kind, True))
        else:
            out.append(Ranked(p, round(s, 4), m.kind))
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

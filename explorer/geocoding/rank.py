"""Ranking gazetteer candidates for a name without document context.

The score of a candidate is, in order of weight:

* ``log10(population + 1)``: bigger places are mentioned more often;
* a bonus by feature kind (countries and continents 3, regions 2, admin1 1.5, admin2 0.3): a
  country or state is more often meant than a same-named village;
* a *namesake* bonus of 2.5 for a populated place that shares its name with the admin1 or
  admin2 region it lies in ("Baghdad", "Kirkuk", "São Paulo", "Paris" are the cities, as in
  most geocoders; "New York", whose city is listed as "New York City", stays the state);
* a penalty for how the name belongs to the place: 0 for its name or a curated alias, -0.5 for a
  code ("NC"), -1.5 for a GeoNames alternate name (so "Irbil" still finds Erbil, but a village
  whose *primary* name is the query outranks a far bigger place that merely lists it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from explorer.gazetteer import Match
from explorer.gazetteer.kinds import FEATURE_BONUS, KIND_PENALTY, NAMESAKE_BONUS, NameKind
from explorer.model import Place

__all__ = ["FEATURE_BONUS", "Ranked", "rank", "score"]


@dataclass(frozen=True, slots=True)
class Ranked:
    place: Place
    score: float
    kind: int


def score(place: Place, kind: int) -> float:
    return (
        math.log10(max(place.population, 0) + 1)
        + FEATURE_BONUS.get(place.feature, 0.0)
        + KIND_PENALTY.get(kind, -1.5)
    )


def rank(matches: Iterable[Match]) -> list[Ranked]:
    """Candidates best first; one entry per place (its best name kind)."""
    best: dict[str, Match] = {}
    for m in matches:
        seen = best.get(m.place.key)
        if seen is None or m.kind < seen.kind:
            best[m.place.key] = m
    admin1_here = {
        (m.place.country_code, m.place.admin1_code)
        for m in best.values()
        if m.place.feature == "admin1"
    }
    admin2_here = {
        (m.place.country_code, m.place.admin1_code, m.place.admin2)
        for m in best.values()
        if m.place.feature == "admin2"
    }
    ranked = []
    for m in best.values():
        s = score(m.place, m.kind)
        if (
            m.place.feature == "populated_place"
            and (m.kind <= NameKind.ALIAS or m.place.population >= 100_000)
            and (
                (m.place.country_code, m.place.admin1_code) in admin1_here
                or (m.place.country_code, m.place.admin1_code, m.place.admin2) in admin2_here
            )
        ):
            s += NAMESAKE_BONUS - KIND_PENALTY.get(m.kind, 0.0)  # the name is the region's too
        ranked.append(Ranked(m.place, round(s, 4), m.kind))
    ranked.sort(key=lambda r: (-r.score, r.place.key))
    return ranked

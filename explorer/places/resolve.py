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

import math

from explorer.model import Place
from explorer.places.coherence import Scored, capitals, score_all
from explorer.places.definitions import settle
from explorer.places.senses import Area, Name, Ranked, inside, rank

__all__ = [
    "Area",
    "Name",
    "Ranked",
    "capitals",
    "fits_article",
    "inside",
    "rank",
    "resolve_names",
]

PRUNE = 8.0  # candidates this far below a name's best prior are not weighed
EARLY_FLOORS = (1.0,)  # one early round; a county or state name counts fully in it
SETTLED = 4.0  # ... nor this far below its best score after the first round


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
    # a list is regional ("Ohio, Iowa and Utah") only through names that are regions first:
    # "Kandahar and Herat", "Kano and Lagos" are cities named like their provinces
    regional = {n.key for n in names if n.cands and not n.cands[0].namesake}
    for n in names:
        if n.peers:
            n.peers = n.peers & regional
    open_names: list[Name] = []
    choices: dict[str, Choice] = {}
    dists: dict[str, list[tuple[Place, float]]] = {}
    for n in names:
        if n.regional and any(r.namesake for r in n.cands):
            # "Kandahar province": the region, not the city named like it
            n.cands = [r for r in n.cands if not r.namesake]
        if n.home is not None:
            place, why = settle(n.cands, n.home)
            if place is not None:
                # a candidate of the name, or the region the clause names (the name is no
                # candidate there: the gazetteer lacks the place)
                sure = any(r.place is place for r in n.cands)
                choices[n.key] = (place, 0.97 if sure else 0.6, why)
                dists[n.key] = [(place, 1.0)]
                continue
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
    by_word: dict[str, list[str]] = {}
    for key, ws in words.items():
        for w in ws:
            by_word.setdefault(w, []).append(key)
    related = {}
    for n in open_names:
        # only names that share a word can be one inside the other
        near = {o for w in words[n.key] for o in by_word[w]}
        related[n.key] = {o for o in near if o == n.key or _shares_words(words[n.key], o)}
    # early rounds let confident names settle ambiguous ones (a name with one candidate
    # keeps its sense, so it is scored in the last round only, for its reason); in them every
    # sense still in the running counts at least FLOOR as evidence, so that two ambiguous
    # names can find each other ("Paris" and "Henry County": the Tennessee pair)
    last = [n for n in open_names if len(n.cands) > 1]
    # (a floor only matters when some name may be a county or a state)
    regions = any(r.place.feature in ("admin1", "admin2") for n in open_names for r in n.cands)
    for floor in EARLY_FLOORS if last else ():
        scored, _focus = score_all(last, counts or {}, dists, related, floor if regions else 0.0)
        settled = []
        for n in last:
            first = scored[n.key]
            probs = _softmax([t[0] for t in first])
            dists[n.key] = [(t[1].place, q) for t, q in zip(first, probs, strict=True)]
            # the next round weighs the senses still in the running only
            top = first[0][0]
            settled.append(
                Name(
                    n.key,
                    n.text,
                    [t[1] for t in first if t[0] >= top - SETTLED],
                    n.demonym,
                    n.qualified,
                    n.peers,
                )
            )
        last = settled
    last += [n for n in open_names if len(n.cands) <= 1]
    if not last:
        return choices, support  # every name qualified, or without candidates
    scored, _focus = score_all(last, counts or {}, dists, related)
    for n in last:
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


def fits_article(
    key: str,
    choices: dict[str, tuple[Place | None, float, str]],
    fixed: dict[str, Place | None],
) -> bool:
    """True when the sense chosen for ``key`` lies where the article's other places are: in
    the first-level region of one of them, or in a country the article names. An article
    with no other place fits anything ("A shooting in Alturas left two dead."). A small town
    kept by its position alone is dropped otherwise: "Oakdale" in an article on Connecticut
    towns is not Minnesota's (the gazetteer lacks the local one)."""
    place = choices[key][0] if key in choices else None
    if place is None:
        return False
    others = [c[0] for k, c in choices.items() if k != key and c[0] is not None]
    others += [p for p in fixed.values() if p is not None]
    if not others:
        return True
    for p in others:
        if p.country_code != place.country_code:
            continue
        if p.feature == "country" or (
            p.admin1_code is not None and p.admin1_code == place.admin1_code
        ):
            return True
    return False

"""Movements: linking an origin place to a destination place.

* Within a sentence: "from X to Y", "from X into Y" (X, Y place mentions) when the sentence
  talks of people or things moving ("troops flew from Kuwait to Baghdad").
* Across the article: a sentence that names only an origin of people or things being sent
  ("forces ... from Fort Bragg, North Carolina") is linked to where the article says they are
  going: a mention after "staying in", "based in", "stationed in", "deployed to", "sent to",
  "arrive in" and the like; the most specific such place wins (a city over a country), then the
  nearest.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from explorer.model import PlaceMention

__all__ = ["find_movements", "mentions_by_sentence"]

_MOVING = re.compile(
    r"\b(sen[dt]|sending|deploy\w*|troops?|forces?|units?|soldiers?|marines?|operators?|"
    r"personnel|fl(?:y|ew|own|ying)|mov(?:e|ed|ing)|travel\w*|transferr?\w*|evacuat\w*|"
    r"ship(?:ped|ping)?|airlift\w*|dispatch\w*|arriv\w*|refugees?|fled|flee\w*)\b",
    re.IGNORECASE,
)
_FROM_NEAR = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_TO = re.compile(r"\b(?:to|into|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)
_DESTINATION = re.compile(
    r"\b(?:stay\w*|station\w*|based|deploy\w*|sent|send\w*|arriv\w*|head\w*|land\w*|"
    r"go(?:ing)?|moved?|fl(?:y|ew|own))\s+(?:\w+\s+){0,3}?(?:in|to|at|into)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPECIFICITY = {
    "populated_place": 0,
    "admin2": 1,
    "admin1": 2,
    "region": 3,
    "country": 4,
    "continent": 5,
}


def _specificity(m: PlaceMention) -> int:
    return _SPECIFICITY.get(m.place.feature, 6) if m.place is not None else 9


def find_movements(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[PlaceMention],
) -> dict[int, int]:
    """``{destination mention index: origin mention index}`` into ``mentions``."""
    links: dict[int, int] = {}
    by_sentence = mentions_by_sentence(sentences, mentions)
    destinations: list[int] = []
    origins_alone: list[int] = []
    for k, (s, e) in enumerate(sentences):
        sentence = text[s:e]
        moving = bool(_MOVING.search(sentence))
        in_sentence = [i for i in by_sentence[k] if mentions[i].place is not None]
        for i in in_sentence:
            before = text[s : mentions[i].start]
            if _DESTINATION.search(before[-60:]):
                destinations.append(i)
        if not moving:
            continue
        for i in in_sentence:
            before = text[s : mentions[i].start]
            if not _FROM_NEAR.search(before[-12:]):
                continue
            later = [j for j in in_sentence if mentions[j].start > mentions[i].end]
            target = next(
                (j for j in later if _TO.search(text[mentions[i].end : mentions[j].start])),
                None,
            )
            if target is not None:
                links[target] = i
            else:
                origins_alone.append(i)
    _link_origins(mentions, destinations, origins_alone, links)
    return links


def mentions_by_sentence(
    sentences: Sequence[tuple[int, int]], mentions: Sequence[PlaceMention]
) -> list[list[int]]:
    """For each sentence span (in text order, not overlapping), the indexes of the mentions that
    start in it: a binary search per mention."""
    starts = [s for s, _ in sentences]
    by_sentence: list[list[int]] = [[] for _ in sentences]
    for i, m in enumerate(mentions):
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and m.start < sentences[k][1]:
            by_sentence[k].append(i)
    return by_sentence


def _link_origins(
    mentions: Sequence[PlaceMention],
    destinations: list[int],
    origins: list[int],
    links: dict[int, int],
) -> None:
    """Link each origin named alone, in turn, to a destination not linked yet and not the same
    place: the most specific kind of place first, then the nearest (the earlier on a tie).

    Destinations are kept per kind in lists sorted by offset (mentions are sorted by offset),
    from which a linked one is removed; the nearest is found by binary search, walking past
    those naming the origin's own place."""
    levels: dict[int, tuple[list[int], list[int]]] = {}  # kind -> (offsets, mention indexes)
    for d in destinations:
        if d not in links:
            offsets, indexes = levels.setdefault(_specificity(mentions[d]), ([], []))
            offsets.append(mentions[d].start)
            indexes.append(d)
    for origin in origins:
        here, place = mentions[origin].start, mentions[origin].place
        for level in sorted(levels):
            offsets, indexes = levels[level]
            pos = bisect_left(offsets, here)
            best: tuple[int, int, int] | None = None  # (distance, mention index, position)
            j = pos - 1
            while j >= 0 and mentions[indexes[j]].place == place:
                j -= 1
            if j >= 0:
                first = j  # among equal offsets, the first mention that may be linked
                while first > 0 and offsets[first - 1] == offsets[j]:
                    first -= 1
                    if mentions[indexes[first]].place != place:
                        j = first
                best = (here - offsets[j], indexes[j], j)
            j = pos
            while j < len(indexes) and mentions[indexes[j]].place == place:
                j += 1
            if j < len(indexes):
                right = (offsets[j] - here, indexes[j], j)
                if best is None or right[:2] < best[:2]:
                    best = right
            if best is not None:
                links[best[1]] = origin
                del offsets[best[2]], indexes[best[2]]
                break

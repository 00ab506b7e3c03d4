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
    """``{destination mention index: origin mention index}`` into ``mentions`` (in text order).

    Linear in the text: each test looks at a short stretch of text before a mention (60
    characters for "stationed in", 12 for "from", the spaces and two words for "to"), never at
    a copy of the sentence up to it, so a sentence of a megabyte with no full stop costs what
    its words cost."""
    links: dict[int, int] = {}
    by_sentence = mentions_by_sentence(sentences, mentions)
    destinations: list[int] = []
    origins_alone: list[int] = []
    for k, (s, e) in enumerate(sentences):
        in_sentence = [i for i in by_sentence[k] if mentions[i].place is not None]
        if not in_sentence:
            continue
        for i in in_sentence:
            here = mentions[i].start
            if _DESTINATION.search(text[max(s, here - 60) : here]):
                destinations.append(i)
        if not _MOVING.search(text[s:e]):  # one copy of each sentence: linear
            continue
        targets = _ToTargets(text, s, [mentions[j] for j in in_sentence])
        for i in in_sentence:
            here = mentions[i].start
            if not _FROM_NEAR.search(text[max(s, here - 12) : here]):
                continue
            target = targets.first_after(mentions[i].end)
            if target is not None:
                links[in_sentence[target]] = i
            else:
                origins_alone.append(i)
    _link_origins(mentions, destinations, origins_alone, links)
    return links


class _ToTargets:
    """For an origin ending at ``end``: the first mention of the sentence that starts after it
    with "to", "into" or "toward" (and an optional "the") right before it, between the two, as
    ``_TO.search(text[end:mention.start])`` finds it, without a scan of every later mention.

    Such a "to" lies in a short stretch before the mention (:func:`_to_window`: its spaces,
    "the", the word). Whether one is there is found once per mention; it holds for any origin
    ending before that stretch. A mention whose stretch reaches back to ``end`` or before it
    (the next one or two) is tested on the text between, as it is. Each origin costs two binary
    searches and a few tests of a short stretch."""

    def __init__(self, text: str, start: int, mentions: Sequence[PlaceMention]) -> None:
        self._text = text
        self._starts = [m.start for m in mentions]  # sorted: mentions are in text order
        windows = [_to_window(text, start, at) for at in self._starts]
        n = len(mentions)
        # reach[k]: the earliest window at or after k (non-decreasing: a binary search)
        self._reach = windows[:]
        for k in range(n - 2, -1, -1):
            self._reach[k] = min(windows[k], self._reach[k + 1])
        # next_to[k]: the first index >= k with a "to" in the window before its mention
        self._next_to = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            found = _TO.search(text, windows[k], self._starts[k]) is not None
            self._next_to[k] = k if found else self._next_to[k + 1]

    def first_after(self, end: int) -> int | None:
        """The index of the first mention after ``end`` with a "to" between, or None."""
        first = bisect_right(self._starts, end)
        beyond = bisect_right(self._reach, end, lo=first)  # from here, windows begin after end
        for k in range(first, beyond):
            if _TO.search(self._text[end : self._starts[k]]):
                return k
        found = self._next_to[beyond]
        return found if found < len(self._starts) else None


def _to_window(text: str, start: int, at: int) -> int:
    """Where a "to (the)" that ends right before ``at`` can begin, at the earliest: back over
    the spaces, three letters ("the"), the spaces before them, and the longest word
    ("towards"); not before ``start``."""
    p = at
    while p > start and text[p - 1].isspace():
        p -= 1
    p -= 3
    while p > start and text[p - 1].isspace():
        p -= 1
    return max(start, p - 8)


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

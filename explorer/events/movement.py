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
from collections.abc import Sequence

from explorer.model import PlaceMention

__all__ = ["find_movements"]

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
    by_sentence: list[list[int]] = [[] for _ in sentences]
    for i, m in enumerate(mentions):
        for k, (s, e) in enumerate(sentences):
            if s <= m.start < e:
                by_sentence[k].append(i)
                break
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
    for origin in origins_alone:
        options = [
            d
            for d in destinations
            if d not in links
            and mentions[d].place is not None
            and mentions[d].place != mentions[origin].place
        ]
        if options:
            best = min(
                options,
                key=lambda d: (
                    _specificity(mentions[d]),
                    abs(mentions[d].start - mentions[origin].start),
                ),
            )
            links[best] = origin
    return links

"""Where a local story says its town when the geoparser found none: the dateline, the site's name
in the title, and the town named before "police" or after "in".

* **Dateline**: a line opening with the town in capitals, perhaps its state, the outlet in
  brackets, then a dash, a pipe or a colon: "GARY | Police are ...", "KINLOCH, Mo. (KMOV) –",
  "ST. LOUIS (KMOV.com) -".
* **Site suffix**: the page title often ends with the site's name and home, "... - KSLA News 12
  Shreveport, Louisiana News Weather & Sports", "... - wistv.com - Columbia, South Carolina":
  the state written there is the site's (a weak hint: stations cover their neighbours too).
* **Town words**: "Duncan police investigate", "a shooting in Zanesville", "Murray police".

Names found here are looked up in the gazetteer (:func:`explorer.geocoding.candidates`) only when
the article has no place of its own, so they cost nothing on most articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from explorer.model import Place

__all__ = ["NamedTown", "dateline_name", "fallback_place", "site_state", "state_key", "town_names"]

_NAME = r"[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){0,2}"
_CAPS = r"[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}"
# "GARY |", "ST. LOUIS (KMOV.com) -", "KINLOCH, Mo. (KMOV.com) –", "HOWLAND, Ohio —"
_DATELINE = re.compile(
    rf"^[ \t\"“]*(?P<town>{_CAPS})(?:,[ \t]*(?P<state>[A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z.]+)?))?"
    r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:[-–—|:•]{1,2})[ \t]",
    re.MULTILINE,
)
# the town before a word of the local authorities or the incident: "Duncan police", "Murray
# Police Department", "Alturas shooting"; or after a place word: "in Zanesville", "central Toledo"
_BEFORE_WORD = re.compile(
    rf"(?<![\w.])(?P<town>{_NAME})[ \t]+(?:[Pp]olice|[Ss]heriff|[Oo]fficers|[Ss]hooting|"
    r"[Ff]ire[ \t][Dd]epartment|[Mm]ayor|[Cc]ity[ \t][Cc]ouncil)\b"
)
_AFTER_WORD = re.compile(
    rf"\b(?:in|at|near|outside|central|downtown|north|south|east|west|of)[ \t]+"
    rf"(?:a[ \t]+|the[ \t]+)?(?P<town>{_NAME})"
)
_SUFFIX_SPLIT = re.compile(r"[ \t]+(?:[-|–—]|::)[ \t]+")
_CITY_STATE = re.compile(rf"(?P<city>{_NAME}),[ \t]*(?P<state>[A-Z][A-Za-z]+(?:[ \t][A-Z][a-z]+)?)")
# capitalised words that open sentences or name no town
_NOT_TOWNS = frozenset(
    """the a an he she it they we police officers sheriff county city state north south east
    west central downtown monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december update
    breaking video photos watch news metro authorities officials deputies investigators
    man woman boy girl teen child according department officer deputy""".split()
)


_STREETS = frozenset(
    """street st avenue ave road rd drive dr boulevard blvd lane ln way court ct place pl
    parkway pkwy highway hwy circle terrace trail park manor apartments mall festival school
    church center centre bar club""".split()
)


@dataclass(frozen=True, slots=True)
class NamedTown:
    """A town name written in the text (offsets into it) and how it was found."""

    text: str
    start: int
    end: int
    how: str
    state: str | None = None


def dateline_name(text: str, start: int = 0, end: int | None = None) -> NamedTown | None:
    """The dateline's town (and the state written after it) in the first lines of
    ``text[start:end]``, or ``None``."""
    stop = min(len(text), start + 600) if end is None else min(end, start + 600)
    m = _DATELINE.search(text, start, stop)
    if m is None or m.group("town").strip(".").lower() in _NOT_TOWNS:
        return None
    return NamedTown(m.group("town"), m.start("town"), m.end("town"), "dateline", m.group("state"))


def town_names(text: str, start: int = 0, end: int | None = None) -> list[NamedTown]:
    """Names written where a town's name stands ("Duncan police", "in Zanesville"), in text
    order, each once."""
    stop = len(text) if end is None else end
    found: list[NamedTown] = []
    seen: set[str] = set()
    hits = [(m, "before a local word") for m in _BEFORE_WORD.finditer(text, start, stop)]
    hits += [(m, "after a place word") for m in _AFTER_WORD.finditer(text, start, stop)]
    for m, how in sorted(hits, key=lambda h: h[0].start("town")):
        words = m.group("town").strip(".'’-").split()
        while words and words[-1].lower().strip(".") in _NOT_TOWNS:
            words.pop()  # "Kinloch Monday", "Uniontown Police"
        name = " ".join(words)
        if not words or words[0].lower() in _NOT_TOWNS or name.lower() in seen or len(name) < 3:
            continue
        if words[-1].lower().strip(".") in _STREETS:
            continue
        seen.add(name.lower())
        found.append(NamedTown(name, m.start("town"), m.start("town") + len(name), how))
    return found


@lru_cache(maxsize=64)
def site_state(title: str) -> str | None:
    """The US state written in the site's name at the end of a title ("... - KSLA News 12
    Shreveport, Louisiana News Weather & Sports" -> "Louisiana"), as a gazetteer region key
    ``"US.LA"``, or ``None``."""
    parts = _SUFFIX_SPLIT.split(title)
    if len(parts) < 2:
        return None
    for part in reversed(parts[1:]):
        for m in _CITY_STATE.finditer(part):
            for words in (m.group("state"), m.group("state").split()[0]):
                region = state_key(words)
                if region is not None:
                    return region
    return None


@lru_cache(maxsize=256)
def state_key(name: str) -> str | None:
    from explorer.geocoding import candidates

    try:
        found = candidates(name, country="US")
    except Exception:  # a name the query syntax refuses
        return None
    for place in found[:3]:
        if place.feature == "admin1" and place.admin1_code:
            return f"US.{place.admin1_code}"
    return None


def fallback_place(names: list[NamedTown], region: str | None) -> tuple[NamedTown, Place] | None:
    """The first name that is a town or county in the gazetteer: the one in ``region``
    (``"CC.A1"``) when there is one of that name there, else the likeliest of its name."""
    from explorer.geocoding import candidates

    for named in names:
        try:
            found = [
                p for p in candidates(named.text) if p.feature in ("populated_place", "admin2")
            ]
        except Exception:  # a name the query syntax refuses
            continue
        if not found:
            continue
        if region is not None:
            country, _, admin1 = region.partition(".")
            there = [p for p in found if p.country_code == country and p.admin1_code == admin1]
            if there:
                return named, there[0]
        return named, found[0]  # the likeliest of its name: better than no place
    return None

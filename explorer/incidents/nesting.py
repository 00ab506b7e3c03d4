"""Which of two places named together holds the other, and places that are part of a name.

A sentence often names a place with the larger one around it: "the Aziziyah district in the
city of Aleppo", "Mogadishu's Hodan district", "the south Baghdad neighbourhood of Zafaraniya".
The event is told of the smaller one. "X district of Y" reads either way ("the Zahraa district
of Aleppo", "the Baghdad neighbourhood of Zafaraniya"): the gazetteer says which is larger (a
name it lacks is the smaller). A place at the end of a group's name ("Ahrar Al-Sham", "the
Islamic State of Iraq and Al-Sham") is no place of the event.
"""

from __future__ import annotations

import re

from explorer.model import PlaceMention

__all__ = ["ORG_OF", "in_group_name", "inside_next", "inside_prev"]

# ... and then the larger place it lies in: "X district in the city of Y", "X in Y", "X, Y"
_INSIDE = re.compile(
    r"(?:\s+(?:district|neighbou?rhood|suburb|quarter|area|village|town|township|camp|square|"
    r"block|LGA|local government area))?(?:\s*,\s*|\s+(?:in|of|near|outside|on)\s+)"
    r"(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"northeastern|northwestern|southeastern|southwestern|mountainous|remote)\s+)?"
    r"(?:(?:city|town|province|district|governorate|state|region|island) of\s+)?",
    re.IGNORECASE,
)


def inside_next(text: str, m: PlaceMention, nxt: PlaceMention | None) -> bool:
    """``m`` is said to lie in the next mention ("Timin area in Salara", "Veraval in Gujarat
    state", "the Zahraa district of Aleppo")."""
    if nxt is None or nxt.start - m.end > 60:
        return False
    if _KIND_OF.fullmatch(text, m.end, nxt.start):
        return _smaller(m, nxt)  # "the Zahraa district of Aleppo"
    found = _INSIDE.match(text, m.end, nxt.start)
    return found is not None and found.end() == nxt.start


# "X district of Y" says either that X is in Y ("the Zahraa district of Aleppo") or that Y is
# in X ("the south Baghdad neighbourhood of Zafaraniya"): the gazetteer tells which is larger
_KIND_OF = re.compile(
    r"[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:district|neighbou?rhood|suburb|quarter|area|town|village|"
    r"city|province|region|governorate|camp|settlement|enclave)[ \t]+of[ \t]+(?:the[ \t]+)?"
)


def _smaller(a: PlaceMention, b: PlaceMention) -> bool:
    """``a`` is the smaller place of the two: unknown to the gazetteer where ``b`` is known,
    or known with fewer people."""
    if a.place is None:
        return b.place is not None
    if b.place is None:
        return False
    return a.place.population < b.place.population


# "Baghdad's northern district of X", "Mogadishu's X district": the place before holds the
# one after
_HOLDS = re.compile(
    r"(?:['’]s[ \t]+(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"northeastern|northwestern|southeastern|southwestern)[ \t]+)?"
    r"(?:(?:[\w-]+[ \t]+){0,2}?(?:district|neighbou?rhood|suburb|quarter|area|town|village|"
    r"city|province|region|governorate|enclave)[ \t]+of[ \t]+)?)"
)


def inside_prev(text: str, prev: PlaceMention | None, m: PlaceMention) -> bool:
    """``m`` is said to lie in the mention before it ("Mogadishu's Huriwaa district")."""
    if prev is None or m.start - prev.end > 60:
        return False
    if _KIND_OF.fullmatch(text, prev.end, m.start):
        return _smaller(m, prev)  # "the Nairobi suburb of Syokimau"
    return _HOLDS.fullmatch(text, prev.end, m.start) is not None


_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*) $")
# a place in a group's or a body's name: "the Islamic State of Iraq and Al-Sham", "the Army
# of Conquest"; "the Ministry of Interior"
ORG_OF = re.compile(
    r"\b(?:State|Army|Front|Brigades?|Forces|Council|Movement|Party|Union|Committee|Ministry|"
    r"Coalition|Alliance|League|Federation|Organi[sz]ation|Association|Institute|Bank|"
    r"University|Emirate|Caliphate|Liberation|Mujahideen|Battalions?)[ \t]+of[ \t]+"
    r"(?:the[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+and[ \t]+)?$"
)
# capitalised words that open a place's own name, or a sentence
_OPENERS = frozenset(
    """The A An In At On Near From Of And Or For To By With North South East West Central
    Northern Southern Eastern Western Greater Upper Lower Old New Downtown Outside Inside
    Across Around""".split()
)


def in_group_name(text: str, start: int, m: PlaceMention, prev: PlaceMention | None) -> bool:
    """``m`` ends a longer capitalised name that is not a place's ("Ahrar Al-Sham"): the word
    right before it is capitalised, opens no sentence and is no place of the text."""
    found = _WORD_BEFORE.search(text, max(start, m.start - 30), m.start)
    if found is None or found.group(1) in _OPENERS:
        return False
    if prev is not None and prev.end >= found.start():
        return False  # a place's name before it ("Kabul-Ghazni")
    head = text[start : found.start()].rstrip()
    return bool(head) and head[-1] not in ".!?:\"“'‘(—–-"

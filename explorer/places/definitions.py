"""What the text says a place *is*: "Florence is a city in Marion County, Kansas, United
States", "Kano, a city in northern Nigeria, ...".

A defining clause is decisive for its subject, as a qualifier is ("Fort Bragg, North
Carolina"), and for the whole article: the reference-style lead sentence of an article about
one of many places of a name ("Santa Maria", "Washington", "Lancaster") says which one it is.
It has two forms:

* a sentence that opens with the name, an optional parenthesis or aside ("Washington
  (originally called Heard's Fort)", "Chester, also Big Meadows,"), then "is|was a|an|the|one";
* an apposition anywhere: "Doron-Baga, a community in Kukawa ...", "Raga, the capital of ...".

The places named in the clause (up to the end of its sentence) say where the subject lies:
its countries and first-level regions keep only the candidates inside them; a county or a town
named in it settles between those ("a city in Marion County, Kansas"). When the gazetteer has
no candidate of the name there (it lists populated places of 500 people or more), the name is
placed at the most specific region the clause names (the county, else the state or country),
which is far closer than a namesake elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from explorer.document import document
from explorer.gazetteer.kinds import NameKind
from explorer.model import Place
from explorer.places.mentions import Span
from explorer.places.senses import Area, Ranked

__all__ = ["Home", "definitions", "regional_keys", "settle"]

_KINDS = (
    r"city|town|village|hamlet|community|suburb|neighbou?rhood|borough|municipality|"
    r"commune|parish|county|district|province|region|state|settlement|census-designated|"
    r"unincorporated|locality|capital|port|seat|island|area|township|place|CDP|ghost"
)
# "is a city", "was the capital", "is one of": after the name (and an aside) at a sentence start
_IS = re.compile(
    r"[ \t]*(?:\([^()\n]{0,160}\)[ \t]*)?(?:,[^,.;\n]{1,80},[ \t]*)?"
    r"(?:is|was)[ \t]+(?:also[ \t]+|now[ \t]+)?(?:a|an|the|one)\b"
)
# ", a city in", ", the capital of", ", a village about 30 km north of"
_APPOSITION = re.compile(
    rf",[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){{0,3}}?(?:{_KINDS})s?\b"
    r"(?:[ \t]+[\w-]+){0,6}?[ \t]+(?:in|of|near|on|outside|within)\b"
)
MAX_CLAUSE = 300
NEAR_DEGREES = 0.5  # a town of the clause within about 50 km settles between candidates


class Home(NamedTuple):
    """Where a defining clause puts its subject."""

    areas: frozenset[Area]  # countries and first-level regions named in the clause
    label: str  # how the clause's first such place is written
    places: tuple[Place, ...]  # every sense of the clause's places inside those areas
    fallback: Place | None  # the most specific region named, when no candidate lies inside


def _clause(text: str, s: Span) -> tuple[int, int] | None:
    """Where the defining clause about ``s`` runs, if one follows it."""
    m = None
    doc = document(text)  # sentences from the document model, as everywhere
    if doc.starts_sentence(s.start):
        m = _IS.match(text, s.end)
    if m is None:
        m = _APPOSITION.match(text, s.end)
    if m is None:
        return None
    stop = min(m.end() + MAX_CLAUSE, doc.sentence_at(m.end())[1] or len(text), len(text))
    semicolon = text.find(";", m.end(), stop)
    return m.end(), semicolon if semicolon >= 0 else stop


def _own(r: Ranked) -> bool:
    return r.kind <= NameKind.CODE


def _home(spans: Sequence[tuple[Span, list[Ranked], Place | None]]) -> Home | None:
    """Where the places of a clause put its subject: the areas of its countries and regions,
    and the senses of its other places inside them."""
    countries: dict[str, Place] = {}
    for _, ranked, demonym in spans:
        top = demonym if demonym is not None else (ranked[0].place if ranked else None)
        if top is not None and top.feature == "country" and top.country_code:
            countries.setdefault(top.country_code, top)
    areas: set[Area] = set()
    label = ""
    admin1: Place | None = None
    before: list[Ranked] = []
    for s, ranked, demonym in spans:
        top = demonym if demonym is not None else (ranked[0].place if ranked else None)
        previous, before = before, ranked
        if top is None or top.country_code is None:
            continue
        states = [r.place for r in ranked if _own(r) and r.place.feature == "admin1"]
        others = countries.keys() - {top.country_code}
        state = next((p for p in states if p.country_code in others), None)
        if state is None and top.feature != "admin1":
            # "King County, Washington", "Fulton County, Georgia": the state that holds a
            # county of the name before it
            state = next(
                (
                    p
                    for p in states
                    for c in previous
                    if c.place.feature == "admin2"
                    and (c.place.country_code, c.place.admin1_code)
                    == (p.country_code, p.admin1_code)
                ),
                None,
            )
        if state is None and top.feature == "admin1":
            state = top
        if state is None and top.feature not in ("country", "admin1") and countries:
            # "Victoria, Australia": a region of a country the clause names
            state = next((p for p in states if p.country_code in countries), None)
        if state is not None:
            areas.add((state.country_code or "", state.admin1_code))
            admin1 = admin1 or state
        elif top.feature == "country":
            areas.add((top.country_code, None))
        else:
            continue
        label = label or s.text
    if not areas:
        return None
    # "in Kansas, United States": the state narrows the country
    narrow = {cc for cc, a1 in areas if a1 is not None}
    areas = {(cc, a1) for cc, a1 in areas if a1 is not None or cc not in narrow}
    inside = [
        r.place
        for _, ranked, _ in spans
        for r in ranked
        if r.place.feature in ("admin2", "populated_place") and _in(r.place, areas)
    ]
    # each place's likeliest sense inside the areas: a town ("part of the town of Wallasey")
    # is the closest fallback, then a county, the state, the country
    firsts = [next((r.place for r in ranked if r.place in inside), None) for _, ranked, _ in spans]
    towns = [p for p in firsts if p is not None and p.feature == "populated_place"]
    counties = [p for p in firsts if p is not None and p.feature == "admin2"]
    country = next(iter(countries.values()), None)
    fallback = towns[0] if towns else counties[0] if counties else admin1 or country
    return Home(frozenset(areas), label, tuple(inside), fallback)


def _in(p: Place, areas: set[Area] | frozenset[Area]) -> bool:
    return any(p.country_code == cc and (a1 is None or p.admin1_code == a1) for cc, a1 in areas)


# a place of the clause says where the subject is when a locative word leads to it ("in
# Marion County", "in the U.S. state of Indiana", "of the parish of Trelawny", "north of
# Sydney") or it continues a chain of such places ("Marion County, Kansas, United States")
_FILLER = (
    r"(?:the|a|an|northern|southern|eastern|western|central|north|south|east|west|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|"
    r"southeast|southwest|upstate|rural|coastal|greater|metropolitan|U\.S\.|US|state|"
    r"province|county|district|region|department|governorate|parish|city|town|borough|"
    r"municipality|island|part|area|outskirts|suburbs|heart|centre|center|of)"
)
# a name the gazetteer lacks may stand in the chain ("in Kneehill County, Alberta")
_UNKNOWN = r"(?:(?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*,[ \t]+)?"
_LOCATIVE = re.compile(
    rf"\b(?i:in|of|within|near|outside|at|on)[ \t]+(?i:{_FILLER}[ \t]+){{0,5}}{_UNKNOWN}$"
)
_CHAIN = re.compile(rf"(?:,[ \t]*|[ \t]+in[ \t]+|,[ \t]+in[ \t]+|[ \t]+of[ \t]+){_UNKNOWN}")


def _located(
    text: str, spans: Sequence[tuple[Span, list[Ranked], Place | None]], subject: str
) -> list[tuple[Span, list[Ranked], Place | None]]:
    out: list[tuple[Span, list[Ranked], Place | None]] = []
    end = -1
    for t in spans:
        s = t[0]
        chained = end >= 0 and _CHAIN.fullmatch(text, end, s.start) is not None
        if chained or _LOCATIVE.search(text, max(0, s.start - 60), s.start):
            end = s.end
            if s.key != subject:
                out.append(t)
        else:
            end = -1
    return out


def definitions(
    text: str, spans: Sequence[tuple[Span, list[Ranked], Place | None]]
) -> dict[str, Home]:
    """Name key -> where the text's first defining clause about it puts it. ``spans``: the
    article's place spans in text order with their candidates (and, for a demonym, its
    country)."""
    out: dict[str, Home] = {}
    for k, (s, ranked, _) in enumerate(spans):
        if s.demonym or not ranked or s.key in out:
            continue
        clause = _clause(text, s)
        if clause is None:
            continue
        a, b = clause
        inner = _located(
            text, [t for t in spans[k + 1 :] if a <= t[0].start and t[0].end <= b], s.key
        )
        home = _home(inner)
        if home is not None:
            out[s.key] = home
    return out


def settle(cands: Sequence[Ranked], home: Home) -> tuple[Place | None, str]:
    """The sense a defining clause gives a name: its best candidate inside the clause's areas
    (one in a county the clause names, or near a town it names, first), else the clause's most
    specific region; None when neither exists."""
    kept = [r for r in cands if _in(r.place, home.areas) and r.place.feature != "country"]
    if kept:
        for r in kept:
            p = r.place
            for q in home.places:
                if q is p:
                    continue
                same_county = (
                    q.feature == "admin2" and p.admin2 == q.name and p.admin1_code == q.admin1_code
                )
                near = (
                    q.feature == "populated_place"
                    and abs(q.latitude - p.latitude) < NEAR_DEGREES
                    and abs(q.longitude - p.longitude) < NEAR_DEGREES
                )
                if same_county or near:
                    return p, f"defined as in {q.name}"
        return kept[0].place, f"defined as in {home.label}"
    if home.fallback is not None:
        return home.fallback, f"not in the gazetteer there: placed at {home.fallback.label}"
    return None, ""


_REGION_WORDS = r"(?:province|state|governorate|oblast|region|prefecture)"
_REGION_AFTER = re.compile(rf"[ \t]+(?i:{_REGION_WORDS})s?\b")
_REGION_BEFORE = re.compile(rf"\b(?i:{_REGION_WORDS})s?[ \t]+of[ \t]+(?:the[ \t]+)?$")
_REGION_LAST = re.compile(rf"[ \t](?i:{_REGION_WORDS})$")
_LIST_GAP = frozenset([", ", ",", " and ", ", and ", " or ", ", or ", " & "])


def regional_keys(text: str, spans: Sequence[Span]) -> set[str]:
    """Names the text calls regions: "Kandahar province", "the province of Basra", "Kano
    State", "the provinces of Herat and Balkh", "Helmand and Kandahar provinces". Such a name
    means its province or state, not the city named like it (which news means otherwise)."""
    out: set[str] = set()
    run: list[Span] = []
    for s in [*spans, None]:
        if (
            s is not None
            and run
            and not s.demonym
            and s.start - run[-1].end <= 6
            and text[run[-1].end : s.start] in _LIST_GAP
        ):
            run.append(s)
            continue
        if run and (
            _REGION_BEFORE.search(text, max(0, run[0].start - 40), run[0].start)
            or _REGION_AFTER.match(text, run[-1].end)
            or (len(run) == 1 and _REGION_LAST.search(run[0].text))
        ):
            out.update(r.key for r in run)
        run = [s] if s is not None and not s.demonym else []
    return out

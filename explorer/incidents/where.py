"""Where an incident happened: the place of the happening, not where it was announced,
reported, or merely mentioned.

Every resolved place mention of the article is a candidate, scored by:

* **where it stands**: in a sentence that tells of the incident (near its trigger word is
  better), in the title, or as the dateline ("MCKEESPORT (KDKA) –", "DURHAM, N.C. —");
* **the word before it**: a place after "in", "at", "near", "outside" is where something is;
  after "from" or "of" (a resident of, a man from) it is where someone comes from; a place in a
  statement ("said in Washington", "told reporters in Paris", "testified") is where it was said;
* **how precise it is**: a town beats a county, a county a state, a state a country (the
  happening is told of at its most specific place); a qualifier ("Durham, *North Carolina*")
  only tells which town is meant.

Demonyms ("Syrian") place an incident only when no place is named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from explorer.incidents.nesting import ORG_OF, in_group_name, inside_next, inside_prev
from explorer.model import Place, PlaceMention

__all__ = ["MIN_SCORE", "PRECISION_OF", "Where", "incident_place"]

MIN_SCORE = 2.0

PRECISION_OF = {
    "populated_place": "town",
    "admin2": "county",
    "admin1": "region",
    "country": "country",
    "region": "region",
    "continent": "region",
}
_SPECIFIC = {"populated_place": 3.0, "admin2": 2.2, "admin1": 1.2, "country": 1.0}
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|into|across|around|on|toward|towards|hit|struck|"
    r"northern|southern|eastern|western|central|north|south|east|west|northeast|northwest|"
    r"southeast|southwest|downtown|suburban|rural)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|province|district|county|state) of\s+)?$",
    re.IGNORECASE,
)
_ORIGIN = re.compile(
    r"\b(?:from|resident of|native of|residents of|man of|woman of|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "of" after a word for a happening or a part: "the invasion of Panama", "the streets of
# Rabat", "the outskirts of Aleppo" say where, not where someone is from
_OF_EVENT = re.compile(
    r"\b(?:invasion|occupation|bombing|shelling|siege|capture|fall|battle|liberation|streets|"
    r"bastion|stronghold|capital|towns|villages|cities|neighbou?rhoods?|suburbs?|enclave|"
    r"quarter|settlements?|camp|"
    r"outskirts|centre|center|heart|edge|south|north|east|west|part|parts|area|areas|"
    r"countryside|suburbs|province|city|town|village|district|region|coast|border|skies)"
    r"\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_STATEMENT = re.compile(
    r"\b(?:said|says|told|testif\w*|announced|speaking|spoke|statement|news conference|"
    r"press conference|interview|reporters|hearing|visit\w*|hospital|court\w*|jail)\b"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)
# where someone was taken, caught or went afterwards, not where it happened
_AFTER = re.compile(
    r"\b(?:arrested|booked|jailed|caught|captured|apprehended|found|fled|flown|taken|"
    r"transported|airlifted|rushed|driven|extradited|custody|surrendered|lives|lived)\b"
    r"[^.;]{0,30}$",
    re.IGNORECASE,
)
# a facility named after a place ("Sunrise Hospital", "Lancaster County Jail")
_FACILITY = re.compile(
    r"\s+(?:[A-Z][\w.'-]*\s+){0,3}?(?:Hospital|Medical|Health|Clinic|Center|Centre|Jail|"
    r"Prison|Correctional|Detention|School|College|University|Academy|Airport|Mall|Church|"
    r"Cemetery|Police|Sheriff|Court|Courthouse|Bureau|Department|News|Times|Post|Herald|"
    r"Tribune|Journal|Gazette|Press|Daily)\b"
)
_NAMED_AREA = re.compile(
    r"\b(?:city|town|village|villages|province|district|neighbou?rhood|suburb|region|"
    r"governorate|county|municipality|state|camp|area|outskirts|countryside)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# a name followed by the kind of area it is: "the Aziziyah district", "Zafaraniyah neighborhood"
_AREA_AFTER = re.compile(
    r"\s+(?:district|neighbou?rhood|suburb|quarter|area|village|town|township|camp|square|"
    r"block|market|countryside|outskirts|LGA|local government area|governorate|province)\b",
    re.IGNORECASE,
)
# a place name used as an attribute: possessive, or followed by a noun ("U.S. jets")
_NEXT_WORD = re.compile(r"(['’]s\b|-[a-z]+\b)|\s+([a-z]{3,})\b")  # "Syria's", "U.S.-led"
_NOT_NOUNS = frozenset(
    """and nor but the this that these those last next early late yesterday today tonight
    where when which while who whose after before since during until with from for into onto
    over under near about against between among through across along around amid
    province district city town village region governorate county area border state
    proper itself earlier later instead again also alone""".split()
)
# a US broadcaster's call sign ("KDKA", "WSB-TV"): named in datelines and titles, no place
_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?")
_DATELINE_END = re.compile(r"\s*(?:\([^)]{1,40}\))?\s*(?:[-–—]{1,2}|:)\s")


@dataclass(frozen=True, slots=True)
class Where:
    """The mention chosen to place an incident, how precise it is and why.

    ``mention`` may be unresolved (a village the gazetteer lacks, "in the village of Abu
    Zindin"): it still says where, and ``place`` is then the best resolved place of the article
    (or the region the text puts the mention in). ``score`` is the evidence's weight: below
    :data:`MIN_SCORE` the text does not say where the incident happened."""

    mention: PlaceMention | None
    place: Place | None
    precision: str | None
    evidence: str
    confidence: float
    score: float = 0.0


def _is_qualifier(prev: PlaceMention | None, m: PlaceMention, text: str) -> bool:
    """``m`` only qualifies the place before it ("Durham, N.C.", "Aleppo, Syria")."""
    if prev is None or m.place is None or prev.place is None:
        return False
    if text[prev.end : m.start].strip() not in (",", "(", ""):
        return False
    p, q = prev.place, m.place
    if q.feature == "country":
        return p.country_code == q.country_code and p.feature != "country"
    if q.feature == "admin1":
        return p.admin1_code == q.admin1_code and p.feature not in ("admin1", "country")
    return False


_INSIDE_BONUS = 2.5
_COUNTRY_ATTRIBUTE = 3.0
# a place given as a landmark: "110 kilometers west of Santiago", "20 miles south of Baghdad"
_REFERENCE = re.compile(
    r"\b(?:kilometers|kilometres|km|miles|mi)\)?\s+(?:\w+\s+)?(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
    r"\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _own_word(before: str, found: re.Match[str], strong: frozenset[int], start: int) -> bool:
    """The word ``found`` (in ``before``, the text that ends at ``start``) is one of the
    incident's own trigger words."""
    at = start - len(before) + found.start()
    return any(at <= t < at + len(found.group()) for t in strong)


def _is_modifier(text: str, end: int, *, locative: bool = False) -> bool:
    """The place names an attribute: possessive ("Syria's conflict"), or a noun follows
    ("U.S. jets"), unless a locative stands before ("in Basra demanding ...")."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    return nxt.group(1) is not None or (not locative and nxt.group(2) not in _NOT_NOUNS)


def _follows_place(prev: PlaceMention | None, m: PlaceMention, text: str) -> bool:
    """A state or country right after another place and a comma qualifies it even when the
    geoparser put that place elsewhere ("GLADSTONE, Ore.")."""
    if prev is None or m.place is None or m.place.feature not in ("admin1", "country"):
        return False
    return text[prev.end : m.start].strip() == "," and (
        prev.place is None or prev.place.feature in ("populated_place", "admin2")
    )


def dominant_country(mentions: Sequence[PlaceMention]) -> str | None:
    """The country most of the article's resolved places lie in, when most do."""
    counts: dict[str, int] = {}
    total = 0
    for m in mentions:
        if m.place is not None and m.place.country_code and not m.demonym:
            counts[m.place.country_code] = counts.get(m.place.country_code, 0) + 1
            total += 1
    if not counts:
        return None
    top = max(counts, key=lambda c: counts[c])
    return top if total >= 3 and counts[top] * 2 > total else None


def is_dateline(text: str, m: PlaceMention, line_start: int) -> bool:
    """``m`` opens a line and is followed by a dash or an outlet in brackets and a dash
    ("MCKEESPORT (KDKA) –", "DURHAM, N.C. —")."""
    if text[line_start : m.start].strip(" \t\"'“"):
        return False
    rest = text[m.end : m.end + 60]
    rest = re.sub(r"^,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?", "", rest)  # ", N.C." or ", Iowa"
    return _DATELINE_END.match(rest) is not None


def _town_within(
    best: tuple[float, PlaceMention, str], scored: Sequence[tuple[float, PlaceMention, str]]
) -> tuple[float, PlaceMention, str]:
    """An article that places its incident in a state ("a shooting in Oklahoma") and names a
    town of that state elsewhere: the town (the state's centroid is no place)."""
    place = best[1].place
    if place is None or place.feature not in _REFINED:
        return best
    inside = [
        c
        for c in scored
        if c[1].place is not None
        and c[1].place.feature == "populated_place"
        and c[1].place.country_code == place.country_code
        and (place.feature == "country" or c[1].place.admin1_code == place.admin1_code)
        and (place.feature != "admin2" or c[1].place.admin2 == place.name)
    ]
    if not inside:
        return best
    score, m, why = max(inside, key=lambda c: c[0])
    return (score, m, f"{why}, a town of {place.name} (named: {best[1].text!r})")


_REFINED = frozenset({"admin1", "admin2"})


def incident_place(
    text: str,
    mentions: Sequence[PlaceMention],
    sentences: Sequence[tuple[int, int]],
    trigger_sentences: dict[int, list[int]],
    *,
    title_end: int = 0,
    strong: frozenset[int] = frozenset(),
) -> Where:
    """The mention that places the incident told of in ``trigger_sentences`` (sentence index
    -> offsets of its trigger words; ``strong``: the offsets of the words of the incident's own
    label); ``title_end`` is where the title ends (0: no title)."""
    best: tuple[float, PlaceMention, str] | None = None
    best_resolved: tuple[float, PlaceMention, str] | None = None
    country = dominant_country(mentions)
    # in a sentence alone, a name the gazetteer lacks may still be the place, and a place
    # named as an attribute ("U.S. jets") is not; in an article, "a Durham man" names the
    # story's town and an unknown name is more often a street or a business
    single = len(sentences) <= 1
    fallback: PlaceMention | None = None
    unknown: PlaceMention | None = None
    scored: list[tuple[float, PlaceMention, str]] = []
    k = 0
    prev: PlaceMention | None = None
    first = min(trigger_sentences) if trigger_sentences else 0
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        prev_any = mentions[i - 1] if i > 0 else None
        qualifier = _is_qualifier(prev, m, text) or _follows_place(prev, m, text)
        prev = m
        if qualifier or _CALL_SIGN.fullmatch(m.text):
            continue
        if m.demonym:
            fallback = fallback or m
            continue
        resolved = m.place is not None
        while k + 1 < len(sentences) and sentences[k + 1][0] <= m.start:
            k += 1
        s, _ = sentences[k] if sentences else (0, len(text))
        before = text[max(s, m.start - 60) : m.start]
        feature = m.place.feature if m.place is not None else ""
        if resolved:
            score = _SPECIFIC.get(feature, 0.5)
        elif single and (
            _LOCATIVE.search(before) or _NAMED_AREA.search(before) or _AREA_AFTER.match(text, m.end)
        ):
            score = 2.0  # a place the gazetteer lacks, in a place position
        else:
            if m.within is not None and m.within.feature == "admin1" and unknown is None:
                unknown = m  # a town the gazetteer lacks, its state written: "KINLOCH, Mo."
            continue
        why = "first place"
        line_start = text.rfind("\n", 0, m.start) + 1
        if k in trigger_sentences:
            near = min(abs(m.start - t) for t in trigger_sentences[k])
            own = any(t in strong for t in trigger_sentences[k])
            score += (3.5 if own else 1.0) + (1.0 if near < 60 else 0.0)
            why = "incident sentence"
        elif m.start < title_end:
            score += 2.5
            why = "title"
        elif abs(k - first) <= 1:
            score += 0.8
            why = "next to the incident"
        if line_start >= title_end and is_dateline(text, m, line_start):
            # a sentence alone with its dateline: where it was filed, unless nothing else
            score += -1.0 if single else 3.5
            why = "dateline"
        elif _LOCATIVE.search(before):
            score += 1.0
        if _NAMED_AREA.search(before):
            score += 1.0  # "the southern city of Karachi", "the village of Qarassi"
        if single and (
            (prev_any is not None and inside_next(text, prev_any, m))
            or (nxt is not None and inside_prev(text, m, nxt))
        ):
            score -= 1.0  # the larger place of the two
        if single and (inside_next(text, m, nxt) or inside_prev(text, prev_any, m)):
            score += _INSIDE_BONUS  # "the Aziziyah district in the city of Aleppo": the smaller
        if single and (in_group_name(text, s, m, prev_any) or ORG_OF.search(before)):
            score -= 2.0  # "Harakat Ahrar Al-Sham", "Faylaq Al-Sham": the end of a group's name
        if single and _is_modifier(text, m.end, locative=_LOCATIVE.search(before) is not None):
            score -= 2.0  # "U.S. jets", "Syria's conflict": a place as an attribute
            if feature == "country":
                score -= _COUNTRY_ATTRIBUTE
        if _ORIGIN.search(before) and not _OF_EVENT.search(before):
            score -= 1.5
        after = _AFTER.search(before)
        if after is not None and single and _own_word(before, after, strong, m.start):
            after = None  # "captured in Belgrade" when the capture is the incident
        if _REFERENCE.search(before):
            score -= 1.5  # "110 kilometers west of Santiago": a landmark to find the place by
        if _STATEMENT.search(before) or after is not None:
            score -= 2.0
        if _FACILITY.match(text, m.end, m.end + 40):
            score -= 2.5
        if country and m.place is not None and m.place.country_code != country and m.score < 0.95:
            score -= 2.0  # "Perth" in a story about Pennsylvania
        score -= 0.03 * k
        scored.append((score, m, why))
        if best is None or score > best[0]:
            best = (score, m, why)
        if resolved and (best_resolved is None or score > best_resolved[0]):
            best_resolved = (score, m, why)
    if best is not None and not single:
        best = _town_within(best, scored)
    if best is not None:
        score, m, why = best
        confidence = max(0.1, min(0.95, score / 10))
        if m.place is not None:
            precision = PRECISION_OF.get(m.place.feature, "region")
            return Where(m, m.place, precision, f"{why}: {m.text!r}", confidence, score)
        area: Place | None = m.within or (best_resolved[1].place if best_resolved else None)
        area_precision = None if area is None else PRECISION_OF.get(area.feature, "region")
        evidence = f"{why}: {m.text!r} (not in the gazetteer)"
        return Where(m, area, area_precision, evidence, confidence * 0.8, score)
    if unknown is not None and unknown.within is not None:
        # no place the gazetteer knows: the state written after an unknown town still says
        # where, at the state's precision
        evidence = f"{unknown.text!r} (not in the gazetteer), in {unknown.within.name}"
        return Where(unknown, unknown.within, "region", evidence, 0.3, 0.5)
    if fallback is not None and fallback.place is not None:
        # a demonym ("Syrian forces") tells the country, not where: no mention places it
        precision = PRECISION_OF.get(fallback.place.feature, "country")
        return Where(None, fallback.place, precision, f"demonym: {fallback.text!r}", 0.2, 0.0)
    return Where(None, None, None, "no place", 0.0, 0.0)

"""Places the gazetteer lacks, kept rather than lost.

A capitalised name that the gazetteer does not know is reported, unresolved (``place=None``),
when the text itself says it is a place:

* a designator after it: "the Lasbela district", "in Jhal Magsi district", "Kachhi Tehsil";
* a country or first-level region right after a comma: "Zarkhel, Pakistan";
* "the town|village|city|district... of X": "the town of Qambarabad".

The name must be free of everyday words ("the Sixth District", "Health District"), of people
("Imran Khan, Pakistan's ...") and of any name the gazetteer has (those are found, or guarded,
as usual). Where the text tells, the mention carries the region it lies in (``within``): the
qualifier ("Zarkhel, Pakistan"), a region named right after ("the Lasbela district of
Balochistan"), else the first-level region or country most of the article's resolved places
are in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from explorer.gazetteer import Gazetteer
from explorer.model import Place, PlaceMention
from explorer.places.context import KIND_OF_BEFORE as _OF_BEFORE
from explorer.places.context import TAKEN_FIND as _TAKEN_FIND
from explorer.places.guards import person_keys
from explorer.places.lexicon import DESIGNATORS, FIRST_NAMES, INSTITUTIONS, ORG_WORDS, TITLES
from explorer.places.mentions import Span, Token
from explorer.places.resolve import Ranked

__all__ = ["Unknown", "article_region", "unknown_places", "with_unknown"]

# lower-case words after a name that make it a place ("the Lasbela district")
_KIND_AFTER = (
    r"district|province|tehsil|subdistrict|sub-district|governorate|prefecture|oblast|"
    r"neighbou?rhood|village|town|suburb|area|locality|countryside|refugee camp|camp|LGA"
)
# natural features and open places named by a capitalised word after the name ("the Thardeh
# Mountains", "Tiger Hill", "the Kodori Gorge")
_FEATURE_WORDS = frozenset(
    "Mountain Mountains Hill Hills Gorge Valley River Desert Plain Plains Peninsula Square "
    "Airbase".split()
)
# ... or before it, as in Arabic names
_FEATURE_BEFORE = frozenset("Tal Tell Jabal Jebel Jbel Wadi Mount Mt.".split())
# ... and their capitalised forms, reported with the name ("Lasbela District")
_KIND_WORDS = (
    frozenset(
        "District Province Tehsil Subdistrict Governorate Prefecture Oblast Village Neighborhood "
        "Neighbourhood Suburb LGA Locality".split()
    )
    | _FEATURE_WORDS
)
# "a village called Jibu", "two areas known as X"
_CALLED_BEFORE = re.compile(
    r"\b(?:towns?|villages?|areas?|city|cities|districts?|neighbou?rhoods?|camps?|"
    r"settlements?|place)[ \t]+(?:called|named|known[ \t]+as)[ \t]+$"
)
# "Mir Ali, a major town in ...": a kind of place said of the name
_APPOSITION = re.compile(
    r",?[ \t]+(?:a|an|the)[ \t]+(?:[\w'’-]+[ \t]+){0,3}?(?:town|village|city|district|"
    r"suburb|neighbou?rhood|region|province|community|settlement|hamlet|township)"
    r"(?=[ \t]+(?:in|of|on|near|outside|north|south|east|west|about|some|where|that|which|"
    r"located|close)\b|[,.;])"
)
# first words kept though they are everyday words ("New Qambarabad", "Port Zarkhel")
_PREFIXES = frozenset(
    "new old port fort mount lake upper lower north south east west great little san santa".split()
)
# short first words of place names ("La Gabarra", "El Fasher", "Al Qaim")
_PARTICLES = frozenset("la le el al ad as ar an at az ash ed es de di da du".split())
MAX_WORDS = 4


class Unknown(NamedTuple):
    """A name in a place position that the gazetteer lacks."""

    start: int
    end: int
    text: str
    first: int  # token indices
    last: int
    within: Place | None  # the region the text puts it in, when it says so
    why: str  # how the text shows it is a place
    qualifier: int = -1  # "Zarkhel, Pakistan": where the qualifier starts (it must be reported)
    known: bool = False  # the gazetteer has the name: reported only if it is not resolved


def _joined(text: str, a: Token, b: Token) -> bool:
    """One space between the two tokens, and no possessive ending the first ("Giza's Haram")."""
    return b.start - a.end == 1 and text[a.end] == " " and not a.text.endswith(_POSSESSIVE)


_POSSESSIVE = ("'s", "’s", "'", "’")
_WORD_BEFORE = re.compile(r"[\w'’*&/.-]")


def _run_before(text: str, tokens: Sequence[Token], last: int) -> int | None:
    """Index of the first token of the capitalised run (one space apart) ending at ``last``;
    None when a word runs into it ("d'Ivoire", "Newsham*District")."""
    first = last
    while (
        first > 0
        and last - first + 1 < MAX_WORDS
        and _joined(text, tokens[first - 1], tokens[first])
    ):
        first -= 1
    start = tokens[first].start
    if start and _WORD_BEFORE.match(text, start - 1):
        return None
    return first


def _run_after(text: str, tokens: Sequence[Token], first: int) -> int:
    last = first
    while (
        last + 1 < len(tokens)
        and last - first + 1 < MAX_WORDS
        and _joined(text, tokens[last], tokens[last + 1])
    ):
        last += 1
    return last


def _trim(
    text: str,
    tokens: Sequence[Token],
    first: int | None,
    last: int,
    common: frozenset[str],
    people: set[int],
) -> int | None:
    """The first token of the name once a leading function word ("In Zarkhel, Pakistan", "The
    Lasbela district") is dropped; None when the run is no name: it holds an everyday word,
    a person ("Sara Zarkhel", "Maury M. Rosenstein"), a title or an organisation word
    ("Orange County Sanitation District")."""
    if first is None:
        return None
    while first <= last and _word(tokens[first]) in _LEADING:
        first += 1
    if first > last or _INITIAL_BEFORE.search(
        text, max(0, tokens[first].start - 4), tokens[first].start
    ):
        return None
    words = [_word(tokens[k]) for k in range(first, last + 1)]
    if words[-1] in _PREFIXES:
        return None
    for k, word in zip(range(first, last + 1), words, strict=True):
        if k == first and word in _PARTICLES and last > first:
            continue  # "La Gabarra", "El Fasher"
        if k in people or word in TITLES or word in INSTITUTIONS or word in ORG_WORDS:
            return None
        if (word in common or word in DESIGNATORS) and (k > first or word not in _PREFIXES):
            return None
        if k == first and word in FIRST_NAMES and last > first:
            return None  # "Sara Zarkhel": a person's name
        if len(word.replace(".", "")) <= 2 or any(ch.isdigit() for ch in word):
            return None
    return first


_LEADING = frozenset("the in at near from to of on by for a an and with outside inside".split())
_INITIAL_BEFORE = re.compile(r"\b[A-Z]\.[ \t]$")


def _word(t: Token) -> str:
    return t.text.rstrip(".").lower().removesuffix("'s").removesuffix("’s")


def _big(found: dict[str, list[Ranked]], key: str) -> Place | None:
    """The country or first-level region a qualifier names, if it is one."""
    ranked = found.get(key) or []
    if ranked and ranked[0].place.feature in ("country", "admin1"):
        return ranked[0].place
    return None


def unknown_places(
    text: str,
    tokens: Sequence[Token],
    spans: Sequence[Span],
    found: dict[str, list[Ranked]],
    common: frozenset[str],
    people: set[int],
) -> list[Unknown]:
    """Names in a place position that the gazetteer lacks, in text order."""
    located = [s for s in spans if s.first >= 0]
    starting = {s.first: s for s in located}
    at = {s.start: s for s in reversed(located)}  # the first span at each offset
    covering: dict[int, list[Span]] = {}  # token -> the spans over it (one pass: linear)
    for s in located:
        for t in range(s.first, s.last + 1):
            covering.setdefault(t, []).append(s)
    out: dict[int, Unknown] = {}

    def add(
        first: int | None, last: int, end: int, within: Place | None, why: str, at: int = -1
    ) -> None:
        """The name is tokens ``first``..``last``, reported up to token ``end`` (its
        capitalised designator, "Lasbela District")."""
        if first is None or first in out:
            return
        inner = list({id(s): s for t in range(first, end + 1) for s in covering.get(t, ())}
                     .values())  # fmt: skip
        known = False
        for s in inner:
            if s.end < tokens[s.last].end:
                continue  # part of a word: "Al" of "Al-Baghayliyah"
            if s.first < first or s.last > end or s.demonym:
                return  # a longer name, or "the Kurdish ... district"
            if s.first == first and s.last >= last:
                if not why.startswith(_SURE):
                    return  # the gazetteer has it ("Quetta district", "Fars Province")
                # "the town of Volnovakha": reported unresolved if resolving drops it
                known = True
        # (a known word inside a longer unknown name gives way: "Jhal" in "Jhal Magsi")
        a, b = tokens[first].start, tokens[end].end
        if text.startswith(("'s", "’s"), b - 2):
            b -= 2
        if first == last and not why.startswith(_SURE) and _person(text, text[a:b]):
            return  # "According to Bruschke, China is ...": a person the article quotes
        out[first] = Unknown(a, b, text[a:b], first, end, within, why, at, known)

    n = len(tokens)
    # where a verb of taking or striking a place ends ("entered ", "shelled "): found once
    taken = _taken_ends(text)
    for i, tok in enumerate(tokens):
        word = tok.text
        end_of_run = i + 1 >= n or not _joined(text, tok, tokens[i + 1])
        # the cues after a name, tried at once; with a capitalised word next, only "X LGA" fits
        cue = _CUE_AFTER.match(text, tok.end) if end_of_run or tokens[i + 1].text == "LGA" else None
        cue_kind = cue.lastgroup if cue is not None else None
        if word in _KIND_WORDS and i > 0 and _joined(text, tokens[i - 1], tok):
            # "Lasbela District": the capitalised designator is reported with the name
            first = _trim(text, tokens, _run_before(text, tokens, i - 1), i - 1, common, people)
            within = _region_after(text, tok.end, spans, found)
            add(first, i - 1, i, within, f"a {word.lower()}")
            continue
        if word in _FEATURE_BEFORE and i + 1 < n and _joined(text, tok, tokens[i + 1]):
            # "Tal Bizam", "Jabal Thardeh", "Wadi Barada", "Mount Tumatangis"
            last = _run_after(text, tokens, i + 1)
            if _trim(text, tokens, i + 1, last, common, people) == i + 1:
                add(i, last, last, None, "a hill, mountain or valley")
            continue
        if cue is not None and cue_kind == "kind":
            # "the Lasbela district", "in Jhal Magsi district"
            within = _region_after(text, tok.end, spans, found)
            if cue.group("of") and within is None and not _place_after(text, cue.end(), spans):
                continue  # "the Sunni district of Adhamiya": the name comes after
            first = _trim(text, tokens, _run_before(text, tokens, i), i, common, people)
            kind = cue.group().split()[0]
            add(first, i, i, within, f"a {kind}")
            continue
        if cue_kind == "apposition" and end_of_run:
            first = _trim(text, tokens, _run_before(text, tokens, i), i, common, people)
            add(first, i, i, None, "a place by apposition")
            continue
        if cue_kind == "distance":
            # "in Khaldiyah, 80 kilometers (50 miles) west of the capital"
            first = _trim(text, tokens, _run_before(text, tokens, i), i, common, people)
            add(first, i, i, None, "a distance from it")
            continue
        if (
            taken
            and end_of_run
            and any(tokens[j].start in taken for j in range(max(0, i - MAX_WORDS), i + 1))
        ):
            first = _run_before(text, tokens, i)
            if first is not None and tokens[first].start in taken:
                # "the army entered Jarabulus", "rebels shelled Kafr Nabuda"
                first = _trim(text, tokens, first, i, common, people)
                add(first, i, i, None, "a place taken or struck")
                continue
        if cue_kind == "inside" and end_of_run and _inside_known(text, tok.end, at):
            # "at Al-Qarassi in southern Aleppo", "in Adhaim in northern Iraq"
            first = _trim(text, tokens, _run_before(text, tokens, i), i, common, people)
            if (
                first is not None
                and i - first < 2
                and _PREP_BEFORE.search(text, max(0, tokens[first].start - 12), tokens[first].start)
            ):
                add(first, i, i, _region_after(text, tok.end, spans, found), "in a known place")
                continue
        if i + 1 < n and text.startswith(", ", tok.end) and tokens[i + 1].start == tok.end + 2:
            # "Zarkhel, Pakistan" (not "Khan, Pakistan's ...")
            qualifier = starting.get(i + 1)
            if qualifier is None or qualifier.demonym:
                continue
            place = _big(found, qualifier.key)
            if place is None or _NOT_QUALIFIER.match(text, qualifier.end):
                continue  # "Khan, Pakistan's envoy", "Abdulkader, U.S. District Court"
            first = _trim(text, tokens, _run_before(text, tokens, i), i, common, people)
            add(first, i, i, place, f"qualified by {qualifier.text!r}", qualifier.start)
    for i, tok in enumerate(tokens):
        if i in out:
            continue
        if text.endswith("of ", 0, tok.start):
            m = _OF_BEFORE.search(text, max(0, tok.start - 40), tok.start)
        elif text.endswith(("called ", "named ", "as "), 0, tok.start):
            m = _CALLED_BEFORE.search(text, max(0, tok.start - 40), tok.start)
        else:
            continue
        if m is None:
            continue
        # "the town of Qambarabad", "a village called Qambarabad"
        kind = m.group().split()[0 if m.re is _CALLED_BEFORE else -2].lower()
        last = _run_after(text, tokens, i)
        if _trim(text, tokens, i, last, common, people) != i:
            continue
        within = _region_after(text, tokens[last].end, spans, found)
        called = m.re is _CALLED_BEFORE
        add(i, last, last, within, f"a {kind} called ..." if called else f"the {kind} of ...")
        if kind.endswith("s") and not called:
            # "the towns of Muhajeriya and Labado", "the villages of A, B and C"
            k = last + 1
            while k < n and _LIST_GAP.fullmatch(text, tokens[k - 1].end, tokens[k].start):
                end = _run_after(text, tokens, k)
                if _trim(text, tokens, k, end, common, people) != k:
                    break
                add(k, end, end, within, f"the {kind} of ...")
                k = end + 1
    return [out[k] for k in sorted(out)]


# cues that make a name a place whatever else the article says of it ("the village of
# Boloum, said local police": not a person who speaks)
_SURE = ("the ", "a ")  # "the town of ...", "a district", "a distance from it"
# "X, 80 kilometers (50 miles) west of Y": a place located by its distance from another
_DISTANCE_AFTER = re.compile(
    r",?[ \t]+(?:about[ \t]+|some[ \t]+|nearly[ \t]+|around[ \t]+|just[ \t]+)?\d[\d,.]*"
    r"[ \t]*-?[ \t]*(?:kilometers|kilometres|km|miles)\b"
    r"|,[ \t]+(?:just[ \t]+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)"
    r"[ \t]+of[ \t]+(?:the[ \t]+)?[a-z]"  # "In Iskandiriyah, south of the capital"
)
# ("at" names a venue as often as a place: "at the Old Bailey in London")
_PREP_BEFORE = re.compile(r"\b(?:in|near|outside|into|toward|towards)[ \t]+$")
_IN_AFTER = re.compile(
    r"[ \t]+(?:in|of|near)[ \t]+(?:the[ \t]+)?(?:(?:north|south|east|west|central|northern|"
    r"southern|eastern|western|northeastern|northwestern|southeastern|southwestern)[ \t]+)?"
)


# every cue after a name in one pattern, in the order they are tried: a designator, an
# apposition, a distance, a larger place it lies in (the group that matched says which)
_CUE_AFTER = re.compile(
    rf"(?P<kind>[ \t]+(?:{_KIND_AFTER})\b(?P<of> of\b)?)"
    rf"|(?P<apposition>{_APPOSITION.pattern})"
    rf"|(?P<distance>{_DISTANCE_AFTER.pattern})"
    rf"|(?P<inside>{_IN_AFTER.pattern})"
)


def _taken_ends(text: str) -> set[int]:
    """Where each verb of taking or striking a place ends ("entered ", "shelled "); most
    texts have none, found by plain substring tests before any pattern runs."""
    if not any(verb in text for verb in _TAKEN_VERBS):
        return set()
    return {m.end() for m in _TAKEN_FIND.finditer(text)}


_TAKEN_VERBS = (
    "entered", "stormed", "liberated", "overr", "shelled", "besieged", "recaptured", "retook",
    "bombarded", "encircled", "control of", "advanced", "marched", "withdrew", "pulled out",
)  # fmt: skip


def _inside_known(text: str, end: int, at: dict[int, Span]) -> bool:
    """A known place follows after "in", "of" or "near" ("... in southern Aleppo"); ``at``:
    the located spans by their start."""
    m = _IN_AFTER.match(text, end)
    if m is None:
        return False
    s = at.get(m.end())
    return s is not None and not s.demonym


_NOT_QUALIFIER = re.compile(r"['’]| [A-Z]")
_LIST_GAP = re.compile(r",[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+")


def _place_after(text: str, end: int, spans: Sequence[Span]) -> bool:
    """A known place right after ("the al-Tarikh area of Jiddah"): the name before is in it."""
    gap = _DIRECTION.match(text, end)
    at = gap.end() if gap else end
    return any(s.start >= at and s.start - at <= 5 and not s.demonym for s in spans)


# "the Nahrawan district of southeastern Baghdad"
_DIRECTION = re.compile(
    r"[ \t]*(?:north|south|east|west|central|northern|southern|eastern|western|northeastern|"
    r"northwestern|southeastern|southwestern)[ \t]+",
    re.IGNORECASE,
)


def _person(text: str, name: str) -> bool:
    """The article quotes or describes ``name`` as a person somewhere ("said Bruschke")."""
    spans = [(name, m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return name in person_keys(text, spans)


_REGION_GAP = re.compile(r"(?: (?:district|province|tehsil))?(?:,[ \t]+|[ \t]+(?:of|in)[ \t]+)")


def _region_after(
    text: str, end: int, spans: Sequence[Span], found: dict[str, list[Ranked]]
) -> Place | None:
    """ "the Lasbela district of Balochistan", "the town of Zarkhel in Sindh": the country or
    first-level region named right after the name."""
    for s in spans:
        if s.start < end:
            continue
        if s.start - end <= 20 and not s.demonym and _REGION_GAP.fullmatch(text, end, s.start):
            return _big(found, s.key)
        break
    return None


def article_region(gaz: Gazetteer, mentions: Iterable[PlaceMention]) -> Place | None:
    """The first-level region most of the article's resolved places are in (when it holds more
    than half of them, and at least two), else the country that does, else None."""
    countries: dict[str, int] = {}
    regions: dict[tuple[str, str], int] = {}
    total = 0
    for m in mentions:
        p = m.place
        if p is None or p.country_code is None:
            continue
        total += 1
        countries[p.country_code] = countries.get(p.country_code, 0) + 1
        if p.feature != "country" and p.admin1_code and not m.demonym:
            area = (p.country_code, p.admin1_code)
            regions[area] = regions.get(area, 0) + 1
    if not total:
        return None
    cc, votes = max(countries.items(), key=lambda kv: kv[1])
    if 2 * votes <= total:
        return None
    inside = {a: v for a, v in regions.items() if a[0] == cc}
    if inside:
        area, count = max(inside.items(), key=lambda kv: kv[1])
        if count >= 2 and 2 * count > sum(inside.values()):
            region = gaz.admin1(*area)
            if region is not None:
                return region
    return next((c for c in gaz.countries() if c.country_code == cc), None)


def with_unknown(
    gaz: Gazetteer, mentions: list[PlaceMention], unknown: list[Unknown]
) -> list[PlaceMention]:
    """The mentions with the unknown places added (in text order); a mention inside an unknown
    name ("Jhal" in "Jhal Magsi") gives way to it."""
    if not unknown:
        return mentions
    region: Place | None = None
    regional = False
    added: list[PlaceMention] = []
    taken = [(m.start, m.end) for m in mentions]
    for u in unknown:
        if u.known and any(s < u.end and u.start < e for s, e in taken):
            continue  # the gazetteer's name, resolved as usual
        within, how = u.within, ""
        if u.qualifier >= 0:
            # the qualifier must be reported as a country or region ("Delta Air Lines" is not)
            q = next((m for m in mentions if m.start == u.qualifier), None)
            if q is None or q.place is None or q.place.feature not in ("country", "admin1"):
                continue
            within = q.place
        if within is None:
            if not regional:
                region, regional = article_region(gaz, mentions), True
            within, how = region, " (the article's region)"
        where = f"; in {within.label}{how}" if within is not None else ""
        lacks = "not resolved" if u.known else "not in the gazetteer"
        reason = f"{lacks}: {u.why}{where}"
        added.append(PlaceMention(u.text, u.start, u.end, None, 0.0, reason, False, within))
    kept = [m for m in mentions if not any(u.start <= m.start and m.end <= u.end for u in added)]
    return sorted([*kept, *added], key=lambda m: m.start)

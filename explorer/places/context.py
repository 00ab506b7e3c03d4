"""Guards that read a mention's surroundings in the text: what stands right before or after it
("Marburg virus", "Air Canada", "Wichita Street", "the New York Times"), whether it starts a
sentence or sits in a headline, whether it is part of a longer capitalised name."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from explorer.gazetteer.kinds import NameKind
from explorer.places.lexicon import NOT_PLACE_AFTER, ORG_BEFORE, STREET_WORDS
from explorer.places.mentions import Span, Token
from explorer.places.resolve import Ranked

__all__ = [
    "dateline",
    "in_capitalised_run",
    "list_peers",
    "named_after",
    "organisation_or_money",
    "part_of_longer_name",
    "place_position",
    "saints_possessive",
    "sentence_start",
    "state_code_context",
    "title_line",
    "town_pairs",
    "unknown_first_names",
]

_NAMED_AFTER = re.compile(
    r"[\s-]+(?:\w*virus|\w*viruses|fever|flu|influenza|disease|strain|syndrome|"
    r"hemorrhagic|haemorrhagic|encephalitis)\b",
    re.I,
)


def named_after(text: str, end: int) -> bool:
    return bool(_NAMED_AFTER.match(text, end))


_FUNCTION_WORDS = frozenset("the in at on of for to and from by with a an as but or".split())


def _one_space(text: str, a: int, b: int) -> bool:
    """Exactly one space between offsets ``a`` and ``b`` (without slicing a long gap)."""
    return b - a == 1 and text[a] == " "


def in_capitalised_run(text: str, tokens: Sequence[Token], s: Span) -> bool:
    """True when a capitalised word stands right before or after the span (same line)."""
    if s.first < 0:
        return False  # a span added from an NER entity
    for k in (s.first - 1, s.last + 1):
        if not 0 <= k < len(tokens):
            continue
        t = tokens[k]
        a, b = (t.end, tokens[s.first].start) if k < s.first else (tokens[s.last].end, t.start)
        if b - a != 1 or text[a] != " " or not t.cap or t.text.lower() in _FUNCTION_WORDS:
            continue
        if k < s.first and sentence_start(text, t.start) and t.text.lower() in _FUNCTION_WORDS:
            continue
        return True
    return False


SURNAME_TOWN = 300_000  # "Fidel Castro": a town smaller than this after a capitalised word
_QUALIFIED = re.compile(r",[ \t]+[A-Z]")


def unknown_first_names(
    text: str,
    tokens: Sequence[Token],
    spans: list[Span],
    found: dict[str, list[Ranked]],
    common: frozenset[str],
) -> set[str]:
    """Surnames of people whose given name is not in the list: "Brennan Walsh" where
    "Brennan" is no place and "Walsh" only a town (of fewer than 300,000 people)."""
    out: set[str] = set()
    starts = {s.first: s for s in spans}
    for s in spans:
        if s.first != s.last or s.demonym or s.first <= 0:
            continue
        prev = tokens[s.first - 1]
        if not prev.cap or prev.upper or not _one_space(text, prev.end, tokens[s.first].start):
            continue
        if s.first - 1 in starts or prev.text.lower() in common or sentence_start(text, prev.start):
            continue
        if _QUALIFIED.match(text, s.end):
            continue  # "Reston, Virginia": a place and its state
        if any(
            m.place.feature != "populated_place" or m.place.population >= SURNAME_TOWN
            for m in found.get(s.key, ())
        ):
            continue
        out.add(s.key)
    return out


def organisation_or_money(text: str, tokens: Sequence[Token], s: Span) -> bool:
    """ "US$5", "A$20": a currency; "Air Canada", "Agence France-Presse": an organisation."""
    if text[s.end : s.end + 1] == "$":
        return True
    if s.first > 0:
        prev = tokens[s.first - 1]
        return _one_space(text, prev.end, s.start) and prev.text.lower() in ORG_BEFORE
    return False


_SAINT = re.compile(r"(?:St|ST|Ste|STE|Saint|SAINT)\.?\s")
_POSSESSIVE = ("'s", "’s", "'S", "’S")
_INSTITUTION_AFTER = re.compile(
    r"['’][sS][ \t]+(?:Hospital|Church|Cathedral|Basilica|Chapel|Abbey|Priory|Parish|School|"
    r"College|Academy|University|Catholic|Episcopal|Health|Medical|Hall|Home|Square)\b"
)
SAINTS_CITY = 100_000


def saints_possessive(text: str, s: Span, ranked: list[Ranked]) -> bool:
    """ "St. Paul's Hospital", "St. Michael's pupils": a church, school or hospital named after
    a saint, not the town; unless it is a city of 100,000 people or a national capital and no
    such word follows ("St. Petersburg's airport", "St. John's", Newfoundland and Antigua)."""
    if not _SAINT.match(s.text):
        return False
    if s.text.endswith(_POSSESSIVE):  # the gazetteer has the name with its "'s"
        at = s.end - 2
    elif text.startswith(_POSSESSIVE, s.end):
        at = s.end
    else:
        return False
    return bool(_INSTITUTION_AFTER.match(text, at)) or not any(
        r.capital or r.place.population >= SAINTS_CITY for r in ranked
    )


def sentence_start(text: str, start: int) -> bool:
    """The word at ``start`` follows a full stop, a colon or a line break (quotes may stand
    between). Not the document's sentences (:mod:`explorer.document`): the full stop of an
    initial or an abbreviation counts too ("Ulysses S. Grant", "Gov. Perry"), so a name there
    is guarded as a sentence's first word is (on the dev geo corpora, the document's sentence
    starts instead let some 40 surnames after initials through as places)."""
    before = text[max(0, start - 3) : start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"


def title_line(text: str, start: int) -> bool:
    """True inside a line where most words are capitalised (a headline)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    if (hi if hi >= 0 else len(text)) - lo > 200:
        return False
    line = text[lo : hi if hi >= 0 else len(text)]
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


_NEXT_WORD = re.compile(r"[ -]([A-Z][a-z]+)\b")


def part_of_longer_name(
    text: str, tokens: Sequence[Token], s: Span, ranked: Sequence[Ranked] = ()
) -> bool:
    """ "Wichita Street", "the Washington Post", "Michigan State University", "Franklin
    Elementary": the place names something else. A multi-word span that ends in a street word
    ("Church Street") is a street too, unless it is a town of that very name (20,000 people or
    more) where a town stands: "shot in Federal Way on Sunday"."""
    m = _NEXT_WORD.match(text, s.end)
    if m and m.group(1).lower() in NOT_PLACE_AFTER:
        return True
    if not (s.first >= 0 and s.last > s.first and tokens[s.last].text.lower() in STREET_WORDS):
        return False
    town = any(
        r.place.feature == "populated_place"
        and r.place.population >= STREET_TOWN
        and r.kind <= NameKind.ALIAS
        for r in ranked
    )
    return not (town and _in_clause(text, s))


STREET_TOWN = 20_000  # a town named like a street ("Federal Way") has at least this many people


# A clear place position in local news: "in X" before a verb, a time word or the end of a
# clause ("A man was shot in Federal Way on Sunday.", "Police in Duncan are investigating"),
# "in a X bar|home|park..." and "X police|officials|authorities|sheriff's office".
_IN_BEFORE = re.compile(r"\b(?:in|In)[ \t]+$")
_IN_A_BEFORE = re.compile(r"\b(?:in)[ \t]+(?:a|an|the)[ \t]+$", re.IGNORECASE)
_TIME_WORDS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    "June|July|August|September|October|November|December"
)
_CLAUSE_AFTER = re.compile(rf"(?:[ \t]*(?:[.,;:!?)\n]|$)|[ \t]+(?:[a-z]|(?:{_TIME_WORDS})\b))")
_SETTING_AFTER = re.compile(
    r"[ \t]+(?:bar|home|house|residence|apartment|apartments|park|neighborhood|neighbourhood|"
    r"restaurant|store|shop|business|nightclub|club|motel|hotel|church|school|street|road|"
    r"intersection|parking lot|gas station|convenience store|mall|hospital|man|woman|teen|"
    r"teenager|boy|girl|family|couple|resident|residents)\b"
)
_ORG_AFTER = re.compile(
    r"[ \t]+(?:police|officials|authorities|detectives|officers|firefighters|"
    r"(?:Police|Fire|Sheriff['’]s)[ \t]+(?:Department|Dept\.?|Office)|sheriff['’]s office)\b"
)
_QUALIFIER_AFTER = re.compile(r",[ \t]+[A-Z]")
_CUT = re.compile(r"[’']s\b")


# "the town of X", "the village of X" (not "the people of X": those are places anyway, and
# found when the gazetteer has them)
KIND_OF_BEFORE = re.compile(
    r"(?:\b(?:the|a|an)|(?-i:\b[A-Z][\w-]*(?:['’]s)?))[ \t]+(?:[\w'’-]+[ \t]+){0,2}"
    r"(?:towns?|villages?|city|cities|hamlets?|settlements?|districts?|province|tehsil|region|"
    r"suburbs?|neighbou?rhoods?|township|municipality|governorate|area|outskirts|countryside|"
    r"perimeter|camp|community|locality|island|quarter|enclave|stronghold)[ \t]+of[ \t]+$",
    re.IGNORECASE,
)


# verbs of taking or striking a place, rarely said of a person
_TAKEN = (
    r"\b(?:entered|stormed|liberated|overran|overrun|shelled|besieged|recaptured|retook|"
    r"bombarded|encircled|seized control of|took control of|advanced on|advanced towards?|"
    r"marched on|marched towards?|withdrew from|pulled out of)[ \t]+"
)
TAKEN_BEFORE = re.compile(_TAKEN + "$")
TAKEN_FIND = re.compile(_TAKEN)  # found once in a text: where each such verb ends


# what is said only of a place: "X is a town in ...", "X's population", "X was incorporated"
_PLACE_PREDICATE = re.compile(
    r"(?:['’]s[ \t]+population\b"
    r"|[ \t]+(?:is|was)[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:town|city|village|"
    r"hamlet|borough|township|community|municipality|census-designated place|CDP|suburb|"
    r"neighbou?rhood|parish|commune|settlement|seaport|capital|county seat)"
    r"(?=[ \t]+(?:in|of|on|near|located|founded|that|which|with|and|along|north|south|east|"
    r"west|about|some|where)\b|[,.;(])"  # "a town in ...", not "a town councillor"
    r"|[ \t]+(?:is|was)[ \t]+(?:located|situated|bordered|first settled|incorporated|"
    r"founded as|established as)\b"
    r"|[ \t]+has[ \t]+a[ \t]+population\b)"
)


def place_predicate(text: str, end: int) -> bool:
    """What follows the name is said only of a place: "Clinton is a town in Worcester County",
    "Kent is an unincorporated community", "Lawton's population was ..."."""
    return _PLACE_PREDICATE.match(text, end) is not None


def place_position(text: str, tokens: Sequence[Token], s: Span, common: frozenset[str]) -> bool:
    """True when a one-word or longer name stands where local news puts a town: "in X"
    before a verb, a time word or the end of a clause ("shot in Federal Way on Sunday",
    "Police in Duncan are investigating"), "in a X bar" and the like, or "X police". Not for
    an everyday word ("in Reading glasses"), a possessive ("in Duncan's house") or a name at
    a sentence start or in a headline. "The town of X" always is one."""
    if s.first < 0 or s.demonym or s.key in common or _CUT.match(text, s.end):
        return False
    if title_line(text, s.start):
        return False
    if _ORG_AFTER.match(text, s.end):
        return True
    if KIND_OF_BEFORE.search(text, max(0, s.start - 40), s.start):
        return True  # "the town of Volnovakha", "the northern village of Boloum"
    if TAKEN_BEFORE.search(text, max(0, s.start - 24), s.start):
        return True  # "the army entered Jarabulus"
    return _in_clause(text, s)


def _in_clause(text: str, s: Span) -> bool:
    """ "in X" before a verb, a time word or the end of a clause, or "in a X bar"."""
    lo = max(0, s.start - 16)
    if _QUALIFIER_AFTER.match(text, s.end):
        return False  # "in Grantville, Pennsylvania": the qualifier decides, not the position
    if _IN_BEFORE.search(text, lo, s.start) and _CLAUSE_AFTER.match(text, s.end):
        return True
    return bool(_IN_A_BEFORE.search(text, lo, s.start) and _SETTING_AFTER.match(text, s.end))


_AFTER_TOWN = re.compile(r"[A-Za-z.]+,[ \t]*$")
_ZIP = re.compile(r"[ \t]+\d{5}\b")


def state_code_context(text: str, s: Span) -> bool:
    """ "Louisville, KY" or "KY 40202": a two-letter postal code where an address has it."""
    return bool(_AFTER_TOWN.search(text, max(0, s.start - 30), s.start) or _ZIP.match(text, s.end))


# what follows a dateline's place: an optional ", State" and a dash, an agency or a colon
_DATELINE_TAIL = re.compile(
    r"(?:,[ \t]*[A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*)?)?[ \t]*(?:—|–|-|\(|:|\x97)"
)


def dateline(text: str, s: Span) -> bool:
    """ "COLUMBIA -- South Carolina Gov...", "BOWLING GREEN, Ohio (AP) --", "WASHINGTON Barack
    Obama said...": a place in capitals that opens the story (the text, or the line or
    sentence after the headline) names the city it was filed from."""
    letters = s.text.replace(".", "").replace(" ", "")
    if s.start > 400 or len(letters) < 4 or not letters.isupper():
        return False
    before = text[: s.start].rstrip(" \t")
    if before and not before.endswith((".", "\n", ":")):
        return False
    if before.count("\n") > 2:
        return False
    if _DATELINE_TAIL.match(text, s.end):
        return True
    # "WASHINGTON Barack Obama...": the story's first word, then a capitalised word
    return s.start == 0 and bool(_CAPITALISED_NEXT.match(text, s.end))


_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")


_LIST_GAP = frozenset([", ", ",", " and ", ", and ", " or ", ", or ", " & ", "; "])


def list_peers(text: str, spans: list[Span]) -> dict[str, set[str]]:
    """For each name, the other names it is listed with: "Michigan, Oregon and Utah"."""
    out: dict[str, set[str]] = {}
    run: list[Span] = []
    for s in [*spans, None]:
        if (
            s is not None
            and run
            and s.start - run[-1].end <= 6
            and text[run[-1].end : s.start] in _LIST_GAP
        ):
            run.append(s)
            continue
        if len(run) > 1:
            keys = {r.key for r in run}
            for k in keys:
                out.setdefault(k, set()).update(keys - {k})
        run = [s] if s is not None else []
    return out


def town_pairs(
    text: str, spans: list[Span], found: dict[str, list[Ranked]], common: frozenset[str]
) -> set[int]:
    """Starts of two one-word names in a row that are both mere towns and no common words
    ("Fidel Castro", "Susilo Bambang", not "Henderson Police"): a person's name, not two
    places (only these mentions)."""
    out: set[int] = set()
    for a, b in itertools.pairwise(spans):
        if (
            a.first == a.last
            and b.first == b.last
            and b.first == a.last + 1
            and not a.demonym
            and not b.demonym
            and _one_space(text, a.end, b.start)
            and not _QUALIFIED.match(text, b.end)
            and a.key not in common
            and b.key not in common
            and not a.text.isupper()
            and not b.text.isupper()
            and _town(found, a.key)
            and _town(found, b.key)
        ):
            out.update((a.start, b.start))
    return out


def _town(found: dict[str, list[Ranked]], key: str) -> bool:
    """Every sense of the name is a populated place under SURNAME_TOWN people."""
    ranked = found.get(key) or []
    return bool(ranked) and all(
        m.place.feature == "populated_place" and m.place.population < SURNAME_TOWN for m in ranked
    )

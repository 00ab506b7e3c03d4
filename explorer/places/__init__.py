"""Geoparsing: find the places named in a text and resolve them, offline.

>>> [(m.text, m.place.name) for m in geoparse("Troops left Fort Bragg, North Carolina for Irbil.")]
[('Fort Bragg', 'Fort Bragg'), ('North Carolina', 'North Carolina'), ('Irbil', 'Erbil')]

See ``docs/places.md`` for how mentions are found, guarded and resolved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from explorer.errors import ExplorerError
from explorer.gazetteer import Gazetteer, default_gazetteer, name_key
from explorer.gazetteer.kinds import NameKind
from explorer.model import Place, PlaceMention
from explorer.places.candidates import (
    BIG,
    SMALL,
    abbreviations,
    candidates,
    everyday_words,
    facts,
)
from explorer.places.context import (
    dateline,
    in_capitalised_run,
    list_peers,
    named_after,
    organisation_or_money,
    part_of_longer_name,
    place_position,
    place_predicate,
    saints_possessive,
    sentence_start,
    state_code_context,
    title_line,
    town_pairs,
    unknown_first_names,
)
from explorer.places.definitions import definitions, regional_keys
from explorer.places.demonyms import demonym_keys, demonym_place
from explorer.places.guards import (
    PersonEvidence,
    given_names_alone,
    is_institution,
    person_tokens,
    said_follows,
    speaker_is_group,
)
from explorer.places.lexicon import NOT_ALONE, TITLES
from explorer.places.mentions import Span, Token, find_spans, tokenize
from explorer.places.ner import default_nlp, entity_spans
from explorer.places.phones import phone_regions
from explorer.places.resolve import Area, Name, Ranked, fits_article, resolve_names
from explorer.places.unresolved import unknown_places, with_unknown

__all__ = ["geoparse"]

_BIG = BIG
ALT_NEEDS_SUPPORT = 100_000  # alternate names of places smaller than this need support


def _by_other_name(place: Place | None, ranked: list[Ranked], limit: int) -> bool:
    """True when ``place`` is a populated place under ``limit`` people that has the name only
    as one of GeoNames' alternate names (misspellings, old or foreign names)."""
    if place is None or place.feature != "populated_place" or place.population >= limit:
        return False
    return any(r.place is place and r.kind == NameKind.ALTERNATE for r in ranked)


SMALL_NEEDS_SUPPORT = SMALL  # villages under this many people need the article's support
# a one-word name the article uses for a person is no place anywhere in it, unless it is a
# city this big ("Ottawa said" is the government)
PERSON_MAX_POPULATION = 100_000


def _without_the(
    text: str,
    tokens: Sequence[Token],
    spans: list[Span],
    found: dict[str, list[Ranked]],
    gaz: Gazetteer,
) -> list[Span]:
    """ "The Philippines" is reported as "Philippines" when the rest names the same place;
    "The City" (only an alternate name of a town) is no place; "The Hague", whose own name
    has the article, stays whole."""
    out = []
    for s in spans:
        if s.demonym or s.last == s.first or tokens[s.first].text not in ("The", "THE"):
            out.append(s)
            continue
        whole = found.get(s.key) or []
        if whole and whole[0].place.name.lower().startswith("the "):
            out.append(s)  # "The Hague", "The Dalles"
            continue
        alternate = bool(whole) and whole[0].kind == NameKind.ALTERNATE
        first = tokens[s.first + 1]
        rest = name_key(text[first.start : s.end])
        if rest not in gaz.known({rest}):
            if not alternate:
                out.append(s)
            continue
        trimmed = candidates(gaz, {rest})[rest]
        found[rest] = trimmed
        if trimmed and (alternate or (whole and whole[0].place is trimmed[0].place)):
            s = Span(first.start, s.end, text[first.start : s.end], rest, s.first + 1, s.last)
        out.append(s)
    return out


def _list_of_regions(text: str, kept: list[tuple[Span, list[Ranked]]], k: int) -> bool:
    """ "Washington, Pennsylvania and California": the name after the comma is one of a list
    of regions (another follows it), not the first one's qualifier."""
    if k + 1 >= len(kept):
        return False
    s = kept[k][0]
    t, t_ranked = kept[k + 1]
    return (
        t.start - s.end <= 6
        and text[s.end : t.start] in (", ", " and ", ", and ", " or ", ", or ")
        and bool(t_ranked)
        and t_ranked[0].place.feature in _BIG
    )


def _areas(ranked: list[Ranked]) -> set[Area]:
    out: set[Area] = set()
    for r in ranked:
        p = r.place
        if p.country_code is None or r.kind > NameKind.CODE:
            continue
        if p.feature == "country":
            out.add((p.country_code, None))
        elif p.feature == "admin1":
            out.add((p.country_code, p.admin1_code))
    return out


def _covered(s: Span, others: list[tuple[int, int]], places: list[tuple[int, int]]) -> bool:
    """Inside a non-place entity (PERSON, ORG...) and not inside a place entity."""
    inside = any(a <= s.start and s.end <= b for a, b in others)
    return inside and not any(a <= s.start and s.end <= b for a, b in places)


def _add_entities(
    text: str, spans: list[Span], places: list[tuple[int, int]], gaz: Gazetteer
) -> list[Span]:
    """Place entities the rules missed, when the gazetteer knows the name."""
    out = list(spans)
    for a, b in places:
        if any(s.start < b and a < s.end for s in spans):
            continue
        surface = text[a:b]
        key = name_key(surface)
        if gaz.known({key}):
            out.append(Span(a, b, surface, key, -2, -2))
    out.sort(key=lambda s: s.start)
    return out


def geoparse(
    text: str,
    *,
    published: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    nlp: Any = None,
) -> list[PlaceMention]:
    """Every place mentioned in ``text``, in order; unresolved ones have ``place=None``.

    ``published`` is accepted for symmetry with :func:`explorer.find_dates` (place names do not
    depend on it today). ``nlp``: an optional spaCy pipeline whose entities are used as extra
    evidence (see :mod:`explorer.places.ner`).
    """
    if not isinstance(text, str):
        raise ExplorerError(f"text must be a string, not {type(text).__name__}")
    return _geoparse(text, gazetteer or default_gazetteer(), nlp)


def _geoparse(text: str, gaz: Gazetteer, nlp: Any) -> list[PlaceMention]:
    tokens = tokenize(text)
    spans = find_spans(text, tokens, gaz.known, demonym_keys(), abbreviations(gaz))
    nlp = nlp if nlp is not None else default_nlp()
    ner_places: list[tuple[int, int]] = []
    if nlp is not None:
        ner_places, ner_others = entity_spans(nlp, text)
        spans = [s for s in spans if not _covered(s, ner_others, ner_places)]
        spans = _add_entities(text, spans, ner_places, gaz)
    if not spans and not tokens:
        return []
    people, surnames, given = person_tokens(text, tokens)
    common = everyday_words(gaz)
    found = candidates(gaz, {s.key for s in spans if not s.demonym})
    spans = _without_the(text, tokens, spans, found, gaz)
    # names the gazetteer lacks in a place position ("the Lasbela district"), kept unresolved
    unknown = unknown_places(text, tokens, spans, found, common, people)
    if not spans:
        return with_unknown(gaz, [], unknown)

    # 1. guards, and the candidates of each surviving span
    surnames |= unknown_first_names(text, tokens, spans, found, common)
    singles = [s for s in spans if s.first == s.last and not s.demonym]
    single_spans = [(s.key, s.start, s.end) for s in singles]
    persons = PersonEvidence(text, single_spans)
    only_people = given_names_alone(text, given, single_spans)
    pairs = town_pairs(text, spans, found, common)
    kept: list[tuple[Span, list[Ranked]]] = []
    context_only: set[int] = set()  # starts of spans that vote but are not reported
    datelined: set[int] = set()  # starts of datelines ("COLUMBIA --")
    predicated: set[int] = set()  # starts of names said to be places ("X is a town in")
    for s in spans:
        if people and any(k in people for k in range(s.first, s.last + 1)):
            confirmed = any(a <= s.start and s.end <= b for a, b in ner_places)
            if not confirmed:
                continue
        if part_of_longer_name(text, tokens, s, found.get(s.key, ())):
            # "Corsicana Highway", "Wichita Street": no mention of the place itself, but a
            # street or a newspaper is named after somewhere near, so it still votes
            context_only.add(s.start)
        if s.demonym:
            kept.append((s, []))
            continue
        if is_institution(s.key) or organisation_or_money(text, tokens, s):
            continue
        ranked = found.get(s.key, [])
        if not ranked or saints_possessive(text, s, ranked):
            continue
        fact = facts(gaz, s.key, ranked)
        if dateline(text, s):
            # the city a story was filed from: a populated place, reported as it is written
            datelined.add(s.start)
            kept.append((s, list(fact.cities) or ranked))
            continue
        # an everyday word counts as a big place by that place's own name only ("Island"
        # is Iceland's name in Icelandic, not what English text means by it)
        everyday = s.key in common and s.text.istitle() and "." not in s.text
        big = fact.big_own if everyday else fact.big
        letters = s.text.replace(".", "").replace(" ", "")
        if len(letters) <= 1:
            continue  # "I", "A"
        if "." not in s.text and (len(letters) <= 3 or letters.isupper()):
            # "Us", "Of", "FDA", "HIV": short or all-caps names count as codes or aliases of a
            # country or region ("US", "UK", "UAE", "NC", "NSW"), or as big places in capitals
            big_code = letters.isupper() and fact.big_any
            big_place = len(letters) >= 4 and fact.top_population >= 100_000
            if not (big_code or big_place):
                continue
            if (
                big_code
                and len(letters) == 2
                and not state_code_context(text, s)
                and not fact.country_or_region
            ):
                # "OK", "AK-47", "ID", "CT scan": a postal code is reported in an address
                # only ("Louisville, KY"); elsewhere it may still hint at the region
                context_only.add(s.start)
        single = s.first == s.last
        if single and s.text.endswith(".") and s.key in TITLES:
            continue  # "Ms.", "Gen.": titles
        if named_after(text, s.end):
            continue  # "Marburg virus", "West Nile fever": named after a place
        if single and s.text.endswith(".") and not fact.abbreviation:
            continue  # "Sen.", "Nov.", "No.": abbreviations that are not of a state or country
        if single and place_predicate(text, s.end):
            # "Clinton is a town in ...", "Kent is an unincorporated community": a place
            # whatever else the name may be (a surname, a word at a sentence start)
            predicated.add(s.start)
            kept.append((s, ranked))
            continue
        if (
            single
            and not big
            and (
                s.key in surnames
                or (said_follows(text, s.end) and not speaker_is_group(text, s.start))
                or (evidence := persons.get(s.key)) is True
                or (evidence is False and fact.top_population < PERSON_MAX_POPULATION)
            )
        ):
            continue
        if (
            single
            and big
            and s.key in surnames
            and said_follows(text, s.end)
            and not speaker_is_group(text, s.start)
        ):
            continue  # "Michael Jordan ... Jordan said": the person, even for a country's name
        if s.start in pairs:
            continue  # "Fidel Castro": two town names in a row are a person's
        if single and s.key in only_people:
            continue  # "Georgia Stevens ... Georgia began skating"
        if single and not big and s.key in common and in_capitalised_run(text, tokens, s):
            continue  # "Main Street", "Police Department": part of another name
        kept.append((s, ranked))

    # 2. qualifiers: "X, Y" and "X in Y"
    qualifiers: dict[int, tuple[set[Area], str]] = {}
    for n in range(len(kept) - 1):
        s, ranked = kept[n]
        t, t_ranked = kept[n + 1]
        if (
            t.start - s.end <= 5
            and text[s.end : t.start] in (", ", ",", " in ", ", in ")
            and t_ranked
            and ranked
            and ranked[0].place.feature not in _BIG
            and not _list_of_regions(text, kept, n + 1)
        ):
            areas = _areas(t_ranked)
            if areas and any(
                r.place.country_code == cc and (a1 is None or r.place.admin1_code == a1)
                for r in ranked
                for cc, a1 in areas
            ):
                qualifiers[n] = (areas, t.text)

    # 3. common words need support: at a sentence start or in a headline they are just words
    survivors: list[tuple[int, Span, list[Ranked]]] = []
    for n, (s, ranked) in enumerate(kept):
        if ranked and s.first == s.last and n not in qualifiers and s.start not in datelined:
            if s.key in NOT_ALONE:
                continue
            fact = facts(gaz, s.key, ranked)
            everyday = s.key in common and s.text.istitle() and "." not in s.text
            if fact.big_alias_own if everyday else fact.big_alias:
                survivors.append((n, s, ranked))
                continue
            if (
                s.key in common
                and fact.top_population < 1_000_000
                and s.start not in predicated
                and (sentence_start(text, s.start) or title_line(text, s.start))
            ):
                continue
        survivors.append((n, s, ranked))

    # 4. resolve every distinct name jointly with the rest of the article
    names: dict[str, Name] = {}
    fixed: dict[str, Place | None] = {}
    labels: dict[str, str] = {}
    for n, s, ranked in survivors:
        labels.setdefault(s.key, s.text)
        if s.demonym:
            fixed[s.key] = demonym_place(gaz, s.key)
            continue
        name = names.get(s.key)
        if name is None or s.start in datelined:
            name = names[s.key] = Name(s.key, s.text, ranked)
        if n in qualifiers and name.qualified is None:
            name.qualified = qualifiers[n]
    for k, region in enumerate(phone_regions(gaz, text)):
        # "call London police at 519-661-5670": the state or province of the article's
        # telephone numbers is one of its places (a key no name can have)
        fixed[f"\x1fphone {k}"] = region
    # a defining clause ("Florence is a city in Marion County, Kansas") settles its subject
    homes = definitions(text, [(s, r, fixed.get(s.key)) for _, s, r in survivors])
    for key, home in homes.items():
        if key in names:
            names[key].home, names[key].qualified = home, (set(home.areas), home.label)
    for key in regional_keys(text, [s for _, s, _ in survivors]) & names.keys():
        names[key].regional = True  # "Kandahar province", "the province of Basra"
    for key, peers in list_peers(text, [s for _, s, _ in survivors]).items():
        if key in names:
            names[key].peers = frozenset(peers)
    counts: dict[str, int] = {}
    for _, s, _ in survivors:
        counts[s.key] = counts.get(s.key, 0) + 1
    choices, support = resolve_names(list(names.values()), fixed, labels, counts)

    out: list[PlaceMention] = []
    for n, s, ranked in survivors:
        if s.start in context_only:
            continue
        if s.demonym:
            place = fixed.get(s.key)
            reason = f"demonym of {place.name}" if place else "demonym"
            out.append(
                PlaceMention(s.text, s.start, s.end, place, 0.9 if place else 0.0, reason, True)
            )
            continue
        if (
            SMALL_NEEDS_SUPPORT
            and s.start not in datelined
            and names[s.key].qualified is None
            and s.first == s.last
            and support.get(s.key, 0.0) < 0.5
            and facts(gaz, s.key, ranked).all_small
            and s.start not in predicated
            and not (  # "shot in Alturas on Sunday", where the article's places are
                place_position(text, tokens, s, common) and fits_article(s.key, choices, fixed)
            )
        ):
            continue  # a one-word village name with nothing in the article to back it
        if (
            ALT_NEEDS_SUPPORT
            and s.start not in datelined
            and names[s.key].qualified is None
            and s.first == s.last
            and not s.text.endswith(".")
            and support.get(s.key, 0.0) < 0.5
            and _by_other_name(choices[s.key][0], ranked, ALT_NEEDS_SUPPORT)
        ):
            continue  # "Rene" for Rheine, "Soul" for Seoul: another name of a place, unbacked
        if n in qualifiers:
            place, score, reason = resolve_names(
                [Name(s.key, s.text, ranked, qualified=qualifiers[n])], {}, labels
            )[0][s.key]
        else:
            place, score, reason = choices[s.key]
        out.append(PlaceMention(s.text, s.start, s.end, place, score, reason, False))
    return with_unknown(gaz, out, unknown)

"""A text's names' gazetteer candidates, ranked once per process, with the facts the guards
ask of them (is any sense a country or a big region, is every sense a village...)."""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from explorer.files import cache_dir
from explorer.gazetteer import Gazetteer
from explorer.gazetteer.kinds import NameKind
from explorer.places.resolve import Ranked, rank

__all__ = ["BIG", "SMALL", "Facts", "abbreviations", "candidates", "everyday_words", "facts"]

BIG = ("country", "admin1", "continent", "region")


class Facts(NamedTuple):
    """What the guards need to know about a name's candidates (computed once per name)."""

    big: bool  # a country, continent, region or large first-level region, by its own name
    big_own: bool  # ... by its primary name ("Iceland", not the alias "Island")
    big_alias: bool  # a country, continent or region, by its own name or an alias
    big_alias_own: bool  # ... by its primary name
    big_any: bool  # ... by any name, codes included ("NC")
    country_or_region: bool  # a country or a region by any name
    abbreviation: bool  # an alias or code of a big place ("Ky.", "N.C.")
    all_small: bool  # every sense is a populated place under 30,000 people
    top_population: int
    top_big: bool  # the likeliest sense is a big place
    cities: tuple[Ranked, ...]  # the populated places among the candidates


_RANKED: dict[int, dict[str, list[Ranked]]] = {}  # per gazetteer (its id), per name key
_FACTS: dict[int, dict[str, Facts]] = {}
SMALL = 30_000


def candidates(gaz: Gazetteer, keys: set[str]) -> dict[str, list[Ranked]]:
    """Ranked candidates per name key; kept across calls (names recur from text to text)."""
    ranked = _RANKED.get(id(gaz))
    if ranked is None or len(ranked) > 100_000:
        ranked = _RANKED[id(gaz)] = {}
        _FACTS[id(gaz)] = {}
    out = {k: ranked[k] for k in keys if k in ranked}
    missing = keys - out.keys()
    if missing:
        for k, matches in gaz.lookup_many(missing, memo=False).items():
            out[k] = ranked[k] = rank(matches)
        for k in missing - out.keys():
            out[k] = ranked[k] = []
    return out


def facts(gaz: Gazetteer, key: str, ranked: list[Ranked]) -> Facts:
    table = _FACTS.get(id(gaz))
    if table is None:
        table = _FACTS[id(gaz)] = {}
    found = table.get(key)
    if found is None:
        found = table[key] = _facts(ranked)
    return found


def _facts(ranked: list[Ranked]) -> Facts:
    big = big_own = big_alias = big_alias_own = big_any = country_or_region = False
    abbreviation = False
    all_small = True
    cities = []
    for r in ranked:  # one pass: this runs for every name a process meets
        feature, kind = r.place.feature, r.kind
        if feature == "populated_place":
            cities.append(r)
            if r.place.population >= SMALL:
                all_small = False
            continue
        all_small = False
        if feature not in BIG:
            continue
        big_any = True
        large = feature != "admin1" or r.place.population >= 300_000
        if kind <= NameKind.ALIAS:
            big_alias = True
            big = big or large
            if kind == NameKind.PRIMARY:
                big_alias_own = True
                big_own = big_own or large
        if kind in (NameKind.ALIAS, NameKind.CODE):
            abbreviation = True
        if feature in ("country", "region"):
            country_or_region = True
    return Facts(
        big=big,
        big_own=big_own,
        big_alias=big_alias,
        big_alias_own=big_alias_own,
        big_any=big_any,
        country_or_region=country_or_region,
        abbreviation=abbreviation,
        all_small=all_small,
        top_population=ranked[0].place.population if ranked else 0,
        top_big=bool(ranked) and ranked[0].place.feature in BIG,
        cities=tuple(cities),
    )


@lru_cache(maxsize=4)
def abbreviations(gaz: Gazetteer) -> frozenset[str]:
    """The gazetteer's abbreviation keys, kept in the user cache next to the index (the query
    takes a fifth of a second; the file is named after the index's size and time)."""
    path: Path | None = None
    try:
        stat = os.stat(gaz.path)
        path = cache_dir() / f"abbreviations-{stat.st_size}-{stat.st_mtime_ns}.txt"
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except (OSError, AttributeError, TypeError):
        pass
    keys = gaz.abbreviation_keys()
    if path is not None:
        from explorer.files import atomic_write_text

        with contextlib.suppress(OSError):
            atomic_write_text(path, "\n".join(sorted(keys)))
    return keys


# A frequent word that is a city's name is an everyday word only if it is much more frequent
# than its city explains: zipf frequency - log10(population) / 2 above this ("nice" 2.6,
# "reading" 2.4, "mobile" 2.2), not ("london" 1.8, "boston" 1.8, "atlanta" 1.5, "oxford" 1.8).
EVERYDAY_MARGIN = 1.8
EVERYDAY_CITY = 100_000  # ... and names a place this large


@lru_cache(maxsize=4)
def everyday_words(gaz: Gazetteer) -> frozenset[str]:
    """The most frequent English words (see :func:`common_words`) less the names of places
    that are frequent because they are places ("Boston", "Atlanta", "Oxford", "America").

    Kept in the user cache next to the index (computing it imports wordfreq)."""
    from explorer.gazetteer.store import data_version, dist_version
    from explorer.places.lexicon import common_words

    path: Path | None = None
    with contextlib.suppress(OSError, ValueError):
        path = cache_dir() / (
            f"everyday-words-{dist_version('wordfreq')}-{data_version()}"
            f"-{EVERYDAY_MARGIN}-{EVERYDAY_CITY}-3.txt"
        )
        return frozenset(path.read_text(encoding="utf-8").split())
    words = common_words()
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return words
    import math

    ranked = candidates(gaz, set(words))
    out = set(words)
    for word in words:
        own = [r.place for r in ranked.get(word, ()) if r.kind <= NameKind.ALIAS]
        # its largest place, or all its cities this large together: "Cambridge" is three
        # cities of 110,000-150,000 people
        people = max(
            max((p.population for p in own), default=0),
            sum(
                p.population
                for p in own
                if p.feature == "populated_place" and p.population >= EVERYDAY_CITY
            ),
        )
        if (
            people >= EVERYDAY_CITY
            and zipf_frequency(word, "en") - math.log10(people + 1) / 2 < EVERYDAY_MARGIN
        ):
            out.discard(word)
    result = frozenset(out)
    if path is not None:
        from explorer.files import atomic_write_text

        with contextlib.suppress(OSError):
            atomic_write_text(path, "\n".join(sorted(result)))
    return result

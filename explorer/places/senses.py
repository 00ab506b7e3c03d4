"""The senses of a name: its gazetteer candidates with a context-free prior (population,
feature kind, how the name belongs to the place), and what the article says about the name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from explorer.gazetteer import Match
from explorer.geocoding.rank import Ranked, capitals, country_key, prior
from explorer.model import Place

__all__ = ["Area", "Name", "Ranked", "capitals", "country_key", "inside", "rank"]

MAX_CANDIDATES = 40

Area = tuple[str, str | None]


def rank(matches: Iterable[Match]) -> list[Ranked]:
    """A name's senses best first by their context-free prior (the geocoder's ranking, less
    the national-capital bonus, which the article's context decides: see ``coherence``)."""
    return prior(matches)[:MAX_CANDIDATES]


def inside(place: Place, areas: set[Area]) -> bool:
    return any(
        place.country_code == cc and (a1 is None or place.admin1_code == a1) for cc, a1 in areas
    )


class Name:
    """One distinct name of the article and what the article says about it."""

    __slots__ = ("cands", "demonym", "home", "key", "peers", "qualified", "regional", "text")

    def __init__(
        self,
        key: str,
        text: str,
        cands: list[Ranked],
        demonym: bool = False,
        qualified: tuple[set[Area], str] | None = None,
        peers: frozenset[str] = frozenset(),
        home: Any = None,
    ) -> None:
        self.key = key
        self.text = text
        self.cands = cands
        self.demonym = demonym
        self.qualified = qualified  # the first qualifier seen for the name
        self.peers = peers  # names listed with it ("Ohio, Iowa and Utah")
        self.home = home  # where a defining clause puts it (definitions.Home)
        self.regional = False  # the text calls it a province, state... ("Kandahar province")

"""Which state (or country) a town lies in, when the article does not say.

Most local news names its town alone ("a shooting in Springfield"). The geoparser picks the
likeliest town of that name from the article's other places; here the choice is checked
against the article's regional evidence, each weighed by how surely it points to a region:

* a state or country named in the text ("North Carolina", "N.C."), or as a qualifier of a
  town ("Durham, N.C.");
* the dateline's town, and the title's places (the site's name often ends the title:
  "... - Denver Post");
* the states of the other towns of the article (each a weak vote).

When the evidence points to another state than the chosen town's, and a town of that name
lies in that state, that town is taken instead, and the evidence says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explorer.model import Place, PlaceMention

__all__ = ["Settled", "region_votes", "settle_region"]


@dataclass(frozen=True, slots=True)
class Settled:
    place: Place | None
    evidence: str


def region_votes(
    mentions: Sequence[PlaceMention], chosen: PlaceMention | None, *, title_end: int = 0
) -> dict[str, float]:
    """Votes per ``"CC.A1"`` region from the article's places (the chosen one left out)."""
    votes: dict[str, float] = {}
    for m in mentions:
        p = m.place
        if p is None or m is chosen or not p.admin1_code or not p.country_code:
            continue
        key = f"{p.country_code}.{p.admin1_code}"
        if p.feature == "admin1":
            w = 2.0
        elif p.feature == "admin2":
            w = 1.0
        elif p.feature == "populated_place":
            w = 0.6 if m.score >= 0.9 else 0.3
        else:
            continue
        if m.start < title_end:
            w *= 1.5
        votes[key] = votes.get(key, 0.0) + w
    return votes


def _qualifier_after(
    text: str, chosen: PlaceMention, mentions: Sequence[PlaceMention]
) -> Place | None:
    """The state or country written right after the chosen place ("HOWLAND, Ohio")."""
    for m in mentions:
        if m.start > chosen.end + 3:
            break
        if (
            m.start > chosen.end
            and m.place is not None
            and m.place.feature in ("admin1", "country")
            and text[chosen.end : m.start].strip() == ","
        ):
            return m.place
    return None


def _within(place: Place, region: str) -> bool:
    country, _, admin1 = region.partition(".")
    return place.country_code == country and (not admin1 or place.admin1_code == admin1)


def _key(place: Place) -> str:
    if place.feature == "country":
        return place.country_code or ""
    return f"{place.country_code}.{place.admin1_code}"


def _moved(
    chosen: PlaceMention, mentions: Sequence[PlaceMention], region: str, why: str
) -> Settled | None:
    """The chosen name's town in ``region``; else the article's likeliest place there (a
    county, another town), else ``None``."""
    from explorer.geocoding import candidates

    country, _, admin1 = region.partition(".")
    try:
        found = candidates(chosen.text, country=country, admin1=admin1 or None)
    except Exception:  # a name the query syntax refuses: keep the geoparser's answer
        found = []
    found = [f for f in found if f.feature in ("populated_place", "admin2")]
    if found:
        return Settled(found[0], f"{why} ({region})")
    for feature in ("admin2", "populated_place", "admin1"):
        for m in mentions:
            if m.place is not None and m.place.feature == feature and _within(m.place, region):
                return Settled(m.place, f"{why}; no {chosen.text} there, so {m.text}")
    return None


def settle_region(
    text: str,
    chosen: PlaceMention,
    mentions: Sequence[PlaceMention],
    *,
    title_end: int = 0,
    extra: dict[str, float] | None = None,
    dateline: bool = False,
    votes_count: bool = True,
) -> Settled:
    """The chosen mention's place, moved to the state the article's evidence points to when
    its name has a town there; ``extra``: more votes per region (the site's state);
    ``dateline``: the chosen mention is the story's dateline (a town the site writes from is
    not traded for another place of the article when the voted state has none of its name);
    ``votes_count``: ``False`` when the other places say nothing of the region (a sentence
    alone: "captured in Tetouan and taken to Rabat" names two regions, neither the story's)."""
    place = chosen.place
    if place is None or place.feature not in ("populated_place", "admin2"):
        return Settled(place, "")
    qualifier = _qualifier_after(text, chosen, mentions)
    if qualifier is not None:
        if _within(place, _key(qualifier)):
            return Settled(place, "")
        moved = _moved(chosen, mentions, _key(qualifier), "state written after the town")
        return moved or Settled(qualifier, f"state written after the town ({qualifier.name})")
    if not votes_count:
        return Settled(place, "")
    votes = region_votes(mentions, chosen, title_end=title_end)
    for key, weight in (extra or {}).items():
        votes[key] = votes.get(key, 0.0) + weight
    if not votes or "qualified" in chosen.reason:
        return Settled(place, "")
    top = max(votes, key=lambda k: votes[k])
    own = f"{place.country_code}.{place.admin1_code}"
    if own == top or votes.get(own, 0.0) >= votes[top] * 0.5 or votes[top] < 0.6:
        return Settled(place, "")
    moved = _moved(chosen, mentions, top, "state from the article's places")
    if (
        dateline
        and moved is not None
        and moved.place is not None
        and moved.place.name != place.name
    ):
        return Settled(place, "")
    if moved is None or moved.place is None or moved.place.feature == "admin1":
        return Settled(place, "")
    return moved

"""Grouping reports into incidents: the same incident in several reports, two incidents in one
town and week, incremental joins, determinism, specifics."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from explorer.incidents.group import Grouper, assign_ids, group_reports
from explorer.incidents.model import IncidentReport
from explorer.incidents.specifics import find_specifics
from explorer.model import Place

MCKEESPORT = Place("gn:5202215", "McKeesport", "populated_place", 40.3479, -79.8642, "US", "PA")
DUQUESNE = Place("gn:5187432", "Duquesne", "populated_place", 40.3815, -79.8598, "US", "PA")
TULSA = Place("gn:4553433", "Tulsa", "populated_place", 36.1540, -95.9928, "US", "OK")
PENNSYLVANIA = Place("gn:6254927", "Pennsylvania", "admin1", 40.9, -77.8, "US", "PA")
D = dt.date


def report(
    aid: str,
    title: str,
    day: dt.date,
    place: Place | None = MCKEESPORT,
    *,
    published: dt.date | None = None,
    label: str = "shooting",
    killed: int | None = None,
    precision: str = "town",
    source: str | None = None,
) -> IncidentReport:
    return IncidentReport(
        article_id=aid,
        label=label,
        category="crime",
        place=place,
        place_precision=None if place is None else precision,  # type: ignore[arg-type]
        start=day,
        end=day,
        date_precision="day",
        killed=killed,
        published=published or day,
        title=title,
        source=source,
        confidence=0.5,
    )


PARTY = "Four shot at McKeesport New Year's Eve party on Versailles Avenue"
PARTY_TEXT = (
    "Police issue warrant for 20-year-old Julian Sims. The shooting happened near the "
    "intersection of Versailles Avenue and Coursin Street before 3:15 a.m. at a house party."
)
PARTY_REPORTS = [
    (report("a1", PARTY, D(2013, 1, 1), source="KDKA"), PARTY_TEXT),
    (
        report("a2", "Man sought in McKeesport party shooting", D(2013, 1, 1), source="Post"),
        "Julian Sims, 20, is wanted after four people were shot at a New Year's Eve party "
        "on Versailles Avenue in McKeesport.",
    ),
    (
        report(
            "a3",
            "Suspect in New Year's party shooting arrested",
            D(2013, 1, 17),
            published=D(2013, 1, 17),
            source="Tribune",
        ),
        "U.S. Marshals arrested Julian Sims, 20, suspected of shooting four people at a "
        "McKeesport house party on Versailles Avenue on New Year's Day.",
    ),
]
OTHER = (
    report("b1", "Teen wounded in McKeesport drive-by on Walnut Street", D(2013, 1, 2)),
    "A 16-year-old boy was hit in the leg when shots were fired from a car on Walnut Street "
    "late Wednesday. Police are looking for a dark sedan.",
)


def _texts(pairs: list[tuple[IncidentReport, str]]) -> dict[str, str]:
    return {r.article_id: t for r, t in pairs}


def test_same_incident_in_several_reports_shares_one_id() -> None:
    pairs = [*PARTY_REPORTS, OTHER]
    ids = assign_ids([r for r, _ in pairs], _texts(pairs))
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[0]


def test_two_incidents_in_one_town_and_week_stay_apart() -> None:
    pairs = [
        (
            report("c1", "Man shot dead outside bar on Fifth Avenue", D(2014, 5, 3)),
            "Michael Brown, 34, was shot outside a bar on Fifth Avenue on Saturday night.",
        ),
        (
            report("c2", "Woman wounded in shooting on Locust Street", D(2014, 5, 4)),
            "Sarah Jones, 27, was wounded by a stray bullet on Locust Street on Sunday.",
        ),
        (
            report("c3", "Police identify man killed on Fifth Avenue", D(2014, 5, 4)),
            "The man shot outside a bar on Fifth Avenue was Michael Brown, 34, police said.",
        ),
    ]
    ids = assign_ids([r for r, _ in pairs], _texts(pairs))
    assert ids[0] == ids[2]
    assert ids[1] != ids[0]


def test_incremental_join_keeps_ids() -> None:
    g = Grouper()
    first = g.add([r for r, _ in PARTY_REPORTS[:2]] + [OTHER[0]], _texts([*PARTY_REPORTS, OTHER]))
    later = g.add([PARTY_REPORTS[2][0]], _texts(PARTY_REPORTS))
    assert later == [first[0]]  # the follow-up joins the existing incident
    unrelated = report("z1", "Flood closes Tulsa roads", D(2013, 1, 17), TULSA, label="flood")
    newer = g.add([unrelated])
    assert newer[0] not in first
    incidents = {inc.incident_id: inc for inc in g.incidents()}
    assert len(incidents) == len(g) == 3
    assert incidents[first[0]].article_ids == ("a1", "a2", "a3")
    # the ids the first call gave are the ids the incidents still have
    assert set(first) <= set(incidents)


def test_incremental_never_merges_two_existing_incidents() -> None:
    g = Grouper()
    a = g.add([report("m1", "Shooting on Main Street", D(2015, 3, 1))])
    b = g.add([report("m2", "Robbery in McKeesport bank", D(2015, 3, 9))])
    # a report close to both joins at most one of them
    c = g.add([report("m3", "Shooting on Main Street, robbery at McKeesport bank", D(2015, 3, 5))])
    assert a != b
    assert len({a[0], b[0], c[0]}) >= 2
    assert {inc.incident_id for inc in g.incidents()} >= {a[0], b[0]}


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_ids_do_not_depend_on_input_order(order: tuple[int, ...]) -> None:
    pairs = [*PARTY_REPORTS, OTHER]
    texts = _texts(pairs)
    ids = assign_ids([r for r, _ in pairs], texts)
    expected = {r.article_id: i for (r, _), i in zip(pairs, ids, strict=True)}
    shuffled = [pairs[k][0] for k in order]
    got = {r.article_id: i for r, i in zip(shuffled, assign_ids(shuffled, texts), strict=True)}
    assert got == expected


@pytest.mark.parametrize(
    ("place", "joins"),
    [
        (DUQUESNE, True),  # 4 km away: the same incident placed in the next town
        (TULSA, False),  # 1,500 km away: never
        (PENNSYLVANIA, True),  # known only to the state it is in
        (None, True),  # no place: a shared name and wording still join
    ],
)
def test_place_compatibility(place: Place | None, joins: bool) -> None:
    pairs = [
        PARTY_REPORTS[0],
        (
            report(
                "p2",
                PARTY,
                D(2013, 1, 1),
                place,
                precision="region" if place is PENNSYLVANIA else "town",
            ),
            PARTY_TEXT,
        ),
    ]
    ids = assign_ids([r for r, _ in pairs], _texts(pairs))
    assert (ids[0] == ids[1]) is joins


@pytest.mark.parametrize(
    ("text", "joins"),
    [
        # months later, naming the suspect: a follow-up
        ("Julian Sims, 20, was sentenced for the Versailles Avenue party shooting.", True),
        # months later, nothing in common but the town: another story
        ("A McKeesport man was sentenced for a robbery downtown last spring.", False),
    ],
)
def test_follow_up_months_later_joins_on_specifics(text: str, joins: bool) -> None:
    later = report("f1", "Man sentenced in McKeesport", D(2013, 9, 20))
    ids = assign_ids([PARTY_REPORTS[0][0], later], {"a1": PARTY_TEXT, "f1": text})
    assert (ids[0] == ids[1]) is joins


def test_two_reports_of_one_article_stay_apart() -> None:
    one = report("s1", PARTY, D(2013, 1, 1))
    ids = assign_ids([one, one], {"s1": PARTY_TEXT})
    assert ids[0] != ids[1]


def test_incident_consensus() -> None:
    r1 = report("k1", PARTY, D(2013, 1, 1), killed=0, source="KDKA")
    r2 = report("k2", PARTY, D(2013, 1, 1), DUQUESNE, killed=1, source="Post")
    r3 = report("k3", PARTY, D(2013, 1, 2), killed=None, source="KDKA", published=D(2013, 1, 3))
    texts = {k: PARTY_TEXT for k in ("k1", "k2", "k3")}
    (inc,) = group_reports([r3, r2, r1], texts)
    assert inc.article_ids == ("k1", "k2", "k3")
    assert inc.sources == ("KDKA", "Post")
    assert inc.start == inc.end == D(2013, 1, 1)  # the day most reports give
    assert inc.killed == 1  # the largest toll reported
    assert inc.first_reported == D(2013, 1, 1)
    assert inc.place is not None and inc.place.key in (MCKEESPORT.key, DUQUESNE.key)
    assert inc.confidence == pytest.approx(0.875)


def test_empty() -> None:
    assert assign_ids([]) == []
    assert group_reports([]) == []
    assert Grouper().incidents() == []


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Police identified the victim as Julian Sims, 20, of the 1500 block of Versailles "
            "Avenue.",
            {"person:julian sims", "age:20", "street:versailles avenue"},
            set(),
        ),
        (
            "Shots were fired at 1506 Versailles Ave. late Monday.",
            {"address:1506 versailles avenue"},
            set(),
        ),
        ("By Sam Charles\n\nTwo men were shot.", set(), {"person:sam charles"}),
        ("Police Sgt. Jesse Salame said the men fled.", set(), {"person:jesse salame"}),
        ("Josh McGhee, a police spokesman, said.", set(), {"person:josh mcghee"}),
        ("A nine-year-old was hit. John Doe, 20, died.", {"person:john doe", "age:20"}, set()),
    ],
)
def test_find_specifics(text: str, present: set[str], absent: set[str]) -> None:
    found = find_specifics("", text)
    assert present <= found
    assert not absent & found

"""``Grouper(stream=True)``: time-ordered batches give the ids the plain Grouper gives, while
what no later report can reach is forgotten (bounded memory on a long stream)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from explorer.incidents.group import FOLLOW_UP_DAYS, Grouper
from explorer.incidents.model import IncidentReport
from explorer.model import Place

TOWNS = [
    Place("gn:1", "McKeesport", "populated_place", 40.3479, -79.8642, "US", "PA"),
    Place("gn:2", "Tulsa", "populated_place", 36.1540, -95.9928, "US", "OK"),
    Place("gn:3", "Dayton", "populated_place", 39.7589, -84.1916, "US", "OH"),
]
WORDS = [f"word{k}" for k in range(60)]


def _weeks(seed: int, weeks: int) -> list[list[IncidentReport]]:
    rng = random.Random(seed)
    out: list[list[IncidentReport]] = []
    n = 0
    for w in range(weeks):
        batch = []
        for _ in range(rng.randrange(1, 6)):
            day = dt.date(2015, 1, 5) + dt.timedelta(days=7 * w + rng.randrange(7))
            topic = rng.sample(WORDS, 6)
            victim = f"person:ann {rng.choice(WORDS)}"
            specifics = frozenset({victim}) if rng.random() < 0.7 else frozenset()
            for k in range(rng.choice((1, 2, 3))):
                batch.append(
                    IncidentReport(
                        article_id=f"a{n}",
                        label="shooting",
                        category="crime",
                        place=rng.choice(TOWNS),
                        place_precision="town",
                        start=day,
                        end=day,
                        date_precision="day",
                        specifics=specifics,
                        published=day + dt.timedelta(days=k),
                        title=" ".join(topic[:4] + rng.sample(WORDS, 3)),
                    )
                )
                n += 1
        out.append(batch)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stream_gives_the_plain_groupers_ids(seed: int) -> None:
    weeks = _weeks(seed, 30)
    plain, stream = Grouper(), Grouper(stream=True)
    for batch in weeks:
        assert stream.add(batch) == plain.add(batch)
    assert stream.incidents() == plain.incidents()


def test_stream_forgets_old_reports_but_keeps_named_ones() -> None:
    named = IncidentReport(
        article_id="n1",
        label="shooting",
        category="crime",
        place=TOWNS[0],
        place_precision="town",
        start=dt.date(2015, 1, 5),
        end=dt.date(2015, 1, 5),
        date_precision="day",
        specifics=frozenset({"person:julian sims"}),
        published=dt.date(2015, 1, 5),
        title="Man shot on Versailles Avenue",
    )
    g = Grouper(stream=True)
    first = g.add([named])
    g.add(_weeks(4, 20)[-1])  # months later: the first report has left the place index
    assert all(i != 0 for rows in g._cells.values() for _, i in rows)
    assert g._items[0].vec  # named: kept for a follow-up
    later = IncidentReport(
        article_id="n2",
        label="shooting",
        category="crime",
        place=TOWNS[0],
        place_precision="town",
        start=dt.date(2015, 6, 1),
        end=dt.date(2015, 6, 1),
        date_precision="day",
        specifics=frozenset({"person:julian sims"}),
        published=dt.date(2015, 6, 1),
        title="Julian Sims charged in Versailles Avenue shooting",
    )
    assert g.add([later]) == first
    far = dt.date(2015, 6, 1) + dt.timedelta(days=FOLLOW_UP_DAYS + 200)
    g.add([IncidentReport(article_id="z", label="flood", start=far, end=far)])
    assert not g._items[0].vec and not g._items[0].people  # beyond any follow-up: forgotten
    assert len(g.incidents()) == len(g)

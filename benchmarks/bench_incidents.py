"""Incident grouping speed: reports grouped per second (explorer.incidents.group), in one call
and in incremental batches, on synthetic reports. Prints figures; asserts nothing about time.

.venv/bin/python benchmarks/bench_incidents.py                     # 1,000,000 reports
.venv/bin/python benchmarks/bench_incidents.py --reports 100000    # a quick run

Synthetic reports: incidents at random points around towns (400, or one per 250 reports, so
that a bigger run is a bigger country, not a busier town) over four years (busier towns have
more), each told by 1-5 reports published over the next days, some months later; each
report names the victim (a random full name) in its specifics and has a title of 8 words from
a 2,000-word vocabulary, so every report has candidates to score in its cell and week.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.incidents.group import Grouper
from explorer.incidents.model import IncidentReport
from explorer.model import Place

FIRST = ["james", "maria", "john", "linda", "michael", "sarah", "david", "lisa", "robert", "anna"]


def make_reports(n: int, seed: int = 1) -> list[IncidentReport]:
    rng = random.Random(seed)
    towns = [
        Place(f"t{k}", f"Town {k}", "populated_place", rng.uniform(26, 48), rng.uniform(-123, -70))
        for k in range(max(400, n // 250))
    ]
    weights = [1.0 / (k + 1) for k in range(len(towns))]  # a few big cities, many small towns
    words = [f"w{k}" for k in range(2000)]
    day0 = dt.date(2014, 1, 1).toordinal()
    out: list[IncidentReport] = []
    incident = 0
    while len(out) < n:
        incident += 1
        town = rng.choices(towns, weights)[0]
        place = Place(
            town.key,
            town.name,
            town.feature,
            town.latitude + rng.uniform(-0.05, 0.05),
            town.longitude + rng.uniform(-0.05, 0.05),
        )
        day = dt.date.fromordinal(day0 + rng.randrange(4 * 365))
        victim = f"person:{rng.choice(FIRST)} {rng.choice(words)}"
        topic = rng.sample(words, 5)
        for r in range(rng.choice((1, 1, 2, 2, 3, 5))):
            late = rng.random() < 0.1
            published = day + dt.timedelta(days=rng.randrange(60, 300) if late else r)
            title = " ".join(topic[:4] + rng.sample(words, 4))
            out.append(
                IncidentReport(
                    article_id=f"a{len(out)}",
                    label="shooting",
                    category="crime",
                    place=place,
                    place_precision="town",
                    start=day,
                    end=day,
                    date_precision="day",
                    specifics=frozenset({victim}),
                    published=published,
                    title=title,
                )
            )
    return out[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--batches", type=int, default=10, help="for the incremental run")
    args = ap.parse_args()
    reports = make_reports(args.reports)
    print(f"{len(reports):,} synthetic reports")

    t = time.perf_counter()
    g = Grouper()
    g.add(reports)
    one = time.perf_counter() - t
    print(
        f"one call: {one:.1f} s, {len(reports) / one:,.0f} reports/s, "
        f"{len(g):,} incidents ({len(g) / one:,.0f} incidents/s)"
    )

    t = time.perf_counter()
    g = Grouper()
    step = -(-len(reports) // args.batches)
    for k in range(0, len(reports), step):
        g.add(reports[k : k + step])
    inc = time.perf_counter() - t
    print(
        f"{args.batches} incremental batches: {inc:.1f} s, {len(reports) / inc:,.0f} reports/s, "
        f"{len(g):,} incidents"
    )
    t = time.perf_counter()
    rows = len(g.incidents())
    print(f"incident records (consensus) for {rows:,} incidents: {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()

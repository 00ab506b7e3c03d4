"""Incident grouping speed: reports grouped per second (explorer.incidents.group), in one call
and in incremental batches, on synthetic reports. Prints figures; asserts nothing about time.

.venv/bin/python benchmarks/bench_incidents.py                     # 1,000,000 reports
.venv/bin/python benchmarks/bench_incidents.py --reports 100000    # a quick run

Runs: one call and 10 incremental batches (only up to --whole reports: they hold every report
at once), and a stream: the reports made and grouped week by week in time order with
``Grouper(stream=True)``, which forgets what no later report can reach (bounded memory; the
peak resident memory of the process is printed).

Synthetic reports: incidents at random points around towns (400, or one per 250 reports, each
400 with the same few big cities and many small towns, so that a bigger run is a bigger
country, not a busier town) over four years (busier towns have
more), each told by 1-5 reports published over the next days, some months later; each
report names the victim (a random full name; surnames one per 50 reports, at least 2,000) in
its specifics and has a title of 8 words from a 2,000-word vocabulary, so every report has
candidates to score in its cell and week.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.incidents.group import Grouper
from explorer.incidents.model import IncidentReport
from explorer.model import Place

FIRST = ["james", "maria", "john", "linda", "michael", "sarah", "david", "lisa", "robert", "anna"]


def _weights(towns: int) -> list[float]:
    """A few big cities, many small towns, in every 400 towns alike: a bigger run is a bigger
    country with more cities, not a busier city (harmonic weights over all the towns would
    give the busiest town 11% of a million reports, 75 a day, where a real city has a few)."""
    return [1.0 / (k % 400 + 1) for k in range(towns)]


def _surnames(n: int) -> list[str]:
    """Victims' surnames: as many more as reports (2,000 up to 100,000 reports), so that a name
    is held by as many reports at any size (a fixed 2,000 made every name recur ~50 times in a
    million reports, all of them candidates of each other)."""
    return [f"w{k}" for k in range(max(2000, n // 50))]


def make_reports(n: int, seed: int = 1) -> list[IncidentReport]:
    rng = random.Random(seed)
    towns = [
        Place(f"t{k}", f"Town {k}", "populated_place", rng.uniform(26, 48), rng.uniform(-123, -70))
        for k in range(max(400, n // 250))
    ]
    weights = _weights(len(towns))
    words = [f"w{k}" for k in range(2000)]
    surnames = _surnames(n)
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
        victim = f"person:{rng.choice(FIRST)} {rng.choice(surnames)}"
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


def stream_reports(n: int, seed: int = 1, days: int = 7) -> Iterator[list[IncidentReport]]:
    """About ``n`` reports like :func:`make_reports`', made in batches of ``days`` days of
    incident dates, in time order (only one batch is held at a time)."""
    rng = random.Random(seed)
    towns = [
        (f"t{k}", f"Town {k}", rng.uniform(26, 48), rng.uniform(-123, -70))
        for k in range(max(400, n // 250))
    ]
    weights = _weights(len(towns))
    words = [f"w{k}" for k in range(2000)]
    surnames = _surnames(n)
    day0 = dt.date(2014, 1, 1).toordinal()
    per_day = n / 2.33 / (4 * 365)  # 2.33 reports per incident on average
    made = 0
    for first in range(0, 4 * 365, days):
        batch: list[IncidentReport] = []
        for _ in range(round(per_day * min(days, 4 * 365 - first))):
            key, name, lat, lon = rng.choices(towns, weights)[0]
            place = Place(
                key,
                name,
                "populated_place",
                lat + rng.uniform(-0.05, 0.05),
                lon + rng.uniform(-0.05, 0.05),
            )
            day = dt.date.fromordinal(day0 + first + rng.randrange(days))
            victim = f"person:{rng.choice(FIRST)} {rng.choice(surnames)}"
            topic = rng.sample(words, 5)
            for r in range(rng.choice((1, 1, 2, 2, 3, 5))):
                late = rng.random() < 0.1
                batch.append(
                    IncidentReport(
                        article_id=f"a{made}",
                        label="shooting",
                        category="crime",
                        place=place,
                        place_precision="town",
                        start=day,
                        end=day,
                        date_precision="day",
                        specifics=frozenset({victim}),
                        published=day + dt.timedelta(days=rng.randrange(60, 300) if late else r),
                        title=" ".join(topic[:4] + rng.sample(words, 4)),
                    )
                )
                made += 1
        yield batch


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_stream(n: int) -> None:
    t = time.perf_counter()
    g = Grouper(stream=True)
    count = 0
    for batch in stream_reports(n):
        g.add(batch)
        count += len(batch)
    took = time.perf_counter() - t
    print(
        f"stream of {count:,} reports (weekly batches, Grouper(stream=True)): {took:.1f} s, "
        f"{count / took:,.0f} reports/s, {len(g):,} incidents; peak memory {_peak_mb():,.0f} MB"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--batches", type=int, default=10, help="for the incremental run")
    ap.add_argument(
        "--whole", type=int, default=200_000, help="one call and batches only up to this many"
    )
    args = ap.parse_args()
    run_stream(args.reports)
    if args.reports > args.whole:
        return
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

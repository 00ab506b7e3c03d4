"""Scale figures: Dask ingest throughput (1 and 2 workers), and filters, map and timeline on
1,000,000 events in Parquet queried with DuckDB. Prints figures; asserts nothing about time.

.venv/bin/python benchmarks/bench_scale.py                      # the issue's sizes (~15 min)
.venv/bin/python benchmarks/bench_scale.py --articles 2000 --events 100000   # a quick run
.venv/bin/python benchmarks/bench_scale.py --articles 10000 --incidents --skip-queries
    # ingest with incidents (dask_ingest(..., incidents=True)): incidents per second
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_corpus, write_events_dataset


def _median_ms(fn: Callable[[], Any], runs: int = 5) -> float:
    fn()  # warm: file metadata cached, as in a panel that is already open
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def bench_ingest(
    folder: Path, articles: int, workers: list[int], out: Path, incidents: bool = False
) -> None:
    from explorer.scale import connect, dask_ingest
    from explorer.scale.cluster import warm_up

    t = time.perf_counter()
    make_corpus(folder, articles)
    print(f"synthetic corpus: {articles:,} articles written in {time.perf_counter() - t:.1f} s")
    rates: dict[int, float] = {}
    for n in workers:
        t = time.perf_counter()
        with connect(workers=n) as client:
            client.run(warm_up)  # each worker opens the gazetteer once, as a long run does
            started = time.perf_counter() - t
            result = dask_ingest([folder], out / f"w{n}", client=client, incidents=incidents)
        rates[n] = result.articles / result.seconds
        print(
            f"dask ingest, {n} worker(s): {result.seconds:.1f} s for {result.articles:,} "
            f"articles = {rates[n]:.0f} articles/s, {result.events:,} events in "
            f"{len(result.parts)} part file(s) (LocalCluster start + warm-up {started:.1f} s)"
        )
        if result.incidents is not None:
            print(
                f"  with incidents: {result.incidents:,} incidents = "
                f"{result.incidents / result.seconds:.0f} incidents/s (found, grouped, written)"
            )
    if 1 in rates and len(rates) > 1:
        best = max(rates)
        print(f"speed-up, {best} workers over 1: {rates[best] / rates[1]:.2f}x")


def bench_queries(folder: Path, events: int) -> None:
    from explorer.events import Criteria
    from explorer.scale import open_events
    from explorer.views.map import build_map
    from explorer.views.offline import chart_html
    from explorer.views.panel import Explorer
    from explorer.views.timeline import build_timeline

    t = time.perf_counter()
    write_events_dataset(folder, events)
    size = sum(f.stat().st_size for f in folder.glob("*.parquet")) / 1e6
    print(
        f"synthetic events: {events:,} in Parquet ({size:.0f} MB) written in "
        f"{time.perf_counter() - t:.1f} s"
    )
    table = open_events(folder)
    cases = {
        "date range": Criteria(start=dt.date(2015, 1, 1), end=dt.date(2015, 6, 30)),
        "countries + category": Criteria(countries=["AA", "BB"], categories=["military"]),
        "place": Criteria(places=["Place 12"]),
        "text search": Criteria(text="place 12"),
        "min confidence": Criteria(min_confidence=0.5),
        "unresolved only": Criteria(unresolved_only=True),
        "everything": Criteria(
            start=dt.date(2015, 1, 1),
            end=dt.date(2016, 12, 31),
            countries=["AA"],
            categories=["military"],
            text="troops",
            min_confidence=0.2,
        ),
    }
    for label, criteria in cases.items():
        n = len(table.filter(criteria))
        ms = _median_ms(lambda c=criteria: table.filter(c).count())  # type: ignore[misc]
        print(
            f"filter {events:,} events ({label}, {n:,} kept): {ms:.0f} ms median (target < 200 ms)"
        )
    t = time.perf_counter()
    panel = Explorer(table)
    print(f"Explorer panel on {events:,} events: opens in {time.perf_counter() - t:.2f} s")
    choices = [("AA",), ("AA", "BB"), ("BB",), ("CC", "DD"), ()]
    times = []
    for countries in choices * 2:
        t = time.perf_counter()
        panel.countries.value = countries  # filter, count, first 200 rows; the map follows
        times.append(time.perf_counter() - t)
    print(
        f"Explorer panel, {events:,} events: filter + count + first 200 rows "
        f"{statistics.median(times) * 1000:.0f} ms median"
    )
    t = time.perf_counter()
    page = build_map(table).get_root().render()
    print(
        f"map, {events:,} events (grid counts, heat map, 2,000 sampled markers): built and "
        f"rendered in {time.perf_counter() - t:.2f} s, {len(page.encode()) / 1e6:.1f} MB of HTML"
        " (targets < 5 s, < 5 MB)"
    )
    t = time.perf_counter()
    chart = build_timeline(table)
    spec = chart.to_dict()
    built = time.perf_counter() - t
    html = chart_html(chart)
    rows = len(next(iter(spec["datasets"].values())))
    unit = spec["encoding"]["x"]["title"].split()[-1].rstrip(")")
    print(
        f"timeline, {events:,} events (counts per {unit},"
        f" {rows:,} bars): built in {built:.2f} s, {time.perf_counter() - t:.2f} s with its "
        f"HTML, {len(html.encode()) / 1e6:.1f} MB of HTML, Vega inlined (targets < 5 s, < 5 MB)"
    )
    from explorer.export import briefing_html

    t = time.perf_counter()
    brief = briefing_html(table, title="Benchmark")
    print(
        f"briefing, {events:,} events: {time.perf_counter() - t:.2f} s, "
        f"{len(brief.encode()) / 1e6:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--workers", default="1,2", help="Dask worker counts to time")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--incidents", action="store_true", help="ingest with incidents too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        root = Path(tmp)
        if not args.skip_ingest:
            counts = [int(w) for w in args.workers.split(",") if w.strip()]
            bench_ingest(root / "corpus", args.articles, counts, root / "ingested", args.incidents)
        if not args.skip_queries:
            bench_queries(root / "events", args.events)


if __name__ == "__main__":
    main()

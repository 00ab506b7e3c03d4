"""Every benchmark, one after the other (``make bench``). Prints figures; asserts nothing."""

from __future__ import annotations

import runpy
from pathlib import Path

HERE = Path(__file__).parent

for name in ("bench_gazetteer", "bench_text", "bench_ingest", "bench_views"):
    print(f"== {name}")
    runpy.run_path(str(HERE / f"{name}.py"), run_name="__main__")

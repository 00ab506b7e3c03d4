"""Ingest throughput on a synthetic 1,000-article corpus (generated into a temporary folder).

.venv/bin/python benchmarks/bench_ingest.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_corpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    from explorer.events import ingest
    from explorer.places import geoparse

    geoparse("Warm up in Mosul.")  # load the gazetteer's name set once, as a long run would
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        make_corpus(folder, args.articles)
        for jobs in (1, 2):
            t = time.perf_counter()
            result = ingest([folder], jobs=jobs)
            seconds = time.perf_counter() - t
            print(
                f"ingest {args.articles} articles, {jobs} process(es): {seconds:.2f} s, "
                f"{args.articles / seconds:.0f} articles/s, {len(result.table):,} events"
            )
        cache = Path(tmp) / "cache.sqlite"
        ingest([folder], cache_path=cache)
        t = time.perf_counter()
        again = ingest([folder], cache_path=cache)
        print(
            f"incremental re-run, nothing changed: {time.perf_counter() - t:.2f} s "
            f"({again.reused} reused, {again.processed} processed)"
        )


if __name__ == "__main__":
    main()

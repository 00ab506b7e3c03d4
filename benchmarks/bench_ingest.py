"""Ingest throughput on a synthetic 1,000-article corpus (generated into a temporary folder), and
the time one long article takes (extraction is linear in its length).

.venv/bin/python benchmarks/bench_ingest.py [--articles 1000] [--long 100,400,2300]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import FILLER, make_corpus, sentence


def long_article_text(size: int, seed: int = 1) -> str:
    """About ``size`` characters of synthetic news in paragraphs, with movements across it."""
    import random

    rng = random.Random(seed)
    paragraphs: list[str] = []
    n = 0
    while n < size:
        parts = [sentence(rng) for _ in range(rng.randint(2, 4))]
        parts.append(rng.choice(FILLER))
        parts.append("Units will stay in Irbil. Forces came from Fort Bragg, North Carolina.")
        paragraphs.append(" ".join(parts))
        n += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def bench_long(sizes_kb: list[int]) -> None:
    import datetime as dt

    from explorer.events.pipeline import article_events
    from explorer.model import Article

    for kb in sizes_kb:
        text = long_article_text(kb * 1000)
        article = Article(id="long", title="Long", text=text, published=dt.date(2016, 1, 5))
        t = time.perf_counter()
        rows = article_events(article)
        print(f"one {kb:,} KB article: {time.perf_counter() - t:.2f} s, {len(rows):,} events")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--long", default="100,400,2300", help="article sizes in KB ('' for none)")
    args = parser.parse_args()
    from explorer.events import ingest
    from explorer.places import geoparse

    geoparse("Warm up in Mosul.")  # load the gazetteer's name set once, as a long run would
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        make_corpus(folder, args.articles)
        for jobs in (1, 2):
            t, cpu = time.perf_counter(), time.process_time()
            result = ingest([folder], jobs=jobs)
            seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
            # one process: its CPU time is the steadier figure on a shared machine (with two,
            # the workers' time is not this process's)
            own = f", {args.articles / cpu:.0f} articles/s of CPU" if jobs == 1 else ""
            print(
                f"ingest {args.articles} articles, {jobs} process(es): {seconds:.2f} s, "
                f"{args.articles / seconds:.0f} articles/s{own}, {len(result.table):,} events"
            )
        cache = Path(tmp) / "cache.sqlite"
        ingest([folder], cache_path=cache)
        t = time.perf_counter()
        again = ingest([folder], cache_path=cache)
        print(
            f"incremental re-run, nothing changed: {time.perf_counter() - t:.2f} s "
            f"({again.reused} reused, {again.processed} processed)"
        )
    bench_long([int(x) for x in args.long.split(",") if x.strip()])


if __name__ == "__main__":
    main()

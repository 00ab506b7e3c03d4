"""MB/s per core of places, dates and the whole extraction, fresh process and warm, on synthetic
news and on dense text (made up here, not evaluation text), with a profile summary.

.venv/bin/python benchmarks/bench_extract.py [--docs 400] [--top 15]

For each text kind and each stage (``places``: geoparse; ``dates``: find_dates; ``extract``:
events of an article, places and dates included), it prints:

* **fresh**: a new Python process that imports the stage and runs it over the texts once, CPU
  seconds of that child (user + system, start-up and first look-ups of each name included);
* **warm**: the same texts a second time in this process (gazetteer caches filled).

Then the top functions (own time) of a warm whole extraction under cProfile. Run it pinned to
one core (``taskset -c 1``) on a shared machine; CPU time is the steadier figure. Asserts
nothing about time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_places import corpus as places_corpus
from synthetic import article as news_article

STAGES = ("places", "dates", "extract")

_CHILD = """
import datetime as dt, json, sys
from explorer.model import Article
texts = json.load(open(sys.argv[1]))
stage = sys.argv[2]
if stage == "places":
    from explorer.places import geoparse as run
    for t in texts: run(t)
elif stage == "dates":
    from explorer.dates import find_dates
    for t in texts: find_dates(t, published=dt.date(2016, 1, 5))
else:
    from explorer.events import extract_events
    for i, t in enumerate(texts):
        extract_events(Article(id=str(i), title="", text=t, published=dt.date(2016, 1, 5)))
"""


def news(n: int) -> list[str]:
    rng = random.Random(3)
    return [news_article(rng, i).split("---\n", 2)[2] for i in range(n)]


def run_stage(stage: str, texts: list[str]) -> None:
    import datetime as dt

    from explorer.dates import find_dates
    from explorer.events import extract_events
    from explorer.model import Article
    from explorer.places import geoparse

    day = dt.date(2016, 1, 5)
    for i, t in enumerate(texts):
        if stage == "places":
            geoparse(t)
        elif stage == "dates":
            find_dates(t, published=day)
        else:
            extract_events(Article(id=str(i), title="", text=t, published=day))


def fresh_cpu(stage: str, path: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", _CHILD, str(path), stage], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def warm_cpu(stage: str, texts: list[str]) -> float:
    run_stage(stage, texts)  # fill the caches
    t = time.process_time()
    run_stage(stage, texts)
    return time.process_time() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--top", type=int, default=15, help="functions in the profile summary")
    args = parser.parse_args()
    kinds = {"news": news(args.docs), "dense": places_corpus(args.docs, filler=0)}
    with tempfile.TemporaryDirectory() as tmp:
        for kind, texts in kinds.items():
            mb = sum(len(t.encode()) for t in texts) / 1e6
            path = Path(tmp) / f"{kind}.json"
            path.write_text(json.dumps(texts), encoding="utf-8")
            print(f"{kind}: {len(texts)} texts, {mb:.2f} MB")
            for stage in STAGES:
                fresh, warm = fresh_cpu(stage, path), warm_cpu(stage, texts)
                print(
                    f"  {stage:8s} fresh {mb / fresh:6.2f} MB/s ({fresh:.2f} s cpu)"
                    f"   warm {mb / warm:6.2f} MB/s ({warm:.2f} s cpu)"
                )
    profile = cProfile.Profile()
    profile.enable()
    run_stage("extract", kinds["news"])
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    print("\nprofile of a warm extraction on news (own time, top functions):")
    for line in lines[start : start + args.top + 1]:
        print("  " + line.replace(str(Path(__file__).parent.parent) + "/", ""))


if __name__ == "__main__":
    main()

"""Speed of the geoparser on synthetic news (made up here, not evaluation text).

.venv/bin/python benchmarks/bench_places.py [--docs 600]

Prints characters per second, on news-like and on dense synthetic text, of ``geoparse``
(warm, in-process), of ``explorer places --jsonl`` in-process, and of the same command as a
fresh process fed on stdin (start-up included, as the shared scorer measures it), by wall
time and by CPU time (user + system: on a shared machine the CPU figure is the steadier one),
and the CPU time of a fresh process that answers one short text (its start-up).
Asserts nothing about time.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

TOWNS = [
    "Springfield", "Franklin", "Greenville", "Clinton", "Salem", "Madison", "Georgetown",
    "Paris", "London", "Athens", "Columbus", "Alexandria", "Dublin", "Jackson", "Lebanon",
    "Fort Bragg", "Mosul", "Irbil", "Aleppo", "Kirkuk", "Nice", "Reading", "Mobile",
]  # fmt: skip
REGIONS = [
    "Ohio", "Texas", "Kentucky", "Tenn.", "North Carolina", "Iowa", "Georgia", "Ontario",
    "Iraq", "Syria", "the U.S.", "France", "Greene County", "Henry County", "Jordan",
]  # fmt: skip
PEOPLE = ["John Kerry", "Ash Carter", "Chad Miller", "Sen. Paul Walker", "Mayor Jordan Lee"]
DEMONYMS = ["Iraqi", "Syrian", "Kurdish", "American", "Canadian", "French"]
PATTERNS = [
    "{person} said crews from {town}, {region}, reached the scene on Monday.",
    "{demonym} officials met in {town} to discuss the budget for {region}.",
    "Residents of {town} and {town2} asked {region} for help after the storm.",
    "The council in {town} voted 5-2, {person} told reporters.",
    "Traffic on the {town}-{town2} road was closed, police in {region} said.",
    "Schools in {region} reopened; {town} High School stayed closed.",
]
FILLER = [
    "The figures were not confirmed by the authorities, and officials declined to comment on "
    "the details until a review had been completed later this month.",
    "Prices of food and fuel have risen sharply for months, and many families say they cannot "
    "keep up with the cost of rent, heating and school supplies.",
    "A spokesman said the decision would be reviewed at the next meeting of the board, which "
    "is expected to take place after the holiday.",
]
HEADLINES = ["FLOODS HIT {TOWN} AS RIVER RISES", "Council Of {town} Backs New Plan For {region}"]


def article(rng: random.Random, filler: int = 0) -> str:
    def fill(pattern: str) -> str:
        town, town2 = rng.sample(TOWNS, 2)
        return pattern.format(
            town=town,
            town2=town2,
            TOWN=town.upper(),
            region=rng.choice(REGIONS),
            person=rng.choice(PEOPLE),
            demonym=rng.choice(DEMONYMS),
        )

    lines = [fill(rng.choice(HEADLINES))]
    for _ in range(rng.randint(4, 9)):
        parts = [fill(rng.choice(PATTERNS)) for _ in range(rng.randint(2, 5))]
        parts += rng.choices(FILLER, k=filler)
        lines.append(" ".join(parts))
    return "\n\n".join(lines)


def corpus(n: int, filler: int = 0) -> list[str]:
    """``filler``: place-free sentences per paragraph (6 gives about the density of places in
    local news, some 5 mentions per 1,000 characters; 0 is a dense worst case)."""
    rng = random.Random(7)
    return [article(rng, filler) for _ in range(n)]


def show(label: str, chars: int, seconds: float, cpu: float | None = None) -> None:
    line = f"{label}: {chars / seconds / 1e6:.2f} MB/s ({chars:,} characters in {seconds:.2f} s"
    if cpu:
        line += f"; {chars / cpu / 1e6:.2f} MB/s of CPU time, {cpu:.2f} s"
    print(line + ")")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fresh_process(lines: str) -> tuple[float, float]:
    """Wall and CPU seconds of a fresh ``explorer places --jsonl`` fed ``lines``."""
    explorer = Path(sys.executable).with_name("explorer")
    cpu = _children_cpu()
    t = time.perf_counter()
    done = subprocess.run(
        [str(explorer), "places", "--jsonl"], input=lines, capture_output=True, text=True
    )
    seconds = time.perf_counter() - t
    assert done.returncode == 0, done.stderr
    return seconds, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600)
    args = parser.parse_args()
    from explorer.places import geoparse

    if Path(sys.executable).with_name("explorer").exists():
        one = json.dumps({"id": 1, "text": "Troops left Fort Bragg, North Carolina for Irbil."})
        wall, cpu = min(fresh_process(one + "\n") for _ in range(5))
        print(f"fresh process, one short text: {wall:.3f} s, {cpu:.3f} s of CPU time (best of 5)")
    t = time.perf_counter()
    geoparse("Warm-up in Paris, Texas.")
    print(
        f"first call in this process (word lists, first look-ups): {time.perf_counter() - t:.3f} s"
    )
    for label, filler in (("news-like", 6), ("dense", 0)):
        print(f"== {label} synthetic text")
        run(corpus(args.docs, filler))


def run(texts: list[str]) -> None:
    from explorer.cli import main as cli
    from explorer.places import geoparse

    chars = sum(len(t) for t in texts)
    lines = "\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate(texts)) + "\n"
    if Path(sys.executable).with_name("explorer").exists():
        seconds, cpu = fresh_process(lines)
        show("explorer places --jsonl (fresh process, start-up included)", chars, seconds, cpu)

    t, c = time.perf_counter(), time.process_time()
    mentions = sum(len(geoparse(text)) for text in texts)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    label = f"geoparse, warm ({mentions * 1000 / chars:.1f} mentions per 1,000 chars)"
    show(label, chars, seconds, cpu)

    sys.stdin = io.StringIO(lines)
    t = time.perf_counter()
    with redirect_stdout(io.StringIO()):
        cli(["places", "--jsonl"])
    seconds = time.perf_counter() - t
    sys.stdin = sys.__stdin__
    show("explorer places --jsonl (in-process, warm)", chars, seconds)


if __name__ == "__main__":
    main()

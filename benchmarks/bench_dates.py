"""Speed of the temporal tagger on synthetic news text (sentences made up here).

    .venv/bin/python benchmarks/bench_dates.py [--docs N]

Prints characters per second of ``find_dates`` and ``dates_json`` (the records as JSON-ready
dicts, the ``--jsonl`` path) in-process, of the ``--jsonl`` loop in-process, and of ``explorer
dates --jsonl`` as a fresh process (start-up included, as the shared scorer measures it; wall and
CPU time), and the start-up alone (the best of five runs on empty input). In-process figures are
CPU time (``time.process_time``), so that a shared machine does not skew them. Asserts nothing
about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import resource
import subprocess
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

SENTENCES = [
    "The minister said on Tuesday that the talks would resume next week.",
    "Officials met last Wednesday and agreed to a ceasefire for three months.",
    "The company reported third-quarter profit of $12 million, up from $9 million a year earlier.",
    "Shares closed at $24.50 yesterday on the exchange, down 3% from last month.",
    "The summit will be held in March, a spokesman told reporters.",
    "For months, residents have complained about the noise; now the council has acted.",
    "Prices rose 4% in the 1990s and fell in recent years.",
    "The bill, passed on Dec. 1, 2015, takes effect in the spring.",
    "Rebels attacked the town at 10 p.m. Saturday and again this morning.",
    "About 2,000 people marched through the capital, police said.",
    "The report may change the plans of the second group of investors.",
    "Sales have grown every quarter since 2012, the firm said in a statement.",
    "The strike lasted 45 days and cost the economy $3 billion.",
    "He has led the party for two decades and plans to retire by year-end.",
    "Talks between the two sides broke down earlier this month.",
]
# sentences without a temporal expression: news has about one expression per 300 characters
FILLER = [
    "The ministry declined to comment on the figures.",
    "Hundreds of people gathered outside the parliament building to protest against the plan.",
    "Analysts said the move could weaken the currency and raise the cost of imports.",
    "The opposition leader called the decision a betrayal of voters in the north.",
    "Police said they had arrested four men in connection with the attack.",
    "The agency, which is based in Geneva, has called for an independent inquiry.",
    "Residents of the coastal villages were told to move to higher ground.",
    "The bank's chief economist expects growth to slow as exports weaken.",
]


def article(rng: random.Random) -> str:
    """A paragraph of 8-20 sentences, about one in three with temporal expressions."""
    return " ".join(
        rng.choice(SENTENCES if rng.random() < 0.3 else FILLER) for _ in range(rng.randint(8, 20))
    )


def documents(n: int) -> list[dict[str, str]]:
    rng = random.Random(7)
    start = dt.date(2015, 1, 1)
    return [
        {
            "id": f"doc-{i}",
            "text": article(rng),
            "published": (start + dt.timedelta(days=rng.randrange(365))).isoformat(),
        }
        for i in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    args = parser.parse_args()
    docs = documents(args.docs)
    chars = sum(len(d["text"]) for d in docs)
    lines = "".join(json.dumps(d) + "\n" for d in docs)
    print(f"{len(docs)} synthetic documents, {chars:,} characters")
    print("(expressions per 1,000 characters are printed below; the TempEval news has about 3.5)")

    from explorer.dates import find_dates

    found = 0
    t = time.process_time()
    for d in docs:
        found += len(find_dates(d["text"], published=dt.date.fromisoformat(d["published"])))
    seconds = time.process_time() - t
    density = found / chars * 1000
    print(f"find_dates in-process: {chars / seconds / 1e6:.2f} MB/s ({found:,} expressions, "
          f"{density:.1f} per 1,000 characters)")  # fmt: skip

    from explorer.dates import dates_json

    t = time.process_time()
    for d in docs:
        dates_json(d["text"], published=dt.date.fromisoformat(d["published"]))
    seconds = time.process_time() - t
    print(f"dates_json in-process: {chars / seconds / 1e6:.2f} MB/s")

    from explorer.cli import main as cli_main

    stdin, out = sys.stdin, io.StringIO()
    try:
        sys.stdin = io.StringIO(lines)
        t = time.process_time()
        with redirect_stdout(out):
            cli_main(["dates", "--jsonl"])
        seconds = time.process_time() - t
    finally:
        sys.stdin = stdin
    print(f"dates --jsonl in-process (JSON in and out): {chars / seconds / 1e6:.2f} MB/s")

    explorer = Path(sys.executable).with_name("explorer")
    command = [str(explorer)] if explorer.exists() else [sys.executable, "-m", "explorer.cli"]
    seconds, cpu = _run([*command, "dates", "--jsonl"], lines)
    print(f"explorer dates --jsonl, fresh process: {chars / seconds / 1e6:.2f} MB/s "
          f"(CPU {chars / cpu / 1e6:.2f} MB/s)")  # fmt: skip
    startup = min(_run([*command, "dates", "--jsonl"], "")[1] for _ in range(5))
    print(f"start-up (empty input, CPU): {startup * 1000:.0f} ms")


def _run(command: list[str], lines: str) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``command`` on ``lines``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(command, input=lines, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


if __name__ == "__main__":
    main()

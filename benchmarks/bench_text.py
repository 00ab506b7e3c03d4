"""Speed of place finding and dating on synthetic news text (made up here, not evaluation text).

.venv/bin/python benchmarks/bench_text.py
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import article


def corpus(n: int = 400) -> list[str]:
    rng = random.Random(3)
    return [article(rng, i).split("---\n", 2)[2] for i in range(n)]


def rate(label: str, fn: object, texts: list[str]) -> float:
    chars = sum(len(t) for t in texts)
    fn(texts[0])  # type: ignore[operator]  # warm up (gazetteer, word lists)
    t = time.perf_counter()
    for text in texts:
        fn(text)  # type: ignore[operator]
    per_s = chars / (time.perf_counter() - t)
    print(f"{label}: {per_s / 1e6:.2f} MB/s ({chars:,} characters)")
    return per_s


def jsonl_rate(command: str, texts: list[str]) -> float:
    from explorer.cli import main

    lines = "\n".join(
        json.dumps({"id": i, "text": t, "published": "2016-05-04"}) for i, t in enumerate(texts)
    )
    sys.stdin = io.StringIO(lines)
    t = time.perf_counter()
    with redirect_stdout(io.StringIO()):
        main([command, "--jsonl"])
    sys.stdin = sys.__stdin__
    per_s = sum(len(x) for x in texts) / (time.perf_counter() - t)
    print(f"explorer {command} --jsonl (in-process, warm): {per_s / 1e6:.2f} MB/s")
    return per_s


def main() -> None:
    from explorer.dates import find_dates
    from explorer.places import geoparse

    texts = corpus()
    rate("geoparse", geoparse, texts)
    rate("find_dates", lambda t: find_dates(t, published=dt.date(2016, 5, 4)), texts)
    jsonl_rate("places", texts)
    jsonl_rate("dates", texts)


if __name__ == "__main__":
    main()

"""One long line with no full stop (a scraped page, a log pasted as text): seconds per MB through
``explorer.ingest`` (read, places, dates, events). The cost per MB stays flat as the line grows:
no step copies the sentence up to each place named in it (it did: 1 MB took ~21 s, 2 MB ~140 s).
A second case: many short lines none of which starts a sentence (one sentence of 1 MB).

.venv/bin/python benchmarks/bench_long_lines.py [--sizes 0.5,1,2]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import article


def one_line(size: int, seed: int = 5) -> str:
    """About ``size`` characters of synthetic news on one line, with every ., ! and ? removed."""
    rng = random.Random(seed)
    parts: list[str] = []
    n = i = 0
    while n < size:
        text = article(rng, i).split("---\n", 2)[2]
        parts.append(re.sub(r"[.!?]", "", text).replace("\n", " "))
        n += len(parts[-1]) + 1
        i += 1
    return " ".join(parts)[:size]


def lower_case_lines(size: int) -> str:
    line = "troops flew from Kuwait to Baghdad and on to Mosul\n"
    return line * (size // len(line))


def per_mb(label: str, make: object, sizes: list[float]) -> None:
    from explorer.events import ingest

    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            path = Path(tmp) / f"line-{mb}.txt"
            path.write_text("A long line\n\n" + make(int(mb * 1_000_000)) + "\n")  # type: ignore[operator]
            t = time.perf_counter()
            result = ingest([path])
            seconds = time.perf_counter() - t
            print(
                f"{label}, {mb:g} MB: {seconds:.2f} s, {seconds / mb:.2f} s per MB, "
                f"{len(result.table):,} events",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0.5,1,2", help="sizes in MB")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s]
    from explorer.places import geoparse

    geoparse("Warm up in Mosul.")  # the gazetteer's name set, loaded once
    per_mb("one line, no full stop", one_line, sizes)
    per_mb("lines starting in lower case, no full stop", lower_case_lines, sizes)


if __name__ == "__main__":
    main()

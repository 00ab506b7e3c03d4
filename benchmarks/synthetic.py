"""Synthetic news corpora and event tables for benchmarks (made up here, no real article text).

.venv/bin/python benchmarks/synthetic.py corpus OUT_DIR --articles 1000
.venv/bin/python benchmarks/synthetic.py events OUT.parquet --events 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

PLACES = [
    "Mosul", "Irbil", "Baghdad", "Raqqa", "Aleppo", "Damascus", "Kirkuk", "Fallujah", "Ramadi",
    "Tikrit", "Homs", "Palmyra", "Kobani", "Manbij", "Deir ez-Zor", "Amman", "Beirut", "Ankara",
    "Istanbul", "Tehran", "Riyadh", "Cairo", "Paris", "London", "Brussels", "Berlin", "Moscow",
    "Washington", "New York", "Fort Bragg, North Carolina", "Geneva", "Vienna", "Kuwait",
    "Doha", "Nineveh", "Anbar", "Iraq", "Syria", "Turkey", "Jordan", "Lebanon", "Iran",
    "the United States", "France", "Britain", "Germany", "Russia", "Egypt", "Saudi Arabia",
]  # fmt: skip
ACTORS = [
    "Officials", "The defence ministry", "A coalition spokesman", "Local residents",
    "Aid workers", "The foreign minister", "Commanders", "Witnesses", "The governor",
]  # fmt: skip
VERBS = [
    "said forces advanced on {p}", "reported airstrikes near {p}", "announced talks in {p}",
    "described shelling in {p}", "said aid convoys reached {p}", "confirmed a raid outside {p}",
    "said thousands of families fled {p}", "said troops flew from {p} to {q}",
    "said a delegation travelled to {p}", "warned of fighting around {p}",
]  # fmt: skip
WHEN = [
    "on Tuesday", "last week", "on Monday", "yesterday", "earlier this month", "on March 3",
    "last Wednesday", "this year", "in January", "two days ago", "on Friday", "today",
]  # fmt: skip
FILLER = [
    "The situation remained tense, according to several people who spoke on condition of "
    "anonymity.",
    "It was not immediately possible to verify the claims independently.",
    "Further details were expected in the coming days.",
    "Prices of food and fuel have risen sharply for months.",
]  # fmt: skip


def sentence(rng: random.Random) -> str:
    p, q = rng.sample(PLACES, 2)
    return f"{rng.choice(ACTORS)} {rng.choice(VERBS).format(p=p, q=q)} {rng.choice(WHEN)}."


def article(rng: random.Random, n: int) -> str:
    day = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(365 * 4))
    title = f"Report {n} - {rng.choice(PLACES)} update"
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        parts = [sentence(rng) for _ in range(rng.randint(2, 4))]
        parts.append(rng.choice(FILLER))
        paragraphs.append(" ".join(parts))
    front = f"---\ntitle: {title}\npublished: {day.isoformat()}\nsource: Synthetic Wire\n---\n"
    return front + "\n\n".join(paragraphs) + "\n"


def make_corpus(folder: Path, articles: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(articles):
        path = folder / f"article-{n:06d}.md"
        path.write_text(article(rng, n), encoding="utf-8")
        paths.append(path)
    return paths


def make_events(n: int, seed: int = 1) -> object:
    """A synthetic EventTable of ``n`` events around the Middle East and Europe."""
    import numpy as np
    import pandas as pd

    from explorer.events import EventTable

    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2014-01-01") + pd.to_timedelta(rng.integers(0, 365 * 4, n), unit="D")
    span = rng.choice([0, 0, 0, 6, 30], n)
    countries = rng.choice(["IQ", "SY", "TR", "JO", "US", "FR", "GB", "RU"], n)
    cats = np.array(
        ["military", "diplomatic", "political", "humanitarian", "terrorism"], dtype=object
    )
    frame = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "article_id": [f"a{i // 5}" for i in range(n)],
            "title": [f"Synthetic report {i // 5}" for i in range(n)],
            "source": rng.choice(["Wire A", "Wire B", "Agency C", "Paper D"], n),
            "sentence": [
                f"Synthetic event {i} with troops near place {i % 997}." for i in range(n)
            ],
            "place_text": [f"Place {i % 997}" for i in range(n)],
            "place_name": [f"Place {i % 997}" for i in range(n)],
            "country_code": countries,
            "latitude": rng.uniform(25, 50, n).round(5),
            "longitude": rng.uniform(-5, 50, n).round(5),
            "place_confidence": rng.uniform(0, 1, n).round(3),
            "start_date": start,
            "end_date": start + pd.to_timedelta(span, unit="D"),
            "date_source": "sentence",
            "date_confidence": rng.uniform(0, 1, n).round(3),
            "categories": [
                tuple(rng.choice(cats, rng.integers(1, 3), replace=False)) for _ in range(n)
            ],
        }
    )
    return EventTable(frame)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("out")
    c.add_argument("--articles", type=int, default=1000)
    e = sub.add_parser("events")
    e.add_argument("out")
    e.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    if args.what == "corpus":
        paths = make_corpus(Path(args.out), args.articles)
        print(f"wrote {len(paths)} articles to {args.out}")
    else:
        table = make_events(args.events)
        print(f"wrote {table.write(args.out)}")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()

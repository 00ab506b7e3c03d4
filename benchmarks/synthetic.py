"""Synthetic news corpora and event tables for benchmarks (made up here, no real article text).

.venv/bin/python benchmarks/synthetic.py corpus OUT_DIR --articles 1000
.venv/bin/python benchmarks/synthetic.py events OUT.parquet --events 100000
.venv/bin/python benchmarks/synthetic.py dataset OUT_DIR --events 1000000   # Parquet parts
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


def make_events(n: int, seed: int = 1, places: int | None = None) -> object:
    """A synthetic EventTable of ``n`` events around the Middle East and Europe: each at a
    point of its own (the worst case for a map), or, with ``places``, on that many places with
    Zipf-like weights, as geocoded news is (the events of a town share its coordinates)."""
    import numpy as np
    import pandas as pd

    from explorer.events import EventTable

    rng = np.random.default_rng(seed)
    if places is None:
        lat, lon = rng.uniform(25, 50, n).round(5), rng.uniform(-5, 50, n).round(5)
        place = np.arange(n) % 997
    else:
        weights = 1.0 / np.arange(1, places + 1)
        place = rng.choice(places, n, p=weights / weights.sum())
        lat = rng.uniform(25, 50, places).round(5)[place]
        lon = rng.uniform(-5, 50, places).round(5)[place]
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
                f"Synthetic event {i} with troops near place {p}." for i, p in enumerate(place)
            ],
            "place_text": [f"Place {p}" for p in place],
            "place_name": [f"Place {p}" for p in place],
            "country_code": countries,
            "latitude": lat,
            "longitude": lon,
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


VERBS_SHORT = [
    "troops advanced", "talks were held", "aid arrived", "shelling hit", "families fled",
    "a raid took place", "a delegation met", "protesters gathered",
]  # fmt: skip
SCALE_CATEGORIES = ["military", "diplomatic", "political", "humanitarian", "terrorism", "legal",
                    "economic"]  # fmt: skip


def write_events_dataset(
    folder: Path, n: int, *, seed: int = 1, places: int = 20_000, rows_per_part: int = 250_000
) -> int:
    """A synthetic events dataset of ``n`` rows as Parquet part files (the schema of
    ``explorer.scale``), built column by column with numpy and pyarrow (1,000,000 rows in
    seconds). Events sit on ``places`` points, most of them around the Middle East, with
    Zipf-like weights, as geocoded news does."""
    import numpy as np
    import pyarrow as pa

    from explorer.scale.parquet import PartWriter, arrow_schema

    rng = np.random.default_rng(seed)
    near = rng.random(places) < 0.7
    plat = np.where(near, rng.uniform(25, 45, places), rng.uniform(-45, 65, places)).round(5)
    plon = np.where(near, rng.uniform(30, 50, places), rng.uniform(-125, 150, places)).round(5)
    codes = np.array([f"{a}{b}" for a in "ABCDEFGH" for b in "ABCDE"])
    pcountry = codes[rng.integers(0, len(codes), places)]
    weights = 1.0 / np.arange(1, places + 1) ** 0.9
    at = rng.choice(places, n, p=weights / weights.sum())
    resolved = rng.random(n) > 0.05
    start = np.datetime64("2014-01-01") + rng.integers(0, 365 * 4, n).astype("timedelta64[D]")
    span = rng.choice([0, 0, 0, 6, 30], n)
    dated = rng.random(n) > 0.03
    ncat = rng.integers(1, 3, n)
    cat_values = rng.integers(0, len(SCALE_CATEGORIES), int(ncat.sum()))
    offsets = np.concatenate([[0], np.cumsum(ncat)]).astype(np.int32)
    verbs = np.array(VERBS_SHORT)[rng.integers(0, len(VERBS_SHORT), n)]
    names = np.array([f"Place {k}" for k in range(places)])[at]
    ids = np.arange(n)
    schema = arrow_schema()

    def col(name: str, values: object, mask: object = None) -> pa.Array:
        return pa.array(values, type=schema.field(name).type, mask=mask)

    unplaced = ~resolved
    columns = {
        "event_id": col("event_id", [f"e{i:07d}" for i in ids]),
        "article_id": col("article_id", [f"a{i // 10:06d}" for i in ids]),
        "title": col("title", [f"Synthetic report {i // 10}" for i in ids]),
        "source": col("source", np.array([f"Wire {c}" for c in "ABCDEFGHIJ"])[ids % 10]),
        "url": col("url", [f"https://example.org/a{i // 10}" for i in ids]),
        "published": col("published", start),
        "sentence": col(
            "sentence",
            [f"Event {i}: {v} near {p}." for i, v, p in zip(ids, verbs, names, strict=True)],
        ),
        "sentence_start": col("sentence_start", (ids % 10) * 120),
        "place_text": col("place_text", names),
        "place_start": col("place_start", (ids % 10) * 120 + 20),
        "place_end": col("place_end", (ids % 10) * 120 + 28),
        "place_name": col("place_name", names, unplaced),
        "country_code": col("country_code", pcountry[at], unplaced),
        "latitude": col("latitude", plat[at], unplaced),
        "longitude": col("longitude", plon[at], unplaced),
        "place_confidence": col("place_confidence", rng.uniform(0, 1, n).round(3), unplaced),
        "demonym": col("demonym", np.zeros(n, dtype=bool)),
        "start_date": col("start_date", start, ~dated),
        "end_date": col("end_date", start + span.astype("timedelta64[D]"), ~dated),
        "granularity": col("granularity", np.where(span == 0, "day", "week"), ~dated),
        "date_source": col("date_source", np.where(dated, "sentence", "none")),
        "date_confidence": col("date_confidence", rng.uniform(0, 1, n).round(3), ~dated),
        "categories": pa.ListArray.from_arrays(
            pa.array(offsets), pa.array(np.array(SCALE_CATEGORIES)[cat_values])
        ),
    }
    arrays = [columns.get(f.name, pa.nulls(n, f.type)) for f in schema]
    table = pa.Table.from_arrays(arrays, schema=schema)
    writer = PartWriter(folder, rows_per_part=rows_per_part)
    for begin in range(0, n, rows_per_part):
        writer.write(table.slice(begin, rows_per_part))
    writer.close()
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("out")
    c.add_argument("--articles", type=int, default=1000)
    e = sub.add_parser("events")
    e.add_argument("out")
    e.add_argument("--events", type=int, default=100_000)
    d = sub.add_parser("dataset")
    d.add_argument("out")
    d.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    if args.what == "dataset":
        write_events_dataset(Path(args.out), args.events)
        print(f"wrote {args.events:,} events to {args.out}")
    elif args.what == "corpus":
        paths = make_corpus(Path(args.out), args.articles)
        print(f"wrote {len(paths)} articles to {args.out}")
    else:
        table = make_events(args.events)
        print(f"wrote {table.write(args.out)}")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()

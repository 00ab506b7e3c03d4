"""A small, varied events table written for the scale tests (no geoparser needed)."""

from __future__ import annotations

import random

import pandas as pd

from explorer.events import EventTable

COUNTRIES = ["IQ", "SY", "TR", "JO", None]
CATEGORIES = ["military", "diplomatic", "political", "humanitarian", "terrorism"]
SOURCES = ["Wire A", "Wire B", "Agency C", None]
PLACES = [
    ("Mosul", "IQ", 36.34, 43.13),
    ("Erbil", "IQ", 36.19, 44.01),
    ("Raqqa", "SY", 35.95, 39.01),
    ("Aleppo", "SY", 36.20, 37.16),
    ("Ankara", "TR", 39.92, 32.85),
    ("Amman", "JO", 31.95, 35.93),
    ("São Paulo", "BR", -23.55, -46.63),
]
WORDS = ["troops", "talks", "aid", "Convoy", "shelling", "ÉLAN", "100%", "a_b", "O'Brien"]


def small_table(n: int = 400, seed: int = 7) -> EventTable:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        resolved = rng.random() > 0.15
        name, cc, lat, lon = rng.choice(PLACES)
        day = pd.Timestamp("2015-01-01") + pd.Timedelta(days=rng.randrange(800))
        dated = rng.random() > 0.1
        span = rng.choice([0, 0, 6, 30])
        words = " ".join(rng.sample(WORDS, 3))
        rows.append(
            {
                "event_id": f"ev-{i:04d}",
                "article_id": f"a{i // 4}",
                "title": f"Report {i // 4} <b>{rng.choice(WORDS)}</b>",
                "source": rng.choice(SOURCES),
                "url": rng.choice([None, f"https://example.org/{i}", "javascript:alert(1)"]),
                "sentence": f"Event {i}: {words} near {name}.",
                "sentence_start": 0,
                "place_text": name if rng.random() > 0.05 else None,
                "place_name": name if resolved else None,
                "country_code": (cc if rng.random() > 0.1 else None) if resolved else None,
                "latitude": lat + rng.uniform(-0.5, 0.5) if resolved else None,
                "longitude": lon + rng.uniform(-0.5, 0.5) if resolved else None,
                "place_confidence": round(rng.random(), 3) if resolved else None,
                "start_date": day if dated else None,
                "end_date": (day + pd.Timedelta(days=span))
                if dated and rng.random() > 0.2
                else None,
                "granularity": "day" if span == 0 else "week",
                "date_source": "sentence" if dated else "none",
                "date_confidence": round(rng.random(), 3) if dated else None,
                "categories": tuple(rng.sample(CATEGORIES, rng.randint(0, 2))),
            }
        )
    return EventTable(pd.DataFrame(rows))

"""Representative coordinates of countries and admin regions, against known points."""

from __future__ import annotations

import math

import pytest

from explorer.geocoding import candidates


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("name", "country", "feature", "known", "tolerance_km"),
    [
        # GeoNames' own points for US states; the governorates against their capitals
        ("North Carolina", "US", "admin1", (35.50069, -80.00032), 100),
        ("California", "US", "admin1", (37.25022, -119.75126), 150),
        ("Texas", "US", "admin1", (31.25044, -99.25061), 250),
        ("New York", "US", "admin1", (43.00035, -75.4999), 150),
        ("Ohio", "US", "admin1", (40.25034, -83.00018), 100),
        ("Kentucky", "US", "admin1", (37.50048, -85.25017), 100),
        ("Bavaria", "DE", "admin1", (49.0, 11.5), 100),
        ("Nineveh", "IQ", "admin1", (36.34, 43.12), 120),  # Mosul
        ("Anbar", "IQ", "admin1", (33.42, 43.30), 200),  # Ramadi
        ("Iraq", None, "country", (33.0, 44.0), 50),
        ("Syria", None, "country", (35.0, 38.0), 50),
        ("France", None, "country", (46.0, 2.0), 100),
        ("Brazil", None, "country", (-10.0, -55.0), 300),
        ("United States", None, "country", (39.76, -98.5), 300),
        ("Kosovo", None, "country", (42.58, 20.9), 60),
    ],
)
def test_region_points_are_near_known_points(
    name: str,
    country: str | None,
    feature: str,
    known: tuple[float, float],
    tolerance_km: float,
) -> None:
    place = next(p for p in candidates(name, country=country) if p.feature == feature)
    assert km((place.latitude, place.longitude), known) < tolerance_km


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("Irbil", (36.19, 44.01)),
        ("Fort Bragg, North Carolina", (35.14, -79.01)),
        ("Mosul", (36.34, 43.12)),
        ("Middle East", (29.0, 41.0)),
        ("Europe", (48.7, 9.1)),
    ],
)
def test_places_land_where_they_are(name: str, known: tuple[float, float]) -> None:
    place = candidates(name)[0]
    assert km((place.latitude, place.longitude), known) < 25

"""Arabic place names without their article, or with "al-" for a sun-letter article."""

from __future__ import annotations

import pytest

from explorer.gazetteer import default_gazetteer
from explorer.gazetteer.normalize import article_variants


@pytest.mark.parametrize(
    ("name", "variants"),
    [
        ("Ad Dīwānīyah", ["diwaniyah", "al diwaniyah"]),
        ("Ar Ramādī", ["ramadi", "al ramadi"]),
        ("Al Kūt", ["kut"]),
        ("Al Ba", []),  # too short to stand alone
        ("Al Qāmishlī", ["qamishli"]),
        ("Paris", []),
    ],
)
def test_article_variants(name: str, variants: list[str]) -> None:
    assert article_variants(name) == variants


@pytest.mark.parametrize("written", ["Diwaniyah", "al-Diwaniyah", "Al Diwaniyah"])
def test_news_spellings_find_the_city(written: str) -> None:
    places = [m.place for m in default_gazetteer().lookup(written)]
    assert any(p.country_code == "IQ" and p.feature == "populated_place" for p in places)

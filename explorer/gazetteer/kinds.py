"""How a name belongs to a gazetteer entry, and the context-free weights both rankers use (the
geocoder's and the geoparser's prior): a module of its own so that readers of the index need
not import the builder."""

from __future__ import annotations

__all__ = ["CAPITAL_BONUS", "FEATURE_BONUS", "KIND_PENALTY", "NAMESAKE_BONUS", "NameKind"]


class NameKind:
    """How a name belongs to a place (lower is more authoritative)."""

    PRIMARY = 0
    ALIAS = 1  # curated alias, official spelling, stripped form ("Anbar" for "Al Anbar")
    ALTERNATE = 2  # GeoNames alternate name
    CODE = 3  # a code: "NC" for North Carolina


# Score bonus by feature kind: a country or state is more often meant than a same-named village.
FEATURE_BONUS: dict[str, float] = {
    "continent": 3.0,
    "country": 3.0,
    "region": 2.0,
    "admin1": 1.5,
    "admin2": 0.3,
    "populated_place": 0.0,
}
# How the name belongs to the place: its own name, a curated alias, a code, an alternate name.
KIND_PENALTY: dict[int, float] = {
    NameKind.PRIMARY: 0.0,
    NameKind.ALIAS: 0.0,
    NameKind.CODE: -0.5,
    NameKind.ALTERNATE: -1.5,
}
# A populated place named like the region it lies in ("Baghdad", "Kirkuk") is the city.
NAMESAKE_BONUS = 2.5
# A national capital is meant more often than other places of its name ("Athens", "Paris"):
# the geoparser gives this unless the article is about another country, the geocoder always.
CAPITAL_BONUS = 2.5

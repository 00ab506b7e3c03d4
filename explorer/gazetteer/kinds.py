"""How a name belongs to a gazetteer entry (a module of its own so that readers of the index
need not import the builder)."""

from __future__ import annotations

__all__ = ["NameKind"]


class NameKind:
    """How a name belongs to a place (lower is more authoritative)."""

    PRIMARY = 0
    ALIAS = 1  # curated alias, official spelling, stripped form ("Anbar" for "Al Anbar")
    ALTERNATE = 2  # GeoNames alternate name
    CODE = 3  # a code: "NC" for North Carolina

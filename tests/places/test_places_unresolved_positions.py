"""More place positions for names the gazetteer lacks (neighbourhoods, villages, areas, lists
after a plural kind); sentences written for these tests with invented names."""

from __future__ import annotations

import pytest

from explorer.places import geoparse


def unresolved(text: str) -> list[str]:
    return [m.text for m in geoparse(text) if m.place is None]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("A shell hit the Qarrabiyeh neighborhood at dawn.", ["Qarrabiyeh"]),
        ("Herders raided Dumbolo village before dawn.", ["Dumbolo"]),
        ("Troops searched the Zawrani area of Baghdad.", ["Zawrani"]),
        ("Militia burned the towns of Qarrabiyeh and Dumbolo.", ["Qarrabiyeh", "Dumbolo"]),
        ("The army reached the outskirts of Zawrani on Sunday.", ["Zawrani"]),
    ],
)
def test_place_positions(text: str, names: list[str]) -> None:
    assert unresolved(text) == names


@pytest.mark.parametrize(
    "text",
    [
        # everyday words and designators are no names
        "Residents of the Main area said the water was back.",
        "The Health District said the clinic was closed.",
    ],
)
def test_no_place_from_everyday_words(text: str) -> None:
    assert unresolved(text) == []

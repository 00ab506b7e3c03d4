"""Plain local-news sentences: a town in a clear place position is found and resolved as news
means it (our own sentences, not from any evaluation data)."""

from __future__ import annotations

import pytest

import explorer


def _found(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (m.text, m.place.admin1 if m.place else None, m.place.country_code if m.place else None)
        for m in explorer.geoparse(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A boy was shot in Toledo. It happened on Elm Street, according to Toledo police.",
            [("Toledo", "Ohio", "US"), ("Toledo", "Ohio", "US")],
        ),
        (
            "A boy was shot in Toledo. It happened on Elm Street, Toledo police said.",
            [("Toledo", "Ohio", "US"), ("Toledo", "Ohio", "US")],
        ),
        (
            "Police say four people were injured in a shooting in a Zanesville bar Sunday morning.",
            [("Zanesville", "Ohio", "US")],
        ),
        ("A man was shot in Federal Way on Sunday.", [("Federal Way", "Washington", "US")]),
        ("Police in Duncan are investigating.", [("Duncan", "Oklahoma", "US")]),
        ("Duncan police said a man was arrested.", [("Duncan", "Oklahoma", "US")]),
        (
            "A woman from Tulsa was hurt in a crash in Duncan on Sunday.",
            [("Tulsa", "Oklahoma", "US"), ("Duncan", "Oklahoma", "US")],
        ),
        (
            # the gazetteer has no Oakdale in Connecticut: Minnesota's is not the one meant
            "The team from Stonington, Connecticut, played in Oakdale on Sunday.",
            [("Stonington", "Connecticut", "US"), ("Connecticut", "Connecticut", "US")],
        ),
        (
            # a qualifier the gazetteer cannot honour is not overridden by the position
            "She was born in Grantville, Pennsylvania. She went to school in Grantville.",
            [("Pennsylvania", "Pennsylvania", "US")],
        ),
    ],
)
def test_town_in_a_place_position(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A shooting in Alturas left two dead.",
        "Two people were hurt in a crash in Alturas on Monday.",
    ],
)
def test_small_town_after_in(text: str) -> None:
    assert [m.text for m in explorer.geoparse(text)] == ["Alturas"]


@pytest.mark.parametrize(
    "text",
    [
        "She met Duncan at a bar.",  # a person
        "A fire broke out in Church Street on Sunday.",  # a street (the English village is small)
        "He sat in Duncan's office.",  # a possessive
    ],
)
def test_no_town(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The rally was peaceful, according to Toledo police.", False),
        ("The plan failed, according to Zanesville city officials.", False),
        ("The plan failed, according to Holroyd.", True),
    ],
)
def test_according_to(text: str, person: bool) -> None:
    from explorer.places.guards import person_keys

    word = text.split("according to ")[1].split()[0].rstrip(".")
    start = text.index(word, text.index("according to"))
    keys = person_keys(text, [(word.lower(), start, start + len(word))])
    assert (word.lower() in keys) is person


@pytest.mark.parametrize(
    ("name", "feature"),
    [("Toledo", "populated_place"), ("Ohio", "admin1"), ("Victoria", "admin1")],
)
def test_city_over_smaller_region(name: str, feature: str) -> None:
    """A region loses its bonus only to a city with more people than it has."""
    top = explorer.candidates(name)[0]
    assert top.feature == feature
    assert name != "Toledo" or top.country_code == "US"

from __future__ import annotations

import pytest

from explorer.events import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. military said Gen. Smith met Sen. Jones in Washington. He left.",
            ["The U.S. military said Gen. Smith met Sen. Jones in Washington.", "He left."],
        ),
        ("Troops left the U.S. The next day they arrived.", ["Troops left the U.S.", "The next day they arrived."]),
        ('He said "We will win." Then he left!', ['He said "We will win."', "Then he left!"]),
        ("Prices rose 3.5 percent. Jan. 5 was cold.", ["Prices rose 3.5 percent.", "Jan. 5 was cold."]),
        ("John F. Kennedy spoke. Crowds cheered.", ["John F. Kennedy spoke.", "Crowds cheered."]),
        ("Headline\nBody starts here. Second.", ["Headline", "Body starts here.", "Second."]),
        ("One.\n\nTwo", ["One.", "Two"]),
        ("Fort Bragg, N.C. is large. It is old.", ["Fort Bragg, N.C. is large.", "It is old."]),
        ("Is it? Yes.", ["Is it?", "Yes."]),
        ("", []),
    ],
)  # fmt: skip
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected

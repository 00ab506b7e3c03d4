"""The document model: one split of an article into paragraphs, sentences and tokens."""

from __future__ import annotations

import dataclasses
import random

import pytest

from explorer.document import Document, document, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Gen. Lee left the U.S. on Monday. He flew home.", ["Gen. Lee left the U.S. on Monday.", "He flew home."]),
        ("John F. Kennedy spoke. Crowds cheered!", ["John F. Kennedy spoke.", "Crowds cheered!"]),
        ("He arrived in the U.S. The next day he left.", ["He arrived in the U.S.", "The next day he left."]),
        ("Floods in Sindh\nThe water rose.", ["Floods in Sindh", "The water rose."]),
        ("One.\n\ntwo", ["One.", "two"]),
        ("Troops left Ky. on Monday.", ["Troops left Ky. on Monday."]),
        ("", []),
    ],
)  # fmt: skip
def test_sentences(text: str, sentences: list[str]) -> None:
    doc = Document(text)
    assert [text[s:e] for s, e in doc.sentences] == sentences


def test_paragraphs_and_sentence_lookup() -> None:
    text = "Title line\n\nFirst sentence. Second one.\n  \n\nLast paragraph."
    doc = Document(text)
    assert [text[s:e] for s, e in doc.paragraphs] == [
        "Title line",
        "First sentence. Second one.",
        "Last paragraph.",
    ]
    second = text.index("Second")
    assert text[slice(*doc.sentence_at(second + 3))] == "Second one."
    assert doc.starts_sentence(second) and not doc.starts_sentence(second + 7)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Troops in St. Petersburg and the U.S. met", ["Troops", "St.", "Petersburg", "U.S."]),
        ("an iPhone from O'Brien's Baghdad-based firm", ["Phone", "O'Brien's", "Baghdad-based"]),
        ("W.Va. and ÉCOLE", ["W.Va.", "ÉCOLE"]),
    ],
)
def test_names_are_the_capitalised_words(text: str, names: list[str]) -> None:
    doc = Document(text)
    assert [t.text for t in doc.names] == names
    assert all(text[t.start : t.end] == t.text for t in doc.words)
    assert [t for t in doc.words if t.cap] == list(doc.names)


def test_shapes() -> None:
    doc = Document("The U.S. sent 300 NATO troops")
    assert [(t.text, t.shape) for t in doc.words] == [
        ("The", "Xx"), ("U.S.", "X."), ("sent", "x"), ("300", "d"), ("NATO", "XX"),
        ("troops", "x"),
    ]  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_words_cover_names_on_odd_text(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = [*'aA. \n"”U.SxZ!?-)(“’J0\t', "Gen. ", "U.S. ", "iPhone ", "É", "\n\n"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        doc = Document(text)
        assert [t for t in doc.words if t.cap] == list(doc.names)
        for s, e in doc.sentences:
            assert 0 <= s < e <= len(text) and not text[s].isspace()


def test_immutable_and_shared() -> None:
    text = "Units left Mosul. They reached Irbil."
    doc = document(text)
    assert document(text) is doc  # places, dates and events of one article share it
    assert split_sentences(text) == list(doc.sentences)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "other"  # type: ignore[misc]

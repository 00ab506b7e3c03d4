"""Categories are found in one pass over a sentence; the answers are those of one search per
category (the plain definition: a category whose stem starts a word, case ignored)."""

from __future__ import annotations

import pytest

from explorer.events.categories import LEXICON, Lexicon, _compile, categorise


def per_category(text: str, lexicon: Lexicon = LEXICON) -> tuple[str, ...]:
    return tuple(c for c, pattern in _compile(lexicon) if pattern.search(text))


@pytest.mark.parametrize(
    "sentence",
    ["A car bomb went off near the market.",  # "bomb" starts inside "car bomb"
     "Dockers voted for strike action at the port.",  # "strike" and "strike action"
     "Officers fired tear gas at the crowd; two were shot.",
     "The Shooting at the depot was the third this year.",  # capitals
     "AIRSTRIKES HIT THE VILLAGE, OFFICIALS SAID.",
     "Sub-marines and dinghies sat in the harbour.",  # "marine" after a hyphen starts a word
     "Submarines sat in the harbour.",  # ... but not inside a word
     "The \u212aidnap was reported late.",  # the Kelvin sign matches "k" when case is ignored
     "Long \u017fhots of the valley.",  # so does the long s "s"
     "Nothing here but weather and sport.",
     "",
     "aid aid aid"],
)  # fmt: skip
def test_one_pass_answers_as_one_search_per_category(sentence: str) -> None:
    assert categorise(sentence) == per_category(sentence)


@pytest.mark.parametrize(
    ("lexicon", "sentence"),
    [({"pests": ("locust", "swarm"), "farming": ("locusts eat",)}, "Locusts eat the crops."),
     ({"Flood": ("Flood",), "water": ("fl",)}, "FLOODING again."),
     ({"caf\u00e9": ("caf\u00e9",)}, "A Caf\u00c9 burned."),  # a non-ASCII stem
     ({"x": ("-dash",)}, "a -dash and a-dash")],  # a stem that does not start with a letter
)  # fmt: skip
def test_a_users_lexicon_answers_as_one_search_per_category(
    lexicon: dict[str, tuple[str, ...]], sentence: str
) -> None:
    assert categorise(sentence, lexicon) == per_category(sentence, lexicon)

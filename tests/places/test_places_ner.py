"""The optional spaCy path, with a pipeline built in the test (an EntityRuler, no model)."""

from __future__ import annotations

import pytest

from explorer.places import geoparse
from explorer.places.ner import use_spacy

spacy = pytest.importorskip("spacy", reason="spaCy is not installed (pip install 'explorer[nlp]')")


@pytest.fixture
def nlp():  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Paris Hilton"},
            {"label": "ORG", "pattern": "Mosul Dam Authority"},
            {"label": "GPE", "pattern": "Mosul"},
            {"label": "GPE", "pattern": "raqqa"},
        ]
    )
    return nlp


def test_non_place_entities_are_not_places(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Mosul Dam Authority met in Irbil."
    assert [m.text for m in geoparse(text)] == ["Mosul", "Irbil"]  # the rules alone
    assert [m.text for m in geoparse(text, nlp=nlp)] == ["Irbil"]


def test_place_entities_the_rules_miss_are_added(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "fighting spread to raqqa overnight."  # lower case: the rules skip it
    assert geoparse(text) == []
    (m,) = geoparse(text, nlp=nlp)
    assert m.text == "raqqa" and m.place is not None and m.place.country_code == "SY"


def test_a_process_wide_pipeline(nlp) -> None:  # type: ignore[no-untyped-def]
    use_spacy(nlp)
    try:
        assert [m.text for m in geoparse("The Mosul Dam Authority met.")] == []
    finally:
        use_spacy(None)

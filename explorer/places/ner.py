"""Optional named-entity evidence from spaCy (``pip install 'explorer[nlp]'`` and a pipeline).

The default geoparser needs no model. When a spaCy pipeline is given (``geoparse(text,
nlp=nlp)``, or once for the process with :func:`use_spacy`), its entities are extra evidence:

* a candidate span inside a PERSON, ORG, NORP-less ... entity that is not GPE/LOC/FAC is dropped
  ("Kerry" in a PERSON entity);
* a GPE, LOC or FAC entity that the gazetteer knows but the rules missed is added.
"""

from __future__ import annotations

from typing import Any

__all__ = ["entity_spans", "use_spacy"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})

_default_nlp: Any = None


def use_spacy(nlp: Any) -> None:
    """Use this spaCy ``Language`` (e.g. ``spacy.load("en_core_web_sm")``) for every call;
    ``None`` switches the evidence off again."""
    global _default_nlp
    _default_nlp = nlp


def default_nlp() -> Any:
    return _default_nlp


def entity_spans(nlp: Any, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(place entity spans, non-place entity spans) as character offsets."""
    doc = nlp(text)
    places, others = [], []
    for ent in doc.ents:
        span = (ent.start_char, ent.end_char)
        if ent.label_ in PLACE_LABELS:
            places.append(span)
        elif ent.label_ in NOT_PLACE_LABELS:
            others.append(span)
    return places, others

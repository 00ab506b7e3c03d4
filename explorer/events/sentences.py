"""Sentence splitting for news, kept here for the callers that import it from events: the one
splitter and its abbreviation list live in :mod:`explorer.document`.

>>> split_sentences("Gen. Lee left the U.S. on Monday. He flew home.")
[(0, 33), (34, 47)]
"""

from __future__ import annotations

from explorer.document import ABBREVIATIONS, split_sentences

__all__ = ["ABBREVIATIONS", "split_sentences"]

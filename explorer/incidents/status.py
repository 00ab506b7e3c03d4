"""Whether an incident happened, is planned, or was announced (decided, ordered) but not done.

Read from the words before the trigger in its sentence: a future or an intention ("will
deploy", "plans to send", "is expected to", "would go") makes it planned; a decision that has
not been carried out yet ("ordered", "approved", "authorized", "announced ... to") makes it
announced; anything else happened.

>>> text = "Carter said that special forces will deploy to Iraq."
>>> status_of(text, (0, len(text)), text.index("deploy"))
'planned'
"""

from __future__ import annotations

import re

from explorer.incidents.model import Status

__all__ = ["status_of"]

_PLANNED = re.compile(
    r"\b(?:will|would|shall|plans?\s+to|planned|planning|intends?\s+to|is\s+to|are\s+to|"
    r"going\s+to|expected\s+to|set\s+to|prepared\s+to|ready\s+to|aims?\s+to|could|may|might|"
    r"proposed|proposal|to\s+be|next\s+(?:week|month|year))\b[^.;]{0,80}$|\bto\s+$",
    re.IGNORECASE,
)
_ANNOUNCED = re.compile(
    r"\b(?:ordered|approved|authori[sz]ed|announced|decided|agreed\s+to|pledged|vowed|"
    r"promised|threatened)\b[^.;]{0,60}$",
    re.IGNORECASE,
)


def status_of(text: str, sentence: tuple[int, int], trigger: int) -> Status:
    """The status of the happening whose trigger word starts at ``trigger`` in ``sentence``."""
    s, _ = sentence
    before = text[max(s, trigger - 120) : trigger]
    if _PLANNED.search(before):
        return "planned"
    if _ANNOUNCED.search(before):
        return "announced"
    return "happened"

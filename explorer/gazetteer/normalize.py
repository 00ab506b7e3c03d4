"""Name keys: how place names are compared.

Keys are case-insensitive, with diacritics folded ("São Paulo" = "Sao Paulo"), full stops and
apostrophes dropped ("St. Louis" = "St Louis", "Karbala'" = "Karbala"), hyphens and other
punctuation read as spaces ("Winston-Salem" = "Winston Salem"), and runs of space collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["is_latin", "name_key"]

# Letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "h",
    }
)
_DROP = re.compile(r"[.'’‘`ʻʼ´\"“”]")
_SPACE = re.compile(r"[\s\-‐‑‒–—_/,;:()\[\]]+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The comparison key of a place name.

    >>> name_key("São Paulo") == name_key("sao paulo")
    True
    >>> name_key("  St. John's ")
    'st johns'
    """
    if name.isascii() and name.isalpha():
        return name.lower()  # most words: nothing to fold, drop or collapse
    text = name.translate(_SPECIAL)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROP.sub("", text.casefold())
    return _SPACE.sub(" ", text).strip()


def is_latin(name: str) -> bool:
    """True when a name, once folded, is written in Latin letters (plus digits and punctuation)."""
    key = name_key(name)
    return bool(key) and key.isascii() and any(ch.isalpha() for ch in key)

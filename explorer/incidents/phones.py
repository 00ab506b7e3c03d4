"""The US states a local news article's telephone numbers point to.

Local news asks readers to call the police or a tip line: "anyone with information is asked
to call 918-596-9222". A North American number's area code belongs to one state or province;
libphonenumber's offline geocoding data (the ``phonenumbers`` package) names it ("Tulsa, OK").
Toll-free and non-geographic codes say nothing. The states found are votes for the region of
a town the article does not qualify (:func:`explorer.incidents.region.settle_region`).

>>> phone_states("Call detectives at (412) 323-7800 or 1-800-555-0100.")
['US.PA']
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["phone_states"]

# a ten-digit North American number, area code first: "412-323-7800", "(412) 323-7800"
_NUMBER = re.compile(r"(?<![\d-])\(?([2-9]\d\d)\)?[-. ]?([2-9]\d\d)[-. ](\d{4})(?![\d-])")


@lru_cache(maxsize=1024)
def _area_state(area: str, exchange: str) -> str | None:
    """The ``"US.XX"`` region of an area code (``None``: toll-free, another country, unknown)."""
    try:
        import phonenumbers
        from phonenumbers import geocoder
    except ImportError:  # the package is a dependency; without it, no votes
        return None
    try:
        number = phonenumbers.parse(f"+1{area}{exchange}0000")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.region_code_for_number(number) != "US":
        return None
    where = geocoder.description_for_number(number, "en")
    code = where.rsplit(", ", 1)[-1] if ", " in where else None
    if code is not None and len(code) == 2 and code.isupper():
        return f"US.{code}"
    if where == "Washington D.C.":
        return "US.DC"
    from explorer.incidents.dateline import state_key

    return state_key(where) if where else None


def phone_states(text: str) -> list[str]:
    """The distinct US states (``"US.XX"``) of the telephone numbers in ``text``, in order."""
    if "-" not in text and "(" not in text and "." not in text:
        return []
    out: list[str] = []
    for m in _NUMBER.finditer(text):
        state = _area_state(m.group(1), m.group(2))
        if state is not None and state not in out:
            out.append(state)
    return out

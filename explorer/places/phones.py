"""The states and provinces a local news article's telephone numbers point to.

Local news asks readers to call the police or a tip line: "anyone with information is asked
to call 918-596-9222". A North American number's area code belongs to one state or province;
libphonenumber's offline geocoding data (the ``phonenumbers`` package) names it ("Tulsa, OK").
Toll-free and non-geographic codes say nothing. The states found are votes for the region of
a town the article does not qualify (:func:`explorer.incidents.region.settle_region`), and
the geoparser takes their state or province as a place of the article (:func:`phone_regions`:
"call London police at 519-661-5670" is London, Ontario).

>>> phone_states("Call detectives at (412) 323-7800 or 1-800-555-0100.")
['US.PA']
"""

from __future__ import annotations

import re
from functools import lru_cache

from explorer.gazetteer import Gazetteer
from explorer.model import Place

__all__ = ["phone_regions", "phone_states", "phone_towns"]

# a ten-digit North American number, area code first: "412-323-7800", "(412) 323-7800"
_NUMBER = re.compile(r"(?<![\d-])\(?([2-9]\d\d)\)?[-. ]?([2-9]\d\d)[-. ](\d{4})(?![\d-])")


@lru_cache(maxsize=1024)
def _area(area: str, exchange: str) -> tuple[str, str | None] | None:
    """The ``"US.XX"`` region of an area code and the town libphonenumber names for it, if
    any ("Tulsa, OK" -> ``("US.OK", "Tulsa")``)."""
    try:
        import phonenumbers
        from phonenumbers import geocoder
    except ImportError:  # the package is a dependency; without it, no votes
        return None
    try:
        number = phonenumbers.parse(f"+1{area}{exchange}0000")
    except phonenumbers.NumberParseException:
        return None
    country = phonenumbers.region_code_for_number(number)
    where = geocoder.description_for_number(number, "en")
    town, _, code = where.rpartition(", ")
    if country == "CA":
        province = _PROVINCES.get(code if town else "")
        return (f"CA.{province}", town) if province and town else None
    if country != "US":
        return None
    if town and len(code) == 2 and code.isupper():
        return f"US.{code}", town
    if where == "Washington D.C.":
        return "US.DC", "Washington"
    state = _US_STATES.get(where)
    return (f"US.{state}", None) if state is not None else None


# GeoNames' first-level codes of Canada's provinces and territories, by postal abbreviation
_PROVINCES = {
    "AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08",
    "PE": "09", "QC": "10", "SK": "11", "YT": "12", "NT": "13", "NU": "14",
}  # fmt: skip
# states libphonenumber names whole (an area code for the whole state)
_US_STATES = {
    "Alaska": "AK", "Delaware": "DE", "Hawaii": "HI", "Idaho": "ID", "Maine": "ME",
    "Montana": "MT", "New Hampshire": "NH", "North Dakota": "ND", "Rhode Island": "RI",
    "South Dakota": "SD", "Vermont": "VT", "Wyoming": "WY", "Nevada": "NV", "New Mexico": "NM",
    "Utah": "UT", "West Virginia": "WV", "Nebraska": "NE", "Kansas": "KS", "Iowa": "IA",
    "Arkansas": "AR", "Mississippi": "MS", "Oregon": "OR", "Connecticut": "CT",
}  # fmt: skip


def phone_towns(text: str) -> list[tuple[str, str | None]]:
    """The distinct ``(state, town)`` of the telephone numbers in ``text``, in order (``town``
    ``None`` when the area code covers a whole state)."""
    if "-" not in text and "(" not in text and "." not in text:
        return []
    out: list[tuple[str, str | None]] = []
    for m in _NUMBER.finditer(text):
        found = _area(m.group(1), m.group(2))
        if found is not None and found not in out:
            out.append(found)
    return out


def phone_states(text: str) -> list[str]:
    """The distinct US states (``"US.XX"``) of the telephone numbers in ``text``, in order."""
    out: list[str] = []
    for state, _ in phone_towns(text):
        if state.startswith("US.") and state not in out:
            out.append(state)
    return out


def phone_regions(gaz: Gazetteer, text: str) -> list[Place]:
    """The states and provinces (gazetteer places) of the telephone numbers in ``text``."""
    out: list[Place] = []
    for region, _ in phone_towns(text):
        country, _, code = region.partition(".")
        place = gaz.admin1(country, code)
        if place is not None and place not in out:
            out.append(place)
    return out

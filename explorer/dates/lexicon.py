"""Words the temporal tagger knows: months, weekdays, numbers, units, seasons."""

from __future__ import annotations

import re

__all__ = [
    "MONTHS",
    "NUMBERS",
    "ORDINALS",
    "SEASONS",
    "UNITS",
    "WEEKDAYS",
    "day_number",
    "month_number",
    "number_value",
]

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ],
    1,
):  # fmt: skip
    for _n in _names:
        MONTHS[_n] = _i

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a few": -1, "few": -1, "several": -1, "many": -1, "some": -1, "a couple of": 2,
    "couple of": 2, "a dozen": 12, "dozens of": -1, "hundreds of": -1, "the": 1,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "last": 4, "final": 4,
}  # fmt: skip

# unit word -> (TIMEX3 duration letter, is a time unit (PT...))
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False),
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip


def month_number(word: str) -> int:
    """1-12 for a month name or abbreviation ("Sept.", "Dec", "March")."""
    w = word.lower().rstrip(".")
    return MONTHS[w[:4] if w.startswith("sept") else w[:3] if len(w) > 3 else w]


def day_number(word: str) -> int:
    """The day of month in "3rd", "21", "07"."""
    return int(re.sub(r"\D", "", word))


def number_value(word: str) -> int:
    """The value of a number word or numeral ("twenty-one", "3", "a"); -1 for vague amounts
    ("several", "a few") or what is not a number."""
    w = word.lower()
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS and NUMBERS[parts[0]] >= 20:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    if w in NUMBERS:
        return NUMBERS[w]
    try:
        return int(float(w))
    except ValueError:
        return -1

# ruff: noqa: E501  (a table of regular expressions reads best one rule per line)
"""The rule table: one compiled pattern per rule, its handler, and the trigger words it needs.

Speed: the text is scanned once for words (:func:`trigger_hits`); the words every temporal
expression contains (month and weekday names, time units, four-digit years, clock times, ...)
are looked up in :data:`TRIGGER_WORDS`. Each hit names a trigger class; a rule's full pattern only runs in small windows
(``back`` characters before and ``forward`` after) around hits of the classes it listens to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from explorer.dates.absolute import (
    h_decade,
    h_iso,
    h_month,
    h_month_day,
    h_month_day_year,
    h_month_rel_year,
    h_month_year,
    h_numeric,
    h_quarter,
    h_season,
    h_time,
    h_year,
    month_match,
)
from explorer.dates.compound import h_rel_year_quarter, h_week_of, h_weekday_date, h_year_quarter
from explorer.dates.document import ANAPHORA, h_anaphora
from explorer.dates.durations import WdSet, h_duration, h_recent, h_ref, h_set, h_weekday_set
from explorer.dates.forms import (
    h_calendar_set,
    h_clock24,
    h_day_first,
    h_fiscal_code,
    h_long,
    h_nth_day,
    h_phase_of_unit,
    h_season_year,
    h_while,
)
from explorer.dates.named import (
    h_century,
    h_holiday,
    h_midday,
    h_near_future,
    h_spelled_decade,
    h_spelled_year,
    h_the_year,
    h_year_end,
)
from explorer.dates.relative import (
    h_anaphoric_quarter,
    h_deictic_day,
    h_number_unit,
    h_part_of_day,
    h_relative_unit,
    h_time_on_day,
    h_weekday,
    h_weekend,
    h_year_earlier,
)
from explorer.dates.timex import Found

__all__ = ["RULES", "TRIGGER_WORDS", "Rule", "trigger_hits"]

Handler = Callable[[re.Match[str], str, dt.date | None], "Found | None"]


Compiled = tuple[re.Pattern[str], bool]


class Rule:
    """A named pattern, its handler, the trigger classes it listens to and its reach.

    ``folded`` rules are case-insensitive: their pattern is written in lower case and runs on the
    lower-cased text (much faster than ``re.IGNORECASE``); the handler still gets the original
    text, and the spans are the same.
    """

    __slots__ = ("back", "folded", "forward", "handle", "name", "pattern", "triggers")

    def __init__(
        self,
        name: str,
        compiled: Compiled,
        handle: Handler,
        triggers: tuple[str, ...],
        back: int = 0,
        forward: int = 0,
    ) -> None:
        self.name = name
        self.pattern, self.folded = compiled
        self.handle = handle
        self.triggers = triggers
        self.back = back
        self.forward = forward


# --- building blocks -------------------------------------------------------------------------
MONTH_ABBR = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMWORD = (
    rf"(?:{TENS}[\s-](?:one|two|three|four|five|six|seven|eight|nine)|\d+(?:\.\d+)?|"
    r"a couple of|couple of|a few|a dozen|dozens of|hundreds of|an?|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    rf"eighteen|nineteen|{TENS}|hundred|few|several|many|some)"
)
UNIT = r"(?:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century)"
UNITS_PLURAL = (
    r"(?:seconds|minutes|hours|days|nights|weeks|weekends|months|quarters|years|decades|centuries)"
)
HOLIDAY = (
    r"(?P<h>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Eve|Day))?|New\s+Year's(?:\s+(?:Day|Eve))?|"
    r"New\s+Year\s+Day|Easter(?:\s+(?:Sunday|Day|week))|Election\s+Day|Independence\s+Day|"
    r"Halloween|Valentine's\s+Day|Labor\s+Day|Memorial\s+Day)"
)
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
SPELLED_YEAR = (
    rf"(?:(?P<century>nineteen)[\s-]+(?P<rest>oh[\s-]+{_ONES}|{TENS}(?:[\s-]+{_ONES})?|{_TEENS})"
    rf"|the\s+year\s+(?P<millennium>two\s+thousand)(?:\s+(?:and\s+)?(?P<unit>{_ONES}))?)"
)
ORDINAL_WORDS = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty-first)"
)
_REL = r"(?P<rel>last|next|this|past|coming|previous|current)"
_VAGUE = r"(?:(?:about|almost|nearly|roughly|some|around|approximately|at least|more than|less than|over|under|just|barely|only)\s+)?"  # fmt: skip

# --- trigger words ------------------------------------------------------------------------------
# Each word (in any case) names the trigger class it belongs to; a rule lists the classes it needs.
_TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "u_time": ("second", "seconds", "minute", "minutes", "hour", "hours"),
    "u_day": ("day", "days", "night", "nights"),
    "u_week": ("week", "weeks"),
    "u_weekend": ("weekend", "weekends"),
    "u_month": ("month", "months"),
    "u_quarter": ("quarter", "quarters"),
    "u_year": ("year", "years"),
    "u_decade": ("decade", "decades"),
    "u_century": ("century", "centuries"),
    "u_half": ("half",),
    "u_period": ("period", "periods"),
    "mon": ("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
            "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    "wd": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
           "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"),
    "deictic": ("today", "tonight", "yesterday", "tomorrow"),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "part": ("morning", "afternoon", "evening"),
    "ref": ("now", "currently", "current", "present", "these", "recent", "recently", "lately",
            "past", "future", "formerly", "nowadays", "coming"),
    "set": ("daily", "every", "each", "per", "annually", "hourly", "nightly", "weekly", "monthly",
            "quarterly", "yearly"),
    "named": ("thanksgiving", "christmas", "new", "easter", "election", "independence",
              "halloween", "valentine", "labor", "memorial", "nineteen", "twenties", "thirties",
              "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "midday",
              "term", "thousand"),
    "clock": ("noon", "midnight"),
    "code": ("fy", "q", "h", "fiscal"),
    "vague": ("while",),
    "long": ("long",),
}  # fmt: skip
TRIGGER_WORDS: dict[str, str] = {
    word: name for name, words in _TRIGGER_WORDS.items() for word in words
}
UNIT_CLASSES = tuple(name for name in _TRIGGER_WORDS if name.startswith("u_"))
_TRIGGER_BYTES = {word.encode(): word for word in TRIGGER_WORDS}
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_DIGITS = re.compile(r"\d+")
_CLOCK_AFTER = re.compile(r"(?:[:.][0-5]\d)?\s*[aApP]\.?[mM]\b")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_ORDINAL_ENDINGS = frozenset(("st", "nd", "rd", "th"))


def trigger_hits(text: str, low: str | None = None) -> dict[str, list[int]]:
    """Start offsets of trigger words in ``text``, by trigger class, in text order.

    ``low`` is the text in lower case (same offsets). The words present are found with one split
    and a set intersection; only those are then located, with ``str.find``.
    """
    if low is None:
        low = text.lower()
    hits: dict[str, list[int]] = {}
    letters = _LETTERS
    # the words of the text ([a-z]+ runs), at C speed: bytes, every other character a space
    words = low.encode("ascii", "replace").translate(_LETTERS_ONLY).split()
    for key in _TRIGGER_BYTES.keys() & set(words):
        word = _TRIGGER_BYTES[key]
        found = hits.setdefault(TRIGGER_WORDS[word], [])
        size = len(word)
        at = low.find(word)
        while at >= 0:
            end = at + size
            if (at == 0 or low[at - 1] not in letters) and low[end : end + 1] not in letters:
                found.append(at)
            at = low.find(word, end)
    for m in _DIGITS.finditer(text):
        token = m.group()
        at = m.start()
        if len(token) == 4:
            if not 1800 <= int(token) <= 2099:
                continue
            name = "year"
        elif len(token) <= 2:
            end = m.end()
            if _CLOCK_AFTER.match(text, end):
                name = "clock"
            elif text.startswith("/", end):
                name = "slash"
            elif text.startswith(":", end) and text[end + 1 : end + 3].isdigit():
                name = "clock24"
            elif text[end : end + 2] in _ORDINAL_ENDINGS:
                name = "nth"
            elif at and text[at - 1] == "'" and token.endswith("0"):
                name, at = "decade", at - 1
            else:
                continue
        else:
            continue
        hits.setdefault(name, []).append(at)
    for found in hits.values():
        found.sort()
    return hits


_ESCAPE_OR_UPPER = re.compile(r"\\.|\(\?P|[A-Z]")


def _c(pattern: str, flags: int = 0) -> Compiled:
    """The compiled rule pattern; a case-insensitive one is folded to lower case (see Rule)."""
    if flags & re.IGNORECASE:
        folded = _ESCAPE_OR_UPPER.sub(
            lambda m: m.group().lower() if len(m.group()) == 1 else m.group(), pattern
        )
        return re.compile(folded, flags & ~re.IGNORECASE), True
    return re.compile(pattern, flags), False


_I = re.IGNORECASE
_UNITS = UNIT_CLASSES
RULES: list[Rule] = [
    Rule("iso", _c(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), h_iso, ("year",), 0, 12),
    Rule("numeric", _c(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d{2})\b"),
         h_numeric, ("slash",), 0, 10),
    Rule("month day year", _c(rf"\b(?P<mon>{MONTH_ABBR})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b"),
         h_month_day_year, ("mon",), 0, 25),
    Rule("day month year", _c(rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH_ABBR}),?\s+(?P<y>{YEAR})\b"),
         h_month_day_year, ("mon",), 10, 20),
    Rule("month day", _c(rf"\b(?P<mon>{MONTH_ABBR})\s+(?P<d>{DAY})\b(?![,.]?\d|\s*(?:%|percent|million|billion))"),
         h_month_day, ("mon",), 0, 30),
    Rule("day month", _c(rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH_FULL})\b"), h_month_day, ("mon",), 10, 10),
    Rule("month rel year", _c(rf"\b(?P<mon>{MONTH_FULL})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b"),
         h_month_rel_year, ("mon",), 0, 25),
    Rule("month year", _c(rf"\b(?P<mon>{MONTH_ABBR}),?\s+(?:of\s+)?(?P<y>{YEAR})\b"), h_month_year, ("mon",), 0, 20),
    Rule("month", _c(
        r"\b(?:(?:in|In|since|Since|by|By|until|Until|through|from|From|to|of|before|after|during|between|and|or|late|Late|early|Early|end|start|beginning|the|The)\s+|mid-)"
        rf"(?P<x>(?:(?P<rel>last|next|this)\s+)?(?P<mon>{MONTH_FULL}))\b"
        rf"|(?P<x2>(?P<rel2>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<mon2>{MONTH_FULL}))\b"
        r"|\b(?P<x3>(?P<mon3>January|February|April|June|July|August|September|October|November|December))\b(?!\s+\d)"
    ), lambda m, t, p: h_month(month_match(m), t, p), ("mon",), 25, 12),
    Rule("weekday", _c(
        rf"(?P<x>(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming|[Pp]revious)\s+)?(?P<wd>{WEEKDAY}|{WEEKDAY.upper()})"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?)\b"
    ), h_weekday, ("wd",), 12, 22),
    Rule("deictic", _c(r"\b(?P<w>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>morning|afternoon|evening|night))?\b", _I),
         h_deictic_day, ("deictic",), 0, 22),
    Rule("relative unit", _c(rf"\b(?:(?:earlier|later)\s+)?(?:the\s+)?{_REL}\s+(?P<unit>week|weekend|month|quarter|year|decade|spring|summer|fall|autumn|winter)\b", _I),
         h_relative_unit, ("u_week", "u_weekend", "u_month", "u_quarter", "u_year", "u_decade", "season"), 40, 10),
    Rule("weekday set", _c(rf"\b(?:(?:every|each)\s+(?P<wd>{WEEKDAY})|(?P<wd2>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))(?:\s+(?P<part>mornings?|afternoons?|evenings?|nights?))?\b|\b(?P<wd3>{WEEKDAY})\s+(?P<part3>mornings|afternoons|evenings|nights)\b"),
         lambda m, t, p: h_weekday_set(WdSet(m), t, p), ("wd",), 8, 22),  # type: ignore[arg-type]
    Rule("time on day", _c(rf"\b(?P<clock>(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight)(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?,?\s+(?:on\s+)?(?:(?P<day>{WEEKDAY}|yesterday|today|tomorrow|tonight)(?!,?\s+(?:{MONTH_ABBR})\.?\s+\d)|(?P<mon>{MONTH_ABBR})\s+(?P<d>{DAY}))\b", _I),
         h_time_on_day, ("clock",), 0, 40),
    Rule("year earlier", _c(r"\b(?:[Tt]he\s+)?[Yy]ear-(?:earlier|ago)(?:\s+(?:quarter|period))?\b|\b[Tt]he\s+latest\s+period\b"),
         h_year_earlier, ("u_year", "u_period"), 12, 25),
    Rule("the quarter", _c(r"\b[Tt]he\s+(?:latest\s+|most\s+recent\s+|recent\s+|just-ended\s+|fiscal\s+)?quarter\b(?![-\s](?:century|mile|of\s+(?:a|an|the)\b))"),
         h_anaphoric_quarter, ("u_quarter",), 25, 20),
    Rule("the weekend", _c(r"\b[Tt]he\s+weekend\b"), h_weekend, ("u_weekend",), 5, 8),
    Rule("recent units", _c(r"\b(?:recent|coming|past)\s+(?P<unit>years|months|weeks|days|decades|quarters)\b", _I), h_recent, ("ref",), 8, 20),
    Rule("part of day", _c(r"\b(?:(?:early|late|later|earlier)\s+)?(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)\b", _I), h_part_of_day, ("part", "u_day"), 20, 12),
    Rule("number and unit", _c(
        rf"(?=[0-9acdefhmnost])(?P<x>\b(?:the\s+(?:past|last|next|first|coming|previous)\s+)?(?P<n>{NUMWORD})(?P<half>\s+1/2|\s+and\s+a\s+half)?[\s-]+(?:(?:more|full|straight|consecutive|long|additional|further)\s+)?(?P<unit>{UNIT}s?)\b(?P<half2>\s+and\s+a\s+half\b)?)(?:\s+(?P<dir>ago|earlier|later|before|after)\b)?(?!-old|\s+old)",
        _I), h_number_unit, _UNITS, 55, 30),
    Rule("bare duration", _c(rf"(?:\b(?:for|over|in|within|lasting)\s+)(?P<x>(?P<n>)(?P<unit>{UNITS_PLURAL}))\b(?!\s+ago)", _I),
         h_duration, _UNITS, 12, 14),
    Rule("quarter", _c(rf"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:(?P<quarter>quarter)|(?P<half>half))(?:\s+of\s+(?P<y>{YEAR}))?\b", _I),
         h_quarter, ("u_quarter", "u_half"), 25, 20),
    Rule("season", _c(rf"(?P<x>(?:\b(?P<rel>last|next|this|the)\s+)(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}))?)\b", _I),
         h_season, ("season",), 8, 16),
    Rule("decade", _c(r"(?P<x>\b(?:the\s+)?(?:(?:early|late|mid)[\s-])?(?:(?P<full>(?:19|20)\d0)s|'(?P<short>\d)0s))\b"),
         h_decade, ("year", "decade"), 22, 6),
    Rule("year", _c(rf"(?P<x>\b(?:fiscal\s+)?(?P<y>{YEAR}))\b(?!-\d|\.\d|,\d)"), h_year, ("year",), 8, 6),
    Rule("time", _c(r"\b(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight)", _I),
         h_time, ("clock",), 0, 12),
    Rule("reference", _c(r"\b(?:now|currently|nowadays|at present|these days|recently|lately|in the past|the past(?!\s+\w+\s+(?:days|weeks|months|years))|in the future|the future|formerly|current(?!\s+(?:account|prices|dollars|affairs|events)\b))\b", _I),
         h_ref, ("ref",), 8, 12),
    Rule("set", _c(rf"\b(?:daily|weekly|monthly|quarterly|annually|yearly|nightly|hourly|(?:every|each|per)\s+(?P<unit>{UNIT}))\b", _I),
         h_set, ("set",), 0, 14),
    Rule("holiday", _c(rf"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?\b{HOLIDAY}\b"), h_holiday, ("named",), 6, 24),
    Rule("spelled year", _c(rf"\b(?:(?P<mon>{MONTH_FULL})\s+|the\s+(?P<season>spring|summer|fall|autumn|winter)\s+of\s+)?{SPELLED_YEAR}\b", _I),
         h_spelled_year, ("named",), 28, 40),
    Rule("spelled decade", _c(r"\bthe\s+(?:(?:early|late|mid)[\s-]+)?(?P<d>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", _I),
         h_spelled_decade, ("named",), 12, 12),
    Rule("century", _c(rf"\b(?:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORDS})[\s-]+century\b|\b(?P<this>this\s+century)\b", _I),
         h_century, ("u_century",), 22, 12),
    Rule("the year", _c(r"(?P<x>\b[Tt]he\s+(?:full\s+|fiscal\s+|current\s+(?:fiscal\s+)?)?year)\b(?![-'’])(?P<ended>\s+(?:ended|ending|that\s+ended)\b)?"),
         h_the_year, ("u_year",), 22, 16),
    Rule("year end", _c(r"(?P<since>\b[Ss]ince\s+)?(?P<x>\b(?:[Yy]ear[-\s]end|year's\s+end|the\s+end\s+of\s+the\s+year))\b"),
         h_year_end, ("u_year",), 22, 10),
    Rule("midday", _c(r"\b[Mm]idday\b"), h_midday, ("named",), 0, 8),
    Rule("near future", _c(r"\b[Tt]he\s+(?:near|immediate|foreseeable)\s+future\b|\b[Tt]he\s+(?:near|short|long)\s+term\b"),
         h_near_future, ("ref", "named"), 20, 10),
    Rule("weekday and date", _c(rf"\b(?P<wd>{WEEKDAY}),?\s+(?P<mon>{MONTH_ABBR})\s+(?P<d>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?(?![,.]?\d)"),
         h_weekday_date, ("wd",), 0, 40),
    Rule("year and quarter", _c(rf"\b[Tt]he\s+(?P<y>{YEAR})\s+(?:(?P<q>first|second|third|fourth)[\s-]+)?(?:fiscal\s+)?(?:quarter|period)\b"),
         h_year_quarter, ("u_quarter", "u_period"), 40, 10),
    Rule("relative year and quarter", _c(r"\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+year's\s+(?:(?P<q>first|second|third|fourth)[\s-]+)?(?:fiscal\s+)?quarter\b"),
         h_rel_year_quarter, ("u_quarter",), 45, 10),
    Rule("anaphora", _c(ANAPHORA), h_anaphora, ("u_day", "u_week", "u_month", "u_quarter", "u_year", "part"), 25, 12),
    Rule("the week of", _c(rf"\b[Tt]he\s+week\s+of\s+(?P<mon>{MONTH_ABBR})\s+(?P<d>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?"),
         h_week_of, ("u_week",), 5, 30),
    Rule("unit-long", _c(rf"(?P<x>\b(?:(?P<n>{NUMWORD})-)?(?P<unit>{UNIT}s?|centuries)-long)\b", _I), h_long, ("long",), 40, 6),
    Rule("season year", _c(rf"(?P<x>\b(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>{YEAR}))\b", _I), h_season_year, ("season",), 0, 16),
    Rule("fiscal code", _c(rf"\b(?:(?:FY|[Ff]iscal\s+[Yy]ear)\s?(?P<fy>\d{{4}}|\d{{2}})|(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12]))\s*(?:of\s+)?'?(?P<y>{YEAR}|\d{{2}}))\b"),
         h_fiscal_code, ("code",), 4, 20),
    Rule("clock24", _c(r"\b(?P<h>2[0-3]|[01]?\d):(?P<min>[0-5]\d)(?P<ap>)\b(?![:.]\d|\s*(?:[ap]\.m\.|[AaPp][Mm]\b))(?=(?P<tz>\s*(?:GMT|UTC|[ECMP][SD]T|BST|CES?T|local\s+time|hrs\b|h\b))?)"),
         h_clock24, ("clock24",), 0, 8),
    Rule("phase of unit", _c(r"\bthe\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>week|month|quarter)\b", _I),
         h_phase_of_unit, ("u_week", "u_month", "u_quarter"), 30, 8),
    Rule("every month", _c(rf"\b(?:every|each)\s+(?:(?P<mon>{MONTH_FULL})|(?P<s>spring|summer|fall|autumn|winter))\b"),
         h_calendar_set, ("mon", "season"), 12, 12),
    Rule("weekday day month", _c(rf"\b(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH_ABBR})(?:,?\s+(?P<y>{YEAR}))?\b"),
         h_weekday_date, ("wd",), 0, 40),
    Rule("numeric d/m/y", _c(r"\b(?P<d>1[3-9]|2\d|3[01])/(?P<m>1[0-2]|0?[1-9])/(?P<y>\d{4})\b|\b(?P<d2>3[01]|[12]\d|0?[1-9])\.(?P<m2>1[0-2]|0?[1-9])\.(?P<y2>\d{4})\b"),
         h_day_first, ("slash", "year"), 6, 12),
    Rule("the nth", _c(r"\b(?:on|by|until|till|since|from|before|after)\s+the\s+(?P<x>(?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th))\b(?![ \t]*[\w(])", _I),
         h_nth_day, ("nth",), 20, 8),
    Rule("a while", _c(r"\b(?:for|after)\s+(?P<x>(?:quite\s+)?a\s+(?:long\s+|good\s+)?while)\b", _I), h_while, ("vague",), 24, 6),
]  # fmt: skip

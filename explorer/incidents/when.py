"""When an incident happened: the day (or interval) of the happening, not of the report.

Every DATE/TIME expression of the article is a candidate, scored by where it stands:

* in a sentence that tells of the incident (one of its trigger sentences): strongly preferred;
  in the title, or in the first sentences of the story: preferred;
* in a sentence about the aftermath (a hearing, a court date, a funeral, a vigil, a charge, a
  sentence), or after the publication date (a day still to come cannot be the day something
  happened): set aside, unless the incident is planned;
* a day beats a week, a week a month.

The best candidate dates the incident; with none, the publication date does (precision "day",
evidence "publication date"), or nothing when there is none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from explorer.model import TimeMention

__all__ = ["When", "incident_date"]

# words of a sentence about what came after the happening (its dates are not the happening's)
_AFTERMATH = re.compile(
    r"\b(?:hearing|court|arraign|bond\b|bail\b|funeral|vigil|memorial|sentenc|trial\b|"
    r"jury|scheduled|set for|will be|plead|pleaded|indict|appear|verdict|convicted|"
    r"services? (?:will|are)|laid to rest|anniversary|since\b|updated?\b|posted\b)",
    re.IGNORECASE,
)
# verbs a date may belong to instead of the happening: saying, charging, judging, reporting
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|announced|announces|identified|identifies|charged|"
    r"arrested|arraigned|booked|pleaded|pleads|appeared|sentenced|convicted|indicted|"
    r"investigating|investigated|released|confirmed|reassured|reported|updated|posted|"
    r"filed|issued|held|hosted|gathered|remembered|mourned|asked|urged|searching|"
    r"continued|continue|court|hearing|statement|conference|interview|announcement|"
    r"approved|ordered|decided|testified)\b",
    re.IGNORECASE,
)
# words that make a date the happening's even without a trigger word next to it
_HAPPENING = re.compile(r"\b(?:occurred|happened|took place|erupted|broke out|began)\b")
# a date that names its day: a weekday, a month, a numeric date, or a day relative to today
_NAMES_DAY = re.compile(
    r"(?i:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"yesterday|today|tonight|last night|this morning|this afternoon|this evening|"
    r"overnight|christmas|new year|thanksgiving|halloween|eve\b|day\b)|\d{1,2}/\d{1,2}|"
    r"\d{4}-\d\d|\b\d{1,2}(?:st|nd|rd|th)\b"
)
_PRECISION = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


@dataclass(frozen=True, slots=True)
class When:
    """The dates chosen for an incident and why."""

    start: dt.date | None
    end: dt.date | None
    precision: str
    text: str | None
    evidence: str
    confidence: float


_VAGUE = frozenset({"now", "currently", "recently", "lately", "that day", "the same day"})


def _gap(t: TimeMention, offset: int) -> int:
    """Characters between the date and a word starting at ``offset``."""
    if offset >= t.end:
        return offset - t.end
    return max(0, t.start - offset - 8)


def _granularity(t: TimeMention) -> str:
    if t.start_date is None or t.end_date is None:
        return "unknown"
    width = (t.end_date - t.start_date).days
    if width == 0:
        return "day"
    if width <= 7:
        return "week"
    if width <= 31:
        return "month"
    return "year"


def incident_date(
    text: str,
    dates: Sequence[TimeMention],
    sentences: Sequence[tuple[int, int]],
    trigger_sentences: dict[int, list[int]],
    *,
    title_end: int = 0,
    published: dt.date | None = None,
    planned: bool = False,
    strong: frozenset[int] = frozenset(),
) -> When:
    """The day or interval of the incident told of in ``trigger_sentences`` (indexes into
    ``sentences``, each with the offsets of its trigger words; ``strong``: the offsets of the
    words of the incident's own label); ``title_end`` is where the title ends in ``text``
    (0: no title)."""
    best: tuple[float, int, TimeMention, str] | None = None
    k = 0
    for t in sorted(dates, key=lambda t: t.start):
        if t.type not in ("DATE", "TIME") or not t.anchored or t.start_date is None:
            continue
        grain = _granularity(t)
        if grain not in ("day", "week", "month"):
            continue
        while k + 1 < len(sentences) and sentences[k + 1][0] <= t.start:
            k += 1
        if published is not None and t.start_date > published and not planned:
            continue
        if published is not None and (published - t.start_date).days > 400:
            continue
        s, e = sentences[k] if sentences else (0, len(text))
        if t.text.lower() in _VAGUE or (grain == "day" and not _NAMES_DAY.search(t.text)):
            continue  # "now", "11 p.m.", "midnight": the day of the report, said again
        score = {"day": 3.0, "week": 1.0, "month": 0.5}[grain]
        where = "other sentence"
        triggers = list(trigger_sentences.get(k, ()))
        happen = [m.start() for m in _HAPPENING.finditer(text, s, e)]
        triggers += happen
        if k in trigger_sentences:
            score += 3.0
            where = "incident sentence"
        elif t.start < title_end:
            score += 2.0
            where = "title"
        elif k - 1 in trigger_sentences or k + 1 in trigger_sentences:
            score += 1.0
            where = "next to the incident"
        near_trigger = min((_gap(t, x) for x in triggers), default=999)
        near_report = min(
            (_gap(t, m.start()) for m in _REPORTING.finditer(text, max(s, t.start - 40), e)),
            default=999,
        )
        if planned and near_report <= 30:
            score += 2.0  # a plan is dated by its announcement: "announced on Tuesday"
            where += ", the day it was announced"
        elif near_report < near_trigger and near_report <= 30:
            score -= 3.0  # "police said Friday", "was charged Monday"
            where += ", the day of a statement or a step after"
        elif near_trigger <= 40:
            nearest = min(triggers, key=lambda x: _gap(t, x))
            score += 1.5 if nearest in strong or nearest in happen else 0.8
        if _AFTERMATH.search(text, s, e):
            score -= 1.5 if k in trigger_sentences else 3.0
        score -= 0.05 * k  # earlier is likelier the happening
        if best is None or score > best[0]:
            best = (score, k, t, where)
    if best is not None and best[0] > 0:
        score, _, t, where = best
        grain = _granularity(t)
        return When(
            t.start_date,
            t.end_date,
            _PRECISION.get(grain, "unknown"),
            t.text,
            f"{where}: {t.text!r}",
            min(0.95, 0.4 + score / 10),
        )
    if published is not None:
        return When(published, published, "day", None, "publication date", 0.3)
    return When(None, None, "unknown", None, "no date", 0.0)

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

__all__ = ["When", "date_candidates", "incident_date"]

# a court: "court", "Superior Court"; "Court" alone is a street ("Celebration Court")
_COURT = (
    r"(?-i:court|(?:Superior|District|Circuit|Municipal|Criminal|Juvenile|Supreme|Federal|"
    r"Appeals|Probate|Magistrate|County|Family|City) Court)"
)
# words of a sentence about what came after the happening (its dates are not the happening's)
_AFTERMATH = re.compile(
    r"\b(?:hearing|" + _COURT + r"|arraign|bond\b|bail\b|funeral|vigil|memorial|sentenc|trial\b|"
    r"jury|scheduled|set for|will be|plead|pleaded|indict|appear|verdict|convicted|"
    r"services? (?:will|are)|laid to rest|anniversary|since\b|updated?\b|posted\b)",
    re.IGNORECASE,
)
# verbs a date may belong to instead of the happening: saying, charging, judging, reporting
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|announced|announces|identified|identifies|charged|"
    r"arrested|arraigned|booked|pleaded|pleads|appeared|sentenced|convicted|indicted|"
    r"investigating|investigated|investigation|released|confirmed|reassured|reported|updated|posted|"
    r"filed|issued|held|hosted|gathered|remembered|mourned|asked|urged|searching|"
    r"continued|continue|" + _COURT + r"|hearing|statement|conference|interview|announcement|"
    r"approved|ordered|decided|testified|looking|searching|behind bars|remained|remains|"
    r"died|dies|succumbed|passed away)\b",
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
# the date names the incident it stands before: "the Sept. 15, 2015 shooting", "Saturday's
# shooting", "last night's double homicide"; or right after: "a shooting incident last Saturday"
_BEFORE_TRIGGER = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,2}?\s+$")
_AFTER_TRIGGER = re.compile(r"\w*(?:\s+(?:incident|death|that|which|spree))?\s+(?:on\s+)?$")
# an embedded post's signature: "— Jane Doe (@jdoe) June 26, 2016"
_SIGNATURE = re.compile(r"\(@\w+\)\s*$|@\w+\s*$")
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
# a day told relative to another one of the story, not to the report's
_RELATIVE = re.compile(r"(?i)(?:the\s+)?(?:following|next|previous|same|day before|day after)\b")


def _gap(t: TimeMention, offset: int) -> int:
    """Characters between the date and a word starting at ``offset``."""
    if offset >= t.end:
        return offset - t.end
    return max(0, t.start - offset - 8)


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b|\d+/\d+/\d+")


def _names_trigger(text: str, t: TimeMention, trigger: int) -> bool:
    """The date stands right before the incident's word, or right after it."""
    if trigger >= t.end:
        return _BEFORE_TRIGGER.fullmatch(text, t.end, trigger) is not None
    return _AFTER_TRIGGER.fullmatch(text, trigger, t.start) is not None


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


def date_candidates(
    text: str,
    dates: Sequence[TimeMention],
    sentences: Sequence[tuple[int, int]],
    trigger_sentences: dict[int, list[int]],
    *,
    title_end: int = 0,
    published: dt.date | None = None,
    planned: bool = False,
    strong: frozenset[int] = frozenset(),
) -> list[tuple[float, TimeMention, str]]:
    """Every date that may be the incident's, with its score and why, in text order (the
    arguments as for :func:`incident_date`)."""
    out: list[tuple[float, TimeMention, str]] = []
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
        age = 0 if published is None else (published - t.start_date).days
        if age > 400 and (age > 1900 or not _YEAR.search(t.text)):
            continue  # a day more than a year back is the incident's only when its year is written
        if _SIGNATURE.search(text, max(0, t.start - 30), t.start):
            continue
        s, e = sentences[k] if sentences else (0, len(text))
        vague = t.text.lower() in _VAGUE or _RELATIVE.match(t.text) is not None
        if vague or (grain == "day" and not _NAMES_DAY.search(t.text)):
            continue  # "now", "11 p.m.", "midnight": the day of the report, said again
        score = {"day": 3.0, "week": 1.0, "month": 0.5}[grain]
        where = "other sentence"
        triggers = list(trigger_sentences.get(k, ()))
        happen = [m.start() for m in _HAPPENING.finditer(text, s, e)]
        triggers += happen
        if k in trigger_sentences or any(_gap(t, x) <= 40 for x in happen):
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
            (
                _gap(t, m.start())
                for m in _REPORTING.finditer(text, max(s, t.start - 40), e)
                # "at 8 p.m. Monday, police said": the saying is the sentence's, not the day's
                # (a plan is dated by its announcement, reported either way)
                if planned or m.start() < t.end or "," not in text[t.end : m.start()]
            ),
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
            if grain == "day" and nearest in strong and _names_trigger(text, t, nearest):
                score += 2.0
                where += ", names the incident"
        if _AFTERMATH.search(text, s, e):
            score -= 1.5 if k in trigger_sentences else 3.0
        if (
            published is not None
            and t.start_date == published
            and t.start >= title_end
            and near_trigger > 40
            and _YEAR.search(t.text)
        ):
            score -= 1.5  # "By Jane Doe // September 3, 2016": the report's own date
        if age > 400:
            score -= 1.0  # a follow-up may date its incident years back, but rarely does
        score -= 0.05 * k  # earlier is likelier the happening
        out.append((score, t, where))
    return out


_CLOSE = 1.2
_TIMED = re.compile(r"(?i)\d|morning|afternoon|evening|night|noon|midnight|midday|early|late")


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
    found = date_candidates(
        text,
        dates,
        sentences,
        trigger_sentences,
        title_end=title_end,
        published=published,
        planned=planned,
        strong=strong,
    )
    best = max(found, key=lambda c: c[0], default=None)  # the first of equals
    if best is not None and best[0] > 0 and _granularity(best[1]) == "day":
        # of two days told of the incident about as surely, the earlier: the reports follow
        # the happening ("shot Wednesday night ... died Thursday")
        close = [
            c
            for c in found
            if c[0] >= best[0] - _CLOSE
            and _granularity(c[1]) == "day"
            and c[1].start_date is not None
            and best[1].start_date is not None
            and 0 < (best[1].start_date - c[1].start_date).days <= 3
            # a day told with its hour or part of day is not traded for a bare earlier day
            and (_TIMED.search(c[1].text) is not None or _TIMED.search(best[1].text) is None)
        ]
        if close:
            best = min(close, key=lambda c: (c[1].start_date, -c[0]))
    if best is not None and best[0] > 0:
        score, t, where = best
        grain = _granularity(t)
        return When(
            t.start_date,
            t.end_date,
            _PRECISION.get(grain, "unknown"),
            t.text,
            f"{where}: {t.text!r}",
            min(0.95, 0.4 + score / 10),
        )
    days = [c for c in found if _granularity(c[1]) == "day" and c[0] > -2.5]
    if days:
        score, t, where = max(days, key=lambda c: c[0])
        return When(t.start_date, t.end_date, "day", t.text, f"{where}: {t.text!r}", 0.3)
    if published is not None:
        return When(published, published, "day", None, "publication date", 0.3)
    return When(None, None, "unknown", None, "no date", 0.0)

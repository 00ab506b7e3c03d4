"""Where in an article a correction applies, and applying it to the found mentions.

A correction is located against the article's text each time it is applied, so that one
written by its text and sentence ("Karachi" in "Officials in Karachi said") still applies
after the article is edited elsewhere. Text is matched whole-word and case-sensitively.

* A place correction replaces the mentions that overlap the located text, or adds one when the
  geoparser found none there (a missed place); with no place (``null``) it removes them.
* A date correction replaces the temporal expression at the located text, or adds one when the
  tagger found none there; one that names only a sentence re-dates every date of that
  sentence, or gives it one (its events then take that date).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from explorer.model import Place, PlaceMention, TimeMention

__all__ = ["Span", "apply_date", "apply_place", "describe", "locate", "short"]

Span = tuple[int, int]
CORRECTED = "corrected by the user"
ADDED = "added by the user"


def short(text: str, most: int = 60) -> str:
    """``text`` cut to ``most`` characters, on one line, quoted."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= most else flat[: most - 1] + "…")


def describe(item: dict[str, Any]) -> str:
    """``'Karachi' in the sentence 'Officials in Karachi said'`` and the like."""
    text, sentence, nth = item.get("text"), item.get("sentence"), item.get("occurrence")
    parts = [repr(text) if text is not None else "the mention"]
    if item.get("start") is not None:
        parts.append(f"at offset {item['start']}")
    elif text is None:
        parts = [f"the sentence {short(sentence or '')}"]
    else:
        if nth is not None:
            parts.append(f"(occurrence {nth})")
        if sentence is not None:
            parts.append(f"in the sentence {short(sentence)}")
    return " ".join(parts)


def _occurrences(text: str, word: str, lo: int, hi: int) -> list[int]:
    left = r"(?<!\w)" if word[:1].isalnum() or word[:1] == "_" else ""
    right = r"(?!\w)" if word[-1:].isalnum() or word[-1:] == "_" else ""
    pattern = re.compile(left + re.escape(word) + right)
    return [m.start() for m in pattern.finditer(text, lo, hi)]


def _whole_sentences(text: str, lo: int, hi: int) -> Span:
    """The sentences of ``text`` that overlap ``text[lo:hi]``, as one span."""
    from explorer.events.sentences import split_sentences

    spans = [(s, e) for s, e in split_sentences(text) if s < max(hi, lo + 1) and lo < e]
    return (min(lo, spans[0][0]), max(hi, spans[-1][1])) if spans else (lo, hi)


def locate(item: dict[str, Any], text: str, name: str = "the article") -> list[Span] | str:
    """The spans of ``text`` (an article's, called ``name``) that ``item`` corrects, or why
    there are none (``"'Karachi' does not occur in the article"``). A span is empty
    (``end == start``) for an offset given without its text."""
    word, sentence, nth = item.get("text"), item.get("sentence"), item.get("occurrence")
    start = item.get("start")
    if start is not None:
        if word is None:
            return [(start, start)]
        there = text[start : start + len(word)]
        if there != word:
            return f"the text there is now {there!r}" if there else f"{name} is shorter now"
        return [(start, start + len(word))]
    lo, hi, where = 0, len(text), name
    if sentence is not None:
        lo = text.find(sentence)
        if lo < 0:
            return f"the sentence {short(sentence)} does not occur in {name}"
        lo, hi = _whole_sentences(text, lo, lo + len(sentence))
        where = "that sentence"
        if word is None:
            return [(lo, hi)]
    assert word is not None  # checked when the entry was read
    found = _occurrences(text, word, lo, hi)
    if not found:
        return f"{word!r} does not occur in {where}"
    if nth is not None:
        if nth > len(found):
            times = "once" if len(found) == 1 else f"{len(found)} times"
            return f"{word!r} occurs only {times} in {where}, not {nth}"
        found = [found[nth - 1]]
    return [(s, s + len(word)) for s in found]


def _overlaps(start: int, end: int, span: Span) -> bool:
    return start < span[1] and span[0] < end


def apply_place(
    mentions: list[PlaceMention], spans: Sequence[Span], place: Place | None, text: str
) -> tuple[list[PlaceMention], bool]:
    """The mentions with the correction applied at ``spans``, and whether any mention was
    there (a removal with nothing to remove, or an offset with no mention, does not fit)."""
    out = list(mentions)
    touched = False
    for span in spans:
        if span[0] == span[1]:  # an offset alone: the mention starting there
            hit = [m for m in out if m.start == span[0]]
        else:
            hit = [m for m in out if _overlaps(m.start, m.end, span)]
        touched = touched or bool(hit)
        if place is None or (span[0] == span[1] and not hit):
            out = [m for m in out if m not in hit]
            continue
        same = [m for m in hit if (m.start, m.end) == span or span[0] == span[1]]
        new = (
            replace(same[0], place=place, score=1.0, reason=CORRECTED)
            if same
            else PlaceMention(text[span[0] : span[1]], span[0], span[1], place, 1.0, ADDED)
        )
        out = [m for m in out if m not in hit]
        out.append(new)
    out.sort(key=lambda m: m.start)
    return out, touched


def _sentence_span(sentences: Sequence[Span], starts: Sequence[int], at: int) -> Span:
    k = max(0, bisect_right(starts, at) - 1)
    return sentences[k] if sentences else (0, 0)


def _dated(item: dict[str, Any], t: TimeMention | None, span: Span, text: str) -> TimeMention:
    """``t`` (or a new expression at ``span``) with the correction's date."""
    first = dt.date.fromisoformat(item["start_date"])
    last = dt.date.fromisoformat(item["end_date"])
    if t is None:
        t = TimeMention(
            text[span[0] : span[1]],
            span[0],
            span[1],
            "DATE",
            "",
            granularity="day" if first == last else None,
        )
    return replace(
        t,
        type="DATE",
        value=str(item["value"]),
        start_date=first,
        end_date=last,
        anchored=True,
        rule=CORRECTED,
    )


def apply_date(
    times: list[TimeMention],
    spans: Sequence[Span],
    item: dict[str, Any],
    text: str,
    sentences: Sequence[Span],
) -> tuple[list[TimeMention], bool]:
    """The temporal expressions with a date correction applied at ``spans``, and whether it
    fits (an offset given without its text needs an expression starting there)."""
    out = list(times)
    fits = True
    starts = [s for s, _ in sentences]
    for span in spans:
        if span[0] == span[1]:  # an offset alone: the expression starting there
            hit = [t for t in out if t.start == span[0]]
            fits = fits and bool(hit)
            out = [_dated(item, t, span, text) if t in hit else t for t in out]
            continue
        if item.get("text") is None:  # a whole sentence (or several): all its dates
            lo = _sentence_span(sentences, starts, span[0])[0]
            hi = max(span[1], _sentence_span(sentences, starts, span[1] - 1)[1])
            hit = [t for t in out if t.type in ("DATE", "TIME") and lo <= t.start < hi]
            out = [_dated(item, t, span, text) if t in hit else t for t in out]
            if not hit:  # no date there: one, empty, at the sentence's start
                out.append(_dated(item, None, (lo, lo), text))
            continue
        hit = [t for t in out if _overlaps(t.start, t.end, span)]
        same = [t for t in hit if (t.start, t.end) == span]
        out = [t for t in out if t not in hit]
        out.append(_dated(item, same[0] if same else None, span, text))
    out.sort(key=lambda t: t.start)
    return out, fits

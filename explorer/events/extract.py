"""Event extraction: one event per (sentence, place), dated from the sentence or its context.

For each sentence, its place mentions (from :func:`explorer.places.geoparse`) and its dates
(from :func:`explorer.dates.find_dates`) are collected:

* **Place.** Every mention gives an event, resolved or not (unresolved ones keep the text and
  stay in the table). A qualifier right after a place ("Irbil, *Iraq*", "Fort Bragg, *North
  Carolina*") is context, not a separate event; a place repeated in one sentence gives one event.
* **Date.** The sentence's own DATE/TIME expression (``date_source="sentence"``, confidence 0.9,
  0.5 when unanchored); else the date of an earlier sentence in the same paragraph (``"nearby"``,
  0.5); else the publication date (``"published"``, 0.3); else none (``"none"``, 0).
  Paragraphs end at a blank line, or at every line break when the article's text has one
  paragraph per line (``Article.paragraph_lines``: web pages and feeds).
  Durations and sets ("for months", "every week") never date an event.
* **Categories** from the keyword lexicon in :mod:`.categories`.
* **Movements** (see :mod:`.movement`): the destination's event records its origin's event id.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from explorer.document import document
from explorer.events.categories import categorise
from explorer.events.movement import find_movements
from explorer.model import Article, Event, PlaceMention, TimeMention

__all__ = ["dates_by_sentence", "extract_events"]

CONFIDENCE = {"sentence": 0.9, "nearby": 0.5, "published": 0.3, "none": 0.0}


def _is_qualifier(prev: PlaceMention | None, m: PlaceMention, text: str) -> bool:
    if prev is None or m.place is None:
        return False
    if text[prev.end : m.start].strip() != ",":
        return False
    if prev.place is None:  # "Zarkhel, Pakistan": an unresolved place the qualifier places
        return prev.within is not None and prev.within.key == m.place.key
    p, q = prev.place, m.place
    if q.feature == "country":
        return p.country_code == q.country_code
    if q.feature == "admin1":
        return p.country_code == q.country_code and p.admin1_code == q.admin1_code
    return False


def _datable(t: TimeMention) -> bool:
    return t.type in ("DATE", "TIME")


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"\n")


def dates_by_sentence(
    sentences: Sequence[tuple[int, int]], dates: Sequence[TimeMention]
) -> list[list[TimeMention]]:
    """For each sentence span, the DATE/TIME expressions that start in it, by start offset (in
    their given order for equal starts): one sort and a binary search per sentence."""
    datable = sorted((t for t in dates if _datable(t)), key=lambda t: t.start)
    starts = [t.start for t in datable]
    return [datable[bisect_left(starts, s) : bisect_left(starts, e)] for s, e in sentences]


def extract_events(
    article: Article,
    *,
    places: Sequence[PlaceMention] | None = None,
    dates: Sequence[TimeMention] | None = None,
) -> list[Event]:
    """Events of one article. ``places``/``dates`` may be given (e.g. corrected) to skip finding."""
    text = article.text
    if places is None:
        from explorer.places import geoparse

        places = geoparse(text, published=article.published)
    if dates is None:
        from explorer.dates import find_dates

        dates = find_dates(text, published=article.published)
    sentences = list(document(text).sentences)  # shared with places and dates
    mentions = sorted(places, key=lambda m: m.start)
    moves = find_movements(text, sentences, mentions)
    index_of = {id(m): i for i, m in enumerate(mentions)}
    own_dates = dates_by_sentence(sentences, dates)
    breaks = _LINE if article.paragraph_lines else _BLANK_LINE

    events: list[Event] = []
    event_of_mention: dict[int, str] = {}
    last_date: TimeMention | None = None
    previous_end = 0
    m_i = 0
    for k, (s, e) in enumerate(sentences):
        if k and breaks.search(text, previous_end, s):
            last_date = None  # a new paragraph
        previous_end = e
        own = sorted(own_dates[k], key=lambda t: (not t.anchored, t.start))
        time: TimeMention | None
        if own:
            time, source = own[0], "sentence"
        elif last_date is not None:
            time, source = last_date, "nearby"
        else:
            time, source = None, "published" if article.published else "none"
        if own:
            last_date = own[0]
        start_date = end_date = None
        confidence = CONFIDENCE[source]
        if time is not None:
            start_date, end_date = time.start_date, time.end_date
            if not time.anchored:
                confidence = min(confidence, 0.5)
        elif source == "published":
            start_date = end_date = article.published

        in_sentence: list[PlaceMention] = []
        while m_i < len(mentions) and mentions[m_i].start < e:
            if mentions[m_i].start >= s:
                in_sentence.append(mentions[m_i])
            m_i += 1
        if not in_sentence:
            continue
        sentence = text[s:e]
        categories = categorise(sentence)
        seen: set[str] = set()
        prev: PlaceMention | None = None
        for m in in_sentence:
            qualifier = _is_qualifier(prev, m, text)
            prev = m
            key = m.place.key if m.place is not None else f"?{m.text.casefold()}"
            if qualifier or key in seen:
                continue
            seen.add(key)
            event_id = f"{article.id}:{m.start}"
            event_of_mention[index_of[id(m)]] = event_id
            events.append(
                Event(
                    event_id=event_id,
                    article_id=article.id,
                    sentence=sentence,
                    sentence_start=s,
                    mention=m,
                    time=time,
                    start_date=start_date,
                    end_date=end_date,
                    date_source=source,
                    date_confidence=confidence,
                    categories=categories,
                    title=article.title,
                    source=article.source,
                    url=article.url,
                    published=article.published,
                )
            )
    if moves:
        events = [_with_origin(ev, moves, index_of, event_of_mention) for ev in events]
    return events


def _with_origin(
    event: Event, moves: dict[int, int], index_of: dict[int, int], event_of: dict[int, str]
) -> Event:
    if event.mention is None:
        return event
    origin = moves.get(index_of[id(event.mention)])
    if origin is None or origin not in event_of:
        return event
    from dataclasses import replace

    return replace(event, origin_event_id=event_of[origin])

"""Which corrections no longer fit their articles, and one line per correction for people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from explorer.events.corrections.locate import describe
from explorer.events.corrections.store import Corrections, article_label
from explorer.model import Article, Place

__all__ = ["describe_entry", "stale_corrections"]


def describe_entry(entry: dict[str, Any]) -> str:
    """``place 'Karachi' in the sentence '…' -> Karachi, Sindh, PK (24.8608, 67.0104)``."""
    where = describe(entry)
    if entry["kind"] == "place":
        raw = entry.get("place")
        if raw is None:
            return f"place {where} -> not a place"
        place = Place(**raw)
        return f"place {where} -> {place.label} ({place.latitude:g}, {place.longitude:g})"
    span = entry["start_date"]
    if entry.get("end_date") not in (None, entry["start_date"]):
        span += f" to {entry['end_date']}"
    return f"date {where} -> {span}"


def stale_corrections(corrections: Corrections, articles: Sequence[Article]) -> list[str]:
    """One line per correction that would not be applied to ``articles``: it no longer fits
    its article (the geoparser and the tagger are run on the articles that have corrections),
    or its article is not among them."""
    from explorer.dates import find_dates
    from explorer.places import geoparse

    wanted = corrections.article_ids()
    out: list[str] = []
    seen: set[str] = set()
    for article in articles:
        if article.id not in wanted or article.id in seen:
            continue
        seen.add(article.id)
        places = geoparse(article.text, published=article.published)
        dates = find_dates(article.text, published=article.published)
        for message in corrections.unmatched(article, places, dates):
            out.append(f"article {article_label(article)}: {message}")
    for article_id in sorted(wanted - seen):
        n = len(corrections.for_article(article_id))
        out.append(
            f"article {article_id!r}: {n} correction(s) for an article that is not among the "
            "inputs (edited, renamed or left out?): not applied"
        )
    return out

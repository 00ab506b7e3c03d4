"""The SQL behind a DuckDB-backed briefing: key-event groups and outlets.

The key-event groups are those of :func:`explorer.events.salience.report_groups` (same keys,
same score, rounded the same way), trimmed to the best ``3 n`` of each of the ``n`` slices of
the period so that a million events send a few hundred rows to Python, where
:func:`~explorer.events.salience.choose_key_events` chooses as it does for an in-memory table.
"""

from __future__ import annotations

import datetime as dt

from explorer.events.salience import (
    DATE_OTHER,
    DATE_SPECIFICITY,
    PLACE_SPECIFICITY,
    PLACE_UNKNOWN_FEATURE,
    PLACE_UNRESOLVED,
    SCORE_DIGITS,
)

__all__ = ["key_event_groups_sql", "outlets_sql"]


def _case(column: str, values: dict[str, float]) -> str:
    # the keys are this module's constants, not user data
    whens = " ".join(f"WHEN '{k}' THEN {float(v)!r}" for k, v in values.items())
    return f"CASE {column} {whens} END"


def key_event_groups_sql(where: str, n: int, lo: dt.date | None, hi: dt.date | None) -> str:
    """Columns as :data:`~explorer.events.salience.GROUP_COLUMNS`; ``$lo`` is the
    period's first day (NULL when nothing is dated)."""
    place = (
        f"coalesce({_case('feature', PLACE_SPECIFICITY)}, CASE WHEN place_name IS NOT NULL "
        f"OR latitude IS NOT NULL THEN {PLACE_UNKNOWN_FEATURE!r} ELSE {PLACE_UNRESOLVED!r} END)"
    )
    granularity = _case("coalesce(granularity, 'day')", DATE_SPECIFICITY)
    date = (
        f"CASE WHEN start_date IS NULL THEN {DATE_OTHER!r} "
        f"ELSE coalesce({granularity}, {DATE_OTHER!r}) END"
    )
    slices = max(1, int(n))
    span = max(1, (hi - lo).days + 1) if lo is not None and hi is not None else 1
    best = "ORDER BY confidence DESC, event_id"
    return f"""
    WITH base AS (
        SELECT event_id, coalesce(sentence, '') AS sentence, start_date,
               coalesce(place_key, place_name, place_text, '') AS k_place,
               start_date AS k_start, coalesce(end_date, start_date) AS k_end,
               coalesce(article_id, '') AS article_id, nullif(source, '') AS outlet,
               coalesce(place_confidence, 0) + coalesce(date_confidence, 0) AS confidence,
               {place} + {date} AS specific
        FROM events WHERE ({where})
    ), grouped AS (
        SELECT first(event_id {best}) AS event_id, first(sentence {best}) AS sentence,
               first(start_date {best}) AS start_date,
               count(DISTINCT article_id) AS articles, count(DISTINCT outlet) AS outlets,
               round(log2(1 + count(DISTINCT article_id)) + first(specific {best})
                     + 0.5 * first(confidence {best}), {SCORE_DIGITS}) AS score
        FROM base GROUP BY k_place, k_start, k_end
    )
    SELECT event_id, sentence, start_date, articles, outlets, score FROM grouped
    QUALIFY row_number() OVER (
        PARTITION BY CASE WHEN start_date IS NULL OR $lo IS NULL THEN -1 ELSE
            least(greatest(floor(datediff('day', $lo, start_date) * {slices} / {span}), 0),
                  {slices - 1}) END
        ORDER BY score DESC, start_date, event_id) <= {3 * max(1, int(n))}
    """


def outlets_sql(where: str) -> str:
    """(outlet, articles) for every named outlet, most articles first; then one row (NULL,
    articles with no source named)."""
    return f"""
    SELECT s, n FROM (
        SELECT nullif(source, '') AS s, count(DISTINCT coalesce(article_id, '')) AS n
        FROM events WHERE ({where}) GROUP BY s
    ) ORDER BY s IS NULL, n DESC, s
    """

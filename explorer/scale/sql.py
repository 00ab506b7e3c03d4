"""Filter criteria as SQL for DuckDB: a WHERE clause with named parameters.

Never string-formatted user text: every value the user gives (dates, codes, names, the search
text, the confidence) is a parameter; only fixed column names are written into the SQL. The
clause keeps exactly the rows :func:`explorer.events.filter_events` keeps (tested).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from explorer.events.filter import Criteria

__all__ = ["TEXT_COLUMNS", "Where", "criteria_sql"]

TEXT_COLUMNS = ("sentence", "title", "place_text", "place_name")
_names = itertools.count()


@dataclass(frozen=True)
class Where:
    """A boolean SQL expression and its named parameters."""

    sql: str = "TRUE"
    params: dict[str, Any] = field(default_factory=dict)

    def __and__(self, other: Where) -> Where:
        if self.sql == "TRUE":
            return other
        if other.sql == "TRUE":
            return self
        return Where(f"({self.sql}) AND ({other.sql})", {**self.params, **other.params})


def _param(params: dict[str, Any], value: Any) -> str:
    name = f"p{next(_names)}"
    params[name] = value
    return f"${name}"


def criteria_sql(criteria: Criteria) -> Where:
    """The WHERE clause of ``criteria`` (see :class:`~explorer.events.Criteria`)."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    c = criteria
    if c.start is not None or c.end is not None:
        ok = ["start_date IS NOT NULL"]
        if c.end is not None:
            ok.append(f"start_date <= {_param(params, c.end)}::DATE")
        if c.start is not None:
            ok.append(f"coalesce(end_date, start_date) >= {_param(params, c.start)}::DATE")
        clause = " AND ".join(ok)
        if c.include_undated:
            clause = f"({clause}) OR start_date IS NULL"
        parts.append(f"({clause})")
    # no coalesce(...) around the tests: a NULL keeps the row out of an AND as FALSE would,
    # and plain comparisons let DuckDB push the filter into the Parquet scan (2-3x faster)
    for column, values in (
        ("country_code", c.countries),
        ("place_name", c.places),
        ("source", c.sources),
    ):
        if values:
            wanted = [str(v) for v in values]
            parts.append(f"list_contains({_param(params, wanted)}::VARCHAR[], {column})")
    if c.categories:  # one list_contains per category is 3x faster than list_has_any
        hits = [f"list_contains(categories, {_param(params, str(v))})" for v in c.categories]
        parts.append(f"({' OR '.join(hits)})")
    if c.min_confidence > 0:
        p = _param(params, float(c.min_confidence))
        parts.append(
            f"coalesce(place_confidence, 0) >= {p} AND coalesce(date_confidence, 0) >= {p}"
        )
    if c.unresolved_only:
        parts.append("(latitude IS NULL OR isnan(latitude))")
    needle = c.text.strip()
    if needle:
        p = _param(params, needle.upper())
        found = " OR ".join(f"contains(upper({col}), {p})" for col in TEXT_COLUMNS)
        parts.append(f"({found})")
    if not parts:
        return Where()
    return Where(" AND ".join(parts), params)

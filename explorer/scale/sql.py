"""Filter criteria as SQL for DuckDB: a WHERE clause with named parameters.

Never string-formatted user text: every value the user gives (dates, codes, names, the search
text, the confidence) is a parameter; only fixed column names are written into the SQL. The
clause keeps exactly the rows :func:`explorer.events.filter_events` keeps (tested), the text
search included: both fold case with Python's ``str.casefold`` (DuckDB's ``lower()`` plus a
few ``replace`` calls for the cells that need them; see :mod:`explorer.events.casefold`).
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from typing import Any

from explorer.events.casefold import LIMIT, FoldTable, fold, fold_table, plan
from explorer.events.filter import Criteria

__all__ = ["TEXT_COLUMNS", "Where", "criteria_sql", "text_sql"]

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
    needle = fold(c.text.strip())
    if needle:
        parts.append(f"({text_sql(needle, params)})")
    if not parts:
        return Where()
    return Where(" AND ".join(parts), params)


_MANY = 12  # above this many characters to look for, one regular expression finds them


@functools.cache
def _duck_fold_table() -> FoldTable:
    """How DuckDB's ``lower()`` treats the characters it lowers unlike ``casefold`` (asked
    once per process, ~30 ms)."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        rows = con.execute(
            "SELECT chr(i::INTEGER), lower(chr(i::INTEGER)) FROM range(0, $limit) t(i) "
            "WHERE (i < 55296 OR i > 57343) AND lower(chr(i::INTEGER)) <> chr(i::INTEGER)",
            {"limit": LIMIT},
        ).fetchall()
    finally:
        con.close()
    return fold_table({str(c): str(lo) for c, lo in rows})


def text_sql(needle: str, params: dict[str, Any], columns: tuple[str, ...] = TEXT_COLUMNS) -> str:
    """True where one of ``columns`` contains ``needle`` (already folded) once folded.

    A cell is lowered by DuckDB; only a cell holding a non-ASCII character that DuckDB lowers
    unlike ``casefold`` and that matters for this needle (few cells, a few characters) is
    folded with ``replace`` calls around ``lower`` instead."""
    p = plan(_duck_fold_table(), needle)
    n = _param(params, needle)
    if not p.chars:
        return " OR ".join(f"contains(lower({col}), {n})" for col in columns)
    if len(p.chars) > _MANY:
        cls = _param(params, "[" + "".join(f"\\x{{{ord(ch):X}}}" for ch in p.chars) + "]")
        gate = [f"regexp_matches({{col}}, {cls})"]
    else:
        gate = [f"contains({{col}}, {_param(params, ch)})" for ch in p.chars]
    before = [(_param(params, a), _param(params, b)) for a, b in p.before]
    after = [(_param(params, a), _param(params, b)) for a, b in p.after]
    tests = []
    for col in columns:
        folded = col
        for a, b in before:
            folded = f"replace({folded}, {a}, {b})"
        folded = f"lower({folded})"
        for a, b in after:
            folded = f"replace({folded}, {a}, {b})"
        special = " OR ".join(g.format(col=col) for g in gate)
        tests.append(
            f"CASE WHEN strlen({col}) <> length({col}) AND ({special}) "
            f"THEN contains({folded}, {n}) ELSE contains(lower({col}), {n}) END"
        )
    return " OR ".join(tests)

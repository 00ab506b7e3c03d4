"""CSV, JSON and JSON Lines files of articles (or of ready-made events).

An *articles* table has a ``text`` column (plus optional ``id``, ``title``, ``published`` or
``date``, ``source``, ``url``). An *events* table has no ``text`` but a ``description`` and a
``date``: it is recognised here and loaded into the events table elsewhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from explorer.errors import IngestError
from explorer.model import Article

__all__ = ["RowProblem", "is_events_table", "parse_article_rows", "read_rows"]


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    reason: str


def read_rows(content: str, suffix: str) -> list[dict[str, Any]]:
    """Rows of a .csv, .json (array of objects, or {"articles"|"events": [...]}) or .jsonl file."""
    suffix = suffix.lower()
    if suffix == ".csv":
        try:
            reader = csv.DictReader(io.StringIO(content))
            rows = [dict(r) for r in reader]
        except csv.Error as exc:
            raise IngestError(f"malformed CSV: {exc}") from exc
        if reader.fieldnames is None:
            raise IngestError("empty CSV file")
        return rows
    if suffix == ".jsonl":
        rows = []
        for n, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                raise IngestError(f"line {n} is not JSON: {exc}") from exc
            if not isinstance(value, dict):
                raise IngestError(f"line {n} is not a JSON object")
            rows.append(value)
        return rows
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise IngestError(f"not JSON: {exc}") from exc
    if isinstance(data, dict):
        for key in ("articles", "events", "items", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise IngestError("JSON must be an array of objects (or an object with an 'articles' list)")
    return data


def is_events_table(rows: list[dict[str, Any]]) -> bool:
    if not rows:
        return False
    keys = {k.lower() for k in rows[0] if isinstance(k, str)}
    return "text" not in keys and "description" in keys


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise IngestError(f"'published' is not a YYYY-MM-DD date: {value!r}") from exc


def parse_article_rows(rows: list[dict[str, Any]], *, path: str) -> Iterator[Article | RowProblem]:
    """One Article per good row; a RowProblem (row number and reason) per bad one."""
    for n, raw in enumerate(rows, 1):
        row = {str(k).lower(): v for k, v in raw.items() if k is not None}
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            yield RowProblem(n, "no 'text'")
            continue
        try:
            published = _date(row.get("published") or row.get("date"))
        except IngestError as exc:
            yield RowProblem(n, str(exc))
            continue
        title = str(row.get("title") or "").strip() or text.strip().split("\n", 1)[0][:120]
        ident = row.get("id")
        if ident in (None, ""):
            ident = hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()[:16]
        yield Article(
            id=str(ident),
            title=title,
            text=text.strip(),
            published=published,
            source=(str(row["source"]) if row.get("source") else None),
            url=(str(row["url"]) if row.get("url") else None),
            path=f"{path}#{n}",
        )

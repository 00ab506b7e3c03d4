"""CSV, JSON and JSON Lines files: tables of articles, of ready-made events, or Explorer's own
events tables.

What a table holds is told by its columns (:func:`table_kind`, case-insensitive):

* an **Explorer events table** (written by ``explorer ingest`` or ``EventTable.write``) has
  ``event_id`` and at least two of ``article_id``, ``sentence``, ``place_text``, ``place_name``,
  ``start_date``, ``date_source`` (:data:`EVENTS_TABLE_COLUMNS`), so that one with a column or
  two removed in a spreadsheet is still recognised;
* a table of **articles** has a ``text`` column (plus optional ``id``, ``title``, ``published``
  or ``date``, ``source``, ``url``);
* a table of **ready-made events** has no ``text`` but a ``description``, a ``place`` or
  coordinates (``latitude``/``lat`` and ``longitude``/``lon``/``lng``/``long``), even when it
  also has an ``event_id`` column.

A row that cannot be read (a JSON Lines line that is not JSON, an element of a JSON array that
is not an object) is reported with its number and skipped; the other rows load. Row numbers are
those a person would look up: the row of a spreadsheet for CSV (the header is row 1), the line
for JSON Lines, the element (from 1) for a JSON array.

An article's ``text`` with line breaks but no blank line is taken to have one paragraph per line
(``Article.paragraph_lines``), as text scraped from web pages has.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from explorer.errors import IngestError
from explorer.model import Article

__all__ = [
    "EVENTS_TABLE_COLUMNS",
    "LATITUDE_NAMES",
    "LONGITUDE_NAMES",
    "ArticleRows",
    "RowProblem",
    "TableKind",
    "TableRows",
    "is_events_table",
    "parse_article_rows",
    "parse_json",
    "read_rows",
    "read_table",
    "table_columns",
    "table_kind",
]

TableKind = Literal["events", "given", "articles"]
# an Explorer events table has event_id and at least two of these
EVENTS_TABLE_COLUMNS = frozenset(
    {"article_id", "sentence", "place_text", "place_name", "start_date", "date_source"}
)
LATITUDE_NAMES = ("latitude", "lat")
LONGITUDE_NAMES = ("longitude", "lon", "lng", "long")
_JSON_WRAPPERS = ("articles", "events", "items", "data")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row skipped (or, in ``TableRows.notes``, read with a remark), by its number."""

    row: int
    reason: str


@dataclass(frozen=True, slots=True)
class TableRows:
    """The readable rows of a table file, each with its number, and the rows that were not."""

    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)
    unit: str = "row"  # how rows are numbered: "row" (CSV), "line" (JSONL), "item" (JSON)


def table_kind(columns: Iterable[str]) -> TableKind | None:
    """``"events"`` (Explorer's own table), ``"articles"``, ``"given"`` (ready-made events) or
    ``None`` (none of these), from a table's column names."""
    names = {str(c).strip().lower().lstrip("\ufeff") for c in columns if c is not None}
    if "event_id" in names and len(names & EVENTS_TABLE_COLUMNS) >= 2:
        return "events"
    if "text" in names:
        return "articles"
    has_point = bool(names & set(LATITUDE_NAMES)) and bool(names & set(LONGITUDE_NAMES))
    if "description" in names or "place" in names or has_point:
        return "given"
    return None


def _csv_rows(content: str) -> TableRows:
    try:
        records = list(csv.reader(io.StringIO(content)))
    except csv.Error as exc:
        raise IngestError(f"malformed CSV: {exc}") from exc
    if not records or not any(cell.strip() for cell in records[0]):
        raise IngestError("empty CSV file (no header row)")
    header = [h.strip() for h in records[0]]
    out = TableRows(tuple(header))
    for n, cells in enumerate(records[1:], 2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank row
        if len(cells) > len(header):
            extra = [c for c in cells[len(header) :] if c.strip()]
            if extra:
                out.notes.append(
                    RowProblem(
                        n,
                        f"{len(cells)} cells for {len(header)} columns; the extra "
                        f"cells are not read: {', '.join(map(repr, extra[:3]))}",
                    )
                )
        out.rows.append((n, dict(zip(header, cells, strict=False))))
    return out


def _object(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


TOO_DEEP = "nested too deeply to read (arrays or objects inside one another, ~1,000 levels)"


def parse_json(text: str) -> Any:
    """``json.loads``; nesting too deep for Python's parser is a ``ValueError`` like any other
    malformed JSON (the parser's ``RecursionError`` would end the whole run)."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError(TOO_DEEP) from exc


def _preview(value: Any) -> str:
    """The first characters of a JSON value, for a report."""
    try:
        return json.dumps(value)[:60]
    except (RecursionError, ValueError):
        return type(value).__name__


def read_table(content: str, suffix: str) -> TableRows:
    """Rows of a .csv, .json (an array of objects, or ``{"articles"|"events"|...: [...]}``)
    or .jsonl file. :class:`IngestError` when the file as a whole cannot be read."""
    content = content.lstrip("\ufeff")
    suffix = suffix.lower()
    if suffix == ".csv":
        return _csv_rows(content)
    if suffix == ".jsonl":
        jsonl = TableRows((), unit="line")
        keys: dict[str, None] = {}
        for n, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            try:
                value = parse_json(line)
            except ValueError as exc:
                jsonl.problems.append(RowProblem(n, f"not JSON: {exc}"))
                continue
            if _object(value) is None:
                jsonl.problems.append(RowProblem(n, "not a JSON object"))
                continue
            keys.update(dict.fromkeys(value))
            jsonl.rows.append((n, value))
        return TableRows(tuple(keys), jsonl.rows, jsonl.problems, unit="line")
    try:
        data = parse_json(content)
    except ValueError as exc:
        raise IngestError(f"not JSON: {exc}") from exc
    if isinstance(data, dict):
        for key in _JSON_WRAPPERS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list):
        raise IngestError("JSON must be an array of objects (or an object with an 'articles' list)")
    out = TableRows((), unit="item")
    names: dict[str, None] = {}
    for n, value in enumerate(data, 1):
        if _object(value) is None:
            out.problems.append(RowProblem(n, f"not a JSON object: {_preview(value)}"))
            continue
        names.update(dict.fromkeys(value))
        out.rows.append((n, value))
    return TableRows(tuple(names), out.rows, out.problems, unit="item")


def read_rows(content: str, suffix: str) -> list[dict[str, Any]]:
    """The rows of a table file, all of them or :class:`IngestError` for the first that cannot
    be read (the earlier interface; :func:`read_table` reports bad rows and keeps the others)."""
    table = read_table(content, suffix)
    if table.problems:
        first = table.problems[0]
        raise IngestError(f"{table.unit} {first.row}: {first.reason}")
    return [row for _, row in table.rows]


def _first_json_object(path: Path) -> dict[str, Any] | None:
    """The first object of a JSON array (read from the file's head when it fits there)."""
    with path.open(encoding="utf-8-sig") as fh:
        head = fh.read(1 << 16)
    start = head.find("[")
    brace = head.find("{")
    if start != -1 and (brace == -1 or start < brace):
        i = start + 1
        while i < len(head) and head[i] in " \t\r\n":
            i += 1
        try:
            value, _ = json.JSONDecoder().raw_decode(head, i)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict):
            return value
    try:
        rows = read_table(path.read_text(encoding="utf-8-sig"), ".json").rows
    except IngestError:
        return None
    return rows[0][1] if rows else None


def table_columns(path: Path | str) -> tuple[str, ...]:
    """The column names of a .csv, .json or .jsonl table, read cheaply from its beginning (the
    first object for JSON); ``()`` when the file cannot be read as a table."""
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        if suffix == ".csv":
            with p.open(encoding="utf-8-sig", newline="") as fh:
                return tuple(h.strip() for h in next(csv.reader(fh), []))
        if suffix == ".jsonl":
            with p.open(encoding="utf-8-sig") as fh:
                for line in fh:
                    if line.strip():
                        value = parse_json(line)
                        return tuple(value) if isinstance(value, dict) else ()
            return ()
        if suffix == ".json":
            first = _first_json_object(p)
            return () if first is None else tuple(first)
    except (OSError, UnicodeDecodeError, ValueError, csv.Error):
        return ()
    return ()


def is_events_table(path: Path | str) -> bool:
    """Whether ``path`` is an Explorer events table, to be read with ``EventTable.read``: a
    ``.parquet``, ``.geojson``, ``.csv``, ``.json`` or ``.jsonl`` file whose columns make it one
    (:func:`table_kind` is ``"events"``). A table of ready-made events (``date``,
    ``place``, ``description``...), even one with an ``event_id`` column, is not one: it is
    read by ``explorer.events.load_events_file`` or ``ingest``. ``False`` for a file that
    cannot be read (``ingest`` then reports why)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.is_file():
        return False
    if suffix == ".parquet":
        try:
            import pyarrow.parquet as pq

            return table_kind(pq.read_schema(p).names) == "events"
        except (OSError, ValueError, ImportError):
            return False
    if suffix == ".geojson":
        try:
            data = parse_json(p.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError):
            return False
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            return False
        features = data.get("features")
        if not isinstance(features, list):
            return False
        if not features:
            return True
        first = features[0] if isinstance(features[0], dict) else {}
        return table_kind(first.get("properties") or {}) == "events"
    return table_kind(table_columns(p)) == "events"


def _lines_are_paragraphs(text: str) -> bool:
    """A text with line breaks but no blank line has one paragraph per line (scraped text)."""
    return "\n" in text.strip() and _BLANK_LINE.search(text) is None


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """The articles of a table, the rows skipped and the remarks on rows kept."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)


def parse_article_rows(table: TableRows, *, path: str) -> ArticleRows:
    """One Article per row with a ``text``; a row without one is skipped with its number. A
    ``published`` (or ``date``) that is not a date is kept as ``metadata["published_text"]``
    and noted; the article has no publication date."""
    out = ArticleRows(notes=list(table.notes))
    for n, raw in table.rows:
        row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            out.skipped.append(RowProblem(n, "no 'text'"))
            continue
        given = row.get("published") or row.get("date")
        published, metadata = None, {}
        if given not in (None, ""):
            try:
                published = dt.date.fromisoformat(str(given).strip()[:10])
            except ValueError:
                metadata["published_text"] = str(given)
                out.notes.append(
                    RowProblem(
                        n,
                        f"'published' is not a YYYY-MM-DD date: {str(given)!r} (kept "
                        "as published_text; the article has no publication date)",
                    )
                )
        title = str(row.get("title") or "").strip() or text.strip().split("\n", 1)[0][:120]
        ident = row.get("id")
        if ident in (None, ""):
            ident = hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()[:16]
        out.articles.append(
            Article(
                id=str(ident),
                title=title,
                text=text.strip(),
                published=published,
                source=(str(row["source"]) if row.get("source") else None),
                url=(str(row["url"]) if row.get("url") else None),
                path=f"{path}#{n}",
                metadata=metadata,
                paragraph_lines=_lines_are_paragraphs(text),
            )
        )
    return out

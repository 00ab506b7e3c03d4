"""The ingest pipeline: sources -> articles -> events -> one table, incrementally and in parallel.

* Articles whose content (title, text, date, source, url) and corrections have not changed since
  the last run are not processed again: their events come from a cache (SQLite, keyed by a hash
  of the content, the corrections for that article and the pipeline version).
* ``jobs > 1`` processes articles in that many worker processes.
* Events tables (CSV/JSON of ready-made events) found among the inputs are added as they are.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.errors import ExplorerError
from explorer.events.corrections import Corrections
from explorer.events.extract import extract_events
from explorer.events.given import load_events_file
from explorer.events.records import event_record
from explorer.events.table import EventTable, _json_value
from explorer.ingest import LoadReport, Skipped, load_report
from explorer.model import Article

__all__ = ["PIPELINE_VERSION", "IngestResult", "article_events", "ingest"]

PIPELINE_VERSION = "1"


@dataclass
class IngestResult:
    table: EventTable
    report: LoadReport
    processed: int = 0
    reused: int = 0
    failed: list[Skipped] = field(default_factory=list)

    def summary(self) -> str:
        df = self.table.df
        unresolved = int(df["place_text"].notna().sum() - df["latitude"].notna().sum())
        undated = int(df["start_date"].isna().sum())
        return (
            f"{len(self.report.articles)} articles ({self.processed} processed, {self.reused} "
            f"unchanged), {len(df)} events, {unresolved} unresolved places, {undated} undated "
            f"events, {len(self.report.skipped) + len(self.failed)} skipped"
        )


def _fingerprint(article: Article, corrections: Corrections | None) -> str:
    h = hashlib.sha256(PIPELINE_VERSION.encode())
    for part in (article.id, article.title, article.text, article.published, article.source,
                 article.url):  # fmt: skip
        h.update(b"\x1f" + str(part).encode())
    if corrections is not None:
        h.update(corrections.fingerprint(article.id).encode())
    return h.hexdigest()


def article_events(
    article: Article, corrections: Corrections | None = None
) -> list[dict[str, Any]]:
    """JSON-ready event rows of one article (corrections applied)."""
    from explorer.dates import find_dates
    from explorer.places import geoparse

    places = geoparse(article.text, published=article.published)
    dates = find_dates(article.text, published=article.published)
    if corrections is not None:
        places = corrections.apply_places(article.id, places)
        dates = corrections.apply_dates(article.id, dates)
    events = extract_events(article, places=places, dates=dates)
    return [{k: _json_value(v) for k, v in event_record(e).items()} for e in events]


def _work(args: tuple[Article, Corrections | None]) -> list[dict[str, Any]]:
    return article_events(*args)


class _Cache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(path)
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS articles (fingerprint TEXT PRIMARY KEY, events TEXT)"
        )

    def get(self, fingerprint: str) -> list[dict[str, Any]] | None:
        row = self.con.execute(
            "SELECT events FROM articles WHERE fingerprint = ?", (fingerprint,)
        ).fetchone()
        return None if row is None else list(json.loads(row[0]))

    def put(self, fingerprint: str, events: list[dict[str, Any]]) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?)", (fingerprint, json.dumps(events))
        )

    def close(self) -> None:
        self.con.commit()
        self.con.close()


def ingest(
    paths: Iterable[str | Path] | str | Path,
    *,
    jobs: int = 1,
    cache_path: Path | str | None = None,
    corrections: Corrections | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Load sources and extract their events into one table.

    ``progress(done, total)`` is called as articles complete (the CLI draws a bar with it).
    """
    report = load_report(paths)
    cache = _Cache(Path(cache_path)) if cache_path is not None else None
    rows: dict[int, list[dict[str, Any]]] = {}
    todo: list[tuple[int, Article, str]] = []
    result = IngestResult(EventTable(), report)
    total = len(report.articles)
    for i, article in enumerate(report.articles):
        fp = _fingerprint(article, corrections)
        cached = cache.get(fp) if cache is not None else None
        if cached is not None:
            rows[i] = cached
            result.reused += 1
        else:
            todo.append((i, article, fp))
    done = result.reused
    if progress is not None:
        progress(done, total)

    def finish(i: int, fp: str, events: list[dict[str, Any]]) -> None:
        nonlocal done
        rows[i] = events
        if cache is not None:
            cache.put(fp, events)
        result.processed += 1
        done += 1
        if progress is not None:
            progress(done, total)

    try:
        if jobs > 1 and len(todo) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                args = [(a, corrections) for _, a, _ in todo]
                chunk = max(1, len(todo) // (jobs * 8))
                for (i, _, fp), events in zip(
                    todo, pool.map(_work, args, chunksize=chunk), strict=True
                ):
                    finish(i, fp, events)
        else:
            for i, article, fp in todo:
                try:
                    finish(i, fp, article_events(article, corrections))
                except ExplorerError as exc:
                    result.failed.append(Skipped(article.path or article.id, str(exc)))
    finally:
        if cache is not None:
            cache.close()
    tables = [EventTable.from_records(r for i in sorted(rows) for r in rows[i])]
    for events_file in report.event_files:
        try:
            tables.append(load_events_file(events_file))
        except ExplorerError as exc:
            result.failed.append(Skipped(str(events_file), str(exc)))
    result.table = EventTable.concat(tables)
    return result

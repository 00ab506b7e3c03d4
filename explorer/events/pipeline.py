"""The ingest pipeline: sources -> articles -> events -> one table, incrementally and in parallel.

* Articles whose content (title, text, date, source, url) and corrections have not changed since
  the last run are not processed again: their events come from a cache (SQLite). The cache key
  also covers what makes the events (:func:`extraction_version`): Explorer's version, the
  gazetteer index's version and a fingerprint of the extraction code and its data files, so
  that rows made by older code are never served.
* ``jobs > 1`` processes articles in that many worker processes. An article that fails is
  reported and skipped, in a worker as in the main process; the others go on.
* Events tables (Explorer's own, or ready-made events) found among the inputs are added as they
  are; event ids are made unique across the whole table (:mod:`.merge`).
* What was kept but not quite as given (duplicates, clashing ids, corrections that no longer fit
  their article, bad cells in an events file) is in ``IngestResult.notices``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from explorer.errors import ExplorerError
from explorer.events.cache import IngestCache
from explorer.events.corrections import Corrections
from explorer.events.extract import extract_events
from explorer.events.given import read_events_file
from explorer.events.merge import merge_tables
from explorer.events.pool import worker_pool
from explorer.events.records import event_record
from explorer.events.table import EventTable, json_value
from explorer.ingest import LoadReport, Notice, Skipped, load_report
from explorer.messages import progress_bar
from explorer.model import Article

__all__ = [
    "PIPELINE_VERSION",
    "IngestResult",
    "article_events",
    "article_outcome",
    "article_result",
    "code_fingerprint",
    "corrections_where",
    "extraction_version",
    "ingest",
    "orphan_notices",
    "stale_notices",
]

log = logging.getLogger(__name__)

PIPELINE_VERSION = "2"
# the code and data files that decide an article's events (hashed into the cache key)
_EXTRACTION_CODE = ("places", "dates", "events", "gazetteer", "model.py")
_EXTRACTION_DISTS = ("explorer", "wordfreq")


@dataclass
class IngestResult:
    table: EventTable
    report: LoadReport
    processed: int = 0
    reused: int = 0
    failed: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def summary(self) -> str:
        df = self.table.df
        unplaced = int(df["latitude"].isna().sum())
        undated = int(df["start_date"].isna().sum())
        text = (
            f"{len(self.report.articles)} articles ({self.processed} processed, {self.reused} "
            f"unchanged), {len(df)} events, {unplaced} unresolved places, {undated} undated "
            f"events, {len(self.report.skipped) + len(self.failed)} skipped"
        )
        return text + (f", {len(self.notices)} notices" if self.notices else "")

    def messages(self) -> list[str]:
        """One line per file, row or article skipped (``skipped PATH: REASON``) and per notice
        (``note PATH: REASON``), for standard error."""
        lines = [f"skipped {s.path}: {s.reason}" for s in [*self.report.skipped, *self.failed]]
        return lines + [f"note {n.path}: {n.reason}" for n in self.notices]


def _hash_files(root: Path, names: Iterable[str]) -> str:
    h = hashlib.sha256()
    for name in names:
        top = root / name
        paths = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for p in paths:
            if not p.is_file() or "__pycache__" in p.parts or p.suffix in (".pyc", ".pyo"):
                continue
            h.update(str(p.relative_to(root)).encode() + b"\0")
            h.update(p.read_bytes() + b"\0")
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the source and data files of the extraction (places, dates, events, gazetteer,
    the model): any edit to them changes it. Computed once per process (a few milliseconds)."""
    return _hash_files(Path(__file__).resolve().parents[1], _EXTRACTION_CODE)


@lru_cache(maxsize=1)
def extraction_version() -> str:
    """What, besides an article and its corrections, decides its events: the pipeline version,
    Explorer's version (from its package metadata), the gazetteer index version, the versions of
    the taggers' libraries and :func:`code_fingerprint`."""
    from explorer.gazetteer.store import data_version, dist_version

    parts = [PIPELINE_VERSION, data_version(), code_fingerprint()]
    parts += [f"{d}={dist_version(d)}" for d in _EXTRACTION_DISTS]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _fingerprint(article: Article, corrections: Corrections | None) -> str:
    h = hashlib.sha256(extraction_version().encode())
    for part in (article.id, article.title, article.text, article.published, article.source,
                 article.url, article.paragraph_lines):  # fmt: skip
        h.update(b"\x1f" + str(part).encode())
    if corrections is not None:
        h.update(corrections.fingerprint(article.id).encode())
    return h.hexdigest()


def article_result(
    article: Article, corrections: Corrections | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """JSON-ready event rows of one article (corrections applied), and what is wrong with each
    of its corrections that no longer fits it (see :meth:`Corrections.unmatched`)."""
    from explorer.dates import find_dates
    from explorer.places import geoparse

    places = geoparse(article.text, published=article.published)
    dates = find_dates(article.text, published=article.published)
    stale: list[str] = []
    if corrections is not None:
        stale = corrections.unmatched(article, places, dates)
        places = corrections.apply_places(article, places)  # the article: missed places added
        dates = corrections.apply_dates(article, dates)
    events = extract_events(article, places=places, dates=dates)
    return [{k: json_value(v) for k, v in event_record(e).items()} for e in events], stale


def article_events(
    article: Article, corrections: Corrections | None = None
) -> list[dict[str, Any]]:
    """JSON-ready event rows of one article (corrections applied)."""
    return article_result(article, corrections)[0]


Outcome = tuple[list[dict[str, Any]], list[str]] | str  # rows and stale corrections, or an error


def article_outcome(article: Article, corrections: Corrections | None) -> Outcome:
    """An article's result, or why it failed: one bad article never stops a run."""
    try:
        return article_result(article, corrections)
    except ExplorerError as exc:
        return str(exc)
    except Exception as exc:  # a bug on one article: report it, go on with the others
        return f"unexpected error ({type(exc).__name__}: {exc})"


def _work(args: tuple[Article, Corrections | None]) -> Outcome:
    return article_outcome(*args)


def corrections_where(corrections: Corrections | None) -> str:
    """Where corrections are kept, for notices about them (their file, else "corrections")."""
    return _where(corrections)


def _where(corrections: Corrections | None) -> str:
    return str(corrections.path or "corrections") if corrections is not None else ""


def stale_notices(
    corrections: Corrections | None, article_id: str, path: str | None, messages: Iterable[str]
) -> list[Notice]:
    """Notices of an article's corrections that no longer fit it (see ``article_result``)."""
    where = _where(corrections)
    return [Notice(where, f"article {article_id!r} ({path}): {m}") for m in messages]


def orphan_notices(corrections: Corrections, present: set[str]) -> list[Notice]:
    """Notices of the corrections for articles whose ids are not in ``present``."""
    where = _where(corrections)
    return [
        Notice(where, f"{len(corrections.for_article(aid))} correction(s) for article {aid!r}, "
                      "which is not among the inputs (edited, renamed or left out?): not applied")
        for aid in sorted(corrections.article_ids() - present)
    ]  # fmt: skip


def ingest(
    paths: Iterable[str | Path] | str | Path,
    *,
    jobs: int = 1,
    cache_path: Path | str | None = None,
    corrections: Corrections | None = None,
    progress: Callable[[int, int], None] | bool | None = None,
    exclude: Iterable[str | Path] = (),
) -> IngestResult:
    """Load sources and extract their events into one table (the incidents too:
    :func:`explorer.corpus.ingest`, which calls this).

    ``progress``: a function ``progress(done, total)`` called as articles complete (the CLI
    draws its bar with it); ``True`` for a progress bar; ``False`` for none; ``None`` (the
    default) draws a bar in a Jupyter notebook and nothing elsewhere.
    ``exclude``: files or folders not to read even inside an input folder (the run's output).
    """
    progress, close_bar = progress_bar(progress, desc="ingest", unit="article")
    try:
        result = _ingest(paths, jobs, cache_path, corrections, progress, exclude)
    finally:
        close_bar()
    return result


def _ingest(
    paths: Iterable[str | Path] | str | Path,
    jobs: int,
    cache_path: Path | str | None,
    corrections: Corrections | None,
    progress: Callable[[int, int], None] | None,
    exclude: Iterable[str | Path],
) -> IngestResult:
    report = load_report(paths, exclude=exclude)
    cache = IngestCache(Path(cache_path)) if cache_path is not None else None
    rows: dict[int, list[dict[str, Any]]] = {}
    stale: dict[int, list[str]] = {}
    todo: list[tuple[int, Article, str]] = []
    result = IngestResult(EventTable(), report, notices=list(report.notices))
    total = len(report.articles)
    fps = [_fingerprint(article, corrections) for article in report.articles]
    try:
        found = cache.get_many(fps) if cache is not None else {}
    except BaseException:
        if cache is not None:
            cache.close()
        raise
    for i, (article, fp) in enumerate(zip(report.articles, fps, strict=True)):
        cached = found.get(fp)
        if cached is not None:
            rows[i], stale[i] = cached
            result.reused += 1
        else:
            todo.append((i, article, fp))
    done = result.reused
    log.info("%d article(s): %d from the cache%s, %d to extract on %d process(es)", total,
             result.reused, f" ({cache.path})" if cache is not None else "", len(todo),
             jobs)  # fmt: skip
    if progress is not None:
        progress(done, total)

    def finish(i: int, article: Article, fp: str, outcome: Outcome) -> None:
        nonlocal done
        if isinstance(outcome, str):
            log.warning("article %s failed: %s", article.path or article.id, outcome)
            result.failed.append(Skipped(article.path or article.id, outcome))
        else:
            rows[i], stale[i] = outcome
            if cache is not None:
                cache.put(fp, *outcome)
            result.processed += 1
        done += 1
        if progress is not None:
            progress(done, total)

    try:
        if jobs > 1 and len(todo) > 1:
            with worker_pool(jobs) as pool:
                args = [(a, corrections) for _, a, _ in todo]
                chunk = max(1, len(todo) // (jobs * 8))
                for (i, article, fp), outcome in zip(
                    todo, pool.map(_work, args, chunksize=chunk), strict=True
                ):
                    finish(i, article, fp, outcome)
        else:
            for i, article, fp in todo:
                finish(i, article, fp, article_outcome(article, corrections))
    finally:
        if cache is not None:
            cache.close()
    for i in sorted(stale):
        article = report.articles[i]
        result.notices.extend(stale_notices(corrections, article.id, article.path, stale[i]))
    if corrections is not None:
        result.notices.extend(orphan_notices(corrections, {a.id for a in report.articles}))
    parts = [
        ("extracted events", EventTable.from_records(r for i in sorted(rows) for r in rows[i]))
    ]
    for events_file in report.event_files:
        try:
            given = read_events_file(events_file)
        except ExplorerError as exc:
            result.failed.append(Skipped(str(events_file), str(exc)))
            continue
        result.failed.extend(given.skipped)
        result.notices.extend(given.notices)
        parts.append((str(events_file), given.table))
    result.table, merged = merge_tables(parts)
    result.notices.extend(merged)
    return result

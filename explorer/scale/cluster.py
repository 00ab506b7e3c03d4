"""Ingest on Dask distributed: a corpus into a folder of Parquet part files.

The work is the single-process pipeline's, per article (:func:`explorer.events.pipeline.
article_events`), run in batches of files on the workers of a Dask cluster: a ``LocalCluster``
on this machine when no address is given, else any running scheduler (``tcp://host:8786``).
Results come back to the client as Arrow tables and are written in input order; what needs the
whole corpus (copies, clashing ids, corrections, events tables among the inputs) is decided
there (:mod:`explorer.scale.reconcile`), so the dataset read back, its notices and skipped files
equal :func:`explorer.events.ingest`'s (tested).

* Files travel as paths when every worker sees them (a LocalCluster, or a shared file system:
  checked on the workers); otherwise the client reads them and sends the articles.
* At most a few batches per worker are in flight: the client's memory stays bounded.
* The incremental cache of the single-process pipeline is not used: every article is processed.
* ``timeout`` bounds every wait on the cluster (:mod:`explorer.scale.connection`): reaching the
  scheduler (an address that is not a Dask scheduler is one line, not a hang), its first worker,
  and a run whose workers have all gone.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyarrow as pa

from explorer.errors import ClusterError, ExplorerError
from explorer.events.corrections import Corrections
from explorer.events.given import GivenEvents, read_events_file
from explorer.events.pipeline import article_outcome
from explorer.events.table import EventTable
from explorer.ingest.corpus import (
    LoadReport,
    Notice,
    Skipped,
    excluded,
    expand_paths,
    read_file,
)
from explorer.scale.connection import WorkerWatch, connect, require_workers
from explorer.scale.incidents import (
    ArticleIncidents,
    IncidentCollector,
    article_incidents,
    dataset_incidents_path,
)
from explorer.scale.parquet import PartWriter, replace_dir, to_arrow
from explorer.scale.reconcile import ArticleInfo, Reconciler, article_info, merge_given

__all__ = ["BatchResult", "DaskIngestResult", "connect", "dask_ingest"]


@dataclass(frozen=True)
class BatchResult:
    """What a worker sends back for one batch of files."""

    index: int
    events: pa.Table
    event_files: tuple[tuple[str, GivenEvents], ...]  # (path as given, its events)
    files: int
    articles: tuple[ArticleInfo, ...]  # in order, with how many of the rows are each one's
    skipped: tuple[Skipped, ...]  # files and rows not read
    notices: tuple[Notice, ...] = ()
    incidents: tuple[ArticleIncidents, ...] = ()  # one per article of ``articles`` (incidents=True)


@dataclass(frozen=True)
class DaskIngestResult:
    """The closing figures of a run (the rows are in the Parquet folder ``out``)."""

    out: Path
    parts: tuple[Path, ...]
    files: int
    articles: int
    events: int
    unresolved: int
    undated: int
    skipped: tuple[Skipped, ...]
    workers: int
    seconds: float
    notices: tuple[Notice, ...] = ()
    incidents: int | None = None  # how many, written to ``incidents_file`` (incidents=True)
    incidents_file: Path | None = None

    def messages(self) -> list[str]:
        """``skipped PATH: REASON`` and ``note PATH: REASON`` lines, as ``ingest()`` gives."""
        lines = [f"skipped {s.path}: {s.reason}" for s in self.skipped]
        return lines + [f"note {n.path}: {n.reason}" for n in self.notices]

    def summary(self) -> str:
        return (
            f"{self.articles} articles ({self.articles} processed, 0 unchanged), {self.events} "
            f"events, {self.unresolved} unresolved places, {self.undated} undated events, "
            f"{len(self.skipped)} skipped; {self.workers} Dask worker(s), {self.seconds:.1f} s, "
            f"{self.articles / max(self.seconds, 1e-9):.0f} articles/s, "
            f"{len(self.parts)} part file(s)"
            + (f", {len(self.notices)} notices" if self.notices else "")
        )


# --- on the workers ----------------------------------------------------------------------------


def _given(
    paths: list[tuple[Path, str]], skipped: list[Skipped]
) -> tuple[tuple[str, GivenEvents], ...]:
    out = []
    for events_file, shown in paths:
        try:
            out.append((shown, read_events_file(events_file)))
        except ExplorerError as exc:
            skipped.append(Skipped(shown, str(exc)))
    return tuple(out)


Origins = list[tuple[str, str, int]]  # (path opened, path as given, articles read from it)


def _shown(path: str, opened: str, shown: str) -> str:
    return shown + path[len(opened) :] if path.startswith(opened) else path


def _load(files: list[tuple[str, str]], report: LoadReport) -> tuple[Origins, list[str]]:
    """Read ``(path to open, path as given)`` pairs; messages keep the path as given. Returns
    where the articles came from, and the events files as given."""
    origins: Origins = []
    given: list[str] = []
    for where, shown in files:
        report.files += 1
        skipped, noticed = len(report.skipped), len(report.notices)
        articles, tables = len(report.articles), len(report.event_files)
        try:
            read_file(Path(where), report)
        except ExplorerError as exc:
            report.skipped.append(Skipped(shown, str(exc)))
        for i in range(skipped, len(report.skipped)):  # rows of a table file: "path#row"
            item = report.skipped[i]
            report.skipped[i] = Skipped(_shown(item.path, where, shown), item.reason)
        for i in range(noticed, len(report.notices)):
            note = report.notices[i]
            report.notices[i] = Notice(_shown(note.path, where, shown), note.reason)
        origins.append((where, shown, len(report.articles) - articles))
        given += [shown] * (len(report.event_files) - tables)
    return origins, given


def run_batch(
    index: int,
    files: list[tuple[str, str]] | None = None,
    loaded: tuple[LoadReport, Origins, list[str]] | None = None,
    corrections: Corrections | None = None,
    incidents: bool = False,
) -> BatchResult:
    """Load (when given paths) and extract one batch: the task each worker runs."""
    if loaded is None:
        report = LoadReport()
        origins, given_as = _load(files or [], report)
    else:
        report, origins, given_as = loaded
    rows: list[dict[str, Any]] = []
    infos: list[ArticleInfo] = []
    found: list[ArticleIncidents] = []
    articles = iter(report.articles)
    for opened, shown, count in origins:
        for ordinal in range(count):
            article = next(articles)
            path = _shown(article.path or article.id, opened, shown)
            article = replace(article, path=path)
            if incidents:
                found.append(article_incidents(article))
            outcome = article_outcome(article, corrections)
            if isinstance(outcome, str):  # it failed: reported if the client keeps it
                infos.append(article_info(article, path, opened, ordinal, 0, [], outcome))
                continue
            rows.extend(outcome[0])
            infos.append(article_info(article, path, opened, ordinal, len(outcome[0]), outcome[1]))
    skipped = list(report.skipped)
    given = _given(list(zip(report.event_files, given_as, strict=True)), skipped)
    events = to_arrow(EventTable.from_records(rows))
    return BatchResult(
        index, events, given, report.files, tuple(infos), tuple(skipped), tuple(report.notices),
        tuple(found),
    )  # fmt: skip


def warm_up() -> bool:
    """Open the gazetteer and the taggers in a worker before the clock starts (benchmarks)."""
    from explorer.dates import find_dates
    from explorer.places import geoparse

    geoparse("Warm up in Mosul.")
    find_dates("on Tuesday", published=None)
    return True


def _sees(paths: list[str]) -> dict[str, int]:
    return {p: os.path.getsize(p) if os.path.isfile(p) else -1 for p in paths}


# --- on the client -----------------------------------------------------------------------------


def _write(writer: PartWriter, table: pa.Table, tally: list[int]) -> None:
    tally[0] += table.column("latitude").null_count  # events with no point (as ingest() counts)
    tally[1] += table.column("start_date").null_count
    writer.write(table)


def _batches(files: list[Path], size: int) -> list[list[tuple[str, str]]]:
    """Batches of (absolute path, path as given): workers may not share the client's cwd."""
    pairs = [(str(f.resolve()), str(f)) for f in files]
    return [pairs[i : i + size] for i in range(0, len(pairs), size)]


def _shared(client: Any, files: list[Path]) -> bool:
    probe = [str(f.resolve()) for f in {files[0], files[-1]}]
    want = {p: os.path.getsize(p) for p in probe}
    seen = client.run(_sees, probe)
    return bool(seen) and all(answer == want for answer in seen.values())


def dask_ingest(
    paths: Iterable[str | Path] | str | Path,
    out: str | Path,
    *,
    address: str | None = None,
    client: Any = None,
    workers: int | None = None,
    batch_size: int | None = None,
    corrections: Corrections | None = None,
    progress: Callable[[int, int], None] | None = None,
    rows_per_part: int = 250_000,
    timeout: float = 10.0,
    exclude: Iterable[str | Path] = (),
    incidents: bool = False,
) -> DaskIngestResult:
    """Extract the events of a corpus on a Dask cluster into the Parquet folder ``out``.

    Give a running ``client``, or an ``address`` of a scheduler, or neither (a LocalCluster
    of ``workers`` processes is started and stopped). ``progress(done, total)`` counts files.
    ``exclude``: files or folders not to read (the run's output). ``out`` is replaced only when
    the run succeeds. ``incidents``: also group the articles' incidents and write them next to
    ``out`` (``events.parquet`` -> ``events.incidents.parquet``; :mod:`explorer.scale.incidents`).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = list(paths)
    if client is None:
        with connect(address, workers=workers, timeout=timeout) as own:
            return dask_ingest(
                paths, out, address=address, client=own, batch_size=batch_size,
                corrections=corrections, progress=progress, rows_per_part=rows_per_part,
                timeout=timeout, exclude=exclude, incidents=incidents,
            )  # fmt: skip
    walked: list[Notice] = []  # links back to a folder being walked, as ingest() reports
    files, missing = expand_paths(paths, walked)
    files, left_out = excluded(files, exclude)
    left_out = [*walked, *left_out]
    target = Path(out)
    where = address or str(getattr(getattr(client, "scheduler", None), "address", "the client's"))
    n_workers = require_workers(client, where, timeout)
    size = batch_size or max(1, min(200, len(files) // (n_workers * 16) or 1))
    batches = _batches(files, size)
    built = target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex[:8]}")
    writer = PartWriter(built, rows_per_part=rows_per_part)
    tally = [0, 0]  # unresolved places, undated events
    n_incidents = 0
    keeper = Reconciler(corrections)
    collector = IncidentCollector(corrections) if incidents else None
    started = time.perf_counter()
    try:
        by_path = bool(files) and _shared(client, files)
        watch = WorkerWatch(client, where, timeout)
        run = _Run(client, batches, by_path, corrections, n_workers, progress, watch, incidents)

        def take(r: BatchResult) -> None:
            _write(writer, keeper.take(r.events, r.articles), tally)
            if collector is not None:
                collector.take([(i.id, i.path, i.content) for i in r.articles], r.incidents)

        results = run.all(take)
        given = [pair for r in results for pair in r.event_files]
        # events tables given among the inputs come last, as in ingest()
        extra, merged = merge_given(writer.finish_part, given)
        for table in extra:
            _write(writer, table, tally)
        parts = writer.close()
        replace_dir(built, target)
        if collector is not None:
            n_incidents = collector.write(dataset_incidents_path(target))
    except BaseException:
        writer.close()
        import shutil

        shutil.rmtree(built, ignore_errors=True)
        raise
    skipped = [*missing, *(s for r in results for s in r.skipped), *keeper.failed]
    notices = [*left_out, *(n for r in results for n in r.notices), *keeper.notices,
               *keeper.closing_notices()]  # fmt: skip
    if collector is not None:
        skipped += collector.failed
        notices += collector.notices
    for _, g in given:
        skipped += g.skipped
        notices += g.notices
    return DaskIngestResult(
        out=target,
        parts=tuple(target / p.name for p in parts),
        files=sum(r.files for r in results),
        articles=keeper.articles,
        events=writer.rows,
        unresolved=tally[0],
        undated=tally[1],
        skipped=tuple(skipped),
        workers=n_workers,
        seconds=time.perf_counter() - started,
        notices=tuple(notices + merged),
        incidents=n_incidents if collector is not None else None,
        incidents_file=dataset_incidents_path(target) if collector is not None else None,
    )


_POLL = 1.0  # seconds between looks at the workers while no batch finishes


class _Run:
    """Submits batches (a bounded window in flight) and hands back results in batch order."""

    def __init__(
        self,
        client: Any,
        batches: list[list[tuple[str, str]]],
        by_path: bool,
        corrections: Corrections | None,
        n_workers: int,
        progress: Callable[[int, int], None] | None,
        watch: WorkerWatch,
        incidents: bool = False,
    ) -> None:
        self.client, self.batches, self.by_path = client, batches, by_path
        self.corrections, self.window, self.progress = corrections, max(2, 3 * n_workers), progress
        self.incidents = incidents
        self.watch = watch  # ends the run when the scheduler has had no workers for too long

    def submit(self, i: int) -> Any:
        if self.by_path:
            return self.client.submit(
                run_batch, i, self.batches[i], None, self.corrections, self.incidents, pure=False
            )
        # the workers cannot see the files: the client reads them and sends the articles
        report = LoadReport()
        origins, given_as = _load(self.batches[i], report)
        return self.client.submit(
            run_batch, i, None, (report, origins, given_as), self.corrections, self.incidents,
            pure=False,
        )  # fmt: skip

    def all(self, write: Callable[[BatchResult], None]) -> list[BatchResult]:
        from distributed import wait

        batches, progress = self.batches, self.progress
        total = sum(len(b) for b in batches)
        if progress is not None:
            progress(0, total)
        queued = min(self.window, len(batches))
        inflight = {self.submit(i) for i in range(queued)}
        done: dict[int, BatchResult] = {}
        finished: list[BatchResult] = []
        files_done = 0
        try:
            while inflight:
                try:
                    ready = wait(list(inflight), timeout=_POLL, return_when="FIRST_COMPLETED")
                except TimeoutError:  # nothing finished for a while: are there workers?
                    self.watch.check()
                    continue
                for future in ready.done:
                    try:  # bounded: the result may be lost again with its worker meanwhile
                        result: BatchResult = future.result(timeout=_POLL)
                    except TimeoutError:
                        self.watch.check()
                        continue
                    inflight.discard(future)
                    future.release()
                    done[result.index] = result
                    files_done += result.files
                    if progress is not None:
                        progress(files_done, total)
                    while len(finished) in done:
                        r = done.pop(len(finished))
                        write(r)
                        # the rows are written: keep the figures and messages only
                        finished.append(replace(r, events=r.events.slice(0, 0), incidents=()))
                    if queued < len(batches):
                        inflight.add(self.submit(queued))
                        queued += 1
        except ExplorerError:
            raise
        except Exception as exc:  # worker lost, connection closed, ...: not an article's fault
            raise ClusterError(f"the Dask run failed: {type(exc).__name__}: {exc}") from exc
        return finished

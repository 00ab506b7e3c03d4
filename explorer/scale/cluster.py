"""Ingest on Dask distributed: a corpus into a folder of Parquet part files.

The work is the single-process pipeline's, per article (:func:`explorer.events.pipeline.
article_events`), run in batches of files on the workers of a Dask cluster: a ``LocalCluster``
on this machine when no address is given, else any running scheduler (``tcp://host:8786``).
Results come back to the client as Arrow tables and are written in input order, so the dataset
read back equals :func:`explorer.events.ingest`'s table row for row (tested).

* Files travel as paths when every worker sees them (a LocalCluster, or a shared file system:
  checked on the workers); otherwise the client reads them and sends the articles.
* At most a few batches per worker are in flight: the client's memory stays bounded.
* The incremental cache of the single-process pipeline is not used: every article is processed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from explorer.errors import ClusterError, ExplorerError
from explorer.events.corrections import Corrections
from explorer.events.given import load_events_file
from explorer.events.pipeline import article_events
from explorer.events.table import EventTable
from explorer.ingest.corpus import LoadReport, Notice, Skipped, expand_paths, read_file
from explorer.model import Article
from explorer.scale.parquet import PartWriter, replace_dir, to_arrow

__all__ = ["BatchResult", "DaskIngestResult", "connect", "dask_ingest"]


@dataclass(frozen=True)
class BatchResult:
    """What a worker sends back for one batch of files."""

    index: int
    events: pa.Table
    event_files: tuple[pa.Table, ...]
    files: int
    articles: int
    skipped: tuple[Skipped, ...]
    notices: tuple[Notice, ...] = ()


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


def _given(paths: list[Path], skipped: list[Skipped]) -> tuple[pa.Table, ...]:
    out = []
    for events_file in paths:
        try:
            out.append(to_arrow(load_events_file(events_file)))
        except ExplorerError as exc:
            skipped.append(Skipped(str(events_file), str(exc)))
    return tuple(out)


def _load(files: list[tuple[str, str]], report: LoadReport) -> None:
    """Read ``(path to open, path as given)`` pairs; messages keep the path as given."""
    for where, shown in files:
        report.files += 1
        before = len(report.skipped)
        try:
            read_file(Path(where), report)
        except ExplorerError as exc:
            report.skipped.append(Skipped(shown, str(exc)))
        for i in range(before, len(report.skipped)):  # rows of a table file: "path#row"
            item = report.skipped[i]
            if item.path.startswith(where):
                report.skipped[i] = Skipped(shown + item.path[len(where) :], item.reason)


def run_batch(
    index: int,
    files: list[tuple[str, str]] | None = None,
    articles: list[Article] | None = None,
    corrections: Corrections | None = None,
) -> BatchResult:
    """Load (when given paths) and extract one batch: the task each worker runs."""
    report = LoadReport(articles=list(articles or []))
    _load(files or [], report)
    rows: list[dict[str, Any]] = []
    skipped = list(report.skipped)
    for article in report.articles:
        try:
            rows.extend(article_events(article, corrections))
        except ExplorerError as exc:
            skipped.append(Skipped(article.path or article.id, str(exc)))
    events = to_arrow(EventTable.from_records(rows))
    given = _given(report.event_files, skipped)
    return BatchResult(
        index, events, given, report.files, len(report.articles), tuple(skipped),
        tuple(report.notices),
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


@contextlib.contextmanager
def connect(
    address: str | None = None, *, workers: int | None = None, timeout: float = 10.0
) -> Iterator[Any]:
    """A ``distributed.Client``: to ``address``, or to a new LocalCluster of ``workers``
    single-threaded processes on 127.0.0.1 (no dashboard). Errors become ClusterError."""
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if address:
            client = Client(address, timeout=timeout)
        else:
            n = workers or os.cpu_count() or 1
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                # no dashboard (it needs bokeh); ":0" keeps the scheduler's small HTTP server
                # (health, metrics) off the default port 8787, which may be taken
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, timeout=timeout)
    except (OSError, TimeoutError, ValueError, RuntimeError) as exc:
        where = address or "a LocalCluster"
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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
) -> DaskIngestResult:
    """Extract the events of a corpus on a Dask cluster into the Parquet folder ``out``.

    Give a running ``client``, or an ``address`` of a scheduler, or neither (a LocalCluster
    of ``workers`` processes is started and stopped). ``progress(done, total)`` counts files.
    ``out`` is replaced only when the run succeeds.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files, missing = expand_paths(paths)
    target = Path(out)
    if client is None:
        with connect(address, workers=workers, timeout=timeout) as own:
            return dask_ingest(
                paths, target, client=own, batch_size=batch_size, corrections=corrections,
                progress=progress, rows_per_part=rows_per_part,
            )  # fmt: skip
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    size = batch_size or max(1, min(200, len(files) // (n_workers * 16) or 1))
    batches = _batches(files, size)
    built = target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex[:8]}")
    writer = PartWriter(built, rows_per_part=rows_per_part)
    tally = [0, 0]  # unresolved places, undated events
    started = time.perf_counter()
    try:
        by_path = bool(files) and _shared(client, files)
        results = _run(client, batches, by_path, corrections, n_workers, writer, tally, progress)
        for r in results:  # events tables given among the inputs come last, as in ingest()
            for extra in r.event_files:
                _write(writer, extra, tally)
        parts = writer.close()
        replace_dir(built, target)
    except BaseException:
        writer.close()
        import shutil

        shutil.rmtree(built, ignore_errors=True)
        raise
    return DaskIngestResult(
        out=target,
        parts=tuple(target / p.name for p in parts),
        files=sum(r.files for r in results),
        articles=sum(r.articles for r in results),
        events=writer.rows,
        unresolved=tally[0],
        undated=tally[1],
        skipped=tuple(missing) + tuple(s for r in results for s in r.skipped),
        workers=n_workers,
        seconds=time.perf_counter() - started,
        notices=tuple(n for r in results for n in r.notices),
    )


def _run(
    client: Any,
    batches: list[list[tuple[str, str]]],
    by_path: bool,
    corrections: Corrections | None,
    n_workers: int,
    writer: PartWriter,
    tally: list[int],
    progress: Callable[[int, int], None] | None,
) -> list[BatchResult]:
    """Submit batches (a bounded window in flight), write results in batch order."""
    from distributed import as_completed

    total = sum(len(b) for b in batches)
    if progress is not None:
        progress(0, total)

    def submit(i: int) -> Any:
        if by_path:
            return client.submit(run_batch, i, batches[i], None, corrections, pure=False)
        # the workers cannot see the files: the client reads them and sends the articles
        report = LoadReport()
        _load(batches[i], report)
        given = _given(report.event_files, report.skipped)
        return client.submit(_run_loaded, i, report, given, corrections, pure=False)

    window = max(2, 3 * n_workers)
    pending = as_completed([submit(i) for i in range(min(window, len(batches)))])
    queued = min(window, len(batches))
    done: dict[int, BatchResult] = {}
    finished: list[BatchResult] = []
    next_write, files_done = 0, 0
    try:
        for future in pending:
            result: BatchResult = future.result()
            future.release()
            done[result.index] = result
            files_done += result.files
            if progress is not None:
                progress(files_done, total)
            while next_write in done:
                r = done.pop(next_write)
                _write(writer, r.events, tally)
                finished.append(r)
                next_write += 1
            if queued < len(batches):
                pending.add(submit(queued))
                queued += 1
    except ExplorerError:
        raise
    except Exception as exc:  # worker lost, connection closed, ...: not an article's fault
        raise ClusterError(f"the Dask run failed: {type(exc).__name__}: {exc}") from exc
    return finished


def _run_loaded(
    index: int, report: LoadReport, given: tuple[pa.Table, ...], corrections: Corrections | None
) -> BatchResult:
    r = run_batch(index, None, report.articles, corrections)
    return BatchResult(
        index, r.events, given, report.files, r.articles, tuple(report.skipped) + r.skipped
    )

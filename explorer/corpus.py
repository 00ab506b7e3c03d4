"""A corpus ingested whole: its events and, on request, the incidents they report.

:func:`explorer.events.ingest` extracts events; :mod:`explorer.incidents` groups the articles'
incidents across articles. This module sits above both layers and runs them in turn, so that
neither imports the other upwards (the events layer knows nothing of incidents)::

    from explorer.corpus import ingest
    result = ingest(["data/"], incidents=True)
    result.table       # EventTable: one row per mention
    result.incidents   # IncidentTable: one row per real-world incident

``explorer ingest`` and ``make demo`` call it; the Dask path has its own
(:func:`explorer.scale.dask_ingest` with ``incidents=True``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from explorer.events.corrections import Corrections
from explorer.events.pipeline import IngestResult, corrections_where
from explorer.events.pipeline import ingest as ingest_events
from explorer.incidents.table import IncidentTable
from explorer.ingest import Notice, Skipped

__all__ = ["CorpusResult", "ingest"]


@dataclass
class CorpusResult(IngestResult):
    """An :class:`~explorer.events.pipeline.IngestResult` with the corpus's incidents (``None``
    when they were not asked for)."""

    incidents: IncidentTable | None = None


def ingest(
    paths: Iterable[str | Path] | str | Path,
    *,
    jobs: int = 1,
    cache_path: Path | str | None = None,
    corrections: Corrections | None = None,
    progress: Callable[[int, int], None] | bool | None = None,
    exclude: Iterable[str | Path] = (),
    incidents: bool = False,
) -> CorpusResult:
    """:func:`explorer.events.ingest` (the same arguments), and with ``incidents`` the
    articles' incidents grouped across articles into ``result.incidents`` (see
    docs/incidents.md; the articles are read again, about as long as the events). An article
    whose incidents cannot be found is reported in ``result.failed``; incident corrections that
    no longer fit are notices."""
    events = ingest_events(
        paths,
        jobs=jobs,
        cache_path=cache_path,
        corrections=corrections,
        progress=progress,
        exclude=exclude,
    )
    result = CorpusResult(**{f.name: getattr(events, f.name) for f in fields(IngestResult)})
    if incidents:
        from explorer.incidents.build import corrected_incident_table

        built = corrected_incident_table(result.report.articles, corrections)
        result.incidents, failed, stale = built
        result.failed.extend(Skipped(where, reason) for where, reason in failed)
        result.notices.extend(Notice(corrections_where(corrections), m) for m in stale)
    return result

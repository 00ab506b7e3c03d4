"""Incidents on the Dask path: reports found on the workers, grouped on the client.

:func:`explorer.scale.dask_ingest` with ``incidents=True`` has each worker run
:func:`~explorer.incidents.build.article_incidents` on every article of its batch (the reports of
:func:`~explorer.incidents.extract.extract_incidents` and the article's text, which the
grouping reads for people, streets and wording). The client takes them batch by batch in input
order with an :class:`IncidentCollector` (the copies the events leave out are left out here
too, a renamed article's reports follow its new id), groups them with the
:class:`~explorer.incidents.group.Grouper` at the end, applies the incident corrections and
writes the table next to the events folder: ``events.parquet/`` (or ``events/``) ->
``events.incidents.parquet`` (:func:`dataset_incidents_path`). The incidents equal those of
``ingest(..., incidents=True)`` (tested on a LocalCluster).

The client holds every report and text until the end (the grouping needs them in one call to
equal the single-process run): about the size of the corpus's text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from explorer.events.corrections import Corrections
from explorer.incidents.build import ArticleIncidents, article_incidents, group_and_correct
from explorer.incidents.model import IncidentReport
from explorer.incidents.table import IncidentTable
from explorer.ingest.corpus import Admission, Notice, Skipped

__all__ = [
    "ArticleIncidents",
    "IncidentCollector",
    "article_incidents",
    "dataset_incidents_path",
]


def dataset_incidents_path(out: str | Path) -> Path:
    """Where the incidents of a Parquet events folder go: beside it, always Parquet
    (``events.parquet/`` or ``events/`` -> ``events.incidents.parquet``)."""
    p = Path(out)
    return p.with_name(f"{p.stem}.incidents.parquet")


def _renamed(r: IncidentReport, old: str, new: str) -> IncidentReport:
    prefix = old + ":"
    events = tuple(new + ":" + e[len(prefix) :] if e.startswith(prefix) else e for e in r.event_ids)
    return replace(r, article_id=new, event_ids=events)


class IncidentCollector:
    """On the client: the reports of the articles kept, in input order, then the table."""

    def __init__(self, corrections: Corrections | None) -> None:
        self.corrections = corrections
        self.admission = Admission()  # the same decisions as the events' Reconciler
        self.reports: list[IncidentReport] = []
        self.texts: dict[str, str] = {}
        self.failed: list[Skipped] = []
        self.notices: list[Notice] = []

    def take(self, ids: list[tuple[str, str, bytes]], found: tuple[ArticleIncidents, ...]) -> None:
        """One batch: ``ids`` are its articles' (id, path, content digest), in order."""
        for (aid, path, content), got in zip(ids, found, strict=True):
            new_id, _ = self.admission.admit(aid, path, content)
            if new_id is None:  # a copy of an article already taken
                continue
            if got.failed is not None or got.text is None:
                self.failed.append(Skipped(path, got.failed or "incidents: no text"))
                continue
            reports = got.reports
            if new_id != aid:
                reports = tuple(_renamed(r, aid, new_id) for r in reports)
            self.reports.extend(reports)
            self.texts[new_id] = got.text

    def table(self) -> IncidentTable:
        """The incidents of every article taken, corrections applied (a correction that does
        not fit them is a notice, as in ``ingest()``)."""
        table, stale = group_and_correct(self.reports, self.texts, self.corrections)
        where = str(self.corrections.path or "corrections") if self.corrections else ""
        self.notices += [Notice(where, m) for m in stale]
        return table

    def write(self, path: Path) -> int:
        """Write the table to ``path`` (any table format); how many incidents."""
        table = self.table()
        table.write(path)
        return len(table)

"""The incidents of a set of articles: each article's reports, grouped across articles.

:func:`incident_table` is what :func:`explorer.corpus.ingest` calls (``incidents=True``) and
what ``explorer ingest`` writes next to its events file (``events.csv`` ->
``events.incidents.csv``, :func:`~explorer.incidents.table.incidents_path`). Every article's
reports come from :func:`~explorer.incidents.extract.extract_incidents`; the grouping is
:class:`~explorer.incidents.group.Grouper` with the articles' texts, so it sees the people,
streets and wording of each. An article whose extraction fails is returned with its reason,
never dropped silently. :func:`article_incidents` is one article's part (the Dask workers run
it: :mod:`explorer.scale.incidents`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from explorer.errors import ExplorerError
from explorer.events.corrections import Corrections
from explorer.incidents.corrections import apply_incident_corrections, stale_incident_corrections
from explorer.incidents.group import group_reports
from explorer.incidents.model import IncidentReport
from explorer.incidents.table import IncidentTable
from explorer.model import Article

__all__ = [
    "ArticleIncidents",
    "article_incidents",
    "corrected_incident_table",
    "group_and_correct",
    "incident_table",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArticleIncidents:
    """One article's reports and text (``failed``: why it has none, one line)."""

    reports: tuple[IncidentReport, ...] = ()
    text: str | None = None
    failed: str | None = None


def article_incidents(article: Article) -> ArticleIncidents:
    """The incident reports of ``article``; a failure is its one-line reason, logged."""
    from explorer.incidents.extract import extract_incidents

    try:
        found = extract_incidents(article)
    except (ExplorerError, ValueError, RecursionError) as exc:
        reason = f"incidents: {exc}".splitlines()[0]
        log.warning("article %s: %s", article.path or article.id, reason)
        return ArticleIncidents(failed=reason)
    return ArticleIncidents(tuple(found), article.text)


def incident_table(
    articles: Sequence[Article], corrections: Corrections | None = None
) -> tuple[IncidentTable, list[tuple[str, str]]]:
    """The incidents ``articles`` report, one row each, and the articles that failed (path or
    id, reason). ``corrections``: their incident corrections are applied after grouping
    (:mod:`.corrections`)."""
    table, failed, _ = corrected_incident_table(articles, corrections)
    return table, failed


def corrected_incident_table(
    articles: Sequence[Article], corrections: Corrections | None
) -> tuple[IncidentTable, list[tuple[str, str]], list[str]]:
    """:func:`incident_table`, and one line per incident correction that does not fit the
    grouped incidents (:func:`~.corrections.stale_incident_corrections`): not applied."""
    reports: list[IncidentReport] = []
    failed: list[tuple[str, str]] = []
    texts: dict[str, str] = {}
    for article in articles:
        got = article_incidents(article)
        if got.failed is not None or got.text is None:
            failed.append((article.path or article.id, got.failed or "incidents: no text"))
            continue
        reports.extend(got.reports)
        texts[article.id] = got.text
    table, stale = group_and_correct(reports, texts, corrections)
    return table, failed, stale


def group_and_correct(
    reports: Sequence[IncidentReport], texts: Mapping[str, str], corrections: Corrections | None
) -> tuple[IncidentTable, list[str]]:
    """The incidents of ``reports`` (grouped with ``texts``), corrections applied, and one line
    per incident correction that does not fit the grouped incidents (not applied)."""
    grouped = group_reports(reports, texts)
    stale = stale_incident_corrections(grouped, corrections)
    incidents = apply_incident_corrections(grouped, corrections)
    return IncidentTable.from_incidents(incidents), stale

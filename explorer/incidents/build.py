"""The incidents of a set of articles: each article's reports, grouped across articles.

:func:`incident_table` is what :func:`explorer.events.ingest` calls (``incidents=True``) and
what ``explorer ingest`` writes next to its events file (``events.csv`` ->
``events.incidents.csv``, :func:`~explorer.incidents.table.incidents_path`). Every article's
reports come from :func:`~explorer.incidents.extract.extract_incidents`; the grouping is
:class:`~explorer.incidents.group.Grouper` with the articles' texts, so it sees the people,
streets and wording of each. An article whose extraction fails is returned with its reason,
never dropped silently.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from explorer.errors import ExplorerError
from explorer.events.corrections import Corrections
from explorer.incidents.corrections import apply_incident_corrections, stale_incident_corrections
from explorer.incidents.group import group_reports
from explorer.incidents.model import IncidentReport
from explorer.incidents.table import IncidentTable
from explorer.model import Article

__all__ = ["corrected_incident_table", "incident_table"]

log = logging.getLogger(__name__)


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
    from explorer.incidents.extract import extract_incidents

    reports: list[IncidentReport] = []
    failed: list[tuple[str, str]] = []
    texts: dict[str, str] = {}
    for article in articles:
        try:
            found = extract_incidents(article)
        except (ExplorerError, ValueError, RecursionError) as exc:
            reason = f"incidents: {exc}".splitlines()[0]
            log.warning("article %s: %s", article.path or article.id, reason)
            failed.append((article.path or article.id, reason))
            continue
        reports.extend(found)
        texts[article.id] = article.text
    grouped = group_reports(reports, texts)
    stale = stale_incident_corrections(grouped, corrections)
    incidents = apply_incident_corrections(grouped, corrections)
    return IncidentTable.from_incidents(incidents), failed, stale

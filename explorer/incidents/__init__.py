"""Incidents: what happened, where and when, once per real-world happening, with its reports.

See docs/incidents.md. :mod:`.model` holds the records, :mod:`.extract` finds the incidents of
one article (:func:`extract_incidents`), :mod:`.keys` gives each report a simple incident id.
"""

from __future__ import annotations

from explorer.incidents.extract import extract_incidents
from explorer.incidents.model import Incident, IncidentReport

__all__ = ["Incident", "IncidentReport", "extract_incidents"]

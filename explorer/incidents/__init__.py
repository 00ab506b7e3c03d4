"""Incidents: what happened, where and when, once per real-world happening, with its reports.

See docs/incidents.md. :mod:`.model` holds the records.
"""

from __future__ import annotations

from explorer.incidents.model import Incident, IncidentReport

__all__ = ["Incident", "IncidentReport"]

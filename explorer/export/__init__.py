"""Exports: one-file briefings, KML, chart images."""

from explorer.export.briefing import briefing_html, write_briefing
from explorer.export.files import export_table, write_kml

__all__ = ["briefing_html", "export_table", "write_briefing", "write_kml"]

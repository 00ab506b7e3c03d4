"""Exports: one-file briefings, KML, chart images."""

from explorer.export.briefing import briefing_html, write_briefing
from explorer.export.files import export_table, write_kml

brief = write_briefing  # explorer.brief(table, "briefing.html", title=...)

__all__ = ["brief", "briefing_html", "export_table", "write_briefing", "write_kml"]

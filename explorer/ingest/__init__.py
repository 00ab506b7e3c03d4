"""Reading sources into :class:`~explorer.model.Article` records (one reader per format)."""

from explorer.ingest.corpus import (
    LoadReport,
    Notice,
    Skipped,
    deduplicate,
    expand_paths,
    load,
    load_report,
)
from explorer.ingest.feeds import parse_feed
from explorer.ingest.html import parse_html_article
from explorer.ingest.tables import is_events_table, table_kind
from explorer.ingest.text import parse_text_article, read_text_article

__all__ = [
    "LoadReport",
    "Notice",
    "Skipped",
    "deduplicate",
    "expand_paths",
    "is_events_table",
    "load",
    "load_report",
    "parse_feed",
    "parse_html_article",
    "parse_text_article",
    "read_text_article",
    "table_kind",
]

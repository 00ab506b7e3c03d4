"""Reading sources into :class:`~explorer.model.Article` records (one reader per format)."""

from explorer.ingest.text import read_text_article

__all__ = ["read_text_article"]

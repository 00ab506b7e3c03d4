"""Saved web pages: the main text, title and date, extracted with trafilatura.

trafilatura removes navigation, footers and boilerplate and reads the title, site name, canonical
URL and publication date from the page's metadata. A page with no date in it gets none: the
date is never guessed from today. The text has one paragraph per line
(``Article.paragraph_lines``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from explorer.errors import IngestError
from explorer.model import Article

__all__ = ["parse_html_article"]


def parse_html_article(content: str, *, path: str | None = None) -> Article:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            content,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors
        raise IngestError(f"cannot parse HTML: {exc}") from exc
    data: dict[str, Any] = {}
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = str(data.get("text") or "").strip()
    if not text:
        raise IngestError("no article text found in the page")
    title = str(data.get("title") or "").strip()
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        text = rest.strip()
    if not title:
        title = first.strip()
    if not text:
        text = title  # a page of one paragraph, its title: that is the text too
    published = None
    if data.get("date"):
        try:
            published = dt.date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            published = None
    digest = hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()[:16]
    return Article(
        id=digest,
        title=title,
        text=text,
        published=published,
        source=(data.get("sitename") or data.get("hostname") or None),
        url=data.get("url") or None,
        path=path,
        paragraph_lines=True,  # trafilatura puts one paragraph on each line
    )

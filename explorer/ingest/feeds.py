"""RSS and Atom feeds, read with feedparser: one article per entry.

An entry's text is its full content when the feed carries it, else its summary, else its title;
HTML in either is reduced to text. Its date is the entry's published (or updated) date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from typing import Any

from explorer.errors import IngestError
from explorer.model import Article

__all__ = ["parse_feed"]

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|br|div|li|h[1-6])\b[^>]*>", re.I)


def _text(value: str) -> str:
    value = _BLOCK.sub("\n", value)
    value = html.unescape(_TAG.sub("", value))
    lines = [" ".join(line.split()) for line in value.splitlines()]
    return "\n".join(line for line in lines if line)


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def parse_feed(content: bytes | str, *, path: str | None = None) -> list[Article]:
    import feedparser

    feed = feedparser.parse(content)
    if not feed.entries:
        if feed.get("bozo"):
            raise IngestError(f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}")
        raise IngestError("the feed has no entries")
    source = (feed.feed.get("title") or "").strip() or None
    articles = []
    for i, entry in enumerate(feed.entries):
        body = ""
        if entry.get("content"):
            body = " ".join(part.get("value", "") for part in entry.content)
        body = _text(body or entry.get("summary", "") or "")
        title = _text(entry.get("title", "") or "")
        if not body and not title:
            continue
        body = body or title  # a headline-only entry: the headline is the text
        ident = entry.get("id") or entry.get("link") or f"{path}#{i}"
        articles.append(
            Article(
                id=hashlib.sha1(str(ident).encode()).hexdigest()[:16],
                title=title or body.split("\n", 1)[0][:120],
                text=body,
                published=_date(entry),
                source=source,
                url=entry.get("link") or None,
                path=path,
                paragraph_lines=True,  # one paragraph per line (see _text)
            )
        )
    if not articles:
        raise IngestError("the feed has no entries with a title or text")
    return articles

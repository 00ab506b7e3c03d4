"""RSS and Atom feeds, read with feedparser: one article per entry.

An entry's text is its full content when the feed carries it, else its summary, else its title;
HTML in either is reduced to text. Its date is the entry's published (or updated) date.

A feed that is not well-formed XML is read leniently (feedparser's fallback), with a notice; one
cut off before its end (a download interrupted) says that its last item is cut, and whether
only that item's title was read.
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
# how a complete feed ends: the closing tag of its root element
_CLOSED = re.compile(rb"</\s*(?:[\w.-]+:)?(?:rss|feed|rdf)\s*>\s*\Z", re.IGNORECASE)
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


def _remark(feed: Any, content: bytes | str, entries: list[tuple[Any, bool]]) -> str | None:
    """A notice for a feed that is not well-formed XML, or is cut off; ``entries`` are the
    entries read, each with whether it had a text of its own (not just a title)."""
    if not feed.get("bozo"):
        return None
    error = feed.get("bozo_exception")
    from xml.sax import SAXException

    if not isinstance(error, SAXException):
        return None  # an encoding declared one way and read another, and the like: harmless
    tail = content[-4096:]
    tail_bytes = tail.encode("utf-8", "replace") if isinstance(tail, str) else tail
    if _CLOSED.search(tail_bytes.replace(b"\x00", b"")):
        return f"not well-formed XML ({error}): read leniently, items may be incomplete"
    if not entries:
        return f"the feed is cut off before its end ({error})"
    entry, has_text = entries[-1]
    title = " ".join(str(entry.get("title") or "").split())[:80]
    if not title and not has_text:
        return (
            f"the feed is cut off before its end ({error}): its last item was cut before its "
            "title or text and is left out"
        )
    title = title or "(untitled)"
    if has_text:
        return f"the feed is cut off before its end ({error}): its last item, {title!r}, may be cut"
    return (
        f"the feed is cut off before its end ({error}): its last item, {title!r}, was cut and "
        "only its title was read"
    )


def parse_feed(
    content: bytes | str, *, path: str | None = None, notes: list[str] | None = None
) -> list[Article]:
    """One article per entry of an RSS or Atom feed; a feed that is not well-formed or is cut
    off gives a notice in ``notes`` (see above)."""
    import feedparser

    feed = feedparser.parse(content)
    if not feed.entries:
        if feed.get("bozo"):
            raise IngestError(f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}")
        raise IngestError("the feed has no entries")
    source = (feed.feed.get("title") or "").strip() or None
    articles = []
    read: list[tuple[Any, bool]] = []
    for i, entry in enumerate(feed.entries):
        body = ""
        if entry.get("content"):
            body = " ".join(part.get("value", "") for part in entry.content)
        body = _text(body or entry.get("summary", "") or "")
        title = _text(entry.get("title", "") or "")
        read.append((entry, bool(body)))
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
    remark = _remark(feed, content, read)
    if remark is not None and notes is not None:
        notes.append(remark)
    return articles

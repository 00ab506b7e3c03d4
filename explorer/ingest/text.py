"""Plain text and Markdown articles, with optional YAML front matter.

Front matter keys: ``title``, ``published`` (YYYY-MM-DD), ``published_inferred`` (bool),
``source``, ``url``, ``id``; anything else is kept in ``Article.metadata``. Without front
matter (or without a ``title``), the first non-empty line is the title.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from explorer.errors import IngestError
from explorer.model import Article

__all__ = ["parse_text_article", "read_text_article"]


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            import yaml

            try:
                meta = yaml.safe_load("".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                raise IngestError(f"malformed YAML front matter: {exc}") from exc
            if not isinstance(meta, dict):
                raise IngestError("front matter must be a mapping of keys to values")
            return meta, "".join(lines[i + 1 :])
    raise IngestError("front matter starts with '---' but never ends")


def _date(value: Any, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise IngestError(f"{field} is not a YYYY-MM-DD date: {value!r}") from exc


def parse_text_article(text: str, *, path: str | None = None) -> Article:
    """An article from the text of a .txt/.md file."""
    meta, body = _front_matter(text.lstrip("\ufeff"))
    body = body.strip("\n")
    title = str(meta.pop("title", "") or "").strip()
    if not title:
        first, _, rest = body.lstrip().partition("\n")
        title, body = first.strip().lstrip("# ").strip(), rest.strip("\n")
    if not body.strip() and not title:
        raise IngestError("empty article")
    published = _date(meta.pop("published", None), "published")
    digest = hashlib.sha1(f"{title}\n{body}".encode()).hexdigest()[:16]
    return Article(
        id=str(meta.pop("id", "") or digest),
        title=title,
        text=body,
        published=published,
        source=(str(meta.pop("source")) if meta.get("source") else None),
        url=(str(meta.pop("url")) if meta.get("url") else None),
        path=path,
        published_inferred=bool(meta.pop("published_inferred", False)),
        metadata=meta,
    )


def read_text_article(path: Path | str) -> Article:
    """Read one .txt or .md article; :class:`IngestError` says what is wrong with a bad file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise IngestError(f"{p}: cannot read: {exc.strerror or exc}") from exc
    if b"\x00" in raw[:4096]:
        raise IngestError(f"{p}: binary file, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    try:
        return parse_text_article(text, path=str(p))
    except IngestError as exc:
        raise IngestError(f"{p}: {exc}") from exc

"""Plain text and Markdown articles, with optional YAML front matter.

Front matter keys: ``title``, ``published`` (YYYY-MM-DD), ``published_inferred`` (bool),
``source``, ``url``, ``id``; anything else is kept in ``Article.metadata``. Without front
matter (or without a ``title``), the first non-empty line is the title; a file of one line is
both the title and the text. A ``published`` value that is not a date (``2015-13-01``,
``yesterday``) does not lose the article: it is kept with no publication date, the value in
``metadata["published_text"]``, and a note says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from explorer.errors import IngestError
from explorer.ingest.encoding import decode_text
from explorer.model import Article

__all__ = ["parse_text_article", "read_text_article"]


@lru_cache(maxsize=1)
def _yaml_loader() -> Any:
    """yaml's safe loader (libyaml's C parser where PyYAML has it: front matter was a tenth
    of ingest in pure Python), except that a date-like value that is no date (``2015-02-30``)
    stays the text it is instead of raising ValueError from the timestamp constructor."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[valid-type,misc]
        pass

    def timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
        except ValueError:
            return loader.construct_scalar(node)  # type: ignore[arg-type]

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return Loader


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
                meta = yaml.load("".join(lines[1:i]), Loader=_yaml_loader()) or {}
            except (yaml.YAMLError, ValueError, TypeError) as exc:
                raise IngestError(f"malformed YAML front matter: {exc}") from exc
            if not isinstance(meta, dict):
                raise IngestError("front matter must be a mapping of keys to values")
            return meta, "".join(lines[i + 1 :])
    raise IngestError("front matter starts with '---' but never ends")


def _date(value: Any) -> dt.date | None:
    """The date of a front-matter value; ValueError when it is not one."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def _note(notes: list[str] | None, message: str, path: str | None) -> None:
    if notes is not None:
        notes.append(message)
    else:
        warnings.warn(f"{path}: {message}" if path else message, stacklevel=3)


def parse_text_article(
    text: str, *, path: str | None = None, notes: list[str] | None = None
) -> Article:
    """An article from the text of a .txt/.md file.

    Problems that do not stop the read (a ``published`` value that is not a date) are appended
    to ``notes`` when it is given, else issued as Python warnings."""
    meta, body = _front_matter(text.lstrip("\ufeff"))
    body = body.strip("\n")
    title = str(meta.pop("title", "") or "").strip()
    if not title:
        first, _, rest = body.lstrip().partition("\n")
        title, body = first.strip().lstrip("# ").strip(), rest.strip("\n")
    if not body.strip() and not title:
        raise IngestError("empty article")
    if not body.strip():
        body = title  # one line (or a title and no body): the line is the text too
    raw = meta.pop("published", None)
    try:
        published = _date(raw)
    except ValueError:
        published = None
        meta["published_text"] = str(raw)
        _note(
            notes,
            f"'published' is not a YYYY-MM-DD date: {str(raw)!r} (kept as published_text; "
            "the article has no publication date)",
            path,
        )
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
    notes: list[str] = []
    try:
        article = parse_text_article(decode_text(raw, notes), path=str(p), notes=notes)
    except IngestError as exc:
        raise IngestError(f"{p}: {exc}") from exc
    for message in notes:
        warnings.warn(f"{p}: {message}", stacklevel=2)
    return article

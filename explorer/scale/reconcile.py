"""On the Dask client: making the batches the workers send back one table, as ``ingest()`` would.

Workers see one batch of files each, so what needs the whole corpus is decided here, in input
order, as the results are written:

* a copy of an article read in an earlier batch is left out, and a different article with an id
  already taken is renamed (``<id>-2``): :class:`~explorer.ingest.corpus.Admission`, the rule of
  the single-process load. A renamed article's event ids follow; one that has corrections (under
  either id) is extracted again here, under its new id, so that the right corrections apply;
* a failed article, and the corrections that no longer fit an article, are reported only for
  the articles kept; corrections for articles not among the inputs are reported at the end;
* events tables found among the inputs are joined last with
  :func:`~explorer.events.merge.merge_tables`, against the extracted events whose ids they
  share (looked up in the part files already written).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from explorer.events.corrections import Corrections
from explorer.events.given import GivenEvents
from explorer.events.merge import merge_tables
from explorer.events.pipeline import article_result, orphan_notices, stale_notices
from explorer.events.table import EventTable
from explorer.ingest.corpus import Admission, LoadReport, Notice, Skipped, content_key, read_file
from explorer.model import Article
from explorer.scale.parquet import to_arrow

__all__ = ["ArticleInfo", "Reconciler", "article_info", "merge_given"]


@dataclass(frozen=True)
class ArticleInfo:
    """What the client needs to know of one article of a batch (its rows are in order)."""

    id: str
    path: str  # as the user gave it (or the id), for messages
    opened: str  # the file it came from, as the worker opened it (to read it again)
    ordinal: int  # its place among the articles of that file
    content: bytes  # a digest of title, text, date, source and url
    rows: int
    stale: tuple[str, ...] = ()
    failed: str | None = None


def digest(article: Article) -> bytes:
    blob = json.dumps(content_key(article), default=str, ensure_ascii=False)
    return hashlib.blake2b(blob.encode("utf-8"), digest_size=16).digest()


def article_info(
    article: Article, path: str, opened: str, ordinal: int, rows: int, stale: list[str],
    failed: str | None = None,
) -> ArticleInfo:  # fmt: skip
    return ArticleInfo(article.id, path, opened, ordinal, digest(article), rows, tuple(stale),
                       failed)  # fmt: skip


def _renamed(table: pa.Table, old: str, new: str) -> pa.Table:
    """One article's rows under its new id (event ids are ``<article id>:<offset>``)."""
    prefix, fresh = old + ":", new + ":"

    def swap(values: list[str | None]) -> list[str | None]:
        return [fresh + v[len(prefix) :] if v and v.startswith(prefix) else v for v in values]

    for name in ("event_id", "origin_event_id"):
        i = table.schema.get_field_index(name)
        table = table.set_column(i, name, pa.array(swap(table.column(name).to_pylist()),
                                                   pa.string()))  # fmt: skip
    i = table.schema.get_field_index("article_id")
    return table.set_column(i, "article_id", pa.array([new] * table.num_rows, pa.string()))


class Reconciler:
    """Takes the batches in input order; gathers notices and failures as ``ingest()`` would."""

    def __init__(self, corrections: Corrections | None) -> None:
        self.corrections = corrections
        self.admission = Admission()
        self.notices: list[Notice] = []
        self.stale: list[Notice] = []
        self.failed: list[Skipped] = []
        self.articles = 0

    def _extract_again(self, info: ArticleInfo, new_id: str) -> tuple[pa.Table, list[str]]:
        report = LoadReport()
        read_file(Path(info.opened), report)
        article = replace(report.articles[info.ordinal], id=new_id, path=info.path)
        rows, stale = article_result(article, self.corrections)
        return to_arrow(EventTable.from_records(rows)), stale

    def take(self, events: pa.Table, infos: tuple[ArticleInfo, ...]) -> pa.Table:
        """The batch's events with copies left out and clashing ids renamed."""
        pieces: list[pa.Table] = []
        start, changed = 0, False
        for info in infos:
            rows = events.slice(start, info.rows)
            start += info.rows
            new_id, notice = self.admission.admit(info.id, info.path, info.content)
            if notice is not None:
                self.notices.append(notice)
            if new_id is None:
                changed = True
                continue
            self.articles += 1
            stale = list(info.stale)
            if new_id != info.id:
                changed = True
                c = self.corrections
                if c is not None and (c.for_article(info.id) or c.for_article(new_id)):
                    rows, stale = self._extract_again(info, new_id)
                else:
                    rows = _renamed(rows, info.id, new_id)
            if info.failed is not None:
                self.failed.append(Skipped(info.path, info.failed))
            self.stale.extend(stale_notices(self.corrections, new_id, info.path, stale))
            pieces.append(rows)
        if not changed:
            return events
        return pa.concat_tables(pieces) if pieces else events.slice(0, 0)

    def closing_notices(self) -> list[Notice]:
        """Stale corrections, then corrections for articles not among the inputs."""
        out = list(self.stale)
        if self.corrections is not None:
            out += orphan_notices(self.corrections, self.admission.ids)
        return out


def merge_given(
    written: Callable[[], list[Path]], given: list[tuple[str, GivenEvents]]
) -> tuple[list[pa.Table], list[Notice]]:
    """The events tables found among the inputs, their ids made unique against the extracted
    events (``written()`` closes and lists the part files so far) and each other."""
    given = [(source, g) for source, g in given if len(g.table)]
    if not given:
        return [], []
    # extracted event ids are "<article id>:<offset>[-n]": the articles a given id names hold
    # every extracted id it (or a suffixed form of it) could clash with
    ids = [i for _, g in given for i in g.table.df["event_id"] if isinstance(i, str)]
    articles = {i.rsplit(":", 1)[0] for i in ids if ":" in i}
    parts = written()
    clashing = EventTable()
    if parts and articles:
        found = ds.dataset([str(p) for p in parts], format="parquet").to_table(
            filter=pc.field("article_id").isin(pa.array(sorted(articles), pa.string()))
        )
        if found.num_rows:
            clashing = EventTable(found.to_pandas())
    merged, notices = merge_tables(
        [("extracted events", clashing), *[(s, g.table) for s, g in given]]
    )
    rest = EventTable(merged.df.iloc[len(clashing) :].reset_index(drop=True))
    return ([to_arrow(rest)] if len(rest) else []), notices

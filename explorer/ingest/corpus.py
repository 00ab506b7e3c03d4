"""Loading a corpus: files, folders (recursive) and globs, one reader per format.

Broken, empty, binary or non-UTF-8 files (web pages and feeds may declare another encoding: see
:mod:`~explorer.ingest.encoding`) are reported (path and reason) and skipped; a summary says how
many articles loaded and how many files or rows were skipped. Nothing is dropped
silently: what was kept but not quite as given (a publication date that is no date, an article
found twice, an id used by two different articles) is reported as a :class:`Notice`.

* A file named twice (``data/`` and ``data/a.txt``, or a relative and an absolute path) is read
  once.
* The same article in several files (same title, text, date, source and url) is kept once, with
  a notice naming the copies.
* Two different articles with the same id (``"id": "1"`` in two files) both stay: the later one
  gets the id with a suffix (``1-2``), and a notice says so. Article ids are unique in a load.
* Tables of events among the inputs (Explorer's own, or ready-made ones) are listed in
  ``LoadReport.event_files``, not read as articles.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from explorer.errors import IngestError
from explorer.ingest.encoding import decode_markup, decode_text
from explorer.ingest.feeds import parse_feed
from explorer.ingest.html import parse_html_article
from explorer.ingest.tables import is_events_table, parse_article_rows, read_table, table_kind
from explorer.ingest.text import parse_text_article
from explorer.ingest.walk import Walk, link_problem, walk_files, walk_glob
from explorer.messages import say
from explorer.model import Article

__all__ = [
    "SUFFIXES",
    "Admission",
    "LoadReport",
    "Notice",
    "Skipped",
    "content_key",
    "deduplicate",
    "excluded",
    "expand_paths",
    "load",
    "load_report",
    "read_file",
]

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
TABLE_SUFFIXES = {".csv", ".json", ".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | TABLE_SUFFIXES
# read when named, not looked for in folders: Explorer's own events tables
EVENTS_SUFFIXES = {".geojson", ".parquet"}
_IGNORED_NAMES = {"readme.md", "license", "license.md", "license.txt"}


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or a row of a table file) that was not loaded, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something loaded, but not quite as given (or left out on purpose), and what was done."""

    path: str
    reason: str


@dataclass
class LoadReport:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    event_files: list[Path] = field(default_factory=list)
    files: int = 0
    notices: list[Notice] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"loaded {len(self.articles)} article(s) from {self.files} file(s)"]
        if self.event_files:
            parts.append(f"{len(self.event_files)} events table(s)")
        parts.append(f"skipped {len(self.skipped)}")
        if self.notices:
            parts.append(f"{len(self.notices)} notice(s)")
        return ", ".join(parts)


def _wanted(path: str) -> bool:
    name = Path(path).name
    return Path(name).suffix.lower() in SUFFIXES and name.lower() not in _IGNORED_NAMES


def expand_paths(
    paths: Iterable[str | Path], notices: list[Notice] | None = None
) -> tuple[list[Path], list[Skipped]]:
    """Files named, found under folders (recursively, symbolic links followed) or matched by
    globs, in a stable order; a file reached twice (after resolving the path: ``a.txt`` and
    ``/abs/a.txt``) once. Folders that cannot be read, links to nothing and loops of links are
    skipped with their reason (see :mod:`~explorer.ingest.walk`); a link back to a folder
    being walked is not followed, with a notice in ``notices``."""
    files: list[Path] = []
    missing: list[Skipped] = []

    def take(walk: Walk, links: list[tuple[str, str]]) -> None:
        files.extend(sorted(walk.files))
        missing.extend(Skipped(path, reason) for path, reason in walk.skipped + links)
        if notices is not None:
            notices.extend(Notice(path, reason) for path, reason in walk.notes)

    for item in paths:
        text = str(item)
        p = Path(text)
        if p.is_dir():
            walk = walk_files(p, _wanted)
            # links to nothing that would have been read, or that may have been a folder
            take(walk, [(f, why) for f, why in walk.links if _wanted(f) or not Path(f).suffix])
        elif p.is_file():
            files.append(p)
        elif "**" in text:
            found = walk_glob(text)
            take(found, found.links)
            if not found.files and not found.skipped:
                missing.append(Skipped(text, "no file matches this pattern"))
        elif any(ch in text for ch in "*?["):
            matched = sorted(Path(m) for m in glob.glob(text))
            for m in matched:
                if m.is_file():
                    files.append(m)
                elif m.is_symlink() and (problem := link_problem(m)) is not None:
                    missing.append(Skipped(str(m), problem))
            if not matched:
                missing.append(Skipped(text, "no file matches this pattern"))
        elif p.is_symlink() and (problem := link_problem(p)) is not None:
            missing.append(Skipped(text, problem))
        else:
            missing.append(Skipped(text, "no such file or folder"))
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(_resolved(f), f)
    return list(unique.values()), missing


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # pragma: no cover - a loop of symbolic links
        return path.absolute()


def _read_table(path: Path, text: str, report: LoadReport) -> None:
    table = read_table(text, path.suffix)
    kind = table_kind(table.columns)
    if kind in ("events", "given"):
        report.event_files.append(path)  # read as a table of events (its rows reported there)
        return
    for problem in table.problems:
        report.skipped.append(Skipped(f"{path}#{problem.row}", problem.reason))
    if kind is None:
        if table.rows:
            columns = ", ".join(repr(c) for c in table.columns[:8])
            raise IngestError(
                "neither a table of articles (no 'text' column) nor of events (no "
                f"'description', 'place' or latitude/longitude column); its columns: {columns}"
            )
        if not table.problems:
            raise IngestError("no rows")
        return
    if not table.rows and not table.problems:
        raise IngestError("no rows")
    rows = parse_article_rows(table, path=str(path))
    report.skipped.extend(Skipped(f"{path}#{p.row}", p.reason) for p in rows.skipped)
    report.notices.extend(Notice(f"{path}#{p.row}", p.reason) for p in rows.notes)
    report.articles.extend(rows.articles)


def read_file(path: Path, report: LoadReport) -> None:
    """Read one file into ``report``: its articles, or its path in ``event_files`` for a table of
    events; rows skipped and notices go to the report. :class:`IngestError` for a file that cannot
    be read at all."""
    suffix = path.suffix.lower()
    if suffix in EVENTS_SUFFIXES:
        if not is_events_table(path):
            raise IngestError(
                "not an Explorer events table (no event_id, sentence, place_text and start_date)"
            )
        report.event_files.append(path)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise IngestError("empty file")
    if suffix in FEED_SUFFIXES:
        decode_markup(raw, xml=True)  # readable as declared (feedparser decodes it again)
        cut: list[str] = []
        report.articles.extend(parse_feed(raw, path=str(path), notes=cut))
        report.notices.extend(Notice(str(path), note) for note in cut)
        return
    if suffix in HTML_SUFFIXES:
        html, note = decode_markup(raw)
        if note:
            report.notices.append(Notice(str(path), note))
        report.articles.append(parse_html_article(html, path=str(path)))
        return
    notes: list[str] = []
    text = decode_text(raw, notes)
    if suffix in TEXT_SUFFIXES:
        report.articles.append(parse_text_article(text, path=str(path), notes=notes))
        report.notices.extend(Notice(str(path), note) for note in notes)
    elif suffix in TABLE_SUFFIXES:
        _read_table(path, text, report)
        report.notices.extend(Notice(str(path), note) for note in notes)
    else:
        raise IngestError(
            f"unknown file type {suffix or '(none)'}; expected one of "
            + ", ".join(sorted(SUFFIXES | EVENTS_SUFFIXES))
        )


class Admission:
    """Deciding, article by article in input order, which are kept and under which id: a second
    copy of an article (same content) is left out; a different article with an id already
    taken gets ``<id>-2`` (``-3``, ...). One notice for each. ``content`` is any hashable key
    of title, text, date, source and url (a digest of them, on a Dask client)."""

    def __init__(self) -> None:
        self._by_content: dict[Hashable, tuple[str, str]] = {}  # -> (id, path or id)
        self._by_id: dict[str, str] = {}  # id -> path or id

    @property
    def ids(self) -> set[str]:
        """The ids of the articles kept so far."""
        return set(self._by_id)

    def admit(
        self, article_id: str, where: str, content: Hashable
    ) -> tuple[str | None, Notice | None]:
        """The id the article keeps (None: a copy, left out), and the notice if any."""
        first = self._by_content.get(content)
        if first is not None:
            first_id, first_where = first
            return None, Notice(
                where, f"the same article as {first_where} (id {first_id!r}): processed once"
            )
        notice = None
        taken = self._by_id.get(article_id)
        if taken is not None:
            n = 2
            while f"{article_id}-{n}" in self._by_id:
                n += 1
            new_id = f"{article_id}-{n}"
            notice = Notice(
                where,
                f"id {article_id!r} is also the id of a different article ({taken}): "
                f"this one is {new_id!r}",
            )
            article_id = new_id
        self._by_content[content] = (article_id, where)
        self._by_id[article_id] = where
        return article_id, notice


def content_key(article: Article) -> tuple[object, ...]:
    """What makes two articles the same article."""
    return (article.title, article.text, article.published, article.source, article.url)


def deduplicate(articles: Iterable[Article]) -> tuple[list[Article], list[Notice]]:
    """Articles with unique ids (see :class:`Admission`), and the notices."""
    admission = Admission()
    out: list[Article] = []
    notices: list[Notice] = []
    for article in articles:
        new_id, notice = admission.admit(
            article.id, article.path or article.id, content_key(article)
        )
        if notice is not None:
            notices.append(notice)
        if new_id is None:
            continue
        out.append(article if new_id == article.id else replace(article, id=new_id))
    return out, notices


def excluded(files: list[Path], exclude: Iterable[str | Path]) -> tuple[list[Path], list[Notice]]:
    """``files`` less those in ``exclude`` (files or folders: this run's output), with a
    notice for each left out."""
    left_out = [_resolved(Path(p)) for p in exclude]
    if not left_out:
        return files, []
    kept, notices = [], []
    for path in files:
        if _is_within(_resolved(path), left_out):
            notices.append(Notice(str(path), "not read: it is this run's output"))
        else:
            kept.append(path)
    return kept, notices


def _is_within(path: Path, folders: list[Path]) -> bool:
    return any(path == f or f in path.parents for f in folders)


def load_report(
    paths: Iterable[str | Path] | str | Path,
    *,
    progress: Callable[[Path], None] | None = None,
    exclude: Iterable[str | Path] = (),
) -> LoadReport:
    """Load a corpus and say what was skipped and why.

    ``exclude``: files (or folders) not to read even when an input folder or glob holds them,
    such as the output of this run (``explorer ingest corpus/ --out corpus/events.csv``)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    walked: list[Notice] = []
    files, missing = expand_paths(paths, walked)
    files, notices = excluded(files, exclude)
    report = LoadReport(skipped=list(missing), notices=walked + notices)
    for path in files:
        report.files += 1
        try:
            read_file(path, report)
        except IngestError as exc:
            report.skipped.append(Skipped(str(path), str(exc)))
        if progress is not None:
            progress(path)
    report.articles, notices = deduplicate(report.articles)
    report.notices.extend(notices)
    return report


def load(paths: Iterable[str | Path] | str | Path, *, quiet: bool = False) -> list[Article]:
    """Articles from files, folders and globs (.txt/.md, .html, RSS/Atom, CSV/JSON/JSONL).

    Skipped files and notices are reported with their reasons, then a summary line (on standard
    error; in a notebook, as ordinary output: :func:`explorer.messages.say`).
    """
    report = load_report(paths)
    if not quiet:
        say(*(f"skipped {item.path}: {item.reason}" for item in report.skipped),
            *(f"note {note.path}: {note.reason}" for note in report.notices),
            report.summary())  # fmt: skip
    return report.articles

"""Loading a corpus: files, folders (recursive) and globs, one reader per format.

Broken, empty, binary or non-UTF-8 files are reported (path and reason) and skipped; a summary
says how many articles loaded and how many files or rows were skipped. Nothing is dropped
silently.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from explorer.errors import IngestError
from explorer.ingest.feeds import parse_feed
from explorer.ingest.html import parse_html_article
from explorer.ingest.tables import RowProblem, is_events_table, parse_article_rows, read_rows
from explorer.ingest.text import parse_text_article
from explorer.model import Article

__all__ = ["SUFFIXES", "LoadReport", "Skipped", "expand_paths", "load", "load_report"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
TABLE_SUFFIXES = {".csv", ".json", ".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | TABLE_SUFFIXES
_IGNORED_NAMES = {"readme.md", "license", "license.md", "license.txt"}


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or a row of a table file) that was not loaded, and why."""

    path: str
    reason: str


@dataclass
class LoadReport:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    event_files: list[Path] = field(default_factory=list)
    files: int = 0

    def summary(self) -> str:
        parts = [f"loaded {len(self.articles)} article(s) from {self.files} file(s)"]
        if self.event_files:
            parts.append(f"{len(self.event_files)} events table(s)")
        parts.append(f"skipped {len(self.skipped)}")
        return ", ".join(parts)


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Files named, found under folders (recursively) or matched by globs, in a stable order."""
    files: list[Path] = []
    missing: list[Skipped] = []
    for item in paths:
        text = str(item)
        p = Path(text)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SUFFIXES
                and f.name.lower() not in _IGNORED_NAMES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            files.extend(found)
        elif p.is_file():
            files.append(p)
        elif any(ch in text for ch in "*?["):
            matched = sorted(Path(m) for m in glob.glob(text, recursive=True))
            files.extend(m for m in matched if m.is_file())
            if not matched:
                missing.append(Skipped(text, "no file matches this pattern"))
        else:
            missing.append(Skipped(text, "no such file or folder"))
    return list(dict.fromkeys(files)), missing


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:4096]:
        raise IngestError("binary file, not text")
    try:
        return raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise IngestError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def read_file(path: Path, report: LoadReport) -> None:
    """Read one file into ``report`` (articles, skipped entries or an events table)."""
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise IngestError("empty file")
    if suffix in FEED_SUFFIXES:
        _decode(raw)
        report.articles.extend(parse_feed(raw, path=str(path)))
        return
    text = _decode(raw)
    if suffix in TEXT_SUFFIXES:
        report.articles.append(parse_text_article(text, path=str(path)))
    elif suffix in HTML_SUFFIXES:
        report.articles.append(parse_html_article(text, path=str(path)))
    elif suffix in TABLE_SUFFIXES:
        rows = read_rows(text, suffix)
        if is_events_table(rows):
            report.event_files.append(path)
            return
        if not rows:
            raise IngestError("no rows")
        for item in parse_article_rows(rows, path=str(path)):
            if isinstance(item, RowProblem):
                report.skipped.append(Skipped(f"{path}#{item.row}", item.reason))
            else:
                report.articles.append(item)
    else:
        raise IngestError(
            f"unknown file type {suffix or '(none)'}; expected one of "
            + ", ".join(sorted(SUFFIXES))
        )


def load_report(
    paths: Iterable[str | Path] | str | Path,
    *,
    progress: Callable[[Path], None] | None = None,
) -> LoadReport:
    """Load a corpus and say what was skipped and why."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files, missing = expand_paths(paths)
    report = LoadReport(skipped=list(missing))
    for path in files:
        report.files += 1
        try:
            read_file(path, report)
        except IngestError as exc:
            report.skipped.append(Skipped(str(path), str(exc)))
        if progress is not None:
            progress(path)
    return report


def load(paths: Iterable[str | Path] | str | Path, *, quiet: bool = False) -> list[Article]:
    """Articles from files, folders and globs (.txt/.md, .html, RSS/Atom, CSV/JSON/JSONL).

    Skipped files are reported on standard error with their reasons, then a summary line.
    """
    report = load_report(paths)
    if not quiet:
        for item in report.skipped:
            print(f"skipped {item.path}: {item.reason}", file=sys.stderr)
        print(report.summary(), file=sys.stderr)
    return report.articles

"""Finding the article a correction is about, by its id or its file name.

An article is named by its id (``a1324c61c1959a89``), by its file (``data/articles/x.md``, or
only ``x.md`` among the inputs), or for a row of a table by ``file#row`` (``a.csv#3``, the row
as a spreadsheet numbers it). Errors say what was looked for and where.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from explorer.errors import CorrectionError, ExplorerError
from explorer.model import Article

__all__ = ["find_article", "load_articles"]


def load_articles(paths: Iterable[str | Path]) -> list[Article]:
    """The articles of ``paths`` (files, folders, globs) as ingest reads them; a path that
    cannot be read is an error (a correction must not be checked against half a corpus)."""
    from explorer.ingest import load_report

    wanted = [str(p) for p in paths]
    try:
        report = load_report(wanted)
    except ExplorerError as exc:
        raise CorrectionError(str(exc)) from exc
    missing = [s for s in report.skipped if s.reason.startswith("no ")]
    if missing:
        raise CorrectionError(f"cannot read {missing[0].path}: {missing[0].reason}")
    return list(report.articles)


def _same_file(article: Article, ref: str) -> bool:
    if not article.path:
        return False
    path, _, row = article.path.partition("#")
    want, _, want_row = ref.partition("#")
    if want_row and want_row != row:
        return False
    if Path(path).name == want:
        return True
    try:
        return Path(path).resolve() == Path(want).resolve()
    except OSError:  # pragma: no cover - a loop of symbolic links
        return False


def _one(found: Sequence[Article], ref: str, where: str) -> Article:
    if len(found) == 1:
        return found[0]
    ids = ", ".join(repr(a.id) for a in found[:5]) + (", …" if len(found) > 5 else "")
    raise CorrectionError(
        f"{ref!r} names {len(found)} articles in {where} ({ids}): give one of their ids"
        + (" or FILE#ROW" if any("#" in (a.path or "") for a in found) else "")
    )


def find_article(ref: str, paths: Sequence[str | Path] = ()) -> Article | None:
    """The article named ``ref`` among the articles of ``paths``; without ``paths``, the
    article of the file ``ref``, or ``None`` when ``ref`` is no file (an id, taken as it is).
    :class:`CorrectionError` when nothing or several articles fit."""
    if paths:
        articles = load_articles(paths)
        where = ", ".join(map(str, paths))
        by_id = [a for a in articles if a.id == ref]
        found = by_id or [a for a in articles if _same_file(a, ref)]
        if not found:
            raise CorrectionError(
                f"no article {ref!r} in {where}: give an article id or a file name "
                "(`explorer correct articles PATH` lists them)"
            )
        return _one(found, ref, where)
    file = ref.partition("#")[0]
    if not Path(file).is_file():
        return None
    articles = [a for a in load_articles([file]) if _same_file(a, ref)]
    if not articles:
        raise CorrectionError(f"no article in {ref}")
    return _one(articles, ref, file)

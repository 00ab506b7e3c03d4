"""Editing the incident corrections of a :class:`~.store.Corrections` (its ``"incidents"``).

Merge, split, move and re-date incidents, each named by an article whose report it holds
(:mod:`.incident_entries`); they are saved with the other corrections (locked, merged with
other writers, written atomically) and applied after grouping by
:func:`explorer.incidents.corrections.apply_incident_corrections`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from explorer.errors import CorrectionError
from explorer.events.corrections.entries import resolve_place
from explorer.events.corrections.incident_entries import (
    IncidentKey,
    IncidentLoaded,
    check_incident,
)
from explorer.events.corrections.locate import short
from explorer.model import Article, Place

__all__ = ["IncidentEdits"]

ArticleRef = Article | str


def _ref(article: ArticleRef) -> tuple[str, str | None]:
    if isinstance(article, Article):
        return article.id, article.path
    return str(article), None


class IncidentEdits:
    """The incident half of :class:`~.store.Corrections` (a mixin: it saves with it)."""

    path: Path | None
    _incidents: IncidentLoaded
    _ipending: dict[IncidentKey, dict[str, Any] | None]

    def save(self, path: Path | str | None = None) -> Path:  # pragma: no cover - overridden
        raise NotImplementedError

    def incident_entries(self) -> list[dict[str, Any]]:
        """Every incident correction, as saved (merges, then moves, re-dates and splits, each
        by article)."""
        return [entry for _, (entry, _) in sorted(self._incidents.items())]

    def incident_corrections(self) -> list[tuple[dict[str, Any], Place | None]]:
        """Every incident correction with its place (a move's), for applying them."""
        return [self._incidents[k] for k in sorted(self._incidents)]

    def _put_incident(
        self, entry: dict[str, Any], place: Place | None, save: bool
    ) -> dict[str, Any]:
        try:
            key, entry, checked_place = check_incident(entry)
        except ValueError as exc:
            raise CorrectionError(f"cannot correct the incident: {exc}") from exc
        self._incidents[key] = (entry, place or checked_place)
        self._ipending[key] = entry
        if save:
            self.save()
        return entry

    def _drop_incident(self, index: int) -> dict[str, Any]:
        key = sorted(self._incidents)[index]
        entry, _ = self._incidents.pop(key)
        self._ipending[key] = None
        return entry

    @staticmethod
    def _one(kind: str, article: ArticleRef, label: str | None) -> dict[str, Any]:
        article_id, file = _ref(article)
        return {"kind": kind, "article_id": article_id, "label": label, "file": file}

    @staticmethod
    def _clean(entry: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in entry.items() if v is not None}

    def merge_incidents(
        self, *articles: ArticleRef, label: str | None = None, save: bool = True
    ) -> dict[str, Any]:
        """Say that the incidents holding these articles' reports (two or more) are one."""
        ids = [_ref(a)[0] for a in articles]
        entry = {"kind": "merge", "articles": ids, "label": label}
        return self._put_incident(self._clean(entry), None, save)

    def split_incident(
        self, article: ArticleRef, *, label: str | None = None, save: bool = True
    ) -> dict[str, Any]:
        """Say that ``article``'s report is an incident of its own (not grouped with others)."""
        return self._put_incident(self._clean(self._one("split", article, label)), None, save)

    def move_incident(
        self,
        article: ArticleRef,
        place: Place | str | tuple[float, float],
        *,
        name: str | None = None,
        label: str | None = None,
        save: bool = True,
    ) -> dict[str, Any]:
        """Say that the incident holding ``article``'s report happened at ``place``: a
        gazetteer name (geocoded offline now), a :class:`Place` or ``(latitude, longitude)``
        (named ``name``)."""
        if isinstance(place, tuple) and name is None:
            name = f"{place[0]:g}, {place[1]:g}"
        found = resolve_place(place, name)
        if found is None:
            raise CorrectionError(f"no place to move the incident to: {short(str(place))}")
        entry = {**self._one("move", article, label), "place": found.to_dict()}
        return self._put_incident(self._clean(entry), found, save)

    def redate_incident(
        self,
        article: ArticleRef,
        start_date: dt.date,
        end_date: dt.date | None = None,
        *,
        label: str | None = None,
        save: bool = True,
    ) -> dict[str, Any]:
        """Say that the incident holding ``article``'s report happened on ``start_date`` (to
        ``end_date``, default the same day)."""
        end_date = end_date or start_date
        if end_date < start_date:
            raise CorrectionError(f"end date {end_date} is before start date {start_date}")
        entry = {
            **self._one("redate", article, label),
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat(),
        }
        return self._put_incident(self._clean(entry), None, save)

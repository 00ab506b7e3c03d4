"""The :class:`Corrections` of one file: read, edit, save (locked and merged), apply."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from explorer.errors import CorrectionError
from explorer.events.corrections.entries import Key, Loaded, checked, load_all, resolve_place
from explorer.events.corrections.incident_edits import IncidentEdits
from explorer.events.corrections.incident_entries import IncidentLoaded
from explorer.events.corrections.locate import (
    Span,
    apply_date,
    apply_place,
    describe,
    locate,
)
from explorer.events.corrections.lock import locked
from explorer.files import atomic_write_text
from explorer.model import Article, Place, PlaceMention, TimeMention

__all__ = ["Corrections", "article_label"]


def article_label(article: Article) -> str:
    """``'a1324c61' (data/a.md)``: how an article is named to the user."""
    return f"{article.id!r}" + (f" ({article.path})" if article.path else "")


class Corrections(IncidentEdits):
    """A set of corrections, each keyed by its article id, kind and where it applies, and the
    corrections of incidents (:class:`.incident_edits.IncidentEdits`).

    ``Corrections(path)`` reads ``path`` when it exists and starts empty otherwise (the first
    :meth:`save` creates it); :meth:`read` insists that the file exists (the command line).
    Edits are saved at once (``save=False`` to batch them, then :meth:`save`): the file is
    locked, read again, this object's edits since its last save are applied on top, and the
    result written atomically, so that two processes editing one file lose nothing."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = None if path is None else Path(path)
        self._items: dict[Key, dict[str, Any]] = {}
        self._places: dict[Key, Place | None] = {}
        self._pending: dict[Key, dict[str, Any] | None] = {}  # edits not yet saved
        self._incidents: IncidentLoaded = {}
        self._ipending = {}
        if self.path is not None and self.path.exists():
            self._take(*load_all(self.path))

    @classmethod
    def read(cls, path: Path | str) -> Corrections:
        """The corrections in an existing file; :class:`CorrectionError` when it is missing or
        any entry is unusable."""
        p = Path(path)
        if not p.is_file():
            raise CorrectionError(f"corrections file not found: {p}")
        return cls(p)

    def _take(self, loaded: Loaded, incidents: IncidentLoaded) -> None:
        self._incidents = dict(incidents)
        self._items = {k: entry for k, (entry, _) in loaded.items()}
        self._places = {k: place for k, (_, place) in loaded.items()}

    def __len__(self) -> int:
        return len(self._items) + len(self._incidents)

    def entries(self) -> list[dict[str, Any]]:
        """Every correction, as saved, in the file's order (by article, kind, position)."""
        return [v for _, v in sorted(self._items.items())]

    def for_article(self, article_id: str) -> list[dict[str, Any]]:
        return [v for k, v in sorted(self._items.items()) if k[0] == article_id]

    def article_ids(self) -> set[str]:
        """The articles that have corrections."""
        return {k[0] for k in self._items}

    def fingerprint(self, article_id: str) -> str:
        """Changes whenever this article's corrections change (for incremental re-runs)."""
        return json.dumps(self.for_article(article_id), sort_keys=True, default=str)

    # --- editing ------------------------------------------------------------------------------
    def _put(self, entry: dict[str, Any], place: Place | None, save: bool) -> dict[str, Any]:
        try:
            key, entry, _ = checked(
                {k: v for k, v in entry.items() if v is not None or k == "place"}
            )
        except ValueError as exc:
            raise CorrectionError(f"cannot correct {describe(entry)}: {exc}") from exc
        self._items[key] = entry
        self._places[key] = place
        self._pending[key] = entry
        if save:
            self.save()
        return entry

    def drop(self, number: int, *, save: bool = True) -> dict[str, Any]:
        """Delete the ``number``-th correction (from 1) of :meth:`entries` then
        :meth:`incident_entries`; it is returned."""
        keys = sorted(self._items)
        if not 1 <= number <= len(self):
            raise CorrectionError(
                f"there is no correction {number}: "
                + (f"they are numbered 1 to {len(self)}" if len(self) else "there are none")
            )
        if number > len(keys):
            entry = self._drop_incident(number - len(keys) - 1)
            if save:
                self.save()
            return entry
        key = keys[number - 1]
        entry = self._items.pop(key)
        self._places.pop(key, None)
        self._pending[key] = None
        if save:
            self.save()
        return entry

    def set_place(
        self,
        article_id: str,
        start: int,
        place: Place | str | None,
        *,
        text: str | None = None,
        save: bool = True,
    ) -> None:
        """Set the place of the mention of ``text`` at offset ``start`` (added when the
        geoparser found none there); ``None``: not a place. A string is geocoded offline."""
        found = self._resolve(place, text)
        entry = {"article_id": article_id, "kind": "place", "start": int(start), "text": text}
        self._put({**entry, "place": None if found is None else found.to_dict()}, found, save)

    def set_date(
        self,
        article_id: str,
        start: int,
        start_date: dt.date,
        end_date: dt.date | None = None,
        *,
        value: str | None = None,
        text: str | None = None,
        save: bool = True,
    ) -> None:
        """Override the date of the temporal expression starting at ``start``."""
        self.redate(
            article_id, start_date, end_date, start=start, text=text, value=value, save=save
        )

    def add_place(
        self,
        article: Article | str,
        text: str,
        place: Place | str | tuple[float, float],
        *,
        sentence: str | None = None,
        occurrence: int | None = None,
        start: int | None = None,
        name: str | None = None,
        save: bool = True,
    ) -> dict[str, Any]:
        """Say that ``text`` in ``article`` is ``place``: a missed place is added, a wrong one
        fixed. ``place``: a place name, geocoded offline now (``"Karachi, Pakistan"``), a
        :class:`Place`, or ``(latitude, longitude)`` (named ``name``, else ``text``).
        Without ``sentence`` (a piece of the article that holds ``text``), ``occurrence``
        (1: the first) or ``start`` (an offset), every occurrence of ``text`` is meant.
        ``article``: an :class:`Article` (checked now) or its id. The entry is returned."""
        found = self._resolve(place, name or text)
        where = self._where(article, text, sentence, occurrence, start, "place")
        entry = {**where, "place": None if found is None else found.to_dict()}
        return self._put(entry, found, save)

    def remove_place(
        self,
        article: Article | str,
        text: str,
        *,
        sentence: str | None = None,
        occurrence: int | None = None,
        start: int | None = None,
        save: bool = True,
    ) -> dict[str, Any]:
        """Say that ``text`` in ``article`` is not a place: its mentions (and their events)
        are dropped. Located as in :meth:`add_place`."""
        where = self._where(article, text, sentence, occurrence, start, "place")
        return self._put({**where, "place": None}, None, save)

    def redate(
        self,
        article: Article | str,
        start_date: dt.date,
        end_date: dt.date | None = None,
        *,
        text: str | None = None,
        sentence: str | None = None,
        occurrence: int | None = None,
        start: int | None = None,
        value: str | None = None,
        save: bool = True,
    ) -> dict[str, Any]:
        """Date the events of a sentence (``sentence``: a piece of the article in it), or set
        the date of the expression ``text`` ("on Tuesday"), from ``start_date`` to
        ``end_date`` (default: the same day). The entry is returned."""
        end_date = end_date or start_date
        if end_date < start_date:
            raise CorrectionError(f"end date {end_date} is before start date {start_date}")
        where = self._where(article, text, sentence, occurrence, start, "date")
        dates = {
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat(),
            "value": value or start_date.isoformat(),
        }
        return self._put({**where, **dates}, None, save)

    _resolve = staticmethod(resolve_place)

    @staticmethod
    def _where(
        article: Article | str,
        text: str | None,
        sentence: str | None,
        occurrence: int | None,
        start: int | None,
        kind: str,
    ) -> dict[str, Any]:
        article_id = article.id if isinstance(article, Article) else str(article)
        entry: dict[str, Any] = {
            "article_id": article_id,
            "kind": kind,
            "text": text,
            "sentence": sentence,
            "occurrence": occurrence,
            "start": start,
        }
        if isinstance(article, Article):
            if article.path:
                entry["file"] = article.path
            name = f"article {article_label(article)}"
            spans = locate(entry, article.text, name)
            if isinstance(spans, str):
                raise CorrectionError(
                    spans
                    if name in spans
                    else f"cannot correct {describe(entry)} in {name}: {spans}"
                )
        return entry

    def save(self, path: Path | str | None = None) -> Path:
        """Write the corrections: to their own file, merged with what other processes saved
        there meanwhile (this object's edits win); to another ``path``, as they are."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise CorrectionError("no corrections file given")
        own = self.path is not None and target.resolve() == self.path.resolve()
        with locked(target):
            merged: Loaded = {k: (v, self._places.get(k)) for k, v in self._items.items()}
            incidents = dict(self._incidents)
            if own and target.exists():
                try:
                    merged, incidents = load_all(target)
                except CorrectionError as exc:
                    raise CorrectionError(f"{exc}; your edits were not saved") from exc
                for key, entry in self._pending.items():
                    if entry is None:
                        merged.pop(key, None)
                    else:
                        merged[key] = (entry, self._places.get(key))
                for ikey, ientry in self._ipending.items():
                    if ientry is None:
                        incidents.pop(ikey, None)
                    else:
                        incidents[ikey] = self._incidents[ikey]
            data: dict[str, Any] = {
                "version": 1,
                "corrections": [entry for _, (entry, _) in sorted(merged.items())],
            }
            if incidents:  # only when there are some: older files stay as they were
                data["incidents"] = [entry for _, (entry, _) in sorted(incidents.items())]
            try:
                text = json.dumps(data, ensure_ascii=False, indent=1)
                atomic_write_text(target, text)
            except (OSError, RecursionError) as exc:
                raise CorrectionError(f"cannot write corrections file {target}: {exc}") from exc
        if own:
            self._take(merged, incidents)
            self._pending.clear()
            self._ipending.clear()
        return target

    # --- applying -----------------------------------------------------------------------------
    def _located(self, article: Article | str) -> list[tuple[Key, dict[str, Any], list[Span]]]:
        """This article's corrections with where they apply; those that cannot be located
        (no article text, or it changed) are left out (:meth:`unmatched` reports them)."""
        article_id = article.id if isinstance(article, Article) else article
        out = []
        for key, item in sorted(self._items.items()):
            if key[0] != article_id:
                continue
            if isinstance(article, Article):
                spans = locate(item, article.text)
                if isinstance(spans, str):
                    continue
            elif key[2] >= 0:  # an offset alone, without the article's text
                spans = [(key[2], key[2])]
            else:
                continue
            out.append((key, item, spans))
        return out

    def apply_places(
        self, article: Article | str, mentions: Sequence[PlaceMention]
    ) -> list[PlaceMention]:
        """``mentions`` with the article's place corrections applied. Given the
        :class:`Article` (not only its id), a correction also adds a place the geoparser
        missed, and may name its text and sentence instead of an offset."""
        out = list(mentions)
        text = article.text if isinstance(article, Article) else ""
        for key, item, spans in self._located(article):
            if key[1] != "place":
                continue
            if not isinstance(article, Article):  # the old way: a mention at the offset
                hits = [m for m in out if m.start == key[2]]
                if not hits or item.get("text") not in (None, hits[0].text):
                    continue
            out, _ = apply_place(out, spans, self._places.get(key), text)
        return out

    def apply_dates(
        self, article: Article | str, times: Sequence[TimeMention]
    ) -> list[TimeMention]:
        """``times`` with the article's date corrections applied (see :meth:`apply_places`)."""
        out = list(times)
        text = article.text if isinstance(article, Article) else ""
        sentences: list[Span] = []
        if isinstance(article, Article):
            from explorer.events.sentences import split_sentences

            sentences = split_sentences(text)
        for key, item, spans in self._located(article):
            if key[1] != "date":
                continue
            if not isinstance(article, Article):
                hits = [t for t in out if t.start == key[2]]
                if not hits or item.get("text") not in (None, hits[0].text):
                    continue
            out, _ = apply_date(out, spans, item, text, sentences)
        return out

    def unmatched(
        self,
        article: Article,
        places: Sequence[PlaceMention],
        dates: Sequence[TimeMention],
    ) -> list[str]:
        """What is wrong with each of ``article``'s corrections that does not fit it (with the
        mentions found before corrections are applied): they are not applied, and should be
        reported. A correction fits when its text is found where it says; a removal, or an
        offset given without its text, also needs a mention there."""
        out = []
        for key, item in sorted(self._items.items()):
            if key[0] != article.id:
                continue
            kind = key[1]
            spans = locate(item, article.text)
            why = spans if isinstance(spans, str) else None
            if why is None and kind == "place":
                assert not isinstance(spans, str)
                _, touched = apply_place(list(places), spans, None, article.text)
                offset_alone = key[3] == "" and item.get("text") is None
                if not touched and (self._places.get(key) is None or offset_alone):
                    why = f"no {kind} is found there"
            elif (
                why is None
                and key[3] == ""
                and item.get("text") is None
                and not any(t.start == key[2] for t in dates)
            ):
                why = f"no {kind} is found there"
            if why is not None:
                out.append(
                    f"the {kind} correction of {describe(item)} no longer matches the article "
                    f"({why}); not applied"
                )
        return out

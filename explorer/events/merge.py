"""Joining events tables into one whose event ids are unique.

Parts come in order (the events extracted from the articles, then each events table found among
the inputs). An event whose id was already taken is:

* left out when it is the same event (every column equal): the same table given twice, or a
  copy of it in another folder;
* kept under a new id (``<id>-2``, ``-3``, ...) otherwise; references to it from the same part
  (``origin_event_id``) follow the new id.

One notice per part says how many events were left out or renamed, with an example.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from explorer.events.table import EventTable
from explorer.ingest.corpus import Notice

__all__ = ["merge_tables"]


def _fresh(event_id: str, taken: set[str]) -> str:
    n = 2
    while f"{event_id}-{n}" in taken:
        n += 1
    return f"{event_id}-{n}"


def merge_tables(parts: Sequence[tuple[str, EventTable]]) -> tuple[EventTable, list[Notice]]:
    """One table of ``(source, table)`` parts, event ids made unique; notices of what changed."""
    frames: list[pd.DataFrame] = []
    notices: list[Notice] = []
    first: dict[str, tuple[int, int]] = {}  # event id -> (part, row) where it was first seen
    for source, table in parts:
        df = table.df
        if not len(df):
            continue
        part = len(frames)
        ids = df["event_id"]
        if not (ids.isin(list(first)) | ids.duplicated()).any():
            first.update((eid, (part, i)) for i, eid in enumerate(ids))
            frames.append(df)
            continue
        new_ids = ids.tolist()
        keep = [True] * len(df)
        dropped: list[str] = []
        renamed: dict[str, str] = {}  # ids taken by an earlier part, as this part renames them
        for i, eid in enumerate(ids):
            where = first.get(eid)
            if where is None:
                first[eid] = (part, i)
                continue
            other = frames[where[0]].iloc[where[1]] if where[0] < part else df.iloc[where[1]]
            if other.equals(df.iloc[i]):
                keep[i] = False
                dropped.append(eid)
                continue
            new = _fresh(eid, set(first) | set(new_ids))
            new_ids[i] = new
            first[new] = (part, i)
            if where[0] < part:
                renamed.setdefault(eid, new)
        df = df.copy()
        df["event_id"] = new_ids
        if renamed:
            origins = df["origin_event_id"].astype(object)
            df["origin_event_id"] = [renamed.get(v, v) if isinstance(v, str) else v
                                     for v in origins]  # fmt: skip
        changed = [(old, new) for old, new, k in zip(ids, new_ids, keep, strict=True)
                   if k and old != new]  # fmt: skip
        if dropped:
            notices.append(
                Notice(
                    source,
                    f"{len(dropped)} event(s) identical to events already read (same id and "
                    f"content, e.g. {dropped[0]!r}): left out",
                )
            )
        if changed:
            old, new = changed[0]
            notices.append(
                Notice(
                    source,
                    f"{len(changed)} event id(s) already used by other events: renamed with a "
                    f"suffix (e.g. {old!r} is now {new!r})",
                )
            )
        if not all(keep):
            positions = [i for i, k in enumerate(keep) if k]
            moved = {old: new for new, old in enumerate(positions)}
            for eid, (f, i) in list(first.items()):
                if f == part:
                    first[eid] = (part, moved[i])
            df = df[keep].reset_index(drop=True)
        frames.append(df)
    if not frames:
        return EventTable(), notices
    return EventTable(pd.concat(frames, ignore_index=True)), notices

"""The ingest cache: an article's events by fingerprint, in SQLite, shared by concurrent runs.

* WAL mode: readers never wait for a writer, and a writer waits for another (up to
  :data:`BUSY_TIMEOUT` seconds) instead of failing at once.
* Writes are committed in batches (every :data:`BATCH` articles or :data:`BATCH_SECONDS`
  seconds), each in a short ``BEGIN IMMEDIATE`` transaction: two runs at once both go on, and
  a run interrupted (Ctrl-C, kill -9) keeps what it committed.
* Every ``sqlite3.Error`` becomes a one-line :class:`~explorer.errors.ExplorerError`.
* Bounded: each entry remembers when a run last used it; when a run closes the cache, the
  entries beyond :data:`MAX_ENTRIES`, least recently used first, and those unused for
  :data:`MAX_AGE_DAYS` days are dropped (articles edited, renamed or no longer ingested).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from explorer.errors import ExplorerError

__all__ = ["BATCH", "BATCH_SECONDS", "BUSY_TIMEOUT", "MAX_AGE_DAYS", "MAX_ENTRIES", "IngestCache"]

BUSY_TIMEOUT = 60.0  # seconds to wait for another run's write to finish
BATCH = 50  # articles per commit
BATCH_SECONDS = 2.0  # ... or at most this long between commits
_CHUNK = 500  # fingerprints per SELECT (SQLite allows 999 parameters in old builds)
MAX_ENTRIES = 200_000  # articles kept (about 1-2 GB of events at the most)
MAX_AGE_DAYS = 180  # an entry no run has used for this long is dropped

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS articles (fingerprint TEXT PRIMARY KEY, events TEXT, used REAL)"
)

Entry = tuple[list[dict[str, Any]], list[str]]  # event rows, stale corrections


class IngestCache:
    """Events of processed articles, keyed by :func:`explorer.events.pipeline._fingerprint`."""

    def __init__(
        self,
        path: Path,
        *,
        batch: int = BATCH,
        seconds: float = BATCH_SECONDS,
        max_entries: int = MAX_ENTRIES,
        max_age_days: float = MAX_AGE_DAYS,
    ) -> None:
        self.path = path
        self.batch, self.seconds = batch, seconds
        self.max_entries, self.max_age_days = max_entries, max_age_days
        self._pending: list[tuple[str, str, float]] = []
        self._used: list[str] = []
        self._last = time.monotonic()
        self.con: sqlite3.Connection | None = None
        with self._errors("open"):
            path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: no implicit transactions, each write batch is explicit
            con = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
            try:
                con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
                con.execute("PRAGMA journal_mode = WAL")
                con.execute("PRAGMA synchronous = NORMAL")  # WAL: still safe after a crash
                con.execute(_SCHEMA)
                columns = {row[1] for row in con.execute("PRAGMA table_info(articles)")}
                if "used" not in columns:  # a cache written before entries were dated
                    try:
                        con.execute("ALTER TABLE articles ADD COLUMN used REAL")
                    except sqlite3.OperationalError as exc:  # another run added it first
                        if "duplicate column" not in str(exc):
                            raise
            except BaseException:
                con.close()
                raise
            self.con = con

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            if "locked" in reason or "busy" in reason:
                reason += f" (another run held it for more than {BUSY_TIMEOUT:.0f} s)"
            raise ExplorerError(
                f"cannot {doing} the ingest cache {self.path}: {reason} (delete the file or "
                "run with --no-cache)"
            ) from exc
        except OSError as exc:
            raise ExplorerError(
                f"cannot {doing} the ingest cache {self.path}: {exc.strerror or exc}"
            ) from exc

    def get_many(self, fingerprints: Iterable[str]) -> dict[str, Entry]:
        """The cached entries among ``fingerprints`` (the others are not in the answer)."""
        assert self.con is not None
        wanted = list(dict.fromkeys(fingerprints))
        found: dict[str, Entry] = {}
        with self._errors("read"):
            for i in range(0, len(wanted), _CHUNK):
                part = wanted[i : i + _CHUNK]
                marks = ",".join("?" * len(part))
                for fp, text in self.con.execute(
                    f"SELECT fingerprint, events FROM articles WHERE fingerprint IN ({marks})",
                    part,
                ):
                    found[fp] = _entry(text)
        self._used.extend(found)
        return found

    def get(self, fingerprint: str) -> Entry | None:
        return self.get_many([fingerprint]).get(fingerprint)

    def put(self, fingerprint: str, events: list[dict[str, Any]], stale: list[str]) -> None:
        """Queue an entry; committed with the next batch."""
        entry = json.dumps({"events": events, "stale": stale})
        self._pending.append((fingerprint, entry, time.time()))
        if len(self._pending) >= self.batch or time.monotonic() - self._last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        """Commit the queued entries (one short write transaction)."""
        self._last = time.monotonic()
        if not (self._pending or self._used) or self.con is None:
            return
        con, now = self.con, time.time()
        with self._errors("write"):
            con.execute("BEGIN IMMEDIATE")  # take the write lock now (waits for another run)
            try:
                con.executemany(
                    "INSERT OR REPLACE INTO articles (fingerprint, events, used) VALUES (?, ?, ?)",
                    self._pending,
                )
                con.executemany(
                    "UPDATE articles SET used = ? WHERE fingerprint = ?",
                    [(now, fp) for fp in self._used],
                )
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
        self._pending.clear()
        self._used.clear()

    def prune(self) -> int:
        """Drop the entries beyond ``max_entries`` (least recently used first) and those unused
        for ``max_age_days``; the number dropped."""
        if self.con is None:
            return 0
        con = self.con
        oldest = time.time() - self.max_age_days * 86_400
        with self._errors("prune"):
            con.execute("BEGIN IMMEDIATE")
            try:
                dropped = con.execute(
                    "DELETE FROM articles WHERE coalesce(used, 0) < ?", (oldest,)
                ).rowcount
                dropped += con.execute(
                    "DELETE FROM articles WHERE fingerprint IN (SELECT fingerprint FROM articles"
                    " ORDER BY coalesce(used, 0) DESC LIMIT -1 OFFSET ?)",
                    (self.max_entries,),
                ).rowcount
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
        return int(dropped)

    def __len__(self) -> int:
        assert self.con is not None
        with self._errors("read"):
            return int(self.con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def close(self) -> None:
        """Commit what is queued and close. Safe to call twice."""
        if self.con is None:
            return
        try:
            self.flush()
            self.prune()
        finally:
            if self.con is not None:
                self.con.close()
            self.con = None


def _entry(text: str) -> Entry:
    value = json.loads(text)
    if isinstance(value, list):  # written before stale corrections were kept
        return list(value), []
    return list(value["events"]), list(value.get("stale", []))

"""The ingest cache is bounded: least recently used entries beyond the limit, and entries no run
has used for a long time, are dropped when a run closes the cache; older caches are upgraded."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from explorer.events.cache import IngestCache


def fill(path: Path, n: int, **limits: float) -> None:
    cache = IngestCache(path, **limits)  # type: ignore[arg-type]
    for i in range(n):
        cache.put(f"fp{i}", [{"event_id": f"e{i}"}], [])
    cache.close()


def test_the_least_recently_used_entries_go_beyond_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    fill(path, 5)
    con = sqlite3.connect(path)  # used in order fp0 (longest ago) ... fp4, all this year
    con.executemany("UPDATE articles SET used = ? WHERE fingerprint = ?",
                    [(time.time() - 100 + i, f"fp{i}") for i in range(5)])  # fmt: skip
    con.commit()
    con.close()
    cache = IngestCache(path, max_entries=3)
    assert set(cache.get_many(["fp0"])) == {"fp0"}  # fp0 used by this run
    cache.put("fp9", [], [])
    cache.close()
    kept = IngestCache(path)
    assert len(kept) == 3
    # fp0 was used by the last run and fp9 written by it; fp4 the most recent before
    assert set(kept.get_many([f"fp{i}" for i in range(10)])) == {"fp0", "fp4", "fp9"}
    kept.close()


def test_entries_unused_for_long_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    fill(path, 3)
    con = sqlite3.connect(path)
    con.execute("UPDATE articles SET used = 0 WHERE fingerprint = 'fp1'")  # the 1970s
    con.commit()
    con.close()
    cache = IngestCache(path)
    cache.close()
    again = IngestCache(path)
    assert set(again.get_many(["fp0", "fp1", "fp2"])) == {"fp0", "fp2"}
    again.close()


def test_a_cache_from_before_dated_entries_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE articles (fingerprint TEXT PRIMARY KEY, events TEXT)")
    con.execute("INSERT INTO articles VALUES ('old', '[]')")
    con.commit()
    con.close()
    cache = IngestCache(path)
    assert cache.get("old") == ([], [])  # read, and now dated: kept
    cache.close()
    assert IngestCache(path).get("old") == ([], [])

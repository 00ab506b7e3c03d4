"""A persistent SQLite cache of online geocoding answers, so one query never goes out twice."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from explorer.errors import GeocoderError

__all__ = ["GeocodeCache"]

_MISSING = object()


class GeocodeCache:
    """Answers keyed by (back end, normalised query); ``None`` (not found) is cached too."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = sqlite3.connect(self.path, check_same_thread=False)
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS answers (backend TEXT, query TEXT, answer TEXT,"
                " stored REAL, PRIMARY KEY (backend, query))"
            )
            self._con.commit()
        except (OSError, sqlite3.Error) as exc:
            raise GeocoderError(f"cannot open the geocoding cache {self.path}: {exc}") from exc
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _key(query: str) -> str:
        return " ".join(query.casefold().split())

    def get(self, backend: str, query: str) -> Any:
        """The cached answer, or the module's ``MISSING`` sentinel (see :meth:`has`)."""
        with self._lock:
            row = self._con.execute(
                "SELECT answer FROM answers WHERE backend = ? AND query = ?",
                (backend, self._key(query)),
            ).fetchone()
        if row is None:
            self.misses += 1
            return _MISSING
        self.hits += 1
        return json.loads(row[0])

    @staticmethod
    def is_missing(value: Any) -> bool:
        return value is _MISSING

    def put(self, backend: str, query: str, answer: Any) -> None:
        with self._lock:
            self._con.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                (backend, self._key(query), json.dumps(answer), time.time()),
            )
            self._con.commit()

    def __len__(self) -> int:
        with self._lock:
            return int(self._con.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        self._con.close()

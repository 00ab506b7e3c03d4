"""File helpers at the bottom of the package (no Explorer imports).

:func:`atomic_write` replaces a file so that a crash mid-write leaves the previous file whole: the
new content goes to a temporary file in the same folder, is flushed to disk, and is renamed over
the old one. The new file gets the permissions a plain ``open(path, "w")`` would give it
(``0o666`` less the process's umask), or keeps those of the file it replaces.

The temporary is named ``.<name>.<pid>-<host>-<random>.tmp`` (``host``: a short digest of the
machine's name). A run killed mid-write leaves it behind; the first atomic write of a later
process into the same folder removes such leftovers (:func:`remove_stale_temporaries`): those of
this machine whose process is gone and that are over an hour old, and any over a day old that
belong to another machine or have the older name ``.<name>.<random>.tmp`` next to their target.
A temporary of a writer still running is never removed.
:func:`cache_dir` is where every once-per-machine cache lives.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_text", "cache_dir", "remove_stale_temporaries"]

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-(?P<host>[0-9a-f]{6})-[0-9a-f]{8}\.tmp$")
_OLD_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}\.tmp$")  # before the pid was in it
DEAD_AFTER = 3600.0  # seconds: a temporary of this machine whose process is gone
FOREIGN_AFTER = 86400.0  # of another machine (a shared folder), or without a pid
_swept: set[str] = set()  # folders already cleaned by this process


def _host() -> str:
    """A short digest of this machine's name (no socket import: a fresh process's start)."""
    uname = getattr(os, "uname", None)
    name = uname().nodename if uname is not None else os.environ.get("COMPUTERNAME", "")
    return f"{zlib.crc32(name.encode()) & 0xFFFFFF:06x}"


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (True when it cannot be told)."""
    if os.name == "nt":  # os.kill(pid, 0) would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def remove_stale_temporaries(folder: Path | str, *, now: float | None = None) -> list[Path]:
    """Remove the temporaries that killed writers left in ``folder`` (see above); the paths
    removed. Best effort: a file that cannot be looked at or removed is left."""
    folder = Path(folder)
    now = time.time() if now is None else now
    host = _host()
    removed: list[Path] = []
    try:
        with os.scandir(folder) as it:
            entries = [e for e in it if e.name.startswith(".") and e.name.endswith(".tmp")]
    except OSError:
        return removed
    names = None
    for entry in entries:
        new = _TEMPORARY.match(entry.name)
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if not entry.is_file(follow_symlinks=False):
                continue
        except OSError:
            continue
        if new is not None:
            if new["host"] == host:
                stale = age > DEAD_AFTER and not _alive(int(new["pid"]))
            else:
                stale = age > FOREIGN_AFTER
        else:
            old = _OLD_TEMPORARY.match(entry.name)
            if old is None or age <= FOREIGN_AFTER:
                continue
            if names is None:
                with contextlib.suppress(OSError):
                    names = set(os.listdir(folder))
            stale = old["name"] in (names or ())  # next to its target: one of ours
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _temporary(path: Path) -> tuple[int, Path]:
    """A new, empty file next to ``path``, created as ``open()`` would (umask applied)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    tag = f"{os.getpid()}-{_host()}"
    while True:
        tmp = path.with_name(f".{path.name}.{tag}-{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:  # pragma: no cover - a 32-bit name clash
            continue


def _keep_mode(path: Path, tmp: Path) -> None:
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return  # a new file: the umask already applied when it was created
    os.chmod(tmp, mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path | str, write: Callable[[Path], None]) -> None:
    """Replace ``path`` atomically with what ``write(tmp)`` writes to the temporary path ``tmp``
    (``write`` may open ``tmp`` itself: pandas, pyarrow). The parent folder is created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = str(path.parent.absolute())
    if folder not in _swept:
        _swept.add(folder)
        remove_stale_temporaries(path.parent)
    fd, tmp = _temporary(path)
    os.close(fd)
    try:
        write(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _keep_mode(path, tmp)
        os.replace(tmp, path)
        _sync_folder(path.parent)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def atomic_write_text(path: Path | str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; see :func:`atomic_write`."""

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    atomic_write(path, write)


def cache_dir() -> Path:
    """Where Explorer keeps what it compiles or downloads once per machine: the gazetteer index,
    caches of ingest, geocoding and chart bundles. ``EXPLORER_CACHE_DIR``, else the user's cache
    directory (``~/.cache/explorer`` on Linux)."""
    env = os.environ.get("EXPLORER_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform.startswith("linux"):
        # what platformdirs answers on Linux, without importing it (a fresh process's start)
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(xdg or os.path.expanduser("~/.cache")) / "explorer"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("explorer"))

"""File helpers at the bottom of the package (no Explorer imports).

:func:`atomic_write` replaces a file so that a crash mid-write leaves the previous file whole: the
new content goes to a temporary file in the same folder, is flushed to disk, and is renamed over
the old one. The new file gets the permissions a plain ``open(path, "w")`` would give it
(``0o666`` less the process's umask), or keeps those of the file it replaces.
:func:`cache_dir` is where every once-per-machine cache lives.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_text", "cache_dir"]


def _temporary(path: Path) -> tuple[int, Path]:
    """A new, empty file next to ``path``, created as ``open()`` would (umask applied)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
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

"""An exclusive lock on a corrections file, held while it is read, merged and written.

The file itself cannot carry the lock: every save replaces it (a new file renamed over the old
one), so two writers would lock two different files. On Linux and macOS the lock is taken with
``fcntl.flock`` on the file's folder, which the rename does not replace, so no lock file is left
behind (saves of corrections files in one folder take turns; they take milliseconds). On Windows
it is ``msvcrt.locking`` on a hidden sidecar file, ``.corrections.json.lock``. A writer waits up
to ``timeout`` seconds for another to finish, then gives up with a one-line
:class:`~explorer.errors.CorrectionError`: edits are never written unlocked.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from explorer.errors import CorrectionError

__all__ = ["locked"]

TIMEOUT = 30.0


def _open(path: Path) -> int:
    if sys.platform == "win32":  # pragma: no cover - tested on Linux
        lock = path.with_name(f".{path.name}.lock")
        return os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    return os.open(path.parent, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - tested on Linux
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def locked(path: Path, timeout: float = TIMEOUT) -> Iterator[None]:
    """Hold the lock of ``path`` (a corrections file) for the ``with`` block."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = _open(path)
    except OSError as exc:
        raise CorrectionError(
            f"cannot write corrections file {path}: cannot lock it ({exc.strerror or exc})"
        ) from exc
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise CorrectionError(
                    f"corrections file {path} has been locked by another process for more "
                    f"than {timeout:g} s; your edits were not saved: try again"
                )
            time.sleep(0.005)
        yield
    finally:
        os.close(fd)  # closing it releases the lock

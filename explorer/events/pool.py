"""Worker processes for ``ingest(jobs=N)`` that never outlive the process that started them.

A ``ProcessPoolExecutor``'s workers wait on a pipe whose write end they hold themselves, so
when the parent is killed (``kill -9``, the OOM killer) they would wait for ever. Each worker
therefore asks the kernel to kill it when its parent dies (Linux: ``prctl(PR_SET_PDEATHSIG)``)
or, elsewhere, watches its parent id from a daemon thread.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

__all__ = ["worker_pool"]

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_POLL_SECONDS = 1.0


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` processes that exit when this process dies."""
    # The start method is chosen, not left to the platform's default (which Python 3.14
    # changes to forkserver on Linux). On Linux "fork": a worker starts at once with the modules
    # the parent has imported and sees the same functions (tests replace some); 400 short
    # articles on 2 workers took 0.5-0.9 s so, 2.1-2.7 s with "spawn" (each worker imports
    # explorer, pandas and the taggers again). The workers only run the extraction, so no lock
    # held by another thread of the parent at the fork matters to them. Not "forkserver": the
    # workers' parent would be the server, not this process, and would not die with it.
    # Elsewhere "spawn", the only method macOS and Windows support safely.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


def _die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker when ``parent`` is gone."""
    if not (sys.platform.startswith("linux") and _death_signal()):
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()
    if os.getppid() != parent:  # the parent died before the death signal was set
        os._exit(1)


def _death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent exits. A worker holds nothing that
    needs cleaning up (the parent writes the cache), so the hardest signal is the surest."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_POLL_SECONDS)
    os._exit(1)

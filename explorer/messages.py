"""Messages and progress for people, wherever Explorer runs (bottom layer, no Explorer imports).

In a Jupyter kernel a note goes to standard output (standard error is drawn as a pink error
box there, and "loaded 1 article(s)" is no error) and long work draws a notebook progress bar;
elsewhere notes go to standard error, where they do not mix with a command's output.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

__all__ = ["Progress", "in_a_kernel", "progress_bar", "say"]

Progress = Callable[[int, int], None]


def in_a_kernel() -> bool:
    """Whether this process is a Jupyter kernel."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


def say(*lines: str) -> None:
    """Tell the person running Explorer something that is not an error."""
    stream = sys.stdout if in_a_kernel() else sys.stderr
    for line in lines:
        print(line, file=stream, flush=True)


class _Bar:
    """``progress(done, total)`` drawn by tqdm (a widget in a notebook, text in a terminal)."""

    def __init__(self, desc: str, unit: str) -> None:
        from tqdm.auto import tqdm

        self._bar: Any = tqdm(total=0, desc=desc, unit=unit, leave=True)

    def __call__(self, done: int, total: int) -> None:
        if self._bar.total != total:
            self._bar.total = total
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        self._bar.close()


def progress_bar(
    progress: Progress | bool | None, *, desc: str, unit: str
) -> tuple[Progress | None, Callable[[], None]]:
    """What to call as work advances, and what to call when it ends, for a function's
    ``progress`` argument: a callable is used as it is; ``True`` draws a bar; ``False`` nothing;
    ``None`` (the default) draws a bar only in a Jupyter kernel."""
    if callable(progress):
        return progress, lambda: None
    if progress is False or (progress is None and not in_a_kernel()):
        return None, lambda: None
    bar = _Bar(desc, unit)
    return bar, bar.close

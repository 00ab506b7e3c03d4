"""The first cell of every notebook: ``from explorer.notebook import setup, show``.

:func:`setup` finds the bundled ``data/`` folder (the notebooks run from ``notebooks/``, a script
may run from the repository), chooses the folder exports go to (``EXPLORER_OUT``, else ``out/``
beside ``data/``), and switches altair to its offline renderer (Explorer's maps are offline
already). :func:`show` displays a table with missing values blank instead of ``NaN``/``None``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.errors import ConfigurationError

__all__ = ["Folders", "setup", "show"]


@dataclass(frozen=True, slots=True)
class Folders:
    """Where a notebook reads its data and writes its exports."""

    data: Path
    out: Path

    def __iter__(self) -> Iterator[Path]:  # DATA, OUT = setup()
        return iter((self.data, self.out))


def _find_data(start: Path) -> Path:
    for folder in (start / "data", start.parent / "data"):
        if (folder / "articles").is_dir():
            return folder
    raise ConfigurationError(
        f"no data/ folder with articles/ in {start} or its parent: "
        "run the notebook from the repository or its notebooks/ folder"
    )


def setup(cwd: str | Path | None = None) -> Folders:
    """Find ``data/``, create the export folder, draw altair charts offline; returns
    ``(data, out)``."""
    import pandas as pd

    from explorer.views.offline import enable_offline_charts

    data = _find_data(Path(cwd or Path.cwd()).resolve())
    out = Path(os.environ.get("EXPLORER_OUT") or data.parent / "out")
    out.mkdir(parents=True, exist_ok=True)
    enable_offline_charts()
    pd.set_option("styler.format.na_rep", "")
    return Folders(data, out)


def show(frame: Any, rows: int = 30) -> Any:
    """The first ``rows`` rows of a DataFrame (or an EventTable's) for display: missing values
    blank, dates as dates, tuples of categories as words, text HTML-escaped and
    left-aligned."""
    import pandas as pd

    df = getattr(frame, "df", frame).head(rows).copy()
    for column in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[column]):
            df[column] = df[column].dt.date
        elif df[column].map(lambda v: isinstance(v, tuple | list)).any():
            df[column] = df[column].map(
                lambda v: ", ".join(map(str, v)) if isinstance(v, tuple | list) else v
            )
    styler = df.style.format(na_rep="", precision=2, escape="html")  # article text is data
    return styler.set_table_styles([{"selector": "th, td", "props": [("text-align", "left")]}])

"""Saving maps and charts without ever losing the previous file.

folium's ``Map.save()`` opens the target for writing before it renders the page, so a render
that fails (or a process killed mid-render) leaves an empty file where the last good map was.
Here the page is rendered to a string first and then written to a temporary file in the same
folder and renamed over the target (:func:`explorer.files.atomic_write`): the old file stays
whole until the new one is complete.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from explorer.errors import ConfigurationError
from explorer.files import atomic_write, atomic_write_text

__all__ = ["CHART_FORMATS", "save_chart", "save_map"]

CHART_FORMATS = ("html", "png", "svg")


def save_map(fmap: Any, path: str | Path) -> Path:
    """Write a folium map as one HTML page (see :mod:`explorer.views.offline` for its assets);
    ``path`` is replaced only once the page is complete."""
    page = fmap.get_root().render()
    target = Path(path)
    atomic_write_text(target, page)
    return target


def save_chart(
    chart: Any, path: str | Path, fmt: str | None = None, *, scale_factor: float = 2
) -> Path:
    """Write an altair chart as ``html`` (self-contained, :func:`chart_html`), ``png`` or
    ``svg`` (drawn by vl-convert, offline); the format comes from the suffix unless given."""
    from explorer.views.offline import chart_html

    target = Path(path)
    kind = (fmt or target.suffix.lstrip(".")).lower()
    if kind == "htm":
        kind = "html"
    if kind not in CHART_FORMATS:
        raise ConfigurationError(
            f"cannot save a chart as {kind!r}: use one of {', '.join(CHART_FORMATS)}"
        )
    if kind == "html":
        atomic_write_text(target, chart_html(chart))
        return target
    buffer: io.BytesIO | io.StringIO = io.BytesIO() if kind == "png" else io.StringIO()
    options = {"scale_factor": scale_factor} if kind == "png" else {}
    chart.save(buffer, format=kind, **options)
    data = buffer.getvalue()

    def write(tmp: Path) -> None:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")

    atomic_write(target, write)
    return target
